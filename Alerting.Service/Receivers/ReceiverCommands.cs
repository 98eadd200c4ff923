namespace PerfMonitor.Alerting.Receivers;

/// <summary>
/// Creating, replacing and deleting receivers, shared by REST and gRPC: validate, keep a secret the request leaves out,
/// store; delete only a receiver nothing sends to.
/// </summary>
public sealed class ReceiverCommands(ReceiverStore store, ReceiverValidator validator, IEnumerable<IReceiverUsage> usages)
{
    /// <summary>The error key of a create whose name is taken (409, not a field error).</summary>
    public const string Taken = "";

    public async Task<(Receiver? Receiver, Dictionary<string, string[]> Errors)> CreateAsync(ReceiverRequest request, CancellationToken cancellationToken)
    {
        var (receiver, errors) = await validator.ValidateAsync(request.Name?.Trim() ?? "", request, null, cancellationToken);
        if (receiver is null)
        {
            return (null, errors);
        }
        return await store.SaveAsync(receiver, replace: false, cancellationToken) ? (receiver, errors) : (null, new() { [Taken] = ["exists"] });
    }

    /// <summary>Null when there is no such receiver.</summary>
    public async Task<(Receiver? Receiver, Dictionary<string, string[]> Errors)?> ReplaceAsync(string name, ReceiverRequest request, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(name, cancellationToken) is not { } stored)
        {
            return null;
        }
        // A kept secret means something only to the same kind: a Slack URL is no signing key.
        var kept = stored.Kind.ToWire() == request.Kind ? stored.Secret : null;
        var (receiver, errors) = await validator.ValidateAsync(name, request, kept, cancellationToken);
        if (receiver is null)
        {
            return (null, errors);
        }
        return await store.SaveAsync(receiver, replace: true, cancellationToken) ? (receiver, errors) : null;
    }

    /// <summary>Null when there is no such receiver; else what still sends to it, each said for a person (empty: deleted).</summary>
    public async Task<IReadOnlyList<string>?> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var uses = new List<string>();
        foreach (var usage in usages)
        {
            if (await usage.UseOfAsync(name, cancellationToken) is { } use)
            {
                uses.Add(use);
            }
        }
        if (uses.Count > 0)
        {
            return uses;
        }
        return await store.DeleteAsync(name, cancellationToken) ? uses : null;
    }
}
