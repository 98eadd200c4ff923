using System.Text.RegularExpressions;
using PerfMonitor.Deploy.Tests.Support;

namespace PerfMonitor.Deploy.Tests;

public sealed partial class ImagePinningTests
{
    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Every_container_image_is_pinned_by_tag_or_digest(string overlay)
    {
        var images = Kustomize.Overlay(overlay).Workloads.SelectMany(w => w.AllContainers).Select(c => c.Image).ToList();

        Assert.NotEmpty(images);
        Assert.All(images, AssertPinned);
    }

    [Theory]
    [MemberData(nameof(Overlays.All), MemberType = typeof(Overlays))]
    public void Operator_managed_images_are_pinned(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);

        // CloudNativePG would otherwise pick its default PostgreSQL image, Strimzi its default Kafka.
        Assert.All(rendered.PostgresClusters, cluster => AssertPinned(cluster.String("imageName")));
        if (rendered.Kafka is { } kafka)
        {
            Assert.Matches(@"^\d+\.\d+\.\d+$", kafka.String("kafka", "version"));
        }
    }

    [Theory]
    [InlineData("registry.example.com/perfmon/collector")]
    [InlineData("registry.example.com/perfmon/collector:latest")]
    [InlineData("localhost:5000/perfmon/collector")]
    public void An_unpinned_image_is_refused(string image)
    {
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertPinned(image));
    }

    private static void AssertPinned(string? image)
    {
        Assert.False(string.IsNullOrWhiteSpace(image), "an image is missing");
        var match = Reference().Match(image);
        Assert.True(match.Success, $"{image} is not an image reference");
        var tag = match.Groups["tag"].Value;
        var digest = match.Groups["digest"].Value;
        Assert.True(tag.Length > 0 || digest.Length > 0, $"{image} has neither a tag nor a digest");
        Assert.True(digest.Length > 0 || tag != "latest", $"{image} uses :latest");
    }

    // name[:tag][@sha256:digest]; a registry's :port sits before the last slash, so it is not a tag.
    [GeneratedRegex(@"^(?<name>[^@]*?/?[^/:@]+)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$")]
    private static partial Regex Reference();
}
