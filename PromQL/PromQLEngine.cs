using PerfMonitor.PromQL.Evaluation;
using PerfMonitor.PromQL.Parsing;
using PerfMonitor.PromQL.Results;
using PerfMonitor.PromQL.Storage;
using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL;

/// <summary>
/// Evaluates PromQL over an <see cref="ISeriesSource"/> with Prometheus's semantics: instant queries at one time,
/// range queries at start + k·step. Times are Unix milliseconds.
/// </summary>
public sealed class PromQLEngine(ISeriesSource source, EngineOptions? options = null)
{
    private readonly EngineOptions options = options ?? new EngineOptions();

    public Task<QueryResult> InstantQueryAsync(string query, long timeMs, CancellationToken cancellationToken) =>
        EvaluateAsync(PromQLParser.Parse(query), QueryRange.Instant(timeMs), cancellationToken);

    public Task<QueryResult> RangeQueryAsync(string query, long startMs, long endMs, long stepMs, CancellationToken cancellationToken)
    {
        if (stepMs <= 0)
        {
            throw new PromQLException(PromQLException.BadData, "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (endMs < startMs)
        {
            throw new PromQLException(PromQLException.BadData, "end timestamp must not be before start time");
        }
        if ((endMs - startMs) / stepMs > options.MaxSteps)
        {
            throw new PromQLException(PromQLException.BadData,
                $"exceeded maximum resolution of {options.MaxSteps} points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        var expr = PromQLParser.Parse(query);
        if (expr.Type is not (ExprType.Scalar or ExprType.Vector))
        {
            throw new PromQLException(PromQLException.BadData,
                $"invalid expression type \"{expr.Type.Documented()}\" for range query, must be Scalar or instant Vector");
        }
        return EvaluateAsync(expr, new QueryRange(startMs, endMs, stepMs), cancellationToken);
    }

    public async Task<QueryResult> EvaluateAsync(Expr expr, QueryRange range, CancellationToken cancellationToken)
    {
        var data = await SelectorData.LoadAsync(expr, range, source, options, cancellationToken).ConfigureAwait(false);
        var evaluator = new Evaluator(data, range, options, cancellationToken);
        var value = range.IsInstant
            ? ResultAssembler.Instant(evaluator, expr, range.StartMs)
            : ResultAssembler.Range(evaluator, expr, range, cancellationToken);
        return new QueryResult(value, data.Warnings.Distinct().ToList());
    }
}
