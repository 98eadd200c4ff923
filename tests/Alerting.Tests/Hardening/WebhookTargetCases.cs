using PerfMonitor.Alerting.Tests.Support;

namespace PerfMonitor.Alerting.Tests.Hardening;

/// <summary>How a target must be judged: with private targets refused (production) and with them allowed (local runs).</summary>
public enum Verdict
{
    /// <summary>A public address: reached in both modes.</summary>
    Allowed,

    /// <summary>Loopback, private or reserved: refused unless Alerting:AllowPrivateWebhookTargets is set.</summary>
    PrivateOnly,

    /// <summary>Metadata, link-local, unspecified, multicast: refused in both modes.</summary>
    Never,
}

/// <summary>Every spelling of every range, shared by the save-time and the connect-time tests so both judge the same list.</summary>
public static class WebhookTargetCases
{
    public static TheoryData<string, Verdict> Urls => new()
    {
        { "http://93.184.216.34/hook", Verdict.Allowed },
        { "https://[2606:4700:4700::1111]/hook", Verdict.Allowed },
        { "http://public.rebind.test/hook", Verdict.Allowed },
        { "http://127.0.0.1:9000/hook", Verdict.PrivateOnly },
        { "http://10.1.2.3/hook", Verdict.PrivateOnly },
        { "http://172.16.5.4/hook", Verdict.PrivateOnly },
        { "http://192.168.0.10/hook", Verdict.PrivateOnly },
        { "http://100.64.0.1/hook", Verdict.PrivateOnly },
        { "http://198.18.0.1/hook", Verdict.PrivateOnly },
        { "http://198.19.255.254/hook", Verdict.PrivateOnly },
        { "http://localhost/hook", Verdict.PrivateOnly },
        { "http://LOCALHOST./hook", Verdict.PrivateOnly },
        { "http://api.localhost/hook", Verdict.PrivateOnly },
        { "http://[::1]/hook", Verdict.PrivateOnly },
        { "http://[::ffff:10.0.0.1]/hook", Verdict.PrivateOnly },
        { "http://[::ffff:127.0.0.2]/hook", Verdict.PrivateOnly },
        { "http://[::ffff:7f00:2]/hook", Verdict.PrivateOnly },
        { "http://[fd12:3456::1]/hook", Verdict.PrivateOnly },
        { "http://[64:ff9b::808:808]/hook", Verdict.PrivateOnly },
        { "http://[64:ff9b::10.0.0.1]/hook", Verdict.PrivateOnly },
        { "http://[2002:808:808::1]/hook", Verdict.PrivateOnly },
        { "http://[2002:a00:1::1]/hook", Verdict.PrivateOnly },
        { "http://2130706433/hook", Verdict.PrivateOnly },
        { "http://0x7f.1/hook", Verdict.PrivateOnly },
        { "http://0x7f000001/hook", Verdict.PrivateOnly },
        { "http://017700000001/hook", Verdict.PrivateOnly },
        { "http://0177.0.0.1/hook", Verdict.PrivateOnly },
        { "http://127.1/hook", Verdict.PrivateOnly },
        { "http://127.0.0.1./hook", Verdict.PrivateOnly },
        { "http://internal.rebind.test/hook", Verdict.PrivateOnly },
        { "http://mixed.rebind.test/hook", Verdict.PrivateOnly },
        { "http://169.254.169.254/latest/meta-data/", Verdict.Never },
        { "http://169.254.169.254./latest/meta-data/", Verdict.Never },
        { "http://2852039166/latest/meta-data/", Verdict.Never },
        { "http://0xa9fea9fe/latest/meta-data/", Verdict.Never },
        { "http://0251.0376.0251.0376/latest/meta-data/", Verdict.Never },
        { "http://169.254.43518/latest/meta-data/", Verdict.Never },
        { "http://[::ffff:169.254.169.254]/latest/meta-data/", Verdict.Never },
        { "http://[::ffff:a9fe:a9fe]/latest/meta-data/", Verdict.Never },
        { "http://[::a9fe:a9fe]/latest/meta-data/", Verdict.Never },
        { "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/", Verdict.Never },
        { "http://[2002:a9fe:a9fe::1]/latest/meta-data/", Verdict.Never },
        { "http://[fd00:ec2::254]/latest/meta-data/", Verdict.Never },
        { "http://[fe80::1]/hook", Verdict.Never },
        { "http://[fe80::1%25eth0]/hook", Verdict.Never },
        { "http://[::1%25lo]/hook", Verdict.Never },
        { "http://[::]/hook", Verdict.Never },
        { "http://0.0.0.0/hook", Verdict.Never },
        { "http://0/hook", Verdict.Never },
        { "http://[::ffff:0.0.0.0]/hook", Verdict.Never },
        { "http://224.0.0.1/hook", Verdict.Never },
        { "http://239.255.255.250/hook", Verdict.Never },
        { "http://[ff02::1]/hook", Verdict.Never },
        { "http://240.0.0.1/hook", Verdict.Never },
        { "http://255.255.255.255/hook", Verdict.Never },
        { "http://metadata.rebind.test/latest/meta-data/", Verdict.Never },
        { "http://mapped-metadata.rebind.test/latest/meta-data/", Verdict.Never },
        { "http://nat64-metadata.rebind.test/latest/meta-data/", Verdict.Never },
    };

    /// <summary>The names above, as a resolver answers them.</summary>
    public static FakeDnsResolver Resolver()
    {
        var resolver = new FakeDnsResolver();
        resolver.Set("public.rebind.test", "93.184.216.34");
        resolver.Set("internal.rebind.test", "10.0.0.5");
        resolver.Set("mixed.rebind.test", "93.184.216.34", "10.0.0.5");
        resolver.Set("metadata.rebind.test", "169.254.169.254");
        resolver.Set("mapped-metadata.rebind.test", "::ffff:169.254.169.254");
        resolver.Set("nat64-metadata.rebind.test", "64:ff9b::a9fe:a9fe");
        return resolver;
    }
}
