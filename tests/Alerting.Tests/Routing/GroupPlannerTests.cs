using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Grouping;
using PerfMonitor.Alerting.Routing;

namespace PerfMonitor.Alerting.Tests.Routing;

/// <summary>When a group is due: group wait (none by default for critical), group interval, repeat interval, time intervals.</summary>
public sealed class GroupPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly GroupPlanner planner = new(new GroupTimings(Options.Create(new RoutingOptions())));

    [Fact]
    public void A_new_critical_group_is_due_at_once_and_a_warning_one_after_the_default_group_wait()
    {
        var tree = Tree("route:\n  receiver: team\n  group_by: [alertname]\n");
        var states = new Dictionary<string, GroupState>();

        var critical = planner.Plan(tree, [Alert("a", "Critical1", "critical")], states, new HashSet<string>(), Now);
        var warning = planner.Plan(tree, [Alert("b", "Warning1", "warning")], states, new HashSet<string>(), Now);
        var warningLater = planner.Plan(tree, [Alert("b", "Warning1", "warning")], Stored(warning), new HashSet<string>(), Now.AddSeconds(30));

        Assert.Single(critical, f => f.Notice is not null);
        Assert.DoesNotContain(warning, f => f.Notice is not null);
        Assert.Single(warningLater, f => f.Notice is not null);
    }

    [Fact]
    public void A_sent_group_repeats_after_the_repeat_interval_and_reports_a_new_alert_after_the_group_interval()
    {
        var tree = Tree("route:\n  receiver: team\n  group_by: [alertname]\n  group_interval: 1m\n  repeat_interval: 1h\n");
        var first = planner.Plan(tree, [Alert("a", "Disk", "critical")], new Dictionary<string, GroupState>(), new HashSet<string>(), Now);
        var states = Sent(first, Now);

        Assert.Empty(planner.Plan(tree, [Alert("a", "Disk", "critical")], states, new HashSet<string>(), Now.AddMinutes(59)));
        Assert.Single(planner.Plan(tree, [Alert("a", "Disk", "critical")], states, new HashSet<string>(), Now.AddHours(1)));
        Assert.DoesNotContain(planner.Plan(tree, [Alert("a", "Disk", "critical"), Alert("b", "Disk", "critical")], states, new HashSet<string>(), Now.AddSeconds(30)), f => f.Notice is not null);
        var grown = Assert.Single(planner.Plan(tree, [Alert("a", "Disk", "critical"), Alert("b", "Disk", "critical")], states, new HashSet<string>(), Now.AddMinutes(1)));
        Assert.Equal(2, grown.Notice!.Firing.Count);
    }

    [Fact]
    public void A_group_whose_last_notification_is_still_in_the_outbox_waits_for_it()
    {
        var tree = Tree("route:\n  receiver: team\n  group_by: [alertname]\n  group_interval: 1s\n");
        var first = planner.Plan(tree, [Alert("a", "Disk", "critical")], new Dictionary<string, GroupState>(), new HashSet<string>(), Now);
        var states = Sent(first, Now);

        var flushes = planner.Plan(tree, [Alert("a", "Disk", "critical"), Alert("b", "Disk", "critical")], states, new HashSet<string>(states.Keys), Now.AddMinutes(1));

        Assert.DoesNotContain(flushes, f => f.Notice is not null);
    }

    [Fact]
    public void An_alert_that_joins_and_resolves_while_its_group_waits_is_reported_resolved_in_the_next_notification_once()
    {
        var tree = Tree("route:\n  receiver: team\n  group_by: [alertname]\n  group_interval: 1s\n");
        var states = Sent(planner.Plan(tree, [Alert("a", "Disk", "critical")], new Dictionary<string, GroupState>(), new HashSet<string>(), Now), Now);
        var resolvedB = Resolved(Alert("b", "Disk", "critical"), Now.AddMinutes(2));

        var waiting = planner.Plan(tree, [Alert("a", "Disk", "critical"), Alert("b", "Disk", "critical")], states, new HashSet<string>(states.Keys), Now.AddMinutes(1));
        // Checked before the group's next notification clears it (the planner works on the stored state).
        var recorded = waiting.Any(f => f.Notice is null && f.State.Joined.ContainsKey("b"));
        var next = planner.Plan(tree, [Alert("a", "Disk", "critical"), resolvedB], states, new HashSet<string>(), Now.AddMinutes(3));
        var after = planner.Plan(tree, [Alert("a", "Disk", "critical"), resolvedB], Sent(next, Now.AddMinutes(3)), new HashSet<string>(), Now.AddMinutes(4));

        Assert.True(recorded, "the joined alert was stored while its group waited");
        var notice = Assert.Single(next, f => f.Notice is not null).Notice!;
        Assert.Equal(["a"], notice.Firing.Select(m => m.Fingerprint));
        Assert.Equal(["b"], notice.Resolved.Select(m => m.Fingerprint));
        Assert.Equal(Now.AddMinutes(2), notice.Resolved[0].EndsAt);
        Assert.DoesNotContain(after, f => f.Notice is not null);
    }

    [Fact]
    public void A_group_that_never_sent_and_whose_alerts_all_resolved_is_forgotten_unsent()
    {
        var tree = Tree("route:\n  receiver: team\n  group_by: [alertname]\n");
        var states = Stored(planner.Plan(tree, [Alert("a", "Disk", "warning")], new Dictionary<string, GroupState>(), new HashSet<string>(), Now));
        planner.Plan(tree, [Alert("a", "Disk", "warning")], states, new HashSet<string>(), Now.AddSeconds(5));

        var flushes = planner.Plan(tree, [Resolved(Alert("a", "Disk", "warning"), Now.AddSeconds(10))], states, new HashSet<string>(), Now.AddMinutes(1));

        var flush = Assert.Single(flushes);
        Assert.True(flush.Forget);
        Assert.Null(flush.Notice);
    }

    [Fact]
    public void A_route_inside_its_mute_time_interval_sends_nothing_and_outside_its_active_one_neither()
    {
        var tree = Tree("""
            route:
              receiver: team
              routes:
              - matchers: [team="db"]
                mute_time_intervals: [weekends]
              - matchers: [team="web"]
                active_time_intervals: [office]
            time_intervals:
            - name: weekends
              time_intervals:
              - weekdays: [saturday, sunday]
            - name: office
              time_intervals:
              - weekdays: ['monday:friday']
                times: [{start_time: '09:00', end_time: '17:00'}]
                location: Europe/Berlin
            """);
        var saturday = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        var wednesdayNight = new DateTimeOffset(2026, 12, 2, 20, 0, 0, TimeSpan.Zero);
        var wednesdayMorning = new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero);

        Assert.DoesNotContain(planner.Plan(tree, [Alert("a", "Db", "critical", ("team", "db"))], new Dictionary<string, GroupState>(), new HashSet<string>(), saturday), f => f.Notice is not null);
        Assert.Contains(planner.Plan(tree, [Alert("a", "Db", "critical", ("team", "db"))], new Dictionary<string, GroupState>(), new HashSet<string>(), wednesdayNight), f => f.Notice is not null);
        Assert.DoesNotContain(planner.Plan(tree, [Alert("b", "Web", "critical", ("team", "web"))], new Dictionary<string, GroupState>(), new HashSet<string>(), wednesdayNight), f => f.Notice is not null);
        Assert.Contains(planner.Plan(tree, [Alert("b", "Web", "critical", ("team", "web"))], new Dictionary<string, GroupState>(), new HashSet<string>(), wednesdayMorning), f => f.Notice is not null);
    }

    [Fact]
    public void A_silenced_or_inhibited_alert_joins_no_group()
    {
        var tree = Tree("route:\n  receiver: team\n");

        var flushes = planner.Plan(tree, [Alert("a", "Disk", "critical") with { Silenced = true }, Alert("b", "Disk", "critical") with { InhibitedBy = "Down (x)" }],
            new Dictionary<string, GroupState>(), new HashSet<string>(), Now);

        Assert.Empty(flushes);
    }

    private static RoutingTree Tree(string yaml)
    {
        var (config, error) = RoutingConfigReader.ReadYaml(yaml);
        Assert.Null(error);
        var (tree, errors) = RoutingCompiler.Compile(config!, new HashSet<string> { "team" });
        Assert.Empty(errors);
        return tree!;
    }

    private static RoutedAlert Alert(string fingerprint, string alertname, string severity, params (string Name, string Value)[] extra)
    {
        var labels = new Dictionary<string, string> { ["alertname"] = alertname, ["severity"] = severity };
        foreach (var (name, value) in extra)
        {
            labels[name] = value;
        }
        return new RoutedAlert(new GroupMember(fingerprint, Guid.Empty, 1, labels, [], 1, Now, null, ""), Firing: true, Silenced: false, Routed: true, InhibitedBy: null);
    }

    private static RoutedAlert Resolved(RoutedAlert alert, DateTimeOffset at) => alert with { Firing = false, Member = alert.Member with { EndsAt = at } };

    private static Dictionary<string, GroupState> Stored(IReadOnlyList<GroupFlush> flushes) => flushes.DistinctBy(f => f.State.Key).ToDictionary(f => f.State.Key, f => f.State);

    private static Dictionary<string, GroupState> Sent(IReadOnlyList<GroupFlush> flushes, DateTimeOffset at)
    {
        foreach (var flush in flushes.Where(f => f.Notice is not null))
        {
            flush.State.LastSentAt = at;
            flush.State.Sent = flush.Notice!.Firing.ToDictionary(m => m.Fingerprint, StringComparer.Ordinal);
            flush.State.Joined = new(StringComparer.Ordinal);
        }
        return Stored(flushes);
    }
}
