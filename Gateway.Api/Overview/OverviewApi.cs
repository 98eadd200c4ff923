using PerfMonitor.Contracts.Health;
using PerfMonitor.Gateway.Access;
using PerfMonitor.Gateway.Security;

namespace PerfMonitor.Gateway.Overview;

public static class OverviewApi
{
    public static IEndpointRouteBuilder MapOverviewApi(this IEndpointRouteBuilder app)
    {
        // Access control has put the caller's scopes on the request, as it does on every request it forwards.
        app.MapGet("/api/v1/overview", async (HttpContext context, OverviewComposer composer, CancellationToken cancellationToken) =>
                TypedResults.Ok(await composer.ComposeAsync(context.Request.Headers[AccessControl.CallerScopesHeader].ToString(), cancellationToken)))
            .WithMetadata(new RequiredScope(Scope.Read))
            .WithName("GetOverview")
            .WithTags("Overview")
            .WithSummary("The whole system on one screen")
            .WithDescription("Composed by the gateway from analytics (health scores, anomalies of the last hour) and alerting (firing alerts), " +
                "asked over gRPC (perfmon.v1.Query, perfmon.v1.Alerts). A source that cannot answer leaves its part empty and is named in `sources`.");
        app.MapGet("/api/v1/score-bands", () => TypedResults.Ok(new ScoreBandsResponse(ScoreBands.All, ScoreBands.Unknown)))
            .WithMetadata(new RequiredScope(Scope.Read))
            .WithName("GetScoreBands")
            .WithTags("Overview")
            .WithSummary("The health-score bands")
            .WithDescription("Each band's name and the lowest score in it, highest first; a score below every minimum is in the last band. " +
                "Analytics names service statuses by them and the dashboard colours scores by them.");
        return app;
    }
}
