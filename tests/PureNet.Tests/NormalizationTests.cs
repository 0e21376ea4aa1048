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
}
