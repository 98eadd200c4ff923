using Confluent.Kafka;
using PerfMonitor.Collector.Backpressure;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Spool;

namespace PerfMonitor.Collector.Tests;

public sealed class RetryableFailureTests
{
    [Fact]
    public void A_full_spool_or_a_Kafka_failure_is_worth_a_retry_and_anything_else_is_not()
    {
        Assert.True(RetryableFailure.Is(new SpoolFullException(10, 10, TimeSpan.FromSeconds(3))));
        Assert.True(RetryableFailure.Is(new AggregateException(new KafkaException(ErrorCode.Local_AllBrokersDown))));
        Assert.False(RetryableFailure.Is(new InvalidOperationException("a bug")));
        Assert.False(RetryableFailure.Is(new ArgumentException("bad input")));
    }
}
