using MimeKit;

namespace PerfMonitor.Alerting.Tests.Receivers;

/// <summary>The messages aiosmtpd's Debugging handler printed, read back with MimeKit (bodies may be quoted-printable).</summary>
public static class SmtpMessages
{
    private const string Begin = "---------- MESSAGE FOLLOWS ----------";
    private const string End = "------------ END MESSAGE ------------";

    public static List<MimeMessage> Read(string printed)
    {
        var messages = new List<MimeMessage>();
        var at = 0;
        while ((at = printed.IndexOf(Begin, at, StringComparison.Ordinal)) >= 0)
        {
            var start = printed.IndexOf('\n', at) + 1;
            var end = printed.IndexOf(End, start, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }
            var lines = printed[start..end].Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
            // The handler prints the envelope's options (BODY=8BITMIME, ...) and a blank line before the message itself.
            if (lines.Count > 0 && lines[0].StartsWith("mail options:", StringComparison.Ordinal))
            {
                lines.RemoveRange(0, lines.IndexOf("") + 1);
            }
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", lines)));
            messages.Add(MimeMessage.Load(stream));
            at = end;
        }
        return messages;
    }
}
