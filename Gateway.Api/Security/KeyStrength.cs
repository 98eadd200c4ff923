namespace PerfMonitor.Gateway.Security;

/// <summary>
/// How many bits a secret can hold, from its length and the smallest usual alphabet its characters come from
/// (hex digits count 4 bits each, letters and digits about 6): 32 hex digits or 22 base64url characters make 128 bits.
/// It cannot see whether the secret was chosen at random; it refuses the ones too short to be strong even if they were.
/// </summary>
public static class KeyStrength
{
    public const int MinimumBits = 128;

    private const int Digits = 10;
    private const int HexDigits = 16;
    private const int Letters = 26;
    private const int PrintableSymbols = 33;

    public static int Bits(string secret)
    {
        if (secret.Length == 0)
        {
            return 0;
        }
        return (int)Math.Floor(secret.Length * Math.Log2(AlphabetSize(secret)));
    }

    public static bool IsStrong(string secret) => Bits(secret) >= MinimumBits;

    private static int AlphabetSize(string secret)
    {
        if (secret.All(char.IsAsciiHexDigitLower) || secret.All(char.IsAsciiHexDigitUpper))
        {
            return secret.All(char.IsAsciiDigit) ? Digits : HexDigits;
        }
        var size = 0;
        size += secret.Any(char.IsAsciiDigit) ? Digits : 0;
        size += secret.Any(char.IsAsciiLetterLower) ? Letters : 0;
        size += secret.Any(char.IsAsciiLetterUpper) ? Letters : 0;
        size += secret.Any(c => !char.IsAsciiLetterOrDigit(c)) ? PrintableSymbols : 0;
        return size;
    }
}
