using PerfMonitor.Collector.Collectors.Host;

namespace PerfMonitor.Collector.Tests;

public sealed class ProcParsersTests
{
    [Fact]
    public void The_aggregate_cpu_line_gives_seconds_per_mode_and_per_cpu_lines_are_ignored()
    {
        const string stat = """
            cpu  10132153 290696 3084719 46828483 16683 0 25195 0 175628 0
            cpu0 1393280 32966 572056 13343292 6130 0 17875 0 23933 0
            intr 1462898 0 0
            """;

        var cpu = ProcParsers.ParseCpu(stat)!;

        Assert.Equal(101321.53, cpu.SecondsByMode["user"], 6);
        Assert.Equal(468284.83, cpu.SecondsByMode["idle"], 6);
        Assert.Equal(251.95, cpu.SecondsByMode["softirq"], 6);
        Assert.Equal(8, cpu.SecondsByMode.Count);
    }

    [Fact]
    public void Cpu_usage_is_the_busy_share_of_the_time_between_two_readings()
    {
        var before = ProcParsers.ParseCpu("cpu  100 0 100 700 100 0 0 0 0 0\n")!;
        var after = ProcParsers.ParseCpu("cpu  250 0 150 900 100 0 0 0 0 0\n")!;

        Assert.Equal(50.0, after.UsagePercentSince(before)!.Value, 6);
        Assert.Null(after.UsagePercentSince(after));
    }

    [Fact]
    public void Load_average_has_three_windows()
    {
        Assert.Equal((0.52, 1.25, 3.5), ProcParsers.ParseLoadAverage("0.52 1.25 3.50 2/1024 12345\n"));
        Assert.Null(ProcParsers.ParseLoadAverage(""));
    }

    [Fact]
    public void Meminfo_values_are_converted_from_kibibytes_to_bytes()
    {
        const string meminfo = """
            MemTotal:       16303428 kB
            MemFree:         1234567 kB
            MemAvailable:    8151714 kB
            SwapTotal:       2097148 kB
            SwapFree:        2097148 kB
            HugePages_Total:       0
            """;

        var memory = ProcParsers.ParseMemInfo(meminfo);

        Assert.Equal(16303428L * 1024, memory["MemTotal"]);
        Assert.Equal(8151714L * 1024, memory["MemAvailable"]);
        Assert.Equal(2097148L * 1024, memory["SwapFree"]);
        Assert.Equal(0, memory["HugePages_Total"]);
    }

    [Fact]
    public void Diskstats_give_bytes_read_and_written_from_512_byte_sectors_without_loop_devices()
    {
        const string diskstats = """
               7       0 loop0 52 0 2138 14 0 0 0 0 0 40 14 0 0 0 0 0 0
               8       0 sda 120467 31640 9518962 53248 402411 402745 21305736 540210 0 329672 614300 0 0 0 0 0 0
               8       1 sda1 120300 31640 9514002 53200 402411 402745 21305736 540210 0 329600 593410 0 0 0 0 0 0
            """;

        var devices = ProcParsers.ParseDiskStats(diskstats);

        Assert.Equal(["sda", "sda1"], devices.Select(d => d.Device));
        Assert.Equal(9518962L * 512, devices[0].ReadBytes);
        Assert.Equal(21305736L * 512, devices[0].WrittenBytes);
    }

    [Fact]
    public void Net_dev_gives_received_and_transmitted_bytes_per_interface()
    {
        const string netdev = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo: 8482436   57023    0    0    0     0          0         0  8482436   57023    0    0    0     0       0          0
              eth0:1234567890 987654    0    0    0     0          0         0 98765432  123456    0    0    0     0       0          0
            """;

        var interfaces = ProcParsers.ParseNetDev(netdev);

        Assert.Equal([("lo", 8482436L, 8482436L), ("eth0", 1234567890L, 98765432L)], interfaces);
    }
}
