using System.Globalization;
using Npgsql;

namespace PerfMonitor.Analytics.Queries;

/// <summary>
/// Runs a query endpoint's statements on one connection, in a transaction whose statement_timeout is
/// Queries:StatementTimeout. The setting is local to the transaction, so the pooled connection goes back with the
/// server's own timeout for the consumer's COPY and the jobs. A statement past it is a <see cref="QueryTooExpensiveException"/>.
/// </summary>
public static class QueryTransaction
{
    public static async Task<T> RunAsync<T>(NpgsqlDataSource dataSource, TimeSpan timeout, Func<NpgsqlConnection, Task<T>> query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var limit = new NpgsqlCommand("SELECT set_config('statement_timeout', $1, true)", connection))
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
