using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>Bounded hand-off from the evaluator to the dispatcher, so a slow receiver never stalls evaluation.</summary>
public sealed class NotificationQueue(IOptions<AlertingOptions> options)
{
    private readonly Channel<AlertNotification> channel = Channel.CreateBounded<AlertNotification>(
        new BoundedChannelOptions(options.Value.NotificationQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ValueTask EnqueueAsync(AlertNotification notification, CancellationToken cancellationToken) =>
        channel.Writer.WriteAsync(notification, cancellationToken);

    public IAsyncEnumerable<AlertNotification> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);
}
