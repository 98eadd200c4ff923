using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.Overview;

public static class OverviewApi
{
    public static IEndpointRouteBuilder MapOverviewApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/overview", async (OverviewComposer composer, CancellationToken cancellationToken) =>
                TypedResults.Ok(await composer.ComposeAsync(cancellationToken)))
            .WithMetadata(new RequiredScope(Scope.Read))
            .WithName("GetOverview")
            .WithTags("Overview")
            .WithSummary("The whole system on one screen")
            .WithDescription("Composed by the gateway from analytics (health scores, anomalies of the last hour) and alerting (firing alerts). " +
                "A source that cannot answer leaves its part empty and is named in `sources`.");
        return app;
    }
}
