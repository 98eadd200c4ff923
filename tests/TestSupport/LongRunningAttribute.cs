namespace PerfMonitor.TestSupport;

/// <summary>
/// A test class whose tests, one after another, take much longer than most (host restarts, a second replica, rounds
/// of evaluation). <see cref="LongRunningFirstOrderer"/> starts its collection before the others, so a project does not
/// end with one long class running alone after everything else has finished.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LongRunningAttribute : Attribute;
