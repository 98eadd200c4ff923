using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using PerfMonitor.Contracts;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Collector.Tests.Support;

/// <summary>
/// A Kafka-protocol broker that refuses produce requests when told to: librdkafka's mock cluster, as the embedded
/// broker is, with the error injection librdkafka's mock API offers (the hosting library does not expose it). Real
/// protocol errors for real clients; PerfMonitor's topics with <see cref="KafkaFixture.Partitions"/> partitions.
/// </summary>
public sealed class RefusingKafka : IDisposable
{
    private const string Library = "librdkafka";
    private const int ProducerType = 0;
    private const short ProduceApiKey = 0;
    private readonly IntPtr handle;
    private readonly IntPtr cluster;

    static RefusingKafka() => NativeLibrary.SetDllImportResolver(typeof(RefusingKafka).Assembly, Resolve);

    public RefusingKafka()
    {
        var error = new byte[512];
        handle = rd_kafka_new(ProducerType, rd_kafka_conf_new(), error, (nuint)error.Length);
        cluster = handle == IntPtr.Zero ? IntPtr.Zero : rd_kafka_mock_cluster_new(handle, 1);
        if (cluster == IntPtr.Zero)
        {
            throw new InvalidOperationException("librdkafka could not host a mock cluster: " + Encoding.UTF8.GetString(error).TrimEnd('\0'));
        }
        BootstrapServers = Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(cluster))!;
        foreach (var topic in Topics.All)
        {
            if (rd_kafka_mock_topic_create(cluster, topic, KafkaFixture.Partitions, 1) != 0)
            {
                throw new InvalidOperationException($"The mock cluster could not create {topic}.");
            }
        }
    }

    public string BootstrapServers { get; }

    /// <summary>
    /// The next <paramref name="times"/> produce requests to the partition are answered with <paramref name="error"/>.
    /// Call it before clients connect: the mock cluster serves these calls between its network polls, up to a second apart.
    /// </summary>
    public void RefuseProduce(string topic, int partition, ErrorCode error, int times)
    {
        for (var i = 0; i < times; i++)
        {
            if (rd_kafka_mock_partition_push_request_errors(cluster, topic, partition, ProduceApiKey, 1, (int)error) != 0)
            {
                throw new InvalidOperationException($"The mock cluster has no partition {topic}/{partition}.");
            }
        }
    }

    public void Dispose()
    {
        rd_kafka_mock_cluster_destroy(cluster);
        rd_kafka_destroy(handle);
    }

    /// <summary>The same native library Confluent.Kafka loads: its plain build needs libsasl2.so.3 (Debian lacks it), its centos8 build does not.</summary>
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var native = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier.StartsWith("linux-arm64", StringComparison.Ordinal) ? "linux-arm64" : "linux-x64", "native");
        IntPtr loaded = default;
        return name == Library && (NativeLibrary.TryLoad(Path.Combine(native, "librdkafka.so"), out loaded) || NativeLibrary.TryLoad(Path.Combine(native, "centos8-librdkafka.so"), out loaded))
            ? loaded
            : IntPtr.Zero;
    }

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_conf_new();

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, nuint errstrSize);

    [DllImport(Library)]
    private static extern void rd_kafka_destroy(IntPtr rk);

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [DllImport(Library)]
    private static extern void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [DllImport(Library)]
    private static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [DllImport(Library)]
    private static extern int rd_kafka_mock_topic_create(IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    // Variadic in C (the errors follow the count); one error per call goes where the x86-64 and AArch64 Linux
    // calling conventions put the first variadic int, the register after the fixed arguments.
    [DllImport(Library)]
    private static extern int rd_kafka_mock_partition_push_request_errors(
        IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partition, short apiKey, nuint count, int error);
}
