using System.Net;
using k8s.Models;

namespace PerfMonitor.Deploy.Tests.Support;

/// <summary>
/// Kubernetes NetworkPolicy semantics over an overlay's policies: a pod selected by no policy of a
/// direction is open in that direction; a selected pod accepts only what some rule allows.
/// </summary>
public sealed class NetworkPolicyEvaluator(IReadOnlyList<V1NetworkPolicy> policies)
{
    public static NetworkPolicyEvaluator For(RenderedOverlay overlay) =>
        new([.. overlay.OfType<V1NetworkPolicy>(), .. StrimziPolicies(overlay)]);

    public bool Allows(Endpoint source, Endpoint destination, int port, string protocol = "TCP") =>
        (source is not PodEndpoint from || EgressAllows(from, destination, port, protocol))
        && (destination is not PodEndpoint to || IngressAllows(to, source, port, protocol));

    /// <summary>Only the target's ingress policies, as if the source's egress were open.</summary>
    public bool IngressAllows(PodEndpoint target, Endpoint source, int port, string protocol = "TCP")
    {
        var selecting = Selecting(target, "Ingress").ToList();
        return selecting.Count == 0 || selecting.Any(policy => (policy.Spec.Ingress ?? []).Any(rule =>
            PortsMatch(rule.Ports, target, port, protocol) && PeersMatch(rule.FromProperty, source, policy)));
    }

    /// <summary>Only the source's egress policies, as if the destination's ingress were open.</summary>
    public bool EgressAllows(PodEndpoint origin, Endpoint destination, int port, string protocol = "TCP")
    {
        var selecting = Selecting(origin, "Egress").ToList();
        return selecting.Count == 0 || selecting.Any(policy => (policy.Spec.Egress ?? []).Any(rule =>
            PortsMatch(rule.Ports, destination as PodEndpoint, port, protocol) && PeersMatch(rule.To, destination, policy)));
    }

    private IEnumerable<V1NetworkPolicy> Selecting(PodEndpoint pod, string direction) =>
        policies.Where(p => (p.Metadata.NamespaceProperty ?? pod.Namespace) == pod.Namespace
            && Types(p).Contains(direction)
            && Matches(p.Spec.PodSelector, pod.Labels));

    // Without policyTypes a policy is for Ingress, and for Egress too if it has egress rules.
    private static IEnumerable<string> Types(V1NetworkPolicy policy) =>
        policy.Spec.PolicyTypes is { Count: > 0 } types ? types
        : policy.Spec.Egress is { Count: > 0 } ? ["Ingress", "Egress"] : ["Ingress"];

    private static bool PortsMatch(IList<V1NetworkPolicyPort>? ports, PodEndpoint? destination, int port, string protocol) =>
        ports is null || ports.Count == 0 || ports.Any(p =>
            (p.Protocol ?? "TCP") == protocol
            && (p.Port is null
                || (int.TryParse(p.Port.Value, out var number)
                    ? port >= number && port <= (p.EndPort ?? number)
                    : destination is not null && destination.NamedPorts.TryGetValue(p.Port.Value, out var named) && named == port)));

    private static bool PeersMatch(IList<V1NetworkPolicyPeer>? peers, Endpoint other, V1NetworkPolicy policy) =>
        peers is null || peers.Count == 0 || peers.Any(peer => other switch
        {
            ExternalEndpoint external => peer.IpBlock is { } block && InBlock(external.Address, block),
            PodEndpoint pod => peer.IpBlock is null && PodPeerMatches(peer, pod, policy),
            _ => false,
        });

    private static bool PodPeerMatches(V1NetworkPolicyPeer peer, PodEndpoint pod, V1NetworkPolicy policy)
    {
        var namespaceMatches = peer.NamespaceSelector is null
            ? pod.Namespace == policy.Metadata.NamespaceProperty
            : Matches(peer.NamespaceSelector, pod.NamespaceLabels);
        return namespaceMatches && (peer.PodSelector is null || Matches(peer.PodSelector, pod.Labels));
    }

    public static bool Matches(V1LabelSelector? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null)
        {
            return true;
        }

        var labelsMatch = (selector.MatchLabels ?? new Dictionary<string, string>())
            .All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
        return labelsMatch && (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
        {
            "In" => labels.TryGetValue(e.Key, out var value) && e.Values.Contains(value),
            "NotIn" => !labels.TryGetValue(e.Key, out var value) || !e.Values.Contains(value),
            "Exists" => labels.ContainsKey(e.Key),
            "DoesNotExist" => !labels.ContainsKey(e.Key),
            _ => throw new InvalidOperationException($"Unknown selector operator {e.OperatorProperty}."),
        });
    }

    // A connection to an IPv4-mapped IPv6 address leaves the pod as an IPv4 packet, and is judged as one.
    private static bool InBlock(IPAddress address, V1IPBlock block)
    {
        var onTheWire = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return IPNetwork.Parse(block.Cidr).Contains(onTheWire)
            && !(block.Except ?? []).Any(except => IPNetwork.Parse(except).Contains(onTheWire));
    }

    /// <summary>
    /// The ingress part of the policies Strimzi generates for a Kafka cluster's listeners: a listener with
    /// networkPolicyPeers admits only those peers, one without admits everyone.
    /// </summary>
    public static IEnumerable<V1NetworkPolicy> StrimziPolicies(RenderedOverlay overlay)
    {
        if (overlay.Kafka is not { } kafka)
        {
            yield break;
        }

        yield return new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = kafka.Name + "-network-policy-kafka", NamespaceProperty = kafka.Metadata.NamespaceProperty },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = StrimziBrokerSelector(kafka.Name) },
                PolicyTypes = ["Ingress"],
                Ingress = [.. kafka.Maps("kafka", "listeners").Select(listener => new V1NetworkPolicyIngressRule
                {
                    Ports = [new V1NetworkPolicyPort { Port = GenericResource.Get(listener, "port"), Protocol = "TCP" }],
                    FromProperty = listener.TryGetValue("networkPolicyPeers", out var peers) && peers is List<object> list
                        ? [.. list.OfType<Dictionary<object, object>>().Select(StrimziPeer)]
                        : null,
                })],
            },
        };
    }

    public static Dictionary<string, string> StrimziBrokerSelector(string cluster) => new()
    {
        ["strimzi.io/cluster"] = cluster,
        ["strimzi.io/kind"] = "Kafka",
        ["strimzi.io/name"] = cluster + "-kafka",
    };

    private static V1NetworkPolicyPeer StrimziPeer(Dictionary<object, object> peer) => new()
    {
        PodSelector = peer.TryGetValue("podSelector", out var pods) ? Selector(pods) : null,
        NamespaceSelector = peer.TryGetValue("namespaceSelector", out var namespaces) ? Selector(namespaces) : null,
        IpBlock = peer.TryGetValue("ipBlock", out var block) && block is Dictionary<object, object> ip
            ? new V1IPBlock { Cidr = GenericResource.Get(ip, "cidr") }
            : null,
    };

    private static V1LabelSelector Selector(object value) => new()
    {
        MatchLabels = value is Dictionary<object, object> map && map.TryGetValue("matchLabels", out var labels) && labels is Dictionary<object, object> pairs
            ? pairs.ToDictionary(p => p.Key.ToString()!, p => p.Value?.ToString() ?? "")
            : new Dictionary<string, string>(),
    };
}
