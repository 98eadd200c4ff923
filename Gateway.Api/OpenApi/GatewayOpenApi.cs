using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace PerfMonitor.Gateway.OpenApi;

/// <summary>
/// /openapi/v1.json documents the gateway's own endpoints (generated) plus every forwarded route (from
/// <see cref="PublicRoutes"/>) and every forwarded gRPC method, each with the scope it needs; /docs is Scalar's reference
/// page, served from the package.
/// </summary>
public static class GatewayOpenApi
{
    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "PerfMonitor API",
                Version = "v1",
                Description = "One front door for ingestion, queries and alerting. Send your key in the X-Api-Key header, as " +
                    "Authorization: Bearer <key>, or as the password of HTTP Basic (any user name); " +
                    "scopes: ingest (send samples), read (queries), admin (everything, including writes to rules and silences). " +
                    "gRPC (perfmon.v1 Ingest, Query, Alerts) is served on the gateway's HTTP/2 port with server reflection, " +
                    "as is OTLP/gRPC (opentelemetry.proto.collector.metrics.v1.MetricsService/Export, ingest scope): point an " +
                    "OpenTelemetry SDK there with OTEL_EXPORTER_OTLP_PROTOCOL=grpc and OTEL_EXPORTER_OTLP_HEADERS=x-api-key=<key>. " +
                    $"{OpenApiGrpcMethods.Extension} lists every forwarded gRPC method with the scope it needs.",
            };
            OpenApiSecurity.AddSchemes(document);
            var scopes = new DocumentedScopes(context.ApplicationServices.GetRequiredService<EndpointDataSource>());
            foreach (var route in PublicRoutes.All)
            {
                var scope = scopes.Of(route.Method, route.Path);
                if (scope is null && !DocumentedScopes.IsTokenRoute(route.Path))
                {
                    throw new InvalidOperationException($"{route.Method} {route.Path} is documented but neither forwarded nor served with a RequiredScope");
                }
                OpenApiOperations.Add(document, route, scope);
            }
            OpenApiOperations.StateScopes(document, scopes);
            OpenApiGrpcMethods.Add(document);
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
            .AddPreferredSecuritySchemes(OpenApiSecurity.ApiKeyScheme));
        return app;
    }
}
