using LanguageExt;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>The README's own-loop example, run: ValueAndGrad and Adam's step, donating each step's inputs.</summary>
public class ReadmeTrainingLoop
{
    [Fact]
    public void The_readme_loop_trains_and_its_donated_tensors_refuse_to_be_read()
    {
        // README-BEGIN
        var x = Variable("x", Dim.Batch, 784);
        var y = Variable("y", Dim.Batch);
        var (l1, l2) = (new Dense("l1", 784, 128), new Dense("l2", 128, 10));
        var loss = Losses.SoftmaxCrossEntropyWithLabels(l2.Apply(Activations.Relu(l1.Apply(x))), y);
        var step = ValueAndGrad(loss, [.. l1.Parameters, .. l2.Parameters]);

        var (p1, rng) = l1.Init(Rng.FromSeed(1));
        var parameters = ParamTrees.Union<float>(p1, l2.Init(rng).Params);
        var adam = new Adam(1e-3);
        var state = adam.Init(parameters);
        var batch = Bind(("x", Tensor.Normal<float>(new Shape(128, 784), seed: 2)),
                         ("y", Tensor.FromArray<float>(new Shape(128), [.. Enumerable.Range(0, 128).Select(i => (float)(i % 10))])));
        var first = parameters;
        for (var i = 0; i < 100; i++)
        {
            var r = step.Invoke(parameters.Tensors.Fold(batch, (b, name, t) => b.AddOrUpdate(name, t)));
            // donate: this step's gradients, state and parameters are not read again, so the next step's results
            // reuse their arrays: no large allocations, no gen-2 collections, with the default GC settings.
            (parameters, state) = adam.Step(r.GradTree(), state, parameters, donate: true);
        }
        // README-END
        var r0 = step.Invoke(first.Tensors.Fold(batch, (b, name, t) => b.AddOrUpdate(name, t)));   // the caller's own start is never taken
        var r1 = step.Invoke(parameters.Tensors.Fold(batch, (b, name, t) => b.AddOrUpdate(name, t)));
        Assert.True(r1.Value < 0.5f * r0.Value, $"loss {r0.Value} → {r1.Value}");
    }
}
