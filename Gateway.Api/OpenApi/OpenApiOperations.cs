using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using PerfMonitor.Gateway.Security;
using Scope = PerfMonitor.Gateway.Security.Scope;

namespace PerfMonitor.Gateway.OpenApi;

/// <summary>Writes the documented operations: a forwarded route's operation, and every operation's security requirement.</summary>
public static class OpenApiOperations
{
    /// <param name="scope">The scope the operation needs; null for one that needs no key (it carries a signed token).</param>
    public static void Add(OpenApiDocument document, PublicRoute route, Scope? scope)
    {
        if (!document.Paths.TryGetValue(route.Path, out var existing) || existing is not OpenApiPathItem item)
        {
            item = new OpenApiPathItem();
            document.Paths[route.Path] = item;
        }
        item.Operations ??= new Dictionary<HttpMethod, OpenApiOperation>();
        var success = new OpenApiResponse { Description = route.SuccessStatus.StartsWith('2') ? "Success" : route.SuccessStatus };
        if (route.ResponseExample is not null)
        {
            success.Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Example = JsonNode.Parse(route.ResponseExample) } };
        }
        var responses = new OpenApiResponses { [route.SuccessStatus] = success };
        if (scope is { } needed)
        {
            responses["401"] = new OpenApiResponse { Description = "Missing or unknown API key (problem+json)" };
            responses["403"] = new OpenApiResponse { Description = $"The key lacks the {needed.Describe()} scope (problem+json)" };
        }
        responses["429"] = new OpenApiResponse { Description = "Rate limit exceeded; see Retry-After" };
        responses["503"] = new OpenApiResponse { Description = "The owning service is unavailable (problem+json naming it)" };
        var operation = new OpenApiOperation
        {
            Summary = route.Summary,
            Description = (scope is { } required ? $"{route.Description} Needs scope `{required.Describe()}`." : $"{route.Description} Needs no key.").Trim(),
            Tags = new HashSet<OpenApiTagReference> { new(route.Tag, document) },
            Parameters = [.. route.Parameters.Select(Parameter)],
            Responses = responses,
        };
        if (route.RequestExample is not null || route.Method is "POST" or "PUT")
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [route.ContentType] = new() { Example = route.RequestExample is null ? null : JsonNode.Parse(route.RequestExample) },
                },
            };
        }
        item.Operations[new HttpMethod(route.Method)] = operation;
    }

    /// <summary>Every operation, forwarded or the gateway's own, requires its scope; a public one requires nothing.</summary>
    public static void StateScopes(OpenApiDocument document, DocumentedScopes scopes)
    {
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>())
            {
                operation.Security = scopes.Of(method.Method, path) is { } scope ? OpenApiSecurity.Requirements(document, scope) : [];
            }
        }
    }

    private static IOpenApiParameter Parameter(RouteParameter parameter) => new OpenApiParameter
    {
        Name = parameter.Name,
        In = parameter.In == "path" ? ParameterLocation.Path : ParameterLocation.Query,
        Required = parameter.Required,
        Description = parameter.Description,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = parameter.Allowed is { } allowed ? [.. allowed.Select(value => (JsonNode)JsonValue.Create(value))] : null,
        },
        Example = JsonValue.Create(parameter.Example),
    };
}
