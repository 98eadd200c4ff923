namespace PerfMonitor.PromQL.Model;

/// <summary>
/// Prometheus's order of label sets (its <c>labels.Compare</c>): label by label, name then value, a set that runs out
/// first sorting first. Strings compare as Go compares them, byte by byte in UTF-8, which is code point order.
/// </summary>
public sealed class LabelOrder : IComparer<LabelSet>
{
    public static readonly LabelOrder Instance = new();

    public int Compare(LabelSet? x, LabelSet? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }
        var a = x.Labels;
        var b = y.Labels;
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var order = CodePointOrder(a[i].Name, b[i].Name);
            if (order == 0)
            {
                order = CodePointOrder(a[i].Value, b[i].Value);
            }
            if (order != 0)
            {
                return order;
            }
        }
        return a.Length.CompareTo(b.Length);
    }

    /// <summary>
    /// Code point order of two UTF-16 strings: ordinal order, except that surrogates (the halves of code points above
    /// U+FFFF) sort after every other code unit, as their code points do.
    /// </summary>
    public static int CodePointOrder(string a, string b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return Rank(a[i]).CompareTo(Rank(b[i]));
            }
        }
        return a.Length.CompareTo(b.Length);
    }

    private static int Rank(char c) => char.IsSurrogate(c) ? c + 0x2000 : c >= '\uE000' ? c - 0x800 : c;
}
