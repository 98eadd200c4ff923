using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Confluent.Kafka;

namespace PerfMonitor.ServiceDefaults.Tests.Consuming;

/// <summary>
/// A real consumer seen through a proxy that notes, for every poll that may wait (a timeout above zero), whether it ran on
/// a thread-pool thread; every call goes on to the real consumer unchanged. librdkafka's own threads and callbacks do
/// not say which thread waited in a poll, so this is how a test sees it.
/// </summary>
public class PollRecordingConsumer : DispatchProxy
{
    private IConsumer<byte[], byte[]> inner = null!;

    /// <summary>One entry per waiting poll: true when it held a thread-pool thread while it waited.</summary>
    public ConcurrentQueue<bool> WaitsOnThreadPool { get; } = new();

    /// <summary>One entry per waiting poll: true when it returned a record.</summary>
    public ConcurrentQueue<bool> WaitsThatFoundRecords { get; } = new();

    public static (IConsumer<byte[], byte[]> Consumer, PollRecordingConsumer Recorder) Wrap(IConsumer<byte[], byte[]> consumer)
    {
        var proxy = Create<IConsumer<byte[], byte[]>, PollRecordingConsumer>();
        var recorder = (PollRecordingConsumer)(object)proxy;
        recorder.inner = consumer;
        return (proxy, recorder);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var waiting = targetMethod.Name == nameof(IConsumer<byte[], byte[]>.Consume) && args is [TimeSpan timeout] && timeout > TimeSpan.Zero;
        if (waiting)
        {
            WaitsOnThreadPool.Enqueue(Thread.CurrentThread.IsThreadPoolThread);
        }
        try
        {
            var result = targetMethod.Invoke(inner, args);
            if (waiting)
            {
                WaitsThatFoundRecords.Enqueue(result is ConsumeResult<byte[], byte[]> { Message: not null });
            }
            return result;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
