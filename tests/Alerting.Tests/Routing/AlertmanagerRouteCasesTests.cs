using PerfMonitor.Alerting.Routing;

namespace PerfMonitor.Alerting.Tests.Routing;

/// <summary>
/// The route-matching cases of Alertmanager's dispatch/route_test.go (TestRouteMatch, TestRouteMatchers,
/// TestRouteMatchersAndMatch, TestRouteWalk, TestInheritParentGroupByAll; prometheus/alertmanager at 68fb2d5): the same
/// route trees and label sets, and the receivers and options Alertmanager chooses, written as our own data.
/// </summary>
public sealed class AlertmanagerRouteCasesTests
{
    private static readonly HashSet<string> Receivers = ["notify-def", "notify-A", "notify-testing", "notify-productionA", "notify-productionB", "notify-BC"];

    /// <summary>TestRouteMatch's tree: match and match_re.</summary>
    private const string MatchTree = """
        receiver: 'notify-def'
        routes:
        - match:
            owner: 'team-A'
          receiver: 'notify-A'
          routes:
          - match:
              env: 'testing'
            receiver: 'notify-testing'
            group_by: [...]
          - match:
              env: "production"
            receiver: 'notify-productionA'
            group_wait: 1m
            continue: true
          - match_re:
              env: "produ.*"
              job: ".*"
            receiver: 'notify-productionB'
            group_wait: 30s
            group_interval: 5m
            repeat_interval: 1h
            group_by: ['job']
        - match_re:
            owner: 'team-(B|C)'
          group_by: ['foo', 'bar']
          group_wait: 2m
          receiver: 'notify-BC'
        - match:
            group_by: 'role'
          group_by: ['role']
          routes:
          - match:
              env: 'testing'
            receiver: 'notify-testing'
            routes:
            - match:
                wait: 'long'
              group_wait: 2m
        """;

    /// <summary>TestRouteMatchers's tree: the same routes with matchers in text form.</summary>
    private const string MatchersTree = """
        receiver: 'notify-def'
        routes:
        - matchers: ['{owner="team-A"}', '{level!="critical"}']
          receiver: 'notify-A'
          routes:
          - matchers: ['{env="testing"}', '{baz!~".*quux"}']
            receiver: 'notify-testing'
            group_by: [...]
          - matchers: ['{env="production"}']
            receiver: 'notify-productionA'
            group_wait: 1m
            continue: true
          - matchers: [ env=~"produ.*", job=~".*"]
            receiver: 'notify-productionB'
            group_wait: 30s
            group_interval: 5m
            repeat_interval: 1h
            group_by: ['job']
        - matchers: [owner=~"team-(B|C)"]
          group_by: ['foo', 'bar']
          group_wait: 2m
          receiver: 'notify-BC'
        - matchers: [group_by="role"]
          group_by: ['role']
          routes:
          - matchers: ['{env="testing"}']
            receiver: 'notify-testing'
            routes:
            - matchers: [wait="long"]
              group_wait: 2m
        """;

    /// <summary>TestRouteMatchersAndMatch's tree: both kinds mixed.</summary>
    private const string MixedTree = """
        receiver: 'notify-def'
        routes:
        - matchers: ['{owner="team-A"}', '{level!="critical"}']
          receiver: 'notify-A'
          routes:
          - matchers: ['{env="testing"}', '{baz!~".*quux"}']
            receiver: 'notify-testing'
            group_by: [...]
          - match:
              env: "production"
            receiver: 'notify-productionA'
            group_wait: 1m
            continue: true
          - matchers: [ env=~"produ.*", job=~".*"]
            receiver: 'notify-productionB'
            group_wait: 30s
            group_interval: 5m
            repeat_interval: 1h
            group_by: ['job']
        - match_re:
            owner: 'team-(B|C)'
          group_by: ['foo', 'bar']
          group_wait: 2m
          receiver: 'notify-BC'
        - matchers: [group_by="role"]
          group_by: ['role']
          routes:
          - matchers: ['{env="testing"}']
            receiver: 'notify-testing'
            routes:
            - matchers: [wait="long"]
              group_wait: 2m
        """;

    /// <summary>Expected options: receiver, group_by ("..." for all), and the timings a route set (null: Alertmanager's default).</summary>
    public sealed record Expected(string Receiver, string GroupBy, string? GroupWait = null, string? GroupInterval = null, string? RepeatInterval = null);

    public static TheoryData<string, string, Expected[]> Cases()
    {
        var data = new TheoryData<string, string, Expected[]>();
        foreach (var tree in new[] { nameof(MatchTree), nameof(MatchersTree), nameof(MixedTree) })
        {
            data.Add(tree, "owner=team-A", [new("notify-A", "")]);
            data.Add(tree, "owner=team-A,env=unset", [new("notify-A", "")]);
            data.Add(tree, "owner=team-C", [new("notify-BC", "bar,foo", "2m")]);
            data.Add(tree, "owner=team-A,env=testing", [new("notify-testing", "...")]);
            data.Add(tree, "owner=team-A,env=production", [new("notify-productionA", "", "1m"), new("notify-productionB", "job", "30s", "5m", "1h")]);
            data.Add(tree, "group_by=role", [new("notify-def", "role")]);
            data.Add(tree, "env=testing,group_by=role", [new("notify-testing", "role")]);
            data.Add(tree, "env=testing,group_by=role,wait=long", [new("notify-testing", "role", "2m")]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_alert_reaches_the_receivers_Alertmanager_chooses(string tree, string labels, Expected[] expected)
    {
        var root = Compile(tree switch { nameof(MatchTree) => MatchTree, nameof(MatchersTree) => MatchersTree, _ => MixedTree });
        var input = labels.Split(',').Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => pair[1]);

        var routes = root.Match(input);

        Assert.Equal(expected, routes.Select(route => new Expected(
            route.Options.Receiver,
            route.Options.GroupByAll ? "..." : string.Join(",", route.Options.GroupBy.Order(StringComparer.Ordinal)),
            Format(route.Options.GroupWait),
            Format(route.Options.GroupInterval),
            Format(route.Options.RepeatInterval))));
    }

    [Fact]
    public void The_route_of_team_A_production_is_named_by_its_path_of_matchers()
    {
        var root = Compile(MatchersTree);

        var keys = root.Match(new Dictionary<string, string> { ["owner"] = "team-A", ["env"] = "production" }).Select(r => r.Key);

        Assert.Equal(
            ["{}/{level!=\"critical\",owner=\"team-A\"}/{env=\"production\"}", "{}/{level!=\"critical\",owner=\"team-A\"}/{env=~\"produ.*\",job=~\".*\"}"],
            keys);
    }

    [Fact]
    public void Walking_the_tree_visits_every_route_parent_first_as_Alertmanager_does()
    {
        var root = Compile(MatchTree);

        Assert.Equal(
            ["notify-def", "notify-A", "notify-testing", "notify-productionA", "notify-productionB", "notify-BC", "notify-def", "notify-testing", "notify-testing"],
            root.Walk().Select(route => route.Options.Receiver));
    }

    [Fact]
    public void A_child_inherits_group_by_all_unless_it_sets_its_own_group_by()
    {
        var root = Compile("""
            receiver: 'notify-def'
            routes:
            - match:
                env: 'parent'
              group_by: ['...']
              routes:
              - match:
                  env: 'child1'
              - match:
                  env: 'child2'
                group_by: ['foo']
            """);

        var parent = root.Routes[0];
        Assert.True(parent.Options.GroupByAll);
        Assert.True(parent.Routes[0].Options.GroupByAll);
        Assert.False(parent.Routes[1].Options.GroupByAll);
    }

    private static Route Compile(string yaml)
    {
        var errors = new List<string>();
        var root = new RouteCompiler(Receivers, new HashSet<string>(), (field, reason) => errors.Add($"{field}: {reason}")).CompileRoot(RoutingConfigReader.ReadRouteYaml(yaml));
        Assert.Empty(errors);
        return root!;
    }

    private static string? Format(TimeSpan? duration) => duration is { } d ? PerfMonitor.Alerting.Rules.Duration.Format(d) : null;
}
