using System.Text;

namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>HTTP Basic credentials (RFC 7617) as a client encodes them: base64 of <c>user:password</c>.</summary>
public static class BasicCredentials
{
    public static string Encode(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
}
