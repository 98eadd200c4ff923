using System.Text.Json.Nodes;

namespace PerfMonitor.Alerting.Tests.Receivers;

/// <summary>
/// The JSON examples of docs/alerting.md that tests send as they are: each is the ```json block after a line
/// <c>&lt;!-- example: name --&gt;</c>, so the page shows what was really sent.
/// </summary>
public static class DocExamples
{
    public static JsonObject Json(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Root(), "docs", "alerting.md"));
        var marker = Array.IndexOf(lines, $"<!-- example: {name} -->");
        Assert.True(marker >= 0, $"docs/alerting.md has no example '{name}'");
        var start = Array.FindIndex(lines, marker, l => l.StartsWith("```json", StringComparison.Ordinal)) + 1;
        var end = Array.FindIndex(lines, start, l => l.StartsWith("```", StringComparison.Ordinal));
        return JsonNode.Parse(string.Join("\n", lines[start..end]))!.AsObject();
    }

    private static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PerfMonitor.sln")))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException("no PerfMonitor.sln above " + AppContext.BaseDirectory);
    }
}
