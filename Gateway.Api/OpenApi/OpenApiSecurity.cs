using Microsoft.OpenApi;
using PerfMonitor.Gateway.Security;
using Scope = PerfMonitor.Gateway.Security.Scope;

namespace PerfMonitor.Gateway.OpenApi;

/// <summary>
/// The three ways to present a key, as OpenAPI security schemes, and each operation's requirement: any one scheme, with
/// the scope the operation needs as the requirement's role (OpenAPI 3.1 lets non-OAuth schemes name roles there).
/// </summary>
public static class OpenApiSecurity
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";
    public const string BasicScheme = "Basic";

    private static readonly string[] Schemes = [ApiKeyScheme, BearerScheme, BasicScheme];

    public static void AddSchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AccessOptions.HeaderName,
            Description = "An API key configured as ApiKeys:<name>:Key. A local AppHost run prints its generated admin key.",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The same key as Authorization: Bearer <key> (Prometheus's authorization: credentials, Grafana, promtool).",
        };
        document.Components.SecuritySchemes[BasicScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "The same key as the password of HTTP Basic, with any user name (Prometheus's basic_auth:, Grafana's basic auth).",
        };
        document.Security = Requirements(document, null);
    }

    /// <summary>Any one of the schemes, each with <paramref name="scope"/> as its role (none for the document's default).</summary>
    public static List<OpenApiSecurityRequirement> Requirements(OpenApiDocument document, Scope? scope) =>
        [.. Schemes.Select(scheme => new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(scheme, document)] = scope is { } needed ? [needed.Describe()] : [],
        })];
}
