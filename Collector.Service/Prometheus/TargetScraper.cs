using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using PerfMonitor.Collector.Collectors.Common;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Prometheus;

/// <summary>
/// Scrapes one target once and turns the page into samples as Prometheus would store them: job, instance and the
/// target's labels on every sample (a page's own job/instance become exported_job/exported_instance), plus `up`
/// and `scrape_duration_seconds` for the target itself. The page is read within a size limit and the whole scrape
/// within a deadline: a body that never ends or stalls makes the scrape fail (up=0) with the reason.
/// </summary>
public sealed class TargetScraper(HttpClient http, TimeProvider clock)
{
    public async Task<ScrapeResult> ScrapeAsync(ScrapeTarget target, TimeSpan timeout, long maxBodyBytes, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var page = new ExpositionResult();
        string? failure;
        var stage = "waiting for the response";
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("text/plain;version=0.0.4"));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            response.EnsureSuccessStatusCode();
            stage = "reading the body";
            var body = await ResponseBody.ReadAsync(response.Content, maxBodyBytes, "Scrape:MaxBodyBytes", keep: true, deadline.Token);
            failure = body.Failure;
            if (body.Body is { } bytes)
            {
                page = ExpositionParser.Parse(Encoding.UTF8.GetString(bytes));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            failure = ex is OperationCanceledException ? $"timed out after {timeout} {stage}" : ex.Message;
        }
        var duration = Stopwatch.GetElapsedTime(started);

        var targetLabels = TargetLabels(target);
        var samples = new List<Sample>(page.Samples.Count + 2);
        foreach (var exposed in page.Samples)
        {
            var sample = new Sample
            {
                Metric = exposed.Name, Value = exposed.Value, TimestampUnixMs = exposed.TimestampMs ?? now, Kind = exposed.Kind,
                Temporality = TemporalityOf(exposed.Kind),
            };
            foreach (var label in exposed.Labels)
            {
                var clashes = targetLabels.Any(t => t.Name == label.Name);
                sample.Labels.Add(clashes ? new Label { Name = "exported_" + label.Name, Value = label.Value } : label);
            }
            sample.Labels.AddRange(targetLabels.Select(l => l.Clone()));
            samples.Add(sample);
        }
        samples.Add(Own("up", failure is null ? 1 : 0, now, targetLabels));
        samples.Add(Own("scrape_duration_seconds", duration.TotalSeconds, now, targetLabels));
        return new ScrapeResult(samples, failure, page.Errors, duration);
    }

    /// <summary>An exposition's counters, histograms and summaries are running totals since the process started; gauges have no temporality.</summary>
    private static Temporality TemporalityOf(MetricKind kind) => kind == MetricKind.Gauge ? Temporality.Unspecified : Temporality.Cumulative;

    private static List<Label> TargetLabels(ScrapeTarget target)
    {
        var labels = target.Labels
            .Where(l => l.Key is not ("job" or "instance"))
            .Select(l => new Label { Name = l.Key, Value = l.Value })
            .ToList();
        labels.Add(new Label { Name = "job", Value = target.Job });
        labels.Add(new Label { Name = "instance", Value = target.Instance });
        return labels;
    }

    private static Sample Own(string metric, double value, long now, List<Label> labels)
    {
        var sample = new Sample { Metric = metric, Value = value, TimestampUnixMs = now, Kind = MetricKind.Gauge };
        sample.Labels.AddRange(labels.Select(l => l.Clone()));
        return sample;
    }
}
