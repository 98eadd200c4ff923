using System.Buffers.Text;
using System.Security.Cryptography;

namespace PerfMonitor.AppHost.Access;

/// <summary>
/// How a user gets into the gateway on this machine: the admin API key kept in the data folder, and a sign-in
/// token made new for every run that the dashboard's <c>/login?t=</c> link exchanges, once, for a signed-in browser.
/// The key itself never travels in a URL.
/// </summary>
public sealed record GatewayAccess(string ApiKey, string ApiKeyFile, string SignInToken)
{
    public const int SignInTokenBytes = 32;

    public static GatewayAccess Create(string dataDirectory) => new(
        Access.ApiKeyFile.LoadOrCreate(dataDirectory),
        Access.ApiKeyFile.Path(dataDirectory),
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SignInTokenBytes)));

    /// <summary>"localhost", so the link opens as printed whatever address the gateway listens on.</summary>
    public string SignInLink(Uri gateway) =>
        new UriBuilder(gateway) { Host = "localhost", Path = "/login", Query = "t=" + SignInToken }.Uri.ToString();
}
