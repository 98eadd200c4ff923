using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using PerfMonitor.Gateway.Routing;
using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.OpenApi;

/// <summary>
/// The scope /docs states for a documented operation, read from where access control reads it: the route table for a
/// forwarded route, the endpoint's <see cref="RequiredScope"/> for one of the gateway's own. The docs cannot drift from enforcement.
/// </summary>
public sealed class DocumentedScopes(EndpointDataSource endpoints)
{
    private static readonly IReadOnlyList<(RouteTable.Entry Entry, TemplateMatcher Matcher)> Forwarded = RouteTable.Entries
        .Where(entry => !entry.IsGrpc)
        .Select(entry => (entry, new TemplateMatcher(TemplateParser.Parse(entry.Path), new RouteValueDictionary())))
        .ToList();

    /// <returns>The scope <paramref name="method"/> on <paramref name="path"/> needs; null when the operation is public.</returns>
    public Scope? Of(string method, string path)
    {
        var forwarded = ForwardedEntry(path);
        if (forwarded is not null)
        {
            return forwarded.Access == RouteAccess.Token ? null : forwarded.Access.Required(RouteAccessScopes.Reads(method));
        }
        return endpoints.Endpoints.OfType<RouteEndpoint>()
            .FirstOrDefault(endpoint => endpoint.RoutePattern.RawText == path)?.Metadata.GetMetadata<RequiredScope>()?.Scope;
    }

    /// <summary>Whether the gateway forwards <paramref name="path"/> to a service without a key: it carries a signed token.</summary>
    public static bool IsTokenRoute(string path) => ForwardedEntry(path)?.Access == RouteAccess.Token;

    private static RouteTable.Entry? ForwardedEntry(string path) =>
        Forwarded.FirstOrDefault(candidate => candidate.Matcher.TryMatch(path, new RouteValueDictionary())).Entry;
}
