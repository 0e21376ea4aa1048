using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>Per-example gradients (vmap(grad)) against a loop that differentiates each example on its own.</summary>
public class PerExampleTests
{
    const int Examples = 5;

    /// <summary>Row i of a batch, as a batch of one.</summary>
    static Tensor<double> Row(Tensor<double> x, int i) =>
        Tensor.FromArray(new Shape([1, .. x.Shape.Skip(1)]), x.Span.Slice(i * (x.Size / x.Shape[0]), x.Size / x.Shape[0]));

    static void AgreesWithALoop(Expr losses, Variable[] parameters, HashMap<string, Tensor<double>> data, HashMap<string, Tensor<double>> weights)
    {
        var perExample = PerExample.Grads(losses, parameters);
        var all = data.Fold(weights, (m, k, v) => m.Add(k, v));
        var values = EvaluateAll(perExample, all);                              // one plan for every parameter
        var single = Grad(Sum(losses), parameters);
        for (var p = 0; p < parameters.Length; p++)
        {
            Assert.Equal(parameters[p].Shape.Insert(0, Examples), values[p].Shape);
            var size = parameters[p].Shape.Size;
            for (var i = 0; i < Examples; i++)
            {
                var one = data.Map(t => Row(t, i)).Fold(weights, (m, k, v) => m.Add(k, v));
                var expected = single[p].Evaluate(one);
                for (var k = 0; k < size; k++)
                    Assert.Equal(expected.Span[k], values[p].Span[i * size + k], 12);
            }
        }
    }

    [Fact]
    public void A_two_layer_perceptron_matches_a_loop_over_examples()
    {
        var x = Variable("x", Dim.Batch, 4);
        var y = Variable("y", Dim.Batch, 2);
        var (l1, l2) = (new Dense("l1", 4, 3), new Dense("l2", 3, 2));
        var losses = Losses.Mse(l2.Apply(Tanh(l1.Apply(x))), y, Reduction.None);     // [Batch, 2]: each row one example's
        var (p1, r) = l1.Init(new Rng(1));
        var (p2, _) = l2.Init(r);
        AgreesWithALoop(losses, [.. l1.Parameters, .. l2.Parameters],
            Bind(("x", Tensor.Normal<double>(new Shape(Examples, 4), 2)), ("y", Tensor.Normal<double>(new Shape(Examples, 2), 3))),
            p1.Fold(p2, (m, k, v) => m.Add(k, v)));
    }

    [Fact]
    public void A_convolution_and_a_softmax_cross_entropy_match_a_loop_over_examples()
    {
        var x = Variable("x", Dim.Batch, 1, 5, 5);
        var labels = Variable("labels", Dim.Batch);
        var conv = new Conv2D("c", 1, 2, 3);
        var dense = new Dense("d", 2 * 3 * 3, 3);
        var logits = dense.Apply(Flatten(Activations.Relu(conv.Apply(x))));
        var losses = Losses.SoftmaxCrossEntropyWithLabels(logits, labels, Reduction.None);
        var (pc, r) = conv.Init(new Rng(4));
        var (pd, _) = dense.Init(r);
        AgreesWithALoop(losses, [.. conv.Parameters, .. dense.Parameters],
            Bind(("x", Tensor.Normal<double>(new Shape(Examples, 1, 5, 5), 5)), ("labels", Tensor.FromArray(0.0, 2, 1, 1, 0))),
            pc.Fold(pd, (m, k, v) => m.Add(k, v)));
    }

    [Fact]
    public void A_parameter_through_a_small_function_and_a_penalty_per_example()
    {
        var x = Variable("x", Dim.Batch, 3);
        var w = Variable("w", 3);
        var scale = Variable("s");
        var losses = Sum(Square(x * Exp(w) - 1.0), 1) * Sigmoid(scale) + Sum(Square(w));   // exp(w) and σ(s) are functions of parameters
        AgreesWithALoop(losses, [w, scale],
            Bind(("x", Tensor.Normal<double>(new Shape(Examples, 3), 6))),
            Bind(("w", Tensor.FromArray(0.1, -0.2, 0.3)), ("s", Tensor.Scalar(0.4))));
    }

    [Fact]
    public void Clip_then_average_is_the_dp_sgd_step()
    {
        var x = Variable("x", Dim.Batch, 4);
        var y = Variable("y", Dim.Batch, 1);
        var layer = new Dense("l", 4, 1);
        var parameters = layer.Parameters.ToArray();
        var losses = Losses.Mse(layer.Apply(x), y, Reduction.None);
        var (weights, _) = layer.Init(new Rng(7));
        var data = Bind(("x", Tensor.Normal<double>(new Shape(Examples, 4), 8)), ("y", Tensor.Normal<double>(new Shape(Examples, 1), 9)));
        var all = data.Fold(weights, (m, k, v) => m.Add(k, v));
        var step = PerExample.ClippedMean(losses, 0.5, parameters);
        var values = EvaluateAll([.. step.Gradients, step.Norms], all);
        var norms = values[^1];
        // The loop: each example's gradient, its norm over all parameters, scaled to at most 0.5, then averaged.
        var single = Grad(Sum(losses), parameters);
        var sums = parameters.Select(p => new double[p.Shape.Size]).ToArray();
        for (var i = 0; i < Examples; i++)
        {
            var one = data.Map(t => Row(t, i)).Fold(weights, (m, k, v) => m.Add(k, v));
            var g = single.Map(e => e.Evaluate(one).ToArray()).ToArray();
            var norm = Math.Sqrt(g.Sum(a => a.Sum(v => v * v)));
            Assert.Equal(norm, norms.Span[i], 12);
            var factor = Math.Min(1, 0.5 / norm);
            for (var p = 0; p < g.Length; p++) for (var k = 0; k < g[p].Length; k++) sums[p][k] += factor * g[p][k] / Examples;
        }
        for (var p = 0; p < parameters.Length; p++)
            for (var k = 0; k < sums[p].Length; k++) Assert.Equal(sums[p][k], values[p].Span[k], 12);
    }

    [Fact]
    public void Bad_calls_are_refused_with_the_rule()
    {
        var w = Variable("w", 3);
        Assert.Contains("batch axis first", Assert.Throws<ShapeException>(() => PerExample.Grads(Sum(w), w)).Message);
        var xb = Variable("x", Dim.Batch, 3);
        Assert.Contains("shares", Assert.Throws<ShapeException>(() => PerExample.Grads(Sum(xb, 1), xb)).Message);
        Assert.Throws<ArgumentException>(() => PerExample.Grads(Sum(xb * w, 1)));
        var big = Variable("big", 100, 100);
        Assert.Contains("small function", Assert.Throws<NotSupportedException>(() => PerExample.Grads(Sum(MatMul(Reshape(xb, Dim.Batch, 3, 1), Reshape(Exp(big), 1, 10000)), new Axes(1, 2)), big)).Message);
        Assert.Throws<ArgumentException>(() => PerExample.ClippedMean(Sum(xb * w, 1), 0, w));
    }
}
