using System.IO.Hashing;
using Npgsql;
using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Expressions;

/// <summary>
/// Gives each expr rule one evaluator among the alerting replicas: a replica evaluates a rule only while it holds the
/// rule's PostgreSQL advisory lock, taken on a session this replica keeps open. Why a session lock: PostgreSQL already
/// is the replicas' shared truth, and a replica that dies (or loses its database connection) loses its session and with
/// it every lock, so the next evaluation round of another replica takes its rules over; no lease table, no clock.
/// A replica keeps the rules it holds, so ownership does not move between rounds.
/// </summary>
public sealed partial class ExprRuleOwnership(NpgsqlDataSource dataSource, RuleCache rules, ILogger<ExprRuleOwnership> logger) : IAsyncDisposable
{
    // CASE, not OR: the lock is tried only for a rule not yet held, so holding one never stacks it.
    private const string Claim = """
        SELECT key FROM unnest($1::bigint[]) AS key
        WHERE CASE WHEN EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid() AND l.granted
                                 AND l.objsubid = 1 AND ((l.classid::bigint << 32) | l.objid::bigint) = key)
                   THEN true ELSE pg_try_advisory_lock(key) END
        """;

    private readonly SemaphoreSlim gate = new(1, 1);
    private NpgsqlConnection? session;

    /// <summary>The ids of the rules this replica holds after the last claim, for observability and tests.</summary>
    public IReadOnlySet<Guid> Held { get; private set; } = new HashSet<Guid>();

    /// <summary>Takes every enabled expr rule no other replica holds and returns the ones this replica holds.</summary>
    public async Task<IReadOnlyList<AlertRule>> ClaimAsync(CancellationToken cancellationToken)
    {
        var exprRules = rules.Enabled.Where(r => r.Kind == RuleKind.Expr && r.Expr is not null).ToList();
        if (exprRules.Count == 0)
        {
            return [];
        }
        await gate.WaitAsync(cancellationToken);
        try
        {
            var byKey = exprRules.ToDictionary(r => LockKey(r.Id), r => r.Id);
            session ??= await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(Claim, session);
            command.Parameters.AddWithValue(byKey.Keys.ToArray());
            var held = new HashSet<Guid>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    held.Add(byKey[reader.GetInt64(0)]);
                }
            }
            Held = held;
            return [.. exprRules.Where(r => held.Contains(r.Id))];
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The session may be gone, and its locks with it: hold nothing until a new one claims again.
            LogSessionLost(ex);
            await DropSessionAsync();
            Held = new HashSet<Guid>();
            return [];
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropSessionAsync();
        gate.Dispose();
    }

    /// <summary>A positive 62-bit key per rule, so the bigint lock's two 32-bit halves read back the same in pg_locks.</summary>
    public static long LockKey(Guid ruleId) => (long)(XxHash3.HashToUInt64(ruleId.ToByteArray()) >> 2);

    /// <summary>
    /// Gives the rules up before the connection goes back to the pool, where its session (and locks) would otherwise live
    /// on until it is reused. A connection that cannot run this is broken, and its session ends with it.
    /// </summary>
    private async Task DropSessionAsync()
    {
        if (session is null)
        {
            return;
        }
        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", session);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            LogUnlockFailed(ex);
        }
        await session.DisposeAsync();
        session = null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not release expr rule locks on a failing session; they end with it")]
    private partial void LogUnlockFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the database session holding expr rule ownership; claiming again at the next round")]
    private partial void LogSessionLost(Exception exception);
}
