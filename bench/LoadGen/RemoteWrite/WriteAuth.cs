using System.Net.Http.Headers;

namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>How a remote-write request carries its credentials: as Prometheus sends them (<c>authorization:</c> in its
/// remote_write config gives <c>Authorization: Bearer</c>), or PerfMonitor's own <c>X-Api-Key</c>, or nothing (the peers).</summary>
public sealed record WriteAuth(string Description, Action<HttpRequestHeaders> Apply)
{
    public static readonly WriteAuth None = new("none", _ => { });

    public static WriteAuth Bearer(string key) => new("Authorization: Bearer", headers => headers.Authorization = new AuthenticationHeaderValue("Bearer", key));

    public static WriteAuth ApiKeyHeader(string key) => new("X-Api-Key", headers => headers.Add("X-Api-Key", key));
}
