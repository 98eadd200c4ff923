namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>A <see cref="StandaloneGateway"/> in front of a <see cref="StandInService"/>, shared by the tests of one class.</summary>
public abstract class StandaloneFixture : IAsyncLifetime
{
    public StandInService Services { get; private set; } = null!;

    public StandaloneGateway Gateway { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    protected virtual string EnvironmentName => "Production";

    public async Task InitializeAsync()
    {
        Services = await StandInService.StartAsync();
        Gateway = await StandaloneGateway.StartAsync(Services, Settings, EnvironmentName);
    }

    public async Task DisposeAsync()
    {
        // Either may be missing when starting failed.
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }
    }
}
