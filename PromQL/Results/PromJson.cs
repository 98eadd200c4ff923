namespace PerfMonitor.PromQL.Results;

/// <summary>Maps a query result to Prometheus's JSON shapes.</summary>
public static class PromJson
{
    public static QueryResponse Success(QueryResult result) =>
        new("success", ToData(result.Value), Warnings: result.Warnings.Count > 0 ? result.Warnings : null);

    public static QueryResponse Failure(PromQLException error) => new("error", null, error.ErrorType, error.Message);

    public static QueryData ToData(QueryValue value) => value switch
    {
        ScalarResult s => new ScalarData(new SamplePair(s.TimeMs, s.Value)),
        StringResult s => new StringData(new StringPair(s.TimeMs, s.Value)),
        VectorResult v => new VectorData(v.Samples.Select(s => new VectorItem(s.Labels.ToDictionary(), new SamplePair(s.TimeMs, s.Value))).ToList()),
        MatrixResult m => new MatrixData(m.Series.Select(s => new MatrixItem(
            s.Labels.ToDictionary(), s.TimesMs.Select((t, i) => new SamplePair(t, s.Values[i])).ToList())).ToList()),
        _ => throw new ArgumentException(value.GetType().Name, nameof(value)),
    };
}
