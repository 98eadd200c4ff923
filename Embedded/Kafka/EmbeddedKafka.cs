using System.Runtime.InteropServices;
using System.Text;

namespace PerfMonitor.Embedded.Kafka;

/// <summary>
/// A Kafka-protocol broker inside this process: librdkafka's mock cluster, reachable by any Kafka client at
/// <see cref="BootstrapServers"/>. It keeps everything in memory (5 MiB and 100k batches per partition, oldest
/// dropped silently), cannot CreateTopics over the protocol, and dies with the process that hosts it.
/// </summary>
public sealed class EmbeddedKafka : IAsyncDisposable
{
    private const int ProducerType = 0;
    private const int BrokerId = 1;
    private const short ProduceApiKey = 0;
    private const short ListOffsetsApiKey = 2;
    private readonly IntPtr handle;
    private readonly IntPtr cluster;
    private int disposed;

    private EmbeddedKafka(IntPtr handle, IntPtr cluster)
    {
        this.handle = handle;
        this.cluster = cluster;
        BootstrapServers = Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap address.");
    }

    public string BootstrapServers { get; }

    public bool IsUp { get; private set; } = true;

    /// <summary>Where librdkafka was loaded from (the package's plain build needs libsasl2, which Debian lacks).</summary>
    public static string? LibraryPath => LibRdKafka.LoadedFrom;

    public static EmbeddedKafka Start()
    {
        LibRdKafka.EnsureResolver();
        var error = new byte[512];
        var conf = LibRdKafka.rd_kafka_conf_new();
        // The hosting handle itself talks to nobody; keep its own logging quiet.
        LibRdKafka.rd_kafka_conf_set(conf, "log_level", "3", error, (UIntPtr)error.Length);
        var handle = LibRdKafka.rd_kafka_new(ProducerType, conf, error, (UIntPtr)error.Length);
        if (handle == IntPtr.Zero)
        {
            throw new InvalidOperationException("librdkafka could not create a handle: " + Encoding.UTF8.GetString(error).TrimEnd('\0'));
        }

        var cluster = LibRdKafka.rd_kafka_mock_cluster_new(handle, 1);
        if (cluster == IntPtr.Zero)
        {
            LibRdKafka.rd_kafka_destroy(handle);
            throw new InvalidOperationException("librdkafka could not create a mock cluster.");
        }
        return new EmbeddedKafka(handle, cluster);
    }

    public void CreateTopic(string topic, int partitions)
    {
        var error = LibRdKafka.rd_kafka_mock_topic_create(cluster, topic, partitions, 1);
        if (error != 0)
        {
            throw new InvalidOperationException($"Creating topic {topic}: {Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_err2str(error))}");
        }
    }

    /// <summary>
    /// Deletes a partition's records before <paramref name="offset"/>, as Kafka's DeleteRecords does (the mock cluster
    /// does not serve that request): whole batches below it are freed and the partition's start moves to it.
    /// </summary>
    public void DeleteRecordsBefore(string topic, int partition, long offset) =>
        ThrowOnError(LibRdKafka.rd_kafka_mock_partition_delete_records(cluster, topic, partition, offset), $"Deleting records of {topic}[{partition}]");

    /// <summary>
    /// How long the group coordinator waits for more members before it assigns the partitions of a group that has
    /// none (a broker's group.initial.rebalance.delay.ms, 3 s unless set). Each start of a consumer in an empty group
    /// waits it out; members that join within it share the first assignment.
    /// </summary>
    public void SetGroupInitialRebalanceDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        LibRdKafka.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster, checked((int)delay.TotalMilliseconds));
    }

    /// <summary>An outage: connections are refused until <see cref="SetUp"/>; the data is kept.</summary>
    public void SetDown()
    {
        ThrowOnError(LibRdKafka.rd_kafka_mock_broker_set_down(cluster, BrokerId), "Setting the broker down");
        IsUp = false;
    }

    public void SetUp()
    {
        ThrowOnError(LibRdKafka.rd_kafka_mock_broker_set_up(cluster, BrokerId), "Setting the broker up");
        IsUp = true;
    }

    private static void ThrowOnError(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"{what}: {Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_err2str(error))}");
        }
    }

    /// <summary>
    /// A fault: the next <paramref name="times"/> produce requests to the partition are answered with the Kafka error
    /// code <paramref name="error"/>. The cluster serves this between its network polls, up to a second apart, so call
    /// it before clients connect.
    /// </summary>
    public void RefuseProduce(string topic, int partition, int error, int times)
    {
        for (var i = 0; i < times; i++)
        {
            if (LibRdKafka.rd_kafka_mock_partition_push_request_errors(cluster, topic, partition, ProduceApiKey, 1, error) != 0)
            {
                throw new InvalidOperationException($"The mock cluster has no partition {topic}/{partition}.");
            }
        }
    }

    /// <summary>
    /// A slow broker: the answers to the next <paramref name="times"/> ListOffsets requests (a consumer looking up where
    /// a partition begins or ends, e.g. for auto.offset.reset) are held for <paramref name="delay"/>, then given as usual.
    /// </summary>
    public void DelayOffsetLookups(TimeSpan delay, int times)
    {
        for (var i = 0; i < times; i++)
        {
            ThrowOnError(
                LibRdKafka.rd_kafka_mock_broker_push_request_error_rtts(cluster, BrokerId, ListOffsetsApiKey, 1, 0, checked((int)delay.TotalMilliseconds)),
                "Delaying ListOffsets answers");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return ValueTask.CompletedTask;
        }
        LibRdKafka.rd_kafka_mock_cluster_destroy(cluster);
        LibRdKafka.rd_kafka_destroy(handle);
        return ValueTask.CompletedTask;
    }
}
