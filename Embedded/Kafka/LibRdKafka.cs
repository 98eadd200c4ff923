using System.Reflection;
using System.Runtime.InteropServices;

namespace PerfMonitor.Embedded.Kafka;

/// <summary>
/// The parts of librdkafka's C API that host a mock cluster. Confluent.Kafka does not expose them, so they are
/// called directly on the same native library Confluent.Kafka ships.
/// </summary>
internal static partial class LibRdKafka
{
    private const string Library = "librdkafka";

    static LibRdKafka() => NativeLibrary.SetDllImportResolver(typeof(LibRdKafka).Assembly, Resolve);

    /// <summary>Touching any member runs the static constructor that installs the resolver.</summary>
    public static void EnsureResolver()
    {
    }

    /// <summary>The native library the resolver loaded, for the log.</summary>
    public static string? LoadedFrom { get; private set; }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] errstr, UIntPtr errstrSize);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, UIntPtr errstrSize);

    [LibraryImport(Library)]
    public static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_partition_delete_records(IntPtr cluster, string topic, int partition, long beforeOffset);

    [LibraryImport(Library)]
    public static partial int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [LibraryImport(Library)]
    public static partial int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);

    [LibraryImport(Library)]
    public static partial IntPtr rd_kafka_err2str(int error);

    [LibraryImport(Library)]
    public static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);

    // Variadic in C (the errors follow the count); one error per call goes where the x86-64 and AArch64 Linux
    // calling conventions put the first variadic int, the register after the fixed arguments.
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_partition_push_request_errors(IntPtr cluster, string topic, int partition, short apiKey, UIntPtr count, int error);

    // Variadic in C too: one (error, round-trip ms) pair per call, in the two registers after the fixed arguments.
    [LibraryImport(Library)]
    public static partial int rd_kafka_mock_broker_push_request_error_rtts(IntPtr cluster, int brokerId, short apiKey, UIntPtr count, int error, int rttMs);

    /// <summary>
    /// The package's plain librdkafka.so needs libsasl2.so.3, which Debian lacks; Confluent.Kafka falls back to the
    /// centos8 build in the same folder, and so does this resolver.
    /// </summary>
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        var folder = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier.StartsWith("linux-arm64", StringComparison.Ordinal) ? "linux-arm64" : "linux-x64", "native");
        foreach (var candidate in new[] { "librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so" })
        {
            if (NativeLibrary.TryLoad(Path.Combine(folder, candidate), out var handle))
            {
                LoadedFrom = Path.Combine(folder, candidate);
                return handle;
            }
        }
        return IntPtr.Zero;
    }
}
