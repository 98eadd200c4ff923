using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PerfMonitor.Gateway.Security;
using Scalar.AspNetCore;

namespace PerfMonitor.Gateway.OpenApi;

/// <summary>
/// /openapi/v1.json documents the gateway's own endpoints (generated) plus every forwarded route (from
/// <see cref="PublicRoutes"/>), with the X-Api-Key scheme; /docs is Scalar's reference page, served from the package.
/// </summary>
public static class GatewayOpenApi
{
    private const string SchemeName = "ApiKey";

    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "PerfMonitor API",
                Version = "v1",
                Description = "One front door for ingestion, queries and alerting. Send your key in the X-Api-Key header; " +
                    "scopes: ingest (send samples), read (queries), admin (everything, including writes to rules and silences). " +
                    "gRPC (perfmon.v1 Ingest, Query, Alerts) is served on the gateway's HTTP/2 port with server reflection, " +
                    "as is OTLP/gRPC (opentelemetry.proto.collector.metrics.v1.MetricsService/Export, ingest scope): point an " +
                    "OpenTelemetry SDK there with OTEL_EXPORTER_OTLP_PROTOCOL=grpc and OTEL_EXPORTER_OTLP_HEADERS=x-api-key=<key>.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "An API key configured as ApiKeys:<name>:Key. A local AppHost run prints its generated admin key.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
            var scopes = new DocumentedScopes(context.ApplicationServices.GetRequiredService<EndpointDataSource>());
            foreach (var route in PublicRoutes.All)
            {
                AddRoute(document, route, scopes.Of(route).Describe());
            }
            return Task.CompletedTask;
        });
    });

    public static IEndpointRouteBuilder MapGatewayOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("PerfMonitor API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .HideDeveloperTools()
            .DisableAgent()
            .DisableMcp()
            .AddPreferredSecuritySchemes(SchemeName));
        return app;
    }

    private static void AddRoute(OpenApiDocument document, PublicRoute route, string scope)
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
        var operation = new OpenApiOperation
        {
            Summary = route.Summary,
            Description = $"{route.Description} Needs scope `{scope}`.".Trim(),
            Tags = new HashSet<OpenApiTagReference> { new(route.Tag, document) },
            Parameters = route.Parameters.Select(p => (IOpenApiParameter)new OpenApiParameter
            {
                Name = p.Name,
                In = p.In == "path" ? ParameterLocation.Path : ParameterLocation.Query,
                Required = p.Required,
                Description = p.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create(p.Example),
            }).ToList(),
            Responses = new OpenApiResponses
            {
                [route.SuccessStatus] = success,
                ["401"] = new OpenApiResponse { Description = "Missing or unknown API key (problem+json)" },
                ["403"] = new OpenApiResponse { Description = $"The key lacks the {scope} scope (problem+json)" },
                ["429"] = new OpenApiResponse { Description = "Rate limit exceeded; see Retry-After" },
                ["503"] = new OpenApiResponse { Description = "The owning service is unavailable (problem+json naming it)" },
            },
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
}
