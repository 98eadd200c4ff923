using System.Net.Mail;
using PerfMonitor.Alerting.Receivers.Templates;
using PerfMonitor.Alerting.Webhooks;

namespace PerfMonitor.Alerting.Receivers;

/// <summary>
/// Checks a receiver request field by field; every refusal names its field. Every URL a receiver sends to (the Slack
/// or Teams URL inside its secret too) passes the webhook target guard, and so does an e-mail receiver's SMTP host.
/// Templates must parse, so a typo is refused at save and not found at 3 a.m.
/// </summary>
public sealed class ReceiverValidator(WebhookTargetGuard guard, TemplateEngine templates)
{
    public async Task<(Receiver? Receiver, Dictionary<string, string[]> Errors)> ValidateAsync(string name, ReceiverRequest request, string? storedSecret, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string reason) => errors[field] = [reason];
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200 || name.Any(char.IsControl))
        {
            Fail("name", "is required: at most 200 characters, no control characters");
        }
        if (!WireName<ReceiverKind>.TryParse(request.Kind, out var kind))
        {
            Fail("kind", $"must be one of {string.Join(", ", WireName<ReceiverKind>.All)}");
            return (null, errors);
        }
        var secret = request.Secret is null ? storedSecret : request.Secret.Length == 0 ? null : request.Secret;
        var url = request.Url ?? "";
        switch (kind)
        {
            case ReceiverKind.Webhook or ReceiverKind.Alertmanager:
                await CheckUrlAsync("url", url, required: true);
                break;
            case ReceiverKind.Slack or ReceiverKind.MsTeams:
                await CheckUrlAsync("secret", secret ?? "", required: true);
                break;
            case ReceiverKind.PagerDuty:
                if (string.IsNullOrWhiteSpace(secret))
                {
                    Fail("secret", "is required: the PagerDuty routing (integration) key");
                }
                url = string.IsNullOrEmpty(url) ? Receiver.PagerDutyEventsUrl : url;
                await CheckUrlAsync("url", url, required: true);
                break;
        }
        var email = kind == ReceiverKind.Email ? await EmailAsync(request.Email, Fail, cancellationToken) : null;
        if (kind != ReceiverKind.Email && request.Email is not null)
        {
            Fail("email", "is only for kind email");
        }
        CheckTemplates(kind, request.Templates, Fail);
        var receiver = new Receiver(name, kind, url, secret, email, request.SendResolved ?? true) { Templates = request.Templates is { IsEmpty: false } t ? t : null };
        return errors.Count > 0 ? (null, errors) : (receiver, errors);

        async Task CheckUrlAsync(string field, string value, bool required)
        {
            if (string.IsNullOrEmpty(value))
            {
                if (required)
                {
                    Fail(field, field == "secret" ? $"is required: the {request.Kind} incoming-webhook URL" : "is required");
                }
                return;
            }
            if (await guard.CheckAsync(value, cancellationToken) is { } refusal)
            {
                // A secret URL is never echoed back, only why it was refused.
                Fail(field, refusal);
            }
        }
    }

    private void CheckTemplates(ReceiverKind kind, ReceiverTemplates? requested, Action<string, string> fail)
    {
        if (requested is null or { IsEmpty: true })
        {
            return;
        }
        if (kind == ReceiverKind.Alertmanager)
        {
            // Alertmanager takes alerts, not messages: its own receivers' templates word them.
            fail("templates", "is not used by kind alertmanager: Alertmanager's own templates word its notifications");
            return;
        }
        foreach (var (field, source) in new[] { ("templates.title", requested.Title), ("templates.body", requested.Body) })
        {
            if (!string.IsNullOrEmpty(source) && templates.Check(source) is { } error)
            {
                fail(field, error);
            }
        }
    }

    private async Task<EmailSettings?> EmailAsync(EmailRequest? request, Action<string, string> fail, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            fail("email", "is required for kind email: to, from and smarthost");
            return null;
        }
        var ok = true;
        void Fail(string field, string reason)
        {
            ok = false;
            fail(field, reason);
        }
        if (request.To is not { Count: > 0 })
        {
            Fail("email.to", "at least one address is required");
        }
        foreach (var (address, i) in (request.To ?? []).Select((a, i) => (a, i)).Where(a => !MailAddress.TryCreate(a.a, out _)))
        {
            Fail($"email.to[{i}]", "is not an e-mail address");
        }
        if (!MailAddress.TryCreate(request.From, out _))
        {
            Fail("email.from", "is required and must be an e-mail address");
        }
        var smarthost = request.Smarthost ?? "";
        var colon = smarthost.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(smarthost[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            Fail("email.smarthost", "is required as host:port, e.g. smtp.example.com:587");
        }
        else if (await guard.CheckAsync($"http://{smarthost}/", cancellationToken) is { } refusal)
        {
            // The SMTP host passes the same address guard as every webhook, so a receiver cannot reach into the cluster.
            Fail("email.smarthost", refusal);
        }
        return ok ? new EmailSettings([.. request.To!], request.From!, smarthost, string.IsNullOrEmpty(request.Username) ? null : request.Username, request.RequireTls ?? false) : null;
    }
}
