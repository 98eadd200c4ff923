namespace PerfMonitor.Deploy.Tests.Support;

/// <summary>Every folder under deploy/k8s/overlays, as theory data: a new overlay is checked like the others.</summary>
public static class Overlays
{
    public static IReadOnlyList<string> Names =>
        [.. Directory.GetDirectories(RepoPaths.Overlays).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static TheoryData<string> All => [.. Names];

    /// <summary>Overlay x PerfMonitor service.</summary>
    public static TheoryData<string, string> AllWithServices
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var overlay in Names)
            {
                foreach (var service in Contract.Services)
                {
                    data.Add(overlay, service);
                }
            }

            return data;
        }
    }
}
