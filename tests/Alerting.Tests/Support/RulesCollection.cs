namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// The rules API and rule-file classes: their own <see cref="AlertingHost"/>, so they run beside the other collections
/// of the alerting service instead of after them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RulesCollection : ICollectionFixture<AlertingHost>
{
    public const string Name = "alerting service, rules";
}
