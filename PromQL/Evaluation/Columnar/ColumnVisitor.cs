using PerfMonitor.PromQL.Model;

namespace PerfMonitor.PromQL.Evaluation.Columnar;

/// <summary>
/// Receives one output series of a node over all steps of a range query: its labels, and per step its value and
/// whether it has one. The arrays are reused for the next series: a visitor that keeps them copies them.
/// </summary>
internal delegate void ColumnVisitor(LabelSet labels, double[] values, bool[] present);
