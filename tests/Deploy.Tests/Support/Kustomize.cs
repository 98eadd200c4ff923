using System.Collections.Concurrent;
using System.Diagnostics;

namespace PerfMonitor.Deploy.Tests.Support;

/// <summary>Renders an overlay with <c>kubectl kustomize</c>, once per test run.</summary>
public static class Kustomize
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly ConcurrentDictionary<string, Lazy<RenderedOverlay>> Rendered = new();

    public static RenderedOverlay Overlay(string name) =>
        Rendered.GetOrAdd(name, overlay => new Lazy<RenderedOverlay>(
            () => RenderedOverlay.Parse(overlay, Render(Path.Combine(RepoPaths.Overlays, overlay))))).Value;

    public static string Render(string directory)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            ArgumentList = { "kustomize", directory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl kustomize {directory} took longer than {Timeout}.");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {directory} exited {process.ExitCode}: {error.Result}");
        }

        return output.Result;
    }
}
