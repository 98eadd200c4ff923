using k8s.Models;
using PerfMonitor.Deploy.Tests.Support;

namespace PerfMonitor.Deploy.Tests;

public sealed class AutoscalingTests
{
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Collector_and_analytics_scale_on_cpu_between_sane_bounds(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);

        foreach (var service in new[] { Contract.Collector, Contract.Analytics })
        {
            var hpa = Autoscaler(rendered, service);
            Assert.InRange(hpa.Spec.MinReplicas ?? 1, 1, hpa.Spec.MaxReplicas);
            var cpu = Assert.Single(hpa.Spec.Metrics, m => m.Resource?.Name == "cpu");
            Assert.Equal("Utilization", cpu.Resource.Target.Type);
            // Utilization is measured against the request; without one the autoscaler does nothing.
            Assert.True(rendered.Workload(service).Main.Resources?.Requests?.ContainsKey("cpu") == true);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Analytics_never_scales_beyond_the_partitions_of_the_samples_topic(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var partitions = rendered.Topic(Contract.SamplesTopic)?.Number("partitions") ?? Contract.DefaultSamplePartitions;

        Assert.InRange(Autoscaler(rendered, Contract.Analytics).Spec.MaxReplicas, 1, partitions);
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void A_workload_under_an_autoscaler_leaves_its_replica_count_to_it(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var autoscalers = rendered.OfType<V2HorizontalPodAutoscaler>().ToList();

        Assert.All(autoscalers, hpa =>
        {
            var target = Assert.Single(rendered.Workloads, w => w.Kind == hpa.Spec.ScaleTargetRef.Kind && w.Name == hpa.Spec.ScaleTargetRef.Name);
            // kubectl apply would otherwise reset the autoscaler's count on every apply.
            Assert.Null(target.Replicas);
        });
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Every_workload_has_a_disruption_budget_that_still_lets_a_node_drain(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var budgets = rendered.OfType<V1PodDisruptionBudget>().ToList();

        Assert.All(rendered.Workloads, workload =>
        {
            var labels = new Dictionary<string, string>(workload.PodLabels);
            var budget = Assert.Single(budgets, b => NetworkPolicyEvaluator.Matches(b.Spec.Selector, labels));
            var minimum = rendered.OfType<V2HorizontalPodAutoscaler>().SingleOrDefault(h => h.Spec.ScaleTargetRef.Name == workload.Name)?.Spec.MinReplicas
                ?? workload.Replicas ?? 1;
            if (budget.Spec.MinAvailable is { } minAvailable)
            {
                Assert.True(int.TryParse(minAvailable.Value, out var count) && count < minimum, $"{workload}: minAvailable {minAvailable.Value} blocks every eviction");
            }
            else
            {
                Assert.NotEqual("0", budget.Spec.MaxUnavailable?.Value);
                Assert.NotEqual("0%", budget.Spec.MaxUnavailable?.Value);
            }
        });
    }

    private static V2HorizontalPodAutoscaler Autoscaler(RenderedOverlay rendered, string service) =>
        Assert.Single(rendered.OfType<V2HorizontalPodAutoscaler>(), h => h.Spec.ScaleTargetRef.Name == service);
}
