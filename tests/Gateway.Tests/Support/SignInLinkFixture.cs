namespace PerfMonitor.Gateway.Tests.Support;

/// <summary>A production gateway with a one-time sign-in token, as the AppHost sets one per run.</summary>
public sealed class SignInLinkFixture : StandaloneFixture
{
    public const string Token = "3c9a1f7e5b2d4086a1c3e5f7092b4d6f";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Access__SignInToken"] = Token };
}
