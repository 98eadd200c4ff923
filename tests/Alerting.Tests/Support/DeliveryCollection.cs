namespace PerfMonitor.Alerting.Tests.Support;

/// <summary>
/// The delivery and hardening classes: their own <see cref="AlertingHost"/>, so they run beside the evaluation classes
/// of <see cref="AlertingCollection"/> instead of after them (a collection runs its classes one at a time).
/// </summary>
[CollectionDefinition(Name)]
public sealed class DeliveryCollection : ICollectionFixture<AlertingHost>
{
    public const string Name = "alerting service, delivery";
}
