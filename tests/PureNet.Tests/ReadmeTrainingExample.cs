using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>The README's training example, verbatim between the markers, so the documented code compiles and works.</summary>
public class ReadmeTrainingExample
{
    [Fact]
    public void The_readme_training_example_runs_and_stops_early_at_its_best_epoch()
    {
        var lines = new List<string>();
        Action<string> print = lines.Add;
        // README-BEGIN
        // Data: two classes by quadrant (not linearly separable), integer labels.
        var (xs, _) = Tensor.Uniform<float>(new Shape(512, 2), Rng.FromSeed(1), -1, 1);
        var ys = Tensor.FromArray<float>(new Shape(512), [.. Enumerable.Range(0, 512).Select(i => xs[i, 0] * xs[i, 1] > 0 ? 1f : 0f)]);

        // Model: 2 → 32 → 2 with ReLU and dropout (its key is bound afresh at every step by the fit loop).
        var x = Variable("x", Dim.Batch, 2);
        var y = Variable("y", Dim.Batch);
        var (l1, l2) = (new Dense("l1", 2, 32), new Dense("l2", 32, 2));
        var model = Model.Of(x, y, l1.Parameters.Concat(l2.Parameters), training =>
        {
            var logits = l2.Apply(Dropout(Activations.Relu(l1.Apply(x)), 0.1, training, KeyVariable("drop")));
            return new StepGraph(Losses.SoftmaxCrossEntropyWithLabels(logits, y), Output: logits);
        });
        var (p1, rng) = l1.Init(Rng.FromSeed(2));
        var init = ParamTrees.Union<float>(p1, l2.Init(rng).Params);

        // Adam on a cosine schedule after clipping; 20% held out; stop after 5 epochs without a better validation loss.
        var optimizer = Optim.Chain(new ClipByGlobalNorm(1), new Adam(new LrSchedule.Cosine(0.01, 2000)));
        var result = Fit.Run(model, init, optimizer, new Dataset<float>(xs, ys),
            new FitOptions(Epochs: 200, BatchSize: 32, Seed: 3, ValidationFraction: 0.2, Patience: 5),
            observe: e => { if (e is FitEvent.EpochDone d) print($"{d.Record}"); });
        print($"best epoch {result.BestEpoch}: {result.History[result.BestEpoch - 1]}");   // result.Best.Params: the weights to keep
        // README-END
        Assert.Equal(result.History.Count + 1, lines.Count);
        Assert.True(result.History[result.BestEpoch - 1].ValidationAccuracy > 0.93, lines[^1]);
        Assert.True(result.StoppedEarly || result.History.Count == 200);
    }
}
