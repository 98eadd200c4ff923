namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>The scopes header the gateway sets on every call it forwards; the host's own client sends an admin key's.</summary>
public static class GatewayScopes
{
    public const string Header = "X-PerfMonitor-Scopes";

    public const string Admin = "read,ingest,admin";

    /// <summary>A client that calls the service as the gateway does for a key with these scopes (null: no scopes header at all).</summary>
    public static HttpClient ClientWithScopes(this AlertingHost host, string? scopes)
    {
        var client = new HttpClient { BaseAddress = host.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (scopes is not null)
        {
            client.DefaultRequestHeaders.Add(Header, scopes);
        }
        return client;
    }
}
