using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Backpressure;
using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Collector.Spool;
using PerfMonitor.Collector.Tests.Support;
using PerfMonitor.Contracts.V1;
using PerfMonitor.Embedded;

namespace PerfMonitor.Collector.Tests;

/// <summary>The spool on a filesystem that really fills up (a 256 KiB tmpfs): what was acknowledged stays intact, what was not is refused.</summary>
public sealed class SpoolDiskFullTests : IDisposable
{
    private const int FilesystemKib = 256;
    private const int BallastBytes = 150 * 1024;
    private readonly TinyFilesystem disk = new(FilesystemKib);

    public void Dispose() => disk.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task An_append_the_full_disk_refuses_is_cut_back_to_the_last_durable_record_and_the_next_one_starts_a_new_segment()
    {
        var kept = new List<string>();
        SpoolWriteFailedException? refused = null;
        disk.Occupy(BallastBytes);
        using (var spool = Open())
        {
            // 20 KB records until the disk says no: about five fit beside the ballast.
            for (var i = 0; refused is null; i++)
            {
                var value = $"{i:D3}" + new string('x', 20_000);
                try
                {
                    await spool.AppendAsync(SpoolContents.Payloads(value), CancellationToken.None);
                    kept.Add(value);
                }
                catch (SpoolWriteFailedException ex)
                {
                    refused = ex;
                }
            }
            var first = Assert.Single(Directory.GetFiles(disk.Path, "*.seg"));
            Assert.Equal(SpoolRecordFormat.HeaderBytes + kept.Sum(v => SpoolRecordFormat.RecordOverhead + v.Length), new FileInfo(first).Length);
            Assert.Equal(kept.Count, spool.PendingRecords);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.RetryAfter);

            disk.Free();
            await spool.AppendAsync(SpoolContents.Payloads("after the disk had room again"), CancellationToken.None);

            Assert.Equal(2, Directory.GetFiles(disk.Path, "*.seg").Length);
        }
        Assert.InRange(kept.Count, 3, (FilesystemKib * 1024 - BallastBytes) / 20_000);

        using var reopened = Open();

        Assert.Equal([.. kept, "after the disk had room again"], await SpoolContents.ReadAllAsync(reopened, reopened.Head(100)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Confirmations_the_full_disk_cannot_log_still_count_so_the_replayer_does_not_send_them_again()
    {
        using (var spool = Open())
        {
            var records = await spool.AppendAsync(SpoolContents.Payloads("a", "b", "c"), CancellationToken.None);
            disk.Fill();

            await spool.AcknowledgeAsync([records[0], records[1]], CancellationToken.None);

            Assert.Equal(["c"], await SpoolContents.ReadAllAsync(spool, spool.Head(10)));
            Assert.Equal(1, spool.PendingRecords);

            disk.Free();
            await spool.AppendAsync(SpoolContents.Payloads("d"), CancellationToken.None);
            await spool.AcknowledgeAsync([records[2]], CancellationToken.None);
        }

        using var reopened = Open();

        Assert.Equal(["d"], await SpoolContents.ReadAllAsync(reopened, reopened.Head(10)));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_collector_whose_spool_disk_is_full_answers_503_with_Retry_After_and_gRPC_UNAVAILABLE_instead_of_accepting()
    {
        // Kafka is unreachable, so every sample must go to the spool; the spool's disk is full.
        await using var collector = await CollectorHost.StartAsync($"127.0.0.1:{FreePort.Next()}", CancellationToken.None,
            new Dictionary<string, string> { ["Kafka:HealthTimeoutMs"] = "500" }, spoolPath: disk.Path);
        disk.Fill();
        using var http = new HttpClient { BaseAddress = collector.HttpUrl };
        var samples = Samples("disk_full_test", 3);

        var response = await TestSamples.PostJsonAsync(http, samples);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
        Assert.Contains("the spool cannot write", await response.Content.ReadAsStringAsync());

        using var channel = GrpcChannel.ForAddress(collector.GrpcUrl);
        var push = new Ingest.IngestClient(channel).Push();
        await push.RequestStream.WriteAsync(new SampleBatch { Samples = { samples } });
        await push.RequestStream.CompleteAsync();
        var unavailable = await Assert.ThrowsAsync<RpcException>(() => push.ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, unavailable.StatusCode);
        Assert.Equal("5", unavailable.Trailers.GetValue(RetryableFailureInterceptor.RetryAfterTrailer));

        disk.Free();
        var accepted = await TestSamples.PostJsonAsync(http, samples);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    private SampleSpool Open() =>
        new(Options.Create(new SpoolOptions { Path = disk.Path }), NullLogger<SampleSpool>.Instance);

    private static List<Sample> Samples(string metric, int count) => Enumerable.Range(0, count)
        .Select(i => new Sample { Metric = metric, Value = i, Labels = { new Label { Name = "i", Value = $"{i}" } } })
        .ToList();
}
