using System.Data;
using System.Globalization;
using Npgsql;

namespace PerfMonitor.Analytics.Queries;

/// <summary>
/// Runs a query endpoint's statements on one connection, in a transaction whose statement_timeout is the endpoint's
/// (Queries:StatementTimeout, or a PromQL query's own timeout) and without JIT compilation, on one snapshot (repeatable
/// read): a rollup read finds its edge (<see cref="RollupEdge"/>) and then its rows, and both see the hourly job's work
/// as of the same moment, as one statement would. A read-only transaction never fails to serialize. The settings are local to
/// the transaction, so the pooled connection goes back with the server's own for the consumer's COPY and the jobs. A
/// statement past the timeout is a <see cref="QueryTooExpensiveException"/>.
/// </summary>
public static class QueryTransaction
{
    public static async Task<T> RunAsync<T>(NpgsqlDataSource dataSource, TimeSpan timeout, Func<NpgsqlConnection, Task<T>> query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        // JIT off: PostgreSQL compiles a plan whose estimated cost passes jit_above_cost, and these reads (many cheap rows,
        // simple expressions) pass it by their row count alone; the compile took 0.15-0.5 s a query and saved nothing.
        await using (var limit = new NpgsqlCommand("SELECT set_config('statement_timeout', $1, true), set_config('jit', 'off', true)", connection))
        {
            limit.Parameters.AddWithValue(((long)Math.Ceiling(timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture));
            await limit.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            var result = await query(connection);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.QueryCanceled && !cancellationToken.IsCancellationRequested)
        {
            throw QueryTooExpensiveException.Timeout(timeout, ex);
        }
    }
}
