namespace PerfMonitor.Alerting;

public static class WireNameExtensions
{
    /// <summary>The value's text on the wire (see <see cref="WireName{TEnum}"/>).</summary>
    public static string ToWire<TEnum>(this TEnum value)
        where TEnum : struct, Enum => WireName<TEnum>.Of(value);
}
