using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using PerfMonitor.Analytics.Anomalies;
using PerfMonitor.Analytics.Health;
using PerfMonitor.Analytics.Performance;
using PerfMonitor.Analytics.Queries;
using V1 = PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Grpc;

/// <summary>
/// perfmon.v1.Query: the REST queries over gRPC. Requests are validated by the same code as the REST routes;
/// a refusal is INVALID_ARGUMENT with the field in the message and in the "field" trailer. A query too expensive to
/// answer (<see cref="QueryLimits"/>) is FAILED_PRECONDITION with the REST answer's message: not to be retried as is,
/// but narrowed (JSON transcoding turns it into 400 with that message).
/// </summary>
public sealed class QueryGrpcService(
    RollupQueries rollups,
    SeriesQueries series,
    PerformanceQueries performance,
    AnomalyStore anomalies,
    HealthScorer health,
    TimeProvider clock) : V1.Query.QueryBase
{
    public override async Task<V1.HealthScoresResponse> GetHealthScores(V1.HealthScoresRequest request, ServerCallContext context)
    {
        if (request.HistoryHours is < 0 or > HealthApi.MaxHistoryHours)
        {
            throw Invalid("history_hours", $"must be between 0 and {HealthApi.MaxHistoryHours}");
        }
        var scores = await HealthApi.ComputeAsync(health, clock.GetUtcNow(), string.IsNullOrEmpty(request.Service) ? null : request.Service, request.HistoryHours, context.CancellationToken);
        var response = new V1.HealthScoresResponse
        {
            Timestamp = Timestamp.FromDateTimeOffset(scores.Timestamp), PerformanceScore = scores.PerformanceScore, Status = scores.Status,
        };
        response.Recommendations.Add(scores.Recommendations);
        foreach (var s in scores.Services)
        {
            var service = new V1.ServiceHealth { Service = s.Service, Score = s.Score, Status = s.Status, Time = Timestamp.FromDateTimeOffset(s.Time) };
            service.Recommendations.Add(s.Recommendations);
            foreach (var c in s.Components)
            {
                var component = new V1.HealthComponent { Name = c.Name, Score = c.Score, Weight = c.Weight, Detail = c.Detail };
                if (c.Value is { } value) { component.Value = value; }
                service.Components.Add(component);
            }
            service.History.Add(s.History.Select(h => new V1.HealthHistoryPoint { Time = Timestamp.FromDateTimeOffset(h.Time), Score = h.Score, Status = h.Status }));
            response.Services.Add(service);
        }
        return response;
    }

    public override async Task<V1.AnomaliesResponse> ListAnomalies(V1.AnomaliesRequest request, ServerCallContext context)
    {
        if (!QueryParameters.TryParseLabels(request.Labels, out var filter, out var bad))
        {
            throw Invalid("labels", $"'{bad}' is not name:value");
        }
        if (!QueryParameters.TryParseTime(request.To, clock.GetUtcNow(), out var end))
        {
            throw Invalid("to", "must be an RFC 3339 time");
        }
        if (!QueryParameters.TryParseTime(request.From, end - TimeSpan.FromHours(24), out var start) || start >= end)
        {
            throw Invalid("from", "must be an RFC 3339 time before to");
        }
        var minimum = string.IsNullOrEmpty(request.Severity) ? "info" : request.Severity;
        if (!AnomalyStore.Severities.Contains(minimum))
        {
            throw Invalid("severity", $"must be one of {string.Join(", ", AnomalyStore.Severities)}");
        }
        if (request.Limit is < 0 or > SeriesApi.MaxLimit)
        {
            throw Invalid("limit", $"must be between 1 and {SeriesApi.MaxLimit}");
        }
        var found = await anomalies.ListAsync(string.IsNullOrEmpty(request.Metric) ? null : request.Metric, filter, start, end, minimum,
            request.Limit == 0 ? SeriesApi.DefaultLimit : request.Limit, context.CancellationToken);
        var response = new V1.AnomaliesResponse { Count = found.Count };
        foreach (var a in found)
        {
            var info = new V1.AnomalyInfo
            {
                Id = a.Id.ToString(), SeriesId = a.SeriesId, Metric = a.Metric, Time = Timestamp.FromDateTimeOffset(a.Time), Detector = a.Detector,
                Value = a.Value, Expected = a.Expected, Lower = a.Lower, Upper = a.Upper, Score = a.Score, Severity = a.Severity,
            };
            info.Labels.Add(a.Labels.ToDictionary());
            response.Anomalies.Add(info);
        }
        return response;
    }

    public override async Task<V1.SeriesResponse> ListSeries(V1.SeriesRequest request, ServerCallContext context)
    {
        if (!QueryParameters.TryParseLabels(request.Labels, out var filter, out var bad))
        {
            throw Invalid("labels", $"'{bad}' is not name:value");
        }
        if (request.Limit < 0)
        {
            throw Invalid("limit", "must be at least 1 (0 means the default)");
        }
        var found = await Narrowable(series.ListAsync(string.IsNullOrEmpty(request.Metric) ? null : request.Metric, filter,
            request.Limit == 0 ? SeriesApi.DefaultLimit : request.Limit, context.CancellationToken), QueryFields.Series);
        var response = new V1.SeriesResponse { Count = found.Count };
        foreach (var s in found)
        {
            var info = new V1.SeriesInfo { Id = s.Id, Metric = s.Metric, Kind = s.Kind, Unit = s.Unit, FirstSeen = Timestamp.FromDateTimeOffset(s.FirstSeen) };
            info.Labels.Add(s.Labels.ToDictionary());
            response.Series.Add(info);
        }
        return response;
    }

    public override async Task<V1.RollupsResponse> GetRollups(V1.RollupsRequest request, ServerCallContext context)
    {
        var (query, problem) = RollupsApi.Parse(clock.GetUtcNow(), TimeSpan.FromHours(1), request.Metric, request.Labels, request.From, request.To, request.Step, request.Agg);
        if (problem is not null)
        {
            throw Invalid(problem);
        }
        var result = await Narrowable(rollups.QueryAsync(query!, context.CancellationToken), QueryFields.Rollups);
        var response = new V1.RollupsResponse
        {
            Metric = result.Metric,
            From = Timestamp.FromDateTimeOffset(result.From),
            To = Timestamp.FromDateTimeOffset(result.To),
            Step = result.Step,
            Aggregation = result.Aggregation,
            Series = result.Series,
        };
        response.Labels.Add(result.Labels.ToDictionary());
        foreach (var p in result.Points)
        {
            var point = new V1.RollupPoint
            {
                Time = Timestamp.FromDateTimeOffset(p.Time), Count = p.Count, Sum = p.Sum, Min = p.Min, Max = p.Max, Avg = p.Avg, Rate = p.Rate, Value = p.Value,
            };
            if (p.P50 is { } p50) { point.P50 = p50; }
            if (p.P90 is { } p90) { point.P90 = p90; }
            if (p.P95 is { } p95) { point.P95 = p95; }
            if (p.P99 is { } p99) { point.P99 = p99; }
            response.Points.Add(point);
        }
        return response;
    }

    public override async Task<V1.PerformanceSummaryResponse> GetPerformanceSummary(V1.PerformanceSummaryRequest request, ServerCallContext context)
    {
        var hours = request.Hours == 0 ? 1 : request.Hours;
        if (!(hours > 0 && hours <= PerformanceApi.MaxHours))
        {
            throw Invalid("hours", $"must be a number above 0 and at most {PerformanceApi.MaxHours}");
        }
        var s = await Narrowable(performance.SummaryAsync(TimeSpan.FromHours(hours), string.IsNullOrEmpty(request.Service) ? null : request.Service, context.CancellationToken),
            QueryFields.Summary);
        var response = new V1.PerformanceSummaryResponse
        {
            Timestamp = Timestamp.FromDateTimeOffset(s.Timestamp),
            Hours = s.Hours,
            Service = s.Service ?? "",
            RequestsTotal = s.RequestsTotal,
            RequestsPerSecond = s.RequestsPerSecond,
            ErrorRate = s.ErrorRate,
            Database = new V1.DatabaseSummary(),
        };
        if (s.AverageResponseTimeMs is { } avg) { response.AverageResponseTimeMs = avg; }
        if (s.P95ResponseTimeMs is { } p95) { response.P95ResponseTimeMs = p95; }
        if (s.P99ResponseTimeMs is { } p99) { response.P99ResponseTimeMs = p99; }
        if (s.CpuUsagePercent is { } cpu) { response.CpuUsagePercent = cpu; }
        if (s.MemoryUsagePercent is { } memory) { response.MemoryUsagePercent = memory; }
        if (s.MemoryUsageMb is { } mb) { response.MemoryUsageMb = mb; }
        if (s.Database.PoolUtilizationPercent is { } pool) { response.Database.PoolUtilizationPercent = pool; }
        if (s.Database.AverageQueryTimeMs is { } query) { response.Database.AverageQueryTimeMs = query; }
        if (s.Database.P95QueryTimeMs is { } queryP95) { response.Database.P95QueryTimeMs = queryP95; }
        if (s.Database.ActiveConnections is { } active) { response.Database.ActiveConnections = active; }
        if (s.Database.CacheHitRatio is { } cache) { response.Database.CacheHitRatio = cache; }
        return response;
    }

    private static async Task<T> Narrowable<T>(Task<T> query, QueryFields fields)
    {
        try
        {
            return await query;
        }
        catch (QueryTooExpensiveException refused)
        {
            var (field, detail) = refused.Describe(fields);
            throw new RpcException(new Status(StatusCode.FailedPrecondition, detail), new Metadata { { "field", field } });
        }
    }

    private static RpcException Invalid(ProblemHttpResult problem) =>
        Invalid((string)problem.ProblemDetails.Extensions["field"]!, problem.ProblemDetails.Detail ?? "is invalid", prefixed: true);

    private static RpcException Invalid(string field, string reason, bool prefixed = false) =>
        new(new Status(StatusCode.InvalidArgument, prefixed ? reason : $"{field} {reason}"), new Metadata { { "field", field } });
}
