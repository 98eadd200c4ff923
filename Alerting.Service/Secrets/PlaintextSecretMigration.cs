using Npgsql;

namespace PerfMonitor.Alerting.Secrets;

/// <summary>
/// Encrypts, at start-up, secrets stored in plaintext by an earlier version: before this one existed, or through one of its
/// replicas still running during a rolling upgrade (which leaves the flag as it was). Each row is a compare-and-set on its
/// stored value, so replicas starting together, or a second start, encrypt nothing twice.
/// </summary>
public sealed partial class PlaintextSecretMigration(NpgsqlDataSource dataSource, WebhookSecretProtector protector, ILogger<PlaintextSecretMigration> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var plaintext = new List<(Guid Id, string Secret)>();
        await using (var select = dataSource.CreateCommand(
            "SELECT id, secret FROM perfmon.alert_rules WHERE secret IS NOT NULL AND (NOT secret_protected OR left(secret, $1) <> $2)"))
        {
            select.Parameters.AddWithValue(WebhookSecretProtector.PayloadPrefix.Length);
            select.Parameters.AddWithValue(WebhookSecretProtector.PayloadPrefix);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                plaintext.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }
        var encrypted = 0;
        foreach (var (id, secret) in plaintext)
        {
            await using var update = dataSource.CreateCommand("""
                UPDATE perfmon.alert_rules SET secret = $3, secret_protected = true
                WHERE id = $1 AND secret = $2
                """);
            update.Parameters.AddWithValue(id);
            update.Parameters.AddWithValue(secret);
            update.Parameters.AddWithValue(protector.Protect(secret));
            encrypted += await update.ExecuteNonQueryAsync(cancellationToken);
        }
        if (encrypted > 0)
        {
            LogEncrypted(encrypted);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted {Count} webhook secret(s) stored in plaintext by an earlier version")]
    private partial void LogEncrypted(int count);
}
