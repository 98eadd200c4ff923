using Npgsql;
using PerfMonitor.Analytics.Queries;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>
/// The PromQL engine's view of the rollups: series chosen by their matchers from perfmon.series, points read from the
/// minute, five-minute or hour rows (<see cref="RollupPointsReader"/>), quantiles from the rows' DDSketches, a delta
/// counter flagged so rate and increase add its increments. One source serves one query: each selector's read runs
/// under the statement timeout, and all of them together may read at most <see cref="QueryLimits.MaxSeries"/> series.
/// </summary>
public sealed class PostgresSeriesSource(NpgsqlDataSource dataSource, int maxSeries, TimeSpan statementTimeout) : ISeriesSource
{
    public static readonly IReadOnlyList<long> Resolutions =
        [.. new[] { RollupSource.Minutes, RollupSource.FiveMinutes, RollupSource.Hours }.Select(s => (long)s.Width().TotalMilliseconds)];

    private int seriesRead;

    public IReadOnlyList<long> ResolutionsMs => Resolutions;

    public Task<SeriesSelection> SelectAsync(SeriesRequest request, CancellationToken cancellationToken) =>
        QueryTransaction.RunAsync(dataSource, statementTimeout, async connection =>
        {
            var found = await SeriesFinder.FindAsync(connection, request.Matchers, cancellationToken);
            // Counted before any row is read: the series decide the cost, and a refusal reads nothing.
            seriesRead += found.Count;
            if (seriesRead > maxSeries)
            {
                throw QueryTooExpensiveException.TooManySeries(seriesRead, maxSeries);
            }
            if (found.Count == 0)
            {
                return new SeriesSelection([], []);
            }
            var points = await RollupPointsReader.ReadAsync(
                connection, [.. found.Select(s => s.Id)], request.FromMs, request.ToMs, request.ResolutionMs, request.Fields, cancellationToken);
            var selected = found.Where(s => points.ContainsKey(s.Id)).Select(s => new SeriesPoints(s.Labels, points[s.Id], s.Temporality)).ToList();
            return new SeriesSelection(selected, []);
        }, cancellationToken);
}
