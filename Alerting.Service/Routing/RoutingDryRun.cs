namespace PerfMonitor.Alerting.Routing;

/// <summary>The dry run REST and gRPC share: the routes an alert with these labels reaches now, with their effective timings.</summary>
public sealed class RoutingDryRun(RoutingCache cache, GroupTimings timings, TimeProvider clock)
{
    public async Task<DryRunResult> RunAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        await cache.RefreshAsync(cancellationToken);
        var tree = cache.Tree;
        var now = clock.GetUtcNow();
        var routes = tree.Match(labels).Select(route => new DryRunRoute(
            route.Options.Receiver, route.Key, route.Options.GroupByAll ? ["..."] : [.. route.Options.GroupBy.Order(StringComparer.Ordinal)],
            route.GroupLabels(labels), Rules.Duration.Format(timings.GroupWait(route, labels)), Rules.Duration.Format(timings.GroupInterval(route)),
            Rules.Duration.Format(timings.RepeatInterval(route)), tree.IsMuted(route, now))
        {
            EscalateAfter = route.Options.Escalation is { } escalation ? Rules.Duration.Format(escalation.After) : null,
            EscalateTo = route.Options.Escalation?.Receiver,
        }).ToList();
        return new DryRunResult([.. routes.Select(r => r.Receiver).Distinct()], routes);
    }

    /// <summary>Null when every label name is valid, else the first bad one's field and reason.</summary>
    public static (string Field, string Reason)? Check(IReadOnlyDictionary<string, string> labels) =>
        labels.Keys.FirstOrDefault(name => !Rules.RuleValidator.LabelName().IsMatch(name)) is { } bad ? ($"labels.{bad}", "is not a label name") : null;
}
