using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>Why initialization matters: activation variance across a 10-layer network of width 256.</summary>
public class InitTests
{
    const int Width = 256, Depth = 10, Batch = 200;

    /// <summary>The variance of each layer's activations for weights drawn by <paramref name="init"/>.</summary>
    static double[] Variances(Func<Shape, Rng, (Tensor<double>, Rng)> init, Func<Expr, Expr> activation)
    {
        var rng = Rng.FromSeed(42);
        var (x, r0) = Tensor.Normal<double>(new Shape(Batch, Width), rng);
        rng = r0;
        var h = (Expr)Variable("x", Batch, Width);
        var bindings = Params.Empty.Add("x", x);
        var layers = new List<Expr>();
        for (var l = 0; l < Depth; l++)
        {
            var dense = new Dense($"l{l}", Width, Width, Bias: false);
            var (p, next) = dense.Init(rng, init);
            rng = next;
            bindings = bindings.AddRange(p);
            h = activation(dense.Apply(h));
            layers.Add(Mean(Square(h - Mean(h))));
        }
        return [.. EvaluateAll(LanguageExt.Prelude.toSeq(layers), bindings).Map(t => t.Scalar)];
    }

    [Fact]
    public void Xavier_keeps_tanh_activations_alive_where_N01_saturates_and_small_normal_collapses()
    {
        var xavier = Variances((s, r) => Init.XavierNormal(s, r), Tanh);
        Assert.True(WorstStep(xavier) < 2, $"Xavier variances {string.Join(", ", xavier)}");
        var big = Variances((s, r) => Init.Normal(s, 1, r), Tanh);
        Assert.All(big, v => Assert.True(v > 0.9, $"N(0,1) should saturate tanh (variance near 1): {v}"));
        var small = Variances((s, r) => Init.Normal(s, 0.01, r), Tanh);
        Assert.True(small[^1] < 1e-10, $"N(0, 0.01²) should collapse: last variance {small[^1]}");
    }

    [Fact]
    public void He_keeps_relu_activations_within_a_factor_of_two()
    {
        var he = Variances(Init.HeNormal, Activations.Relu);
        Assert.True(WorstStep(he) < 2, $"He variances {string.Join(", ", he)}");
        var small = Variances((s, r) => Init.Normal(s, 0.01, r), Activations.Relu);
        Assert.True(small[^1] < 1e-10, $"N(0, 0.01²) should collapse under ReLU: {small[^1]}");
    }

    [Fact]
    public void Initializers_are_pure_and_have_the_stated_variance()
    {
        var shape = new Shape(400, 300);
        var (a, _) = Init.XavierUniform(shape, Rng.FromSeed(1));
        Assert.Equal(a, Init.XavierUniform(shape, Rng.FromSeed(1)).Value);
        Assert.InRange(Variance(a) / (2.0 / 700), 0.95, 1.05);
        Assert.InRange(Variance(Init.XavierNormal(shape, Rng.FromSeed(2), fanInOnly: true).Value) / (1.0 / 400), 0.95, 1.05);
        Assert.InRange(Variance(Init.HeNormal(shape, Rng.FromSeed(3)).Value) / (2.0 / 400), 0.95, 1.05);
        Assert.Equal(Tensor.Full<double>(shape, 0.5), Init.Constant(shape, 0.5, Rng.FromSeed(1)).Value);
        Assert.Equal("std", Assert.Throws<ArgumentException>(() => Init.Normal(shape, -1, Rng.FromSeed(1))).ParamName);
    }

    /// <summary>The largest factor by which the variance changes from one layer to the next.</summary>
    static double WorstStep(double[] v) => v.Zip(v.Skip(1), (a, b) => Math.Max(a / b, b / a)).Max();

    static double Variance(Tensor<double> t)
    {
        var m = t.ToArray().Average();
        return t.ToArray().Average(v => (v - m) * (v - m));
    }
}
