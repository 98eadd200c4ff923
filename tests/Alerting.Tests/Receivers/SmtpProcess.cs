using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using PerfMonitor.Embedded;
using PerfMonitor.TestSupport;

namespace PerfMonitor.Alerting.Tests.Receivers;

/// <summary>
/// Debian's aiosmtpd on a free loopback port with its Debugging handler, which prints each message it receives; stopped by
/// its PID. A real SMTP server: the e-mail receiver's MailKit client speaks the whole SMTP dialogue with it.
/// </summary>
public sealed class SmtpProcess : IAsyncDisposable
{
    private readonly Process process;

    private SmtpProcess(Process process, int port) => (this.process, Port) = (process, port);

    public int Port { get; }

    public ConcurrentQueue<string> Output { get; } = new();

    public string Printed => string.Join("\n", Output);

    public static async Task<SmtpProcess> StartAsync()
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-u", "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }
        var smtp = new SmtpProcess(Process.Start(start)!, port);
        smtp.process.OutputDataReceived += (_, line) => smtp.Output.Enqueue(line.Data ?? "");
        smtp.process.ErrorDataReceived += (_, _) => { };
        smtp.process.BeginOutputReadLine();
        smtp.process.BeginErrorReadLine();
        await Eventually.GetAsync(async () =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, ready => ready || smtp.process.HasExited, TimeSpan.FromSeconds(30), "aiosmtpd to listen");
        return smtp;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
