namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>
/// A gateway that allows 3 failed authentications per client address in 5 minutes, in Development, where the cookie's
/// Secure flag follows the request's scheme and so shows which scheme the gateway believed.
/// </summary>
public sealed class FailedAuthenticationFixture : StandaloneFixture
{
    public static readonly IReadOnlyDictionary<string, string> Limit = new Dictionary<string, string>
    {
        ["FailedAuthentication__PermitLimit"] = "3",
        ["FailedAuthentication__Window"] = "00:05:00",
    };

    protected override IReadOnlyDictionary<string, string> Settings => Limit;

    protected override string EnvironmentName => "Development";
}
