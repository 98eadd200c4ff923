using System.Text.Json.Nodes;
using PerfMonitor.Alerting.Receivers;

namespace PerfMonitor.Alerting.Grouping;

/// <summary>
/// Puts rendered templates into a kind's default payload. Every rendered text lands in a JSON string value, which the
/// serializer escapes, so no label value can end a string or add a field; the parts a template left blank keep the
/// default wording, and the kinds' length limits (Slack's header and section, PagerDuty's summary) still hold.
/// </summary>
public static class TemplatedBodies
{
    private const int SlackHeaderLimit = 150;
    private const int SlackSectionLimit = 3000;
    private const int PagerDutySummaryLimit = 1024;

    public static void Apply(ReceiverKind kind, JsonObject body, RenderedTemplates rendered)
    {
        var title = Blank(rendered.Title) ? null : rendered.Title!.Trim();
        var text = Blank(rendered.Text) ? null : rendered.Text;
        switch (kind)
        {
            case ReceiverKind.Slack:
                Slack(body, title, text);
                break;
            case ReceiverKind.MsTeams:
                Teams(body, title, text);
                break;
            case ReceiverKind.PagerDuty:
                var payload = body["payload"]!.AsObject();
                Set(payload, "summary", title is null ? null : Cut(title, PagerDutySummaryLimit));
                Set(payload["custom_details"]!.AsObject(), "message", text);
                break;
            case ReceiverKind.Email:
                // A header is one line: a title with line breaks must not add headers of its own.
                Set(body, "subject", title is null ? null : string.Join(' ', title.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)));
                Set(body, "text", text);
                Set(body, "html", Blank(rendered.Html) ? null
                    : $"<html><body><div style=\"white-space:pre-wrap;font-family:sans-serif\">{rendered.Html}</div></body></html>");
                break;
            default:
                Set(body, "title", title);
                Set(body, "message", text);
                break;
        }
    }

    private static void Slack(JsonObject body, string? title, string? text)
    {
        var blocks = body["blocks"]!.AsArray();
        if (title is not null)
        {
            body["text"] = title;
            blocks[0]!["text"]!["text"] = Cut(title, SlackHeaderLimit);
        }
        if (text is not null)
        {
            foreach (var section in blocks.Where(b => (string?)b!["type"] == "section").ToList())
            {
                blocks.Remove(section);
            }
            blocks.Insert(1, new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(text, SlackSectionLimit) } });
        }
    }

    private static void Teams(JsonObject body, string? title, string? text)
    {
        var blocks = body["attachments"]![0]!["content"]!["body"]!.AsArray();
        if (title is not null)
        {
            blocks[0]!["text"] = title;
        }
        if (text is not null)
        {
            // The first block is the title and the last says how the group was made; the alert lines between them give way.
            while (blocks.Count > 2)
            {
                blocks.RemoveAt(1);
            }
            blocks.Insert(1, new JsonObject { ["type"] = "TextBlock", ["wrap"] = true, ["text"] = text });
        }
    }

    private static void Set(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
