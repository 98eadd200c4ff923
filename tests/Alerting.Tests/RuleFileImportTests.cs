using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfMonitor.Alerting.Tests.Support;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests;

/// <summary>Prometheus rule files that Debian's <c>promtool check rules</c> accepts are imported as expr rules; what it refuses is refused.</summary>
public sealed class RuleFileImportTests(AlertingHost host) : IClassFixture<AlertingHost>
{
    private const string Promtool = "/usr/bin/promtool";
    private static readonly TimeSpan PromtoolPatience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task A_rule_file_promtool_accepts_is_imported_as_expr_rules_and_again_replaces_them()
    {
        var group = $"checkout-{Guid.NewGuid():N}"[..17];
        var file = $$$"""
            groups:
              - name: {{{group}}}
                interval: 30s
                rules:
                  - record: job:http_requests:rate5m
                    expr: sum by (job) (rate(http_requests_total[5m]))
                  - alert: HighErrorRate
                    expr: |
                      sum by (service) (rate(http_requests_total{status=~"5.."}[5m]))
                        / sum by (service) (rate(http_requests_total[5m])) > 0.05
                    for: 10m
                    labels:
                      severity: critical
                      team: checkout
                    annotations:
                      summary: "{{ $labels.service }} fails {{ $value | humanizePercentage }} of requests"
                      runbook_url: https://runbooks.example/high-error-rate
                  - alert: InstanceDown
                    expr: up == 0
                    for: 5m
                    labels:
                      severity: page
            """;

        var (exitCode, output) = await PromtoolCheckAsync(file);
        var first = await ImportAsync(file);
        var again = await ImportAsync(file);

        Assert.True(exitCode == 0, output);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal<string>(["job:http_requests:rate5m"], first.Body.GetProperty("skippedRecordingRules").EnumerateArray().Select(r => r.GetString() ?? ""));
        var rules = first.Body.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["HighErrorRate", "InstanceDown"], rules.Select(r => r.GetProperty("name").GetString()));
        Assert.All(rules, r => Assert.Equal("expr", r.GetProperty("kind").GetString()));
        var errors = rules[0];
        Assert.StartsWith("sum by (service)", errors.GetProperty("expr").GetString(), StringComparison.Ordinal);
        Assert.Equal("10m", errors.GetProperty("for").GetString());
        Assert.Equal("critical", errors.GetProperty("severity").GetString());
        Assert.Equal("checkout", errors.GetProperty("labels").GetProperty("team").GetString());
        Assert.Equal("https://runbooks.example/high-error-rate", errors.GetProperty("annotations").GetProperty("runbook_url").GetString());
        Assert.Equal("warning", rules[1].GetProperty("severity").GetString());
        Assert.Equal("page", rules[1].GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal(
            rules.Select(r => r.GetProperty("id").GetString()),
            again.Body.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var stored = await host.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/alert-rules");
        Assert.Equal(2, stored!.Count(r => rules.Any(i => i.GetProperty("id").GetString() == r.GetProperty("id").GetString())));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_rule_file_promtool_refuses_is_refused_naming_the_rule_and_field_and_nothing_is_imported()
    {
        var name = $"Broken{Guid.NewGuid():N}"[..14];
        var file = $"""
            groups:
              - name: broken
                rules:
                  - alert: {name}Fine
                    expr: up == 0
                  - alert: {name}
                    expr: rate(http_requests_total[5m]
                    for: 5m
            """;

        var (exitCode, output) = await PromtoolCheckAsync(file);
        var imported = await ImportAsync(file);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("parse error", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, imported.Status);
        var errors = imported.Body.GetProperty("errors");
        Assert.Equal(["groups[0].rules[1].expr"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains("parse error", errors.GetProperty("groups[0].rules[1].expr")[0].GetString(), StringComparison.Ordinal);
        var stored = await host.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/alert-rules");
        Assert.DoesNotContain(stored!, r => r.GetProperty("name").GetString()!.StartsWith(name, StringComparison.Ordinal));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_file_that_is_not_a_rule_file_is_refused_naming_the_line()
    {
        var imported = await ImportAsync("groups:\n  - name: g\n    rulez: []\n");

        Assert.Equal(HttpStatusCode.BadRequest, imported.Status);
        Assert.Contains("line 3", imported.Body.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(string file)
    {
        using var content = new StringContent(file, System.Text.Encoding.UTF8, "application/yaml");
        var response = await host.Client.PostAsync("/api/v1/alert-rules/import", content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>Debian's promtool on the same file: its exit code and what it printed.</summary>
    private static async Task<(int ExitCode, string Output)> PromtoolCheckAsync(string file)
    {
        using var folder = new TempFolder("perfmon-rule-file");
        var path = Path.Combine(folder.Path, "rules.yml");
        await File.WriteAllTextAsync(path, file);
        var start = new ProcessStartInfo(Promtool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("rules");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PromtoolPatience);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
