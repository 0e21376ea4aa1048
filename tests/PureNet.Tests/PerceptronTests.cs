using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

public class PerceptronTests
{
    /// <summary>Points in the ball of radius 1 in D dimensions, kept when |w*·x| ≥ γ₀ for a random unit w*, labelled by sign(w*·x).</summary>
    static (Tensor<double> X, Tensor<double> Y, double[] WStar) Separable(int n, int d, double gamma0, int seed)
    {
        var rng = Rng.FromSeed(seed);
        var w = new double[d];
        for (var j = 0; j < d; j++) (w[j], rng) = rng.NextNormal();
        var norm = Math.Sqrt(w.Sum(v => v * v));
        for (var j = 0; j < d; j++) w[j] /= norm;
        var xs = new List<double>();
        var ys = new List<double>();
        while (ys.Count < n)
        {
            var p = new double[d];
            for (var j = 0; j < d; j++) { (var u, rng) = rng.NextDouble(); p[j] = 2 * u - 1; }
            if (p.Sum(v => v * v) > 1) continue;
            var m = p.Zip(w, (a, b) => a * b).Sum();
            if (Math.Abs(m) < gamma0) continue;
            xs.AddRange(p);
            ys.Add(Math.Sign(m));
        }
        return (Tensor.FromArray<double>(new Shape(n, d), [.. xs]), Tensor.FromArray<double>([.. ys]), w);
    }

    [Theory]
    [InlineData(1, 2, 0.2)]
    [InlineData(2, 5, 0.1)]
    [InlineData(3, 10, 0.05)]
    public void PLA_converges_within_R2_over_gamma2_mistakes_on_separable_data(int seed, int d, double gamma0)
    {
        var (x, y, w) = Separable(400, d, gamma0, seed);
        var rows = x.ToArray();
        var r2 = Enumerable.Range(0, 400).Max(i => rows.Skip(i * d).Take(d).Sum(v => v * v));
        var gamma = Enumerable.Range(0, 400).Min(i => y[i] * rows.Skip(i * d).Take(d).Zip(w, (a, b) => a * b).Sum());
        var result = Perceptron.Train(x, y, maxEpochs: 10_000, bias: false);
        Assert.True(result.Converged);
        Assert.True(result.Mistakes <= r2 / (gamma * gamma), $"{result.Mistakes} mistakes > R²/γ² = {r2 / (gamma * gamma)}");
        Assert.Equal(y, result.Predict(x));
        Assert.Equal(0, result.MistakesPerEpoch.Last);
        Assert.Equal(result.Mistakes, result.MistakesPerEpoch.Sum());
        // The expression form agrees with the trained weights.
        var xv = Variable("x", Dim.Batch, d);
        var predicted = Perceptron.Apply(xv, Variable("w", d, 1), Variable("b", 1)).Evaluate(("x", x), ("w", Tensor.Reshape(result.W, new Shape(d, 1))), ("b", Tensor.FromArray(result.B)));
        Assert.Equal(y, Tensor.Reshape(predicted, new Shape(400)));
    }

    static readonly Tensor<double> XorX = Tensor.FromRows([-1.0, -1], [-1.0, 1], [1.0, -1], [1.0, 1]);
    static readonly Tensor<double> XorY = Tensor.FromArray(-1.0, 1, 1, -1);

    [Fact]
    public void PLA_never_converges_on_XOR()
    {
        var r = Perceptron.Train(XorX, XorY, maxEpochs: 1000);
        Assert.False(r.Converged);
        Assert.Equal(1000, r.Epochs);
        Assert.All(r.MistakesPerEpoch, m => Assert.True(m >= 1));
        Assert.True(Metrics.Accuracy(r.Predict(XorX), XorY) <= 0.75);
    }

    [Fact]
    public void A_two_layer_mlp_trained_by_Adam_fits_XOR()
    {
        var x = Variable("x", Dim.Batch, 2);
        var y = Variable("y", Dim.Batch, 1);
        var l1 = new Dense("l1", 2, 4);
        var l2 = new Dense("l2", 4, 1);
        var model = Model.Of(x, y, l1.Parameters.Concat(l2.Parameters), _ =>
        {
            var score = l2.Apply(Tanh(l1.Apply(x)));
            return new StepGraph(Losses.Mse(score, y), score);
        });
        var (p1, rng) = l1.Init(Rng.FromSeed(3));
        var init = ParamTrees.Union<double>(p1, l2.Init(rng).Params);
        var data = new Dataset<double>(XorX, Tensor.Reshape(XorY, new Shape(4, 1)));
        var r = Fit.Run(model, init, new Adam(0.05), data, new FitOptions(Epochs: 300, BatchSize: 4, Seed: 1));
        Assert.Equal(1.0, r.History.Last.TrainAccuracy);
        var (loss, accuracy) = Fit.Evaluate(model, r.Final.All, data, 4);
        Assert.Equal(1.0, accuracy);
        Assert.True(loss < 0.01, $"loss {loss}");
    }
}
