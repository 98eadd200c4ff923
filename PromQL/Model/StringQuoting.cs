using System.Text;

namespace PerfMonitor.PromQL.Model;

/// <summary>Double-quoted string literals as Prometheus prints them (Go's strconv.Quote for printable text).</summary>
public static class StringQuoting
{
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }
}
