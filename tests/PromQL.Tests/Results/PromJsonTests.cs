using System.Text.Json;
using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Results;

namespace PerfMonitor.PromQL.Tests.Results;

public class PromJsonTests
{
    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(1e21, "1000000000000000000000")]
    [InlineData(1.5e-7, "0.00000015")]
    [InlineData(-2.5e-5, "-0.000025")]
    [InlineData(123456789012345678, "123456789012345680")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    public void Values_are_written_as_Go_formats_them(double value, string text)
    {
        Assert.Equal(text, SampleValues.Format(value));
    }

    [Fact]
    public void A_vector_result_has_Prometheus_JSON_shape()
    {
        var result = new QueryResult(new VectorResult([new InstantSample(LabelSet.Of(("__name__", "up"), ("job", "a")), 1_435_781_451_781, 1)]), ["careful"]);

        var json = JsonSerializer.Serialize(PromJson.Success(result));

        Assert.Equal(
            """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"a"},"value":[1435781451.781,"1"]}]},"warnings":["careful"]}""",
            json);
    }

    [Fact]
    public void Matrix_scalar_and_error_responses_round_trip()
    {
        var matrix = new QueryResult(new MatrixResult([new RangeSeries(LabelSet.Empty, [60_000, 120_000], [0.5, double.NaN])]), []);
        var scalar = new QueryResult(new ScalarResult(1_000, double.PositiveInfinity), []);

        var matrixJson = JsonSerializer.Serialize(PromJson.Success(matrix));
        var read = JsonSerializer.Deserialize<QueryResponse>(matrixJson)!;
        var scalarJson = JsonSerializer.Serialize(PromJson.Success(scalar));
        var errorJson = JsonSerializer.Serialize(PromJson.Failure(new PromQLException(PromQLException.BadData, "1:1: parse error: x")));

        Assert.Equal("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[60,"0.5"],[120,"NaN"]]}]}}""", matrixJson);
        Assert.Equal(2, Assert.IsType<MatrixData>(read.Data).Result[0].Values.Count);
        Assert.Equal("""{"status":"success","data":{"resultType":"scalar","result":[1,"+Inf"]}}""", scalarJson);
        Assert.Equal("""{"status":"error","errorType":"bad_data","error":"1:1: parse error: x"}""", errorJson);
    }
}
