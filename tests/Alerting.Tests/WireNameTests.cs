using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Tests;

/// <summary>The enums read at the API's edge keep the exact strings the JSON, gRPC and PostgreSQL forms have always used.</summary>
public sealed class WireNameTests
{
    [Fact]
    public void Every_closed_set_is_written_as_before()
    {
        Assert.Equal(["threshold", "anomaly", "health", "absence", "expr"], WireName<RuleKind>.All);
        Assert.Equal(["avg", "min", "max", "sum", "count", "p50", "p95", "p99", "rate", "ratio"], WireName<RuleAggregation>.All);
        Assert.Equal(["greater_than", "less_than", "equals", "not_equals", "greater_or_equal", "less_or_equal"], WireName<RuleCondition>.All);
        Assert.Equal(["info", "warning", "error", "critical"], WireName<Severity>.All);
        Assert.Equal(["json", "slack", "alertmanager", "alertmanager_api"], WireName<PayloadFormat>.All);
        Assert.Equal(["inactive", "pending", "firing", "resolved"], WireName<AlertState>.All);
    }

    [Theory]
    [InlineData("not_equals", true)]
    [InlineData("Not_Equals", false)]
    [InlineData("NotEqualTo", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Names_are_read_exactly_as_written(string? text, bool known)
    {
        Assert.Equal(known, WireName<RuleCondition>.TryParse(text, out var condition));
        Assert.Equal(known ? RuleCondition.NotEqualTo : default, condition);
    }

    [Fact]
    public void A_stored_name_this_service_does_not_know_is_refused_as_damaged_data()
    {
        Assert.Throws<InvalidDataException>(() => WireName<PayloadFormat>.Parse("xml"));
    }
}
