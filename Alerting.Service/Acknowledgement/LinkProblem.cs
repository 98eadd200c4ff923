namespace PerfMonitor.Alerting.Acknowledgement;

/// <summary>Why an acknowledge link does not acknowledge.</summary>
public enum LinkProblem
{
    None,

    /// <summary>Not a token this key ring signed: changed, cut short, or made up.</summary>
    Invalid,

    /// <summary>Signed, but older than its lifetime.</summary>
    Expired,
}
