using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>
/// A collection expression into a LanguageExt Seq is silently empty (4.4.9), so the training surfaces take lists as
/// enumerables: <c>[a, b]</c> must mean a and b. Each test would fail (an empty list, or a refusal) if a parameter
/// were a Seq again.
/// </summary>
public class TrainingListParameterTests
{
    [Fact]
    public void Model_Of_takes_its_parameters_as_written()
    {
        var x = Variable("x", Dim.Batch, 2);
        var (w, b) = (Variable("w", 2, 1), Variable("b", 1));
        var m = Model.Of(x, Variable("y", Dim.Batch, 1), [w, b], _ => new StepGraph(Mean(MatMul(x, w) + b)));
        Assert.Equal(new[] { "w", "b" }, m.Parameters.Map(p => p.Name).ToArray());   // expected as an array: [..] against a Seq would be empty too
        var direct = new Model(x, Variable("y", Dim.Batch, 1), [b], m.Train, m.Eval);
        Assert.Equal(new[] { "b" }, direct.Parameters.Map(p => p.Name).ToArray());
    }

    [Fact]
    public void Results_take_their_lists_as_written()
    {
        Trial t(int i, double score) => new(i, Map<string, double>.Empty.Add("lr", 0.1 * i), score);
        var search = new SearchResult([t(0, 0.5), t(1, 0.25)], maximize: true);
        Assert.Equal(new[] { 0, 1 }, search.Trials.Map(x => x.Index).ToArray());
        Assert.Equal(0.5, search.Best.Score);

        var pla = new PlaResult(Tensor.FromArray<double>([1.0, 2]), 0, 4, 3, true, [3, 1, 0]);
        Assert.Equal(new[] { 3, 1, 0 }, pla.MistakesPerEpoch.ToArray());

        var state = new TrainState<double>(ParamTree<double>.Empty, ParamTree<double>.Empty, default!, Rng.FromSeed(1), 0);
        EpochRecord e(int epoch) => new(epoch, epoch, 1.0 / epoch, null, null, null);
        var fit = new FitResult<double>(state, 2, state, [e(1), e(2)], false);
        Assert.Equal(new[] { 1, 2 }, fit.History.Map(h => h.Epoch).ToArray());
        var nonFinite = new NonFiniteLossException<double>(3, 1, double.NaN, state, [e(1), e(2)]);
        Assert.Equal(new[] { 1, 2 }, nonFinite.History.Map(h => h.Epoch).ToArray());
    }
}
