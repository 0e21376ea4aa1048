using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

public class NormalizationTests
{
    [Fact]
    public void LayerNorm_standardizes_each_example_then_scales_and_shifts()
    {
        var x = Variable("x", 2, 2);
        var y = Normalization.LayerNorm(x, Variable("g", 2), Variable("b", 2), eps: 1e-12)
            .Evaluate(("x", Tensor.FromRows([1.0, 3.0], [10.0, 0.0])), ("g", Tensor.FromArray(2.0, 1.0)), ("b", Tensor.FromArray(0.0, 5.0)));
        Close.Equal(Tensor.FromRows([-2.0, 6.0], [2.0, 4.0]), y, 1e-9);
    }

    [Fact]
    public void GroupNorm_and_InstanceNorm_standardize_per_group()
    {
        var x = Variable("x", 1, 4, 1, 2);
        // channels (1, 3), (5, 7) | (0, 0), (2, 2): group 1 mean 4, variance 5; group 2 mean 1, variance 1
        var at = Tensor.FromArray<double>(new Shape(1, 4, 1, 2), [1, 3, 5, 7, 0, 0, 2, 2]);
        var ones = Tensor.Ones<double>(new Shape(4));
        var zeros = Tensor.Zeros<double>(new Shape(4));
        var g = Normalization.GroupNorm(x, 2, Variable("g", 4), Variable("b", 4), eps: 1e-12).Evaluate(("x", at), ("g", ones), ("b", zeros));
        var s = Math.Sqrt(5);
        Close.Equal(Tensor.FromArray<double>(new Shape(1, 4, 1, 2), [-3 / s, -1 / s, 1 / s, 3 / s, -1, -1, 1, 1]), g, 1e-9);
        var i = Normalization.InstanceNorm(x, Variable("g", 4), Variable("b", 4), eps: 1e-12).Evaluate(("x", at), ("g", ones), ("b", zeros));
        Close.Equal(Tensor.FromArray<double>(new Shape(1, 4, 1, 2), [-1, 1, -1, 1, 0, 0, 0, 0]), i, 1e-9);   // constant channels: 0, not NaN
    }

    [Fact]
    public void WeightNorm_has_norm_g_per_column()
    {
        var w = Normalization.WeightNorm(Variable("v", 2, 2), Variable("g", 2))
            .Evaluate(("v", Tensor.FromRows([3.0, 0.0], [4.0, 2.0])), ("g", Tensor.FromArray(10.0, 3.0)));
        Close.Equal(Tensor.FromRows([6.0, 0.0], [8.0, 3.0]), w, 1e-9);
    }

    [Fact]
    public void Dense_is_x_W_plus_b()
    {
        var d = new Dense("d", 2, 1);
        var y = d.Apply(Variable("x", Dim.Batch, 2)).Evaluate(("x", Tensor.FromRows([1.0, 2.0], [3.0, 4.0])), ("d.W", Tensor.FromRows([10.0], [100.0])), ("d.b", Tensor.FromArray(0.5)));
        Assert.Equal(Tensor.FromRows([210.5], [430.5]), y);
        Assert.Equal("In", Assert.Throws<ArgumentException>(() => new Dense("bad", 0, 3)).ParamName);
    }

    /// <summary>torch_batchnorm.py's batches, rebuilt from the same closed formulas.</summary>
    static Tensor<double> TorchBatch(string name, int t) => name == "bn1d"
        ? Tensor.FromArray<double>(new Shape(5, 3), [.. Enumerable.Range(0, 15).Select(k => (i: k / 3, j: k % 3))
            .Select(p => Math.Sin(1 + 0.7 * p.i + 1.3 * p.j + 2.1 * t) * (1 + p.j) + 0.5 * t)])
        : Tensor.FromArray<double>(new Shape(4, 2, 3, 3), [.. Enumerable.Range(0, 72).Select(k => (a: k / 18, b: k / 9 % 2, y: k / 3 % 3, x: k % 3))
            .Select(p => Math.Cos(0.3 * p.a + 1.1 * p.b + 0.7 * p.y + 0.5 * p.x + 1.9 * t) * (1 + p.b) + 0.2 * t)]);

    [Theory]
    [InlineData("bn1d", 3, 0.1, 1e-5)]
    [InlineData("bn2d", 2, 0.3, 1e-3)]
    public void BatchNorm_running_statistics_equal_torch_after_three_steps_in_double(string name, int features, double momentum, double eps)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "torch_batchnorm.json")));
        var steps = doc.RootElement.GetProperty("cases").GetProperty(name).EnumerateArray().ToList();
        Assert.Equal(3, steps.Count);
        var bn = new BatchNorm("bn", features, momentum, eps);
        var shape = TorchBatch(name, 0).Shape;
        var (y, newState) = bn.Apply(Variable("x", [Dim.Batch, .. shape.Skip(1)]), training: true);
        var values = bn.Init();
        for (var t = 0; t < steps.Count; t++)
        {
            var bindings = values.Add("x", TorchBatch(name, t));
            var output = y.Evaluate(bindings);
            values = values.SetItem(bn.RunningMean.Name, newState[bn.RunningMean.Name].Evaluate(bindings))
                           .SetItem(bn.RunningVar.Name, newState[bn.RunningVar.Name].Evaluate(bindings));
            foreach (var (key, actual) in new[] { ("running_mean", values[bn.RunningMean.Name]), ("running_var", values[bn.RunningVar.Name]), ("output", output) })
            {
                var expected = steps[t].GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();
                var a = actual.ToArray();
                Assert.Equal(expected.Length, a.Length);
                for (var i = 0; i < a.Length; i++)
                    Assert.True(Math.Abs(expected[i] - a[i]) <= 1e-10, $"{name} step {t + 1} {key}[{i}]: torch {expected[i]}, PureNet {a[i]}");
            }
        }
    }

    [Fact]
    public void BatchNorm_keeps_its_running_variance_for_a_single_value_per_channel()
    {
        // One value has no unbiased variance (0/0); the running mean still learns from it.
        var bn = new BatchNorm("bn", 2);
        var (_, state) = bn.Apply(Variable("x", Dim.Batch, 2), training: true);
        var bindings = bn.Init().Add("x", Tensor.FromRows([4.0, -2.0]));
        Assert.Equal(Tensor.FromArray(1.0, 1.0), state["bn.running_var"].Evaluate(bindings));
        Close.Equal(Tensor.FromArray(0.4, -0.2), state["bn.running_mean"].Evaluate(bindings));
    }
}
