using System.Collections.Immutable;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>CustomVjp and CustomJvp: a function given as an expression, differentiated by a rule of one's own.</summary>
public class CustomDerivativeTests
{
    static readonly Variable X = Variable("x", 3);
    static readonly Tensor<double> Far = Tensor.FromArray(-1000.0, 0.5, 1000.0);

    // log(1 + eˣ) written naively: its own derivative eˣ/(1 + eˣ) is ∞/∞ = NaN at x = 1000.
    static readonly Func<Expr[], Expr> SoftplusVjp = CustomVjp("softplus", x => Log(1.0 + Exp(x[0])), (x, y, g) => [g * Sigmoid(x[0])]);
    static readonly Func<Expr[], Expr> SoftplusJvp = CustomJvp("softplus", x => Log(1.0 + Exp(x[0])), (x, y, t) => t[0] * Sigmoid(x[0]));

    [Fact]
    public void A_stable_rule_replaces_the_naive_derivative()
    {
        Assert.True(double.IsNaN(Grad(Sum(Log(1.0 + Exp(X))), X).Evaluate(("x", Far)).Span[2]));    // the composition's own
        foreach (var softplus in new[] { SoftplusVjp, SoftplusJvp })
        {
            var f = Sum(softplus([X]));
            var expected = new[] { 0.0, 1 / (1 + Math.Exp(-0.5)), 1.0 };
            Assert.Equal(expected, Grad(f, X).Evaluate(("x", Far)).ToArray());                          // reverse
            Assert.Equal(expected, ValueAndGrad(f, X).Invoke(("x", Far)).Grads[0].ToArray());           // compiled
            var jvp = Jvp(f, X, Const(Tensor.FromArray(1.0, 1, 1))).Evaluate(("x", Far)).Scalar;           // forward
            Assert.Equal(expected.Sum(), jvp, 12);
        }
    }

    [Fact]
    public void A_custom_function_prints_simplifies_and_nests()
    {
        var e = SoftplusVjp([X * 1.0 + 0.0]);
        Assert.Equal("softplus(x)", Simplify(e).ToString());
        Assert.Equal("σ(x)", Grad(Sum(SoftplusVjp([X])), X).ToString());
        Assert.Equal(@"\operatorname{softplus}(x)", Print.Latex(SoftplusJvp([X])));
        var second = Grad(Sum(Grad(Sum(SoftplusVjp([X])), X)), X);                                        // σ′ through the rule
        var at = Tensor.FromArray(-1.0, 0.5, 2.0);
        var s = at.ToArray().Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
        Assert.Equal(s.Select(v => v * (1 - v)).ToArray(), second.Evaluate(("x", at)).ToArray(), new Tolerance(1e-12));
    }

    [Fact]
    public void A_rule_with_wrong_shapes_or_counts_is_refused_when_the_node_is_built()
    {
        var twoCotangents = CustomVjp("bad", x => Exp(x[0]), (x, y, g) => [g, g]);
        Assert.Contains("2 cotangent(s) for 1 input(s)", Assert.Throws<ShapeException>(() => twoCotangents([X])).Message);
        var wrongShape = CustomVjp("bad", x => Exp(x[0]), (x, y, g) => [Sum(g)]);
        Assert.Contains("shape [] for input 0 of shape [3]", Assert.Throws<ShapeException>(() => wrongShape([X])).Message);
        var wrongTangent = CustomJvp("bad", x => Exp(x[0]), (x, y, t) => Sum(t[0]));
        Assert.Contains("tangent of shape []", Assert.Throws<ShapeException>(() => wrongTangent([X])).Message);
        var nonlinear = CustomJvp("bad", x => Exp(x[0]), (x, y, t) => t[0] * t[0]);
        Assert.Contains("not linear", Assert.Throws<InvalidOperationException>(() => Grad(Sum(nonlinear([X])), X)).Message);
    }

    sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;
        public int GetHashCode(double x) => 0;
    }
}
