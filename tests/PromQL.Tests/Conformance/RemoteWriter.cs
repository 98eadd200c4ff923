using System.Net.Http.Headers;
using Google.Protobuf;
using PerfMonitor.Contracts.Prometheus;
using PerfMonitor.PromQL.Storage.InMemory;
using Snappier;

namespace PerfMonitor.PromQL.Tests.Conformance;

/// <summary>
/// Sends series to a Prometheus remote-write receiver (protobuf, snappy block format) in time order: the head
/// block refuses samples more than an hour older than the newest it holds, so every request carries one slice of
/// time for all series.
/// </summary>
public static class RemoteWriter
{
    public static async Task WriteAsync(HttpClient http, Uri prometheus, IReadOnlyList<RawSeries> series, long sliceMs, CancellationToken cancellationToken)
    {
        var from = series.Min(s => s.TimesMs[0]);
        var to = series.Max(s => s.TimesMs[^1]);
        for (var sliceStart = from; sliceStart <= to; sliceStart += sliceMs)
        {
            var request = new WriteRequest();
            foreach (var s in series)
            {
                var timeSeries = new TimeSeries();
                timeSeries.Labels.AddRange(s.Labels.Labels.ToArray().Select(l => new Label { Name = l.Name, Value = l.Value }));
                for (var i = 0; i < s.Length; i++)
                {
                    if (s.TimesMs[i] >= sliceStart && s.TimesMs[i] < sliceStart + sliceMs)
                    {
                        timeSeries.Samples.Add(new Sample { Timestamp = s.TimesMs[i], Value = s.Values[i] });
                    }
                }
                if (timeSeries.Samples.Count > 0)
                {
                    request.Timeseries.Add(timeSeries);
                }
            }
            using var content = new ByteArrayContent(Snappy.CompressToArray(request.ToByteArray()));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            content.Headers.ContentEncoding.Add("snappy");
            content.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
            using var response = await http.PostAsync(new Uri(prometheus, "/api/v1/write"), content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"remote write refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }
    }
}
