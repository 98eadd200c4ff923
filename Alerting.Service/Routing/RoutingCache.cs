using PerfMonitor.Alerting.Receivers;

namespace PerfMonitor.Alerting.Routing;

/// <summary>
/// The compiled routing tree this replica routes by, read again when the stored version moved (another replica's PUT).
/// A stored configuration that no longer compiles (a receiver deleted by hand in the database) keeps the last good tree.
/// </summary>
public sealed partial class RoutingCache(RoutingStore store, ReceiverStore receivers, ILogger<RoutingCache> logger) : IReceiverUsage
{
    private long version = -1;

    public RoutingTree Tree { get; private set; } = RoutingTree.Empty;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (await store.VersionAsync(cancellationToken) == Volatile.Read(ref version))
        {
            return;
        }
        if (await store.GetAsync(cancellationToken) is not var (config, stored))
        {
            Tree = RoutingTree.Empty;
            Volatile.Write(ref version, 0);
            return;
        }
        var (tree, errors) = RoutingCompiler.Compile(config, await receivers.NamesAsync(cancellationToken));
        if (tree is null)
        {
            LogUnusable(stored, string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}")));
        }
        else
        {
            Tree = tree;
        }
        Volatile.Write(ref version, stored);
    }

    /// <summary>Takes a tree just saved by this replica without reading it back.</summary>
    public void Use(RoutingTree tree) => Tree = tree;

    public async Task<string?> UseOfAsync(string receiver, CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        var routed = Tree.Root?.Walk().Any(route => route.Options.Receiver == receiver || route.Options.Escalation?.Receiver == receiver) == true;
        return routed ? $"the routing tree sends to '{receiver}'; change it with PUT /api/v1/routing first" : null;
    }

    /// <summary>A receiver by name, its secret decrypted; null when it no longer exists.</summary>
    public Task<Receiver?> ReceiverAsync(string name, CancellationToken cancellationToken) => receivers.GetAsync(name, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing configuration version {Version} does not compile ({Errors}); the last good tree stays in use")]
    private partial void LogUnusable(long version, string errors);
}
