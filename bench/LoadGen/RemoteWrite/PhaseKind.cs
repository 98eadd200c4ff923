namespace PerfMonitor.LoadGen.RemoteWrite;

public enum PhaseKind
{
    Step,
    Hold,
    Unpaced,
}
