namespace PerfMonitor.Alerting.Receivers;

/// <summary>A receiver as the API shows it: never its secret, only whether it has one; a Slack or Teams URL only as its host.</summary>
public sealed record ReceiverView(string Name, string Kind, string Target, bool HasSecret, EmailRequest? Email, bool SendResolved, ReceiverTemplates? Templates)
{
    public static ReceiverView From(Receiver receiver) => new(
        receiver.Name, receiver.Kind.ToWire(), receiver.Target, !string.IsNullOrEmpty(receiver.Secret),
        receiver.Email is { } e ? new EmailRequest([.. e.To], e.From, e.Smarthost, e.Username, e.RequireTls) : null, receiver.SendResolved, receiver.Templates);
}
