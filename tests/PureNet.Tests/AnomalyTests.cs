using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>Anomaly mode: the first non-finite value is named (op, pass, inputs); off by default.</summary>
public class AnomalyTests
{
    static readonly Variable X = Variable("x", 3);

    [Fact]
    public void A_forward_nan_names_the_op_and_its_input_range()
    {
        var f = Sum(Log(X) * 2.0);
        var ex = Assert.Throws<AnomalyException>(() => ValueAndGrad(f, [X], detectAnomaly: true).Invoke(("x", Tensor.FromArray(1.0, -2.0, 3.0))));
        Assert.Equal("log", ex.Op);
        Assert.Equal("forward", ex.Pass);
        Assert.Contains("NaN at flat index 1", ex.Message);
        Assert.Contains("range [-2, 3]", ex.Message);
        Assert.Contains("log(x)", ex.Expression);
    }

    [Fact]
    public void A_backward_infinity_is_reported_as_the_backward_pass()
    {
        var f = Sum(Sqrt(X));                         // sqrt(0) = 0 is finite; its derivative 1/(2·0) is not
        var ex = Assert.Throws<AnomalyException>(() => ValueAndGrad(f, [X], detectAnomaly: true).Invoke(("x", Tensor.FromArray(0.0, 1.0, 4.0))));
        Assert.Equal("backward", ex.Pass);
        Assert.Contains("∞", ex.Message);
    }

    [Fact]
    public void A_non_finite_binding_is_named_and_plans_can_opt_in()
    {
        var plan = Plan.Compile([Exp(X)], new PlanOptions(DetectAnomaly: true));
        var ex = Assert.Throws<AnomalyException>(() => plan.Run(Bind(("x", Tensor.FromArray(1f, float.NaN, 0f)))));
        Assert.Equal("input", ex.Pass);
        Assert.Contains("'x'", ex.Message);
        var overflow = Assert.Throws<AnomalyException>(() => plan.Run(Bind(("x", Tensor.FromArray(1f, 100f, 0f)))));
        Assert.Equal("exp", overflow.Op);   // e^100 overflows float
    }

    [Fact]
    public void Off_by_default_the_ieee_result_comes_back()
    {
        var r = ValueAndGrad(Sum(Sqrt(X)), X).Invoke(("x", Tensor.FromArray(0.0, 1.0, 4.0)));
        Assert.True(double.IsPositiveInfinity(r["x"].Span[0]));
    }
}
