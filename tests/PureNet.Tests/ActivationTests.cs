using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

public class ActivationTests
{
    [Fact]
    public void Softplus_is_a_stable_primitive_whose_derivative_is_the_sigmoid()
    {
        var x = Variable("x", 3);
        var at = Tensor.FromArray(100.0, -100, 0);
        var y = Activations.Softplus(x).Evaluate(("x", at));
        Assert.Equal(100, y[0], 12);
        Assert.Equal(Math.Exp(-100), y[1], 1e-55);
        Assert.Equal(Math.Log(2), y[2], 14);
        var g = Grad(Sum(Activations.Softplus(x)), x);
        Assert.Equal("σ(x)", g.ToString());
        Assert.Equal(0.5, g.Evaluate(("x", at))[2], 14);
    }

    static Tensor<double> Eval(Func<Expr, Expr> f, params double[] values)
    {
        var x = Variable("x", values.Length);
        return f(x).Evaluate(("x", Tensor.FromArray(values)));
    }

    static Tensor<double> GradAt(Func<Expr, Expr> f, params double[] values)
    {
        var x = Variable("x", values.Length);
        return Grad(Sum(f(x)), x).Evaluate(("x", Tensor.FromArray(values)));
    }

    static void Near(double[] expected, Tensor<double> actual, int digits = 10) =>
        Assert.All(expected.Zip(actual.ToArray()), p => Assert.Equal(p.Item1, p.Item2, digits));

    [Fact]
    public void Textbook_values()
    {
        Near([0, 0, 1], Eval(Activations.Step, -1, 0, 2));
        Near([0, 0, 2], Eval(Activations.Relu, -1, 0, 2));
        Near([-0.1, 0, 2], Eval(x => Activations.LeakyRelu(x, 0.1), -1, 0, 2));
        Near([Math.Exp(-1) - 1, 0, 2], Eval(x => Activations.Elu(x), -1, 0, 2));
        Near([-0.15865525393145707, 0, 1.9544997361036416], Eval(x => Activations.Gelu(x), -1, 0, 2));
        Near([-0.15880800939172324, 0, 1.9545976940578561], Eval(x => Activations.Gelu(x, tanhApproximation: true), -1, 0, 2));
        Near([Math.Log(1 + Math.Exp(-1)), Math.Log(2), Math.Log(1 + Math.Exp(2))], Eval(Activations.Softplus, -1, 0, 2));
        Near([1 / (1 + Math.Exp(1)), 0.5, 1 / (1 + Math.Exp(-2))], Eval(Sigmoid, -1, 0, 2));
        Near([Math.Tanh(-1), 0, Math.Tanh(2)], Eval(Tanh, -1, 0, 2));
        Near([-1, 0, 2], Eval(Activations.Identity, -1, 0, 2));
        Near([-0.25, 0, 2], Eval(x => Activations.PRelu(x, Scalar(0.25)), -1, 0, 2));
        var e = new[] { Math.Exp(1), Math.Exp(2), Math.Exp(3) };
        Near([.. e.Select(v => v / e.Sum())], Eval(x => Activations.Softmax(x), 1, 2, 3));
        Near([.. e.Select(v => Math.Log(v / e.Sum()))], Eval(x => Activations.LogSoftmax(x), 1, 2, 3));
    }

    [Fact]
    public void Derivative_conventions_step_sign_relu_at_zero()
    {
        Near([0, 0, 0], GradAt(Activations.Step, -1, 0, 2));
        Near([0, 0, 0], GradAt(Sign, -1, 0, 2));
        Near([0, 0, 1], GradAt(Activations.Relu, -1, 0, 2));
    }

    [Fact]
    public void PRelu_gradient_reaches_the_slope()
    {
        var x = Variable("x", 4);
        var a = Variable("a");
        var g = Grad(Sum(Activations.PRelu(x, a)), a).Evaluate(("x", Tensor.FromArray(-1.0, -2, 3, 4)), ("a", Tensor.Scalar(0.25)));
        Assert.Equal(-3.0, g.Scalar, 12);
    }

    [Fact]
    public void Softmax_is_stable_at_extreme_logits()
    {
        var x = Variable("x", 4);
        foreach (var values in new[] { new[] { 1000.0, -1000, 0, 999 }, [double.NegativeInfinity, double.NegativeInfinity, 3, double.NegativeInfinity] })
        {
            var at = Tensor.FromArray(values);
            var w = Const(Tensor.FromArray(0.1, 0.2, 0.3, 0.4));
            foreach (var f in new Func<Expr, Expr>[] { v => Activations.Softmax(v), v => Activations.LogSoftmax(v) })
            {
                var y = f(x).Evaluate(("x", at)).ToArray();
                Assert.All(y, v => Assert.False(double.IsNaN(v)));
                var g = Grad(Sum(Activations.Softmax(x) * w), x).Evaluate(("x", at)).ToArray();
                Assert.All(g, v => Assert.True(double.IsFinite(v)));
            }
        }
        var p = Activations.Softmax(x).Evaluate(("x", Tensor.FromArray(double.NegativeInfinity, double.NegativeInfinity, 3, double.NegativeInfinity)));
        Assert.Equal(Tensor.FromArray(0.0, 0, 1, 0), p);
    }

    [Fact]
    public void Sigmoid_and_softplus_are_finite_at_plus_minus_100_in_float_and_double()
    {
        var x = Variable("x", 2);
        foreach (var f in new Func<Expr, Expr>[] { Sigmoid, Activations.Softplus, v => Activations.Elu(v), v => Activations.Gelu(v) })
        {
            Assert.All(f(x).Evaluate(("x", Tensor.FromArray(-100.0, 100))).ToArray(), v => Assert.True(double.IsFinite(v)));
            Assert.All(f(x).Evaluate(("x", Tensor.FromArray(-100f, 100f))).ToArray(), v => Assert.True(float.IsFinite(v)));
            Assert.All(Grad(Sum(f(x)), x).Evaluate(("x", Tensor.FromArray(-100.0, 100))).ToArray(), v => Assert.True(double.IsFinite(v)));
        }
    }

    [Fact]
    public void Bad_hyperparameters_name_the_parameter()
    {
        var x = Variable("x", 2);
        Assert.Equal("slope", Assert.Throws<ArgumentException>(() => Activations.LeakyRelu(x, double.NaN)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentException>(() => Activations.Elu(x, double.PositiveInfinity)).ParamName);
    }
}
