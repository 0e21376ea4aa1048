using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

public class SecondOrderTests
{
    /// <summary>Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² over a vector variable x of length n.</summary>
    static Expr Rosenbrock(Variable x)
    {
        var n = x.Shape[0];
        var head = Slice(x, 0, 0, n - 1);
        var tail = Slice(x, 0, 1, n - 1);
        return Sum(100 * Square(tail - head * head) + Square(1 - head));
    }

    [Fact]
    public void Newton_solves_a_quadratic_in_one_step()
    {
        // f = ½xᵀAx − bᵀx with A SPD; the minimum is A⁻¹b.
        var a = Tensor.FromRows([4.0, 1, 0], [1.0, 3, 0.5], [0.0, 0.5, 2]);
        var b = Tensor.FromArray(1.0, -2.0, 0.5);
        var x = Variable("x", 3);
        var f = 0.5 * Sum(x * Reshape(MatMul(Const(a), Reshape(x, 3, 1)), 3)) - Sum(Const(b) * x);
        var r = Newton.Minimize(f, ParamTrees.Of(("x", Tensor.FromArray(10.0, -7.0, 3.0))));
        Assert.Equal(1, r.Iterations);
        Assert.True(r.Converged);
        Close.Equal(b, Tensor.Reshape(Tensor.MatMul(a, Tensor.Reshape(r.X["x"], new Shape(3, 1))), new Shape(3)), 1e-12);
    }

    [Fact]
    public void Newton_on_Rosenbrock_and_over_two_variables()
    {
        var x = Variable("x", 2);
        var r = Newton.Minimize(Rosenbrock(x), ParamTrees.Of(("x", Tensor.FromArray(-1.2, 1.0))));
        Assert.True(r.Converged, r.Reason);
        Close.Equal(Tensor.FromArray(1.0, 1.0), r.X["x"], 1e-8);
        // Two variables of different shapes: f = (a − 1)² + Σ (b − a·(1, 2))².
        var av = Variable("a", 1);
        var bv = Variable("b", 2);
        var g = Sum(Square(av - 1)) + Sum(Square(bv - av * Const(Tensor.FromArray(1.0, 2.0))));
        var r2 = Newton.Minimize(g, ParamTrees.Of(("a", Tensor.FromArray(5.0)), ("b", Tensor.FromArray(0.0, 0.0))));
        Close.Equal(Tensor.FromArray(1.0, 2.0), r2.X["b"], 1e-10);
        Assert.Equal(1, r2.Iterations);
    }

    [Fact]
    public void Newton_damping_keeps_steps_descending_where_the_Hessian_is_indefinite()
    {
        // f = x⁴ − x² + y²: at x = 0.1 the Hessian's x-entry is 12x² − 2 < 0, where plain Newton would climb to the maximum at 0.
        var v = Variable("v", 2);
        var xs = Slice(v, 0, 0, 1);
        var f = Sum(xs * xs * xs * xs - xs * xs) + Sum(Square(Slice(v, 0, 1, 1)));
        var r = Newton.Minimize(f, ParamTrees.Of(("v", Tensor.FromArray(0.1, 1.0))), damping: 0.5);
        Assert.True(r.Converged, r.Reason);
        Assert.Equal(1 / Math.Sqrt(2), r.X["v"][0], 8);
        Assert.True(r.Values.Zip(r.Values.Skip(1)).All(p => p.Item2 <= p.Item1 + 1e-15), "every damped step descends");
        Assert.Equal(-0.25, r.Value, 10);
    }

    [Fact]
    public void Newton_refuses_problems_above_its_documented_size()
    {
        var x = Variable("x", Newton.MaxSize + 1);
        var ex = Assert.Throws<ArgumentException>(() => Newton.Minimize(Sum(x * x), ParamTrees.Of(("x", Tensor.Zeros<double>(x.Shape)))));
        Assert.Contains($"{Newton.MaxSize + 1} scalar variables exceed the limit of {Newton.MaxSize}", ex.Message);
        Assert.Contains("Lbfgs", ex.Message);
    }

    [Fact]
    public void Lbfgs_reaches_the_Rosenbrock_minimum_from_the_classic_start()
    {
        var x = Variable("x", 2);
        var r = Lbfgs.Minimize(Rosenbrock(x), ParamTrees.Of(("x", Tensor.FromArray(-1.2, 1.0))));
        Assert.True(r.Converged, r.Reason);
        Assert.True(Math.Abs(r.X["x"][0] - 1) < 1e-6 && Math.Abs(r.X["x"][1] - 1) < 1e-6, $"ended at {r.X["x"]}");
        Assert.InRange(r.Iterations, 10, 100);
        Assert.True(r.Values.Zip(r.Values.Skip(1)).All(p => p.Item2 <= p.Item1), "Wolfe steps never increase f");
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public void Lbfgs_reaches_the_Rosenbrock_minimum_in_higher_dimensions(int n)
    {
        var x = Variable("x", n);
        var start = Tensor.FromArray<double>([.. Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0)]);
        var r = Lbfgs.Minimize(Rosenbrock(x), ParamTrees.Of(("x", start)));
        Assert.True(r.Converged, r.Reason);
        Assert.All(r.X["x"].ToArray(), v => Assert.True(Math.Abs(v - 1) < 1e-6, $"ended at {r.X["x"]}"));
    }

    [Fact]
    public void Strong_Wolfe_steps_satisfy_both_conditions()
    {
        const double c1 = 1e-4, c2 = 0.1;
        // φ along a direction of f(t) = t⁴/4 − t + cos(3t) from t = −2 (φ′(0) < 0).
        (double, double) Phi(double a) { var t = -2 + a; return (t * t * t * t / 4 - t + Math.Cos(3 * t), t * t * t - 1 - 3 * Math.Sin(3 * t)); }
        var (p0, s0) = Phi(0);
        foreach (var alpha0 in new[] { 1e-3, 0.5, 1, 10 })
        {
            var r = LineSearch.StrongWolfe(Phi, p0, s0, alpha0, c1, c2);
            Assert.True(r.Found);
            Assert.True(r.Value <= p0 + c1 * r.Alpha * s0, $"sufficient decrease at α = {r.Alpha}");
            Assert.True(Math.Abs(r.Slope) <= c2 * Math.Abs(s0), $"curvature at α = {r.Alpha}: φ′ = {r.Slope}");
        }
        Assert.Throws<ArgumentException>(() => LineSearch.StrongWolfe(Phi, p0, -s0));
    }
}
