using System.Text;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>
/// Reads the start of a response body, never the whole: at most a number of bytes, for at most a time after the headers.
/// A receiver that streams forever or stalls mid-body costs that much and no more; what is left goes with the connection.
/// </summary>
public static class ResponseBody
{
    public static async Task<string> ReadExcerptAsync(HttpContent content, int maxBytes, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (maxBytes == 0)
        {
            return "";
        }
        using var deadline = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var buffer = new byte[maxBytes];
        var read = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(linked.Token);
            int chunk;
            while (read < buffer.Length && (chunk = await stream.ReadAsync(buffer.AsMemory(read), linked.Token)) > 0)
            {
                read += chunk;
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // The deadline passed or the receiver hung up mid-body: the status is the answer, the body only decorates it.
        }
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
