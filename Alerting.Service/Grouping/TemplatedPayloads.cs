using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Fluid;
using Microsoft.Extensions.Options;
using PerfMonitor.Alerting.Receivers;
using PerfMonitor.Alerting.Receivers.Templates;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// Renders a receiver's templates over a group notice and puts them into the kind's payload. Text that lands in JSON is
/// rendered unencoded (the JSON writer escapes it); an e-mail's HTML body is rendered again with every value
/// HTML-encoded. A template that fails, runs too long or writes too much is logged and that part keeps its default.
/// </summary>
public sealed partial class TemplatedPayloads(TemplateEngine engine, IOptions<NotificationTemplateOptions> options, TimeProvider clock, ILogger<TemplatedPayloads> logger)
{
    public void Apply(JsonObject body, GroupNotice notice, Receiver receiver, string externalUrl)
    {
        if (receiver.Templates is not { IsEmpty: false } templates)
        {
            return;
        }
        var model = TemplateModel.For(notice, externalUrl, options.Value, clock.GetUtcNow());
        var rendered = new RenderedTemplates(
            Render(receiver, "title", templates.Title, model, NullEncoder.Default),
            Render(receiver, "body", templates.Body, model, NullEncoder.Default),
            receiver.Kind == ReceiverKind.Email ? Render(receiver, "body", templates.Body, model, HtmlEncoder.Default) : null);
        TemplatedBodies.Apply(receiver.Kind, body, rendered);
    }

    private string? Render(Receiver receiver, string part, string? template, Dictionary<string, object> model, TextEncoder encoder)
    {
        if (string.IsNullOrEmpty(template))
        {
            return null;
        }
        var output = engine.Render(template, model, encoder);
        if (output.Error is { } error)
        {
            LogTemplateFailed(receiver.Name, part, error);
        }
        return output.Text;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Part} template of receiver {Receiver} failed ({Error}); its default wording is sent")]
    private partial void LogTemplateFailed(string receiver, string part, string error);
}
