using PerfMonitor.Alerting.Slos;

namespace PerfMonitor.Alerting.Tests.Slos;

/// <summary>Budget arithmetic against cases worked out by hand.</summary>
public sealed class ErrorBudgetTests
{
    [Theory]
    // 99.9 %: budget 0.1 % of events. 5 bad in 10,000 = 0.05 %: burn 0.5, half the budget left.
    [InlineData(99.9, 5, 10_000, 0.5, 0.5)]
    // 99 %: budget 1 %. 25 bad in 10,000 = 0.25 %: burn 0.25, three quarters left.
    [InlineData(99, 25, 10_000, 0.25, 0.75)]
    // 99.9 %: 36 bad in 2,500 = 1.44 %: burn 14.4 (the page factor), the budget 13.4 times overspent.
    [InlineData(99.9, 36, 2_500, 14.4, -13.4)]
    public void Burn_rate_and_remaining_budget_follow_from_the_error_ratio(double objective, double bad, double total, double burn, double remaining)
    {
        var errorRatio = bad / total;

        Assert.Equal(burn, ErrorBudget.BurnRate(errorRatio, objective), 9);
        Assert.Equal(remaining, ErrorBudget.Remaining(errorRatio, objective), 9);
    }
}
