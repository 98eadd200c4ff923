using PerfMonitor.Alerting.Routing;
using Route = PerfMonitor.Alerting.Routing.Route;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// Alertmanager's aggregation groups, decided from scratch each round from the stored alerts and the stored groups (so a
/// restart rebuilds them): every routed alert that fires, unsilenced and uninhibited, joins one group per route it reaches.
/// A new group is sent after its group wait; a changed one (alerts new or resolved) group_interval after its last
/// notification; an unchanged one again after repeat_interval, unless every alert in it was acknowledged. A group whose
/// last notification is still in the outbox waits for it, so one group's notifications arrive in order; a route muted by
/// a time interval waits too. An alert that joins a group meanwhile is recorded with it, so one that resolves before the
/// group's next notification is reported resolved there, as Alertmanager reports the resolved alerts of a group.
/// </summary>
public sealed class GroupPlanner(GroupTimings timings)
{
    public IReadOnlyList<GroupFlush> Plan(RoutingTree tree, IReadOnlyList<RoutedAlert> alerts, IReadOnlyDictionary<string, GroupState> states, IReadOnlySet<string> pending, DateTimeOffset now)
    {
        var current = new Dictionary<string, (Route Route, SortedDictionary<string, string> Labels, List<GroupMember> Members)>(StringComparer.Ordinal);
        foreach (var alert in alerts.Where(a => a.Routed && a.Firing && !a.Silenced && a.InhibitedBy is null))
        {
            foreach (var route in tree.Match(alert.Member.Labels))
            {
                var labels = route.GroupLabels(alert.Member.Labels);
                var key = KeyOf(route, labels);
                if (!current.TryGetValue(key, out var group))
                {
                    group = (route, labels, []);
                    current[key] = group;
                }
                group.Members.Add(alert.Member);
            }
        }
        var byFingerprint = alerts.ToDictionary(a => a.Member.Fingerprint, StringComparer.Ordinal);
        bool Acknowledged(GroupMember member) => byFingerprint.TryGetValue(member.Fingerprint, out var alert) && alert.Acknowledged;
        var flushes = new List<GroupFlush>();
        foreach (var key in current.Keys.Union(states.Keys).Order(StringComparer.Ordinal))
        {
            current.TryGetValue(key, out var group);
            var firing = group.Members?.OrderBy(m => m.StartsAt).ThenBy(m => m.Fingerprint, StringComparer.Ordinal).ToList() ?? [];
            var state = states.GetValueOrDefault(key);
            var joined = state is not null && Join(state, firing);
            var resolved = state is null ? [] : state.Sent.Values.Concat(state.Joined.Values)
                .Where(sent => !byFingerprint.TryGetValue(sent.Fingerprint, out var alert) || !alert.Firing)
                .Select(sent => sent with { EndsAt = byFingerprint.GetValueOrDefault(sent.Fingerprint)?.Member.EndsAt ?? now })
                .OrderBy(m => m.StartsAt).ThenBy(m => m.Fingerprint, StringComparer.Ordinal).ToList();
            // A group that never told its receiver anything has nothing to resolve: it is forgotten once nothing fires.
            if (firing.Count == 0 && (resolved.Count == 0 || state?.LastSentAt is null))
            {
                if (state is not null)
                {
                    flushes.Add(new GroupFlush(state, null, Forget: true));
                }
                continue;
            }
            if (state is null)
            {
                state = new GroupState(key, group.Route.Options.Receiver, group.Route.Key, now);
                // Stored at once, so the group wait runs from the first alert even across a restart.
                flushes.Add(new GroupFlush(state, null, Forget: false));
            }
            if (pending.Contains(key) || (group.Route is { } route && tree.IsMuted(route, now)) || !IsDue(state, group.Route, firing, resolved, now, firing.All(Acknowledged)))
            {
                if (joined)
                {
                    flushes.Add(new GroupFlush(state, null, Forget: false));
                }
                continue;
            }
            var labels = group.Labels ?? GroupLabelsOf(tree, key, resolved);
            flushes.Add(new GroupFlush(state, new GroupNotice(key, state.Receiver, labels, firing, resolved), Forget: firing.Count == 0));
        }
        return flushes;
    }

    /// <summary>
    /// The labels of a group with nothing firing any more, as its last notification needs them (Alertmanager's groupLabels):
    /// from a resolved alert on the route the group belongs to; none when the tree no longer has that route.
    /// </summary>
    private static SortedDictionary<string, string> GroupLabelsOf(RoutingTree tree, string key, List<GroupMember> resolved)
    {
        foreach (var member in resolved)
        {
            foreach (var route in tree.Match(member.Labels))
            {
                var labels = route.GroupLabels(member.Labels);
                if (KeyOf(route, labels) == key)
                {
                    return labels;
                }
            }
        }
        return new SortedDictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>Records the firing alerts the group has not reported yet; true when one is new to the stored state.</summary>
    private static bool Join(GroupState state, List<GroupMember> firing)
    {
        var joined = false;
        foreach (var member in firing.Where(m => !state.Sent.ContainsKey(m.Fingerprint)))
        {
            joined |= state.Joined.TryAdd(member.Fingerprint, member);
        }
        return joined;
    }

    /// <summary>The group's identity: receiver, route path and group labels, stable while the route's matchers are.</summary>
    public static string KeyOf(Route route, SortedDictionary<string, string> groupLabels) =>
        $"{route.Options.Receiver}:{route.Key}:{{{string.Join(",", groupLabels.Select(l => $"{l.Key}=\"{l.Value}\""))}}}";

    private bool IsDue(GroupState state, Route? route, List<GroupMember> firing, List<GroupMember> resolved, DateTimeOffset now, bool acknowledged)
    {
        if (state.LastSentAt is not { } last)
        {
            var wait = route is null || firing.Count == 0 ? TimeSpan.Zero : timings.GroupWait(route, firing[0].Labels);
            return now >= state.FirstSeenAt + wait;
        }
        var changed = resolved.Count > 0 || firing.Any(m => !state.Sent.ContainsKey(m.Fingerprint));
        if (!changed && acknowledged)
        {
            // Acknowledged: no reminders until an alert of the group resolves or a new one (a re-fire too) joins.
            return false;
        }
        // A group whose route is gone (the tree changed) reports its alerts resolved at once.
        var interval = route is null ? TimeSpan.Zero : changed ? timings.GroupInterval(route) : timings.RepeatInterval(route);
        return now >= last + interval;
    }
}
