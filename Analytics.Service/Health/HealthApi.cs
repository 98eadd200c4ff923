using Microsoft.AspNetCore.Http.HttpResults;
using static PerfMonitor.Analytics.Queries.QueryParameters;

namespace PerfMonitor.Analytics.Health;

public static class HealthApi
{
    public const double MaxHistoryHours = 24 * 90;

    public static IEndpointRouteBuilder MapHealthScoresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/health-scores", GetHealthScores);
        return app;
    }

    private static async Task<Results<Ok<HealthScoresResponse>, ProblemHttpResult>> GetHealthScores(
        HealthScorer scorer, TimeProvider clock, CancellationToken cancellationToken, string? service = null, double? historyHours = null)
    {
        if (historyHours is < 0 or > MaxHistoryHours)
        {
            return Invalid("historyHours", $"must be between 0 and {MaxHistoryHours}");
        }
        return TypedResults.Ok(await ComputeAsync(scorer, clock.GetUtcNow(), string.IsNullOrEmpty(service) ? null : service, historyHours ?? 0, cancellationToken));
    }

    /// <summary>Scores computed now (not the last stored round), with the stored history attached when asked.</summary>
    public static async Task<HealthScoresResponse> ComputeAsync(HealthScorer scorer, DateTimeOffset now, string? service, double historyHours, CancellationToken cancellationToken)
    {
        var scores = await scorer.ComputeAsync(now, service, cancellationToken);
        if (historyHours <= 0)
        {
            return scores;
        }
        var history = await scorer.HistoryAsync(now.AddHours(-historyHours), service, cancellationToken);
        return scores with { Services = scores.Services.Select(s => s with { History = history.GetValueOrDefault(s.Service) ?? [] }).ToList() };
    }
}
