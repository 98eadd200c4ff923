using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Spool;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Collector.Tests;

public sealed class SampleSpoolTests : IDisposable
{
    private readonly TempFolder folder = new("perfmon-spool-test");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Records_come_back_in_order_and_a_reopened_spool_replays_only_what_was_not_acknowledged()
    {
        IReadOnlyList<SpoolRecord> appended;
        using (var spool = Open())
        {
            appended = await spool.AppendAsync(SpoolContents.Payloads("a", "b", "c"), CancellationToken.None);
            await spool.AcknowledgeAsync([appended[1]], CancellationToken.None);
            Assert.Equal(2, spool.PendingRecords);
        }

        // As after a SIGKILL: nothing but the files survives.
        using var reopened = Open();
        var head = reopened.Head(10);

        Assert.Equal(2, reopened.Recovered);
        Assert.Equal(["a", "c"], await SpoolContents.ReadAllAsync(reopened, head));
    }

    [Fact]
    public async Task A_segment_is_deleted_once_every_record_in_it_is_acknowledged()
    {
        using var spool = Open(o => o.SegmentBytes = 1L << 16);
        var big = new string('x', 40_000);
        var first = await spool.AppendAsync(SpoolContents.Payloads(big), CancellationToken.None);
        var second = await spool.AppendAsync(SpoolContents.Payloads(big), CancellationToken.None);
        Assert.Equal(2, Directory.GetFiles(folder.Path, "*.seg").Length);

        await spool.AcknowledgeAsync([.. first, .. second], CancellationToken.None);
        await spool.AppendAsync(SpoolContents.Payloads("next"), CancellationToken.None);

        Assert.Single(Directory.GetFiles(folder.Path, "*.seg"));
        Assert.Equal(1, spool.PendingRecords);
        Assert.False(spool.Bytes > 1024, $"only the new segment should remain, but the spool holds {spool.Bytes} bytes");
    }

    [Fact]
    public async Task A_torn_tail_from_a_crash_mid_write_is_cut_off_and_the_intact_records_survive()
    {
        using (var spool = Open())
        {
            await spool.AppendAsync(SpoolContents.Payloads("kept-1", "kept-2"), CancellationToken.None);
        }
        var segment = Directory.GetFiles(folder.Path, "*.seg").Single();
        var intact = new FileInfo(segment).Length;
        await using (var file = new FileStream(segment, FileMode.Append))
        {
            // A record header promising 100 bytes, then only 3 of them.
            await file.WriteAsync(SpoolRecordFormat.Encode(new byte[100]).AsMemory(0, 11));
        }

        using var reopened = Open();

        Assert.Equal(["kept-1", "kept-2"], await SpoolContents.ReadAllAsync(reopened, reopened.Head(10)));
        Assert.Equal(intact, new FileInfo(segment).Length);
    }

    [Fact]
    public async Task A_record_whose_checksum_fails_ends_the_intact_part_of_its_segment()
    {
        using (var spool = Open())
        {
            await spool.AppendAsync(SpoolContents.Payloads("good", "flipped", "after"), CancellationToken.None);
        }
        var segment = Directory.GetFiles(folder.Path, "*.seg").Single();
        var bytes = await File.ReadAllBytesAsync(segment);
        var at = Encoding.UTF8.GetString(bytes).IndexOf("flipped", StringComparison.Ordinal);
        bytes[at] ^= 0xFF;
        await File.WriteAllBytesAsync(segment, bytes);

        using var reopened = Open();

        Assert.Equal(["good"], await SpoolContents.ReadAllAsync(reopened, reopened.Head(10)));
    }

    [Fact]
    public async Task A_full_spool_refuses_with_the_configured_retry_after()
    {
        using var spool = Open(o =>
        {
            o.MaxBytes = 1L << 20;
            o.SegmentBytes = 1L << 20;
            o.RetryAfter = TimeSpan.FromSeconds(7);
        });
        await spool.AppendAsync(SpoolContents.Payloads(new string('x', 900_000)), CancellationToken.None);

        var full = await Assert.ThrowsAsync<SpoolFullException>(() => spool.AppendAsync(SpoolContents.Payloads(new string('y', 200_000)), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(7), full.RetryAfter);
        Assert.Equal(1, spool.PendingRecords);
    }

    [Theory]
    [InlineData(FsyncPolicy.Always)]
    [InlineData(FsyncPolicy.Interval)]
    [InlineData(FsyncPolicy.Never)]
    public async Task Every_fsync_policy_keeps_records_across_a_reopen(FsyncPolicy policy)
    {
        using (var spool = Open(o => o.Fsync = policy))
        {
            await spool.AppendAsync(SpoolContents.Payloads("one"), CancellationToken.None);
            await spool.AppendAsync(SpoolContents.Payloads("two"), CancellationToken.None);
        }

        using var reopened = Open(o => o.Fsync = policy);

        Assert.Equal(["one", "two"], await SpoolContents.ReadAllAsync(reopened, reopened.Head(10)));
    }

    [Fact]
    public async Task Concurrent_appends_share_disk_flushes_and_every_one_is_kept()
    {
        using (var spool = Open())
        {
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => spool.AppendAsync(SpoolContents.Payloads($"r{i}"), CancellationToken.None))));
            Assert.Equal(200, spool.PendingRecords);
        }

        using var reopened = Open();

        var values = await SpoolContents.ReadAllAsync(reopened, reopened.Head(1_000));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"r{i}").Order(), values.Order());
    }

    private SampleSpool Open(Action<SpoolOptions>? configure = null)
    {
        var options = new SpoolOptions { Path = folder.Path };
        configure?.Invoke(options);
        return new SampleSpool(Options.Create(options), NullLogger<SampleSpool>.Instance);
    }
}
