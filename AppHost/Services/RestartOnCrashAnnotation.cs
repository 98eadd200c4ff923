using Aspire.Hosting.ApplicationModel;

namespace PerfMonitor.AppHost.Services;

/// <summary>Marks a resource that <see cref="CrashRestarter"/> starts again when its process dies on its own.</summary>
public sealed class RestartOnCrashAnnotation : IResourceAnnotation;
