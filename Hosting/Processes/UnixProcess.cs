using System.Runtime.InteropServices;

namespace PerfMonitor.Hosting.Processes;

internal static partial class UnixProcess
{
    private const int SigTerm = 15;

    public static bool IsRoot => geteuid() == 0;

    /// <summary>SIGTERM lets a .NET host run its graceful shutdown, which Process.Kill (SIGKILL) would skip.</summary>
    public static void Terminate(int pid) => _ = kill(pid, SigTerm);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
