using System.Buffers.Binary;

namespace PerfMonitor.Contracts.Wire;

/// <summary>
/// How a perfmon.samples.v1 record is placed: a series always lands on partition <c>series id mod partitions</c>, so
/// one consumer sees all of a series' samples in order, and the record's key is the first sample's series id, 8 bytes
/// big-endian. The collector writes records so, and every tool that writes them as the collector would.
/// </summary>
public static class SampleRecordKey
{
    public static int PartitionOf(ulong seriesId, int partitions) => (int)(seriesId % (ulong)partitions);

    public static byte[] Of(ulong seriesId)
    {
        var key = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(key, seriesId);
        return key;
    }
}
