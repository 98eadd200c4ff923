using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Client;

/// <summary>
/// The bounded buffer between recording code and the shipper. Recording never blocks: when the buffer is full
/// the new sample is dropped and counted in <see cref="Dropped"/>.
/// </summary>
public sealed class SampleBuffer(IOptions<PerfMonitorClientOptions> options)
{
    private readonly Channel<Sample> channel = Channel.CreateBounded<Sample>(
        new BoundedChannelOptions(options.Value.BufferCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private long dropped;

    public long Dropped => Interlocked.Read(ref dropped);

    public ChannelReader<Sample> Reader => channel.Reader;

    public void Add(Sample sample)
    {
        if (!channel.Writer.TryWrite(sample))
        {
            Interlocked.Increment(ref dropped);
        }
    }

    public void Complete() => channel.Writer.TryComplete();
}
