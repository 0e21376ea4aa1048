using System.Collections.Immutable;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>Forward mode: JVPs as expressions, Jacobians both ways, Hessians both ways, and nested derivatives.</summary>
public class ForwardModeTests
{
    static readonly Variable X = Variable("x", 3), S = Variable("s");
    static readonly Tensor<double> At = Tensor.FromArray(0.5, -1.5, 2);

    static double At1(Expr e, double s) => e.Evaluate(("s", Tensor.Scalar(s))).Scalar;

    [Fact]
    public void A_jvp_is_an_expression_that_prints_and_evaluates()
    {
        var v = Variable("v", 3);
        var jv = Jvp(Sum(X * X * X), X, v);
        Assert.Equal("3 * sum(x^2 * v)", jv.ToString());
        Assert.Equal(3 * (0.25 * 1 + 2.25 * 2 + 4 * -1), jv.Evaluate(("x", At), ("v", Tensor.FromArray(1.0, 2, -1))).Scalar, 12);
        Assert.Equal("2 * cos(s)", Jvp(Sin(S), S, Scalar(2.0)).ToString());
    }

    [Fact]
    public void Nested_derivatives_do_not_confuse_their_perturbations()
    {
        // d/dx [x · d/dy (x·y)] at y = 1 is d/dx [x · x] = 2x; a system that mixes the two perturbations gets x.
        var (x, y) = (Variable("x"), Variable("y"));
        var inner = Jvp(x * y, y, Scalar(1.0));
        var outer = Jvp(x * inner, x, Scalar(1.0));
        Assert.Equal(6.0, outer.Evaluate(("x", Tensor.Scalar(3.0)), ("y", Tensor.Scalar(1.0))).Scalar, 12);
        Assert.Equal(6.0, Grad(x * Grad(x * y, y), x).Evaluate(("x", Tensor.Scalar(3.0)), ("y", Tensor.Scalar(1.0))).Scalar, 12);
    }

    public static TheoryData<string> Functions() => ["tanh", "sigmoid", "exp∘sin"];

    /// <summary>The first four derivatives by closed form (checked with SymPy).</summary>
    static double[] ClosedForm(string f, double x)
    {
        var (t, s, c, sn, e) = (Math.Tanh(x), 1 / (1 + Math.Exp(-x)), Math.Cos(x), Math.Sin(x), Math.Exp(Math.Sin(x)));
        return f switch
        {
            "tanh" => [1 - t * t, -2 * t * (1 - t * t), -2 * (1 - t * t) * (1 - 3 * t * t), 8 * t * (1 - t * t) * (2 - 3 * t * t)],
            "sigmoid" => [s * (1 - s), s * (1 - s) * (1 - 2 * s), s * (1 - s) * (1 - 6 * s + 6 * s * s), s * (1 - s) * (1 - 2 * s) * (1 - 12 * s + 12 * s * s)],
            _ => [c * e, (c * c - sn) * e, (c * c * c - 3 * sn * c - c) * e, (Math.Pow(c, 4) - 6 * sn * c * c - 4 * c * c + 3 * sn * sn + sn) * e],
        };
    }

    static Expr Of(string f, Expr s) => f switch { "tanh" => Tanh(s), "sigmoid" => Sigmoid(s), _ => Exp(Sin(s)) };

    [Theory, MemberData(nameof(Functions))]
    public void Derivatives_to_the_fourth_order_match_their_closed_forms(string f)
    {
        Expr forward = Of(f, S), reverse = forward, mixed = forward;
        for (var k = 0; k < 4; k++)
        {
            forward = Jvp(forward, S, Scalar(1.0));
            reverse = Grad(reverse, S);
            mixed = k % 2 == 0 ? Jvp(mixed, S, Scalar(1.0)) : Grad(mixed, S);
            foreach (var x in new[] { -1.3, 0.4, 2.1 })
            {
                var expected = ClosedForm(f, x)[k];
                Assert.Equal(expected, At1(forward, x), 10);
                Assert.Equal(expected, At1(reverse, x), 10);
                Assert.Equal(expected, At1(mixed, x), 10);
            }
        }
    }

    [Fact]
    public void Forward_over_reverse_and_reverse_over_reverse_hessians_agree()
    {
        var f = Sum(Exp(X) * Sin(X)) * Sum(Tanh(X * X)) + Sum(X * X * X);
        var (h, hRev) = (Hessian(f, X).Evaluate(("x", At)), HessianRev(f, X).Evaluate(("x", At)));
        Assert.Equal(new Shape(3, 3), h.Shape);
        for (var k = 0; k < h.Size; k++) Assert.Equal(hRev.Span[k], h.Span[k], 10);
        var v = Const(Tensor.FromArray(0.3, -0.2, 0.5));
        var (fwd, rev) = (HvpFwd(f, X, v).Evaluate(("x", At)), Hvp(f, X, v).Evaluate(("x", At)));
        for (var k = 0; k < 3; k++) Assert.Equal(rev.Span[k], fwd.Span[k], 10);
    }

    [Fact]
    public void Jacobians_forward_and_reverse_agree_in_jaxs_layout()
    {
        var w = Variable("w", 2, 3);
        var y = Tanh(MatMul(w, X)) * Sum(X);                                     // [2]
        var (fwd, rev) = (JacFwd(y, X), JacRev(y, X));
        Assert.Equal(new Shape(2, 3), fwd.Shape);
        var b = Bind(("x", At), ("w", Tensor.FromRows([0.1, 0.2, -0.3], [0.4, -0.5, 0.6])));
        var (a, c) = (fwd.Evaluate(b), rev.Evaluate(b));
        for (var k = 0; k < a.Size; k++) Assert.Equal(c.Span[k], a.Span[k], 12);
        Assert.Equal(new Shape(2, 2, 3), JacFwd(y, w).Shape);
    }

    [Fact]
    public void A_forward_jacobian_keeps_an_open_batch_axis()
    {
        var xb = Variable("xb", Dim.Batch, 3);
        var w = Variable("w", 3, 2);
        var y = Tanh(MatMul(xb, w));                                               // [Batch, 2]
        var j = JacFwd(y, w);                                                      // [Batch, 2, 3, 2]: per example
        Assert.Equal(new Shape(Dim.Batch, 2, 3, 2), j.Shape);
        var (xs, ws) = (Tensor.FromRows([0.5, -1.0, 2.0], [0.1, 0.2, 0.3]), Tensor.FromRows([0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]));
        var jv = j.Evaluate(("xb", xs), ("w", ws));
        var first = Variable("x1", 1, 3);                                            // example 0 on its own
        var row0 = JacRev(Reshape(Tanh(MatMul(first, w)), 2), w).Evaluate(("x1", Tensor.FromRows([0.5, -1.0, 2.0])), ("w", ws));
        for (var k = 0; k < row0.Size; k++) Assert.Equal(row0.Span[k], jv.Span[k], 12);
        Assert.Throws<ShapeException>(() => JacRev(y, w));
        Assert.Throws<ShapeException>(() => JacFwd(w, xb));
    }

    [Fact]
    public void An_op_without_a_jvp_rule_is_refused_by_name()
    {
        var e = new Apply(new NoForwardRule(), Inputs(X));
        var ex = Assert.Throws<NotSupportedException>(() => Jvp(Sum(e), X, X));
        Assert.Contains("no_forward", ex.Message);
        Assert.Equal(Tensor.FromArray(1.0, 1, 1), Grad(Sum(e), X).Evaluate(("x", At)));   // reverse mode still works
    }

    [Fact]
    public void Bad_tangents_are_refused_with_the_rule()
    {
        var ex = Assert.Throws<ShapeException>(() => Jvp(Sum(X), X, Variable("v", 4)));
        Assert.Contains("jvp", ex.Message);
        Assert.Contains("[4]", ex.Message);
        Assert.Throws<ArgumentException>(() => Jvp(Sum(X)));
        Assert.Throws<ArgumentNullException>(() => Jvp(Sum(X), null!, X));
        Assert.Throws<ShapeException>(() => HvpFwd(Sum(X * X), X, Variable("v", 2)));
    }

    [Fact]
    public void Forward_mode_walks_a_deep_chain_without_recursion()
    {
        Expr e = S;
        for (var i = 0; i < 100_000; i++) e = i % 2 == 0 ? e * 1.0001 : Tanh(e);
        var jv = Forward.Jvp([e], [(S, Scalar(1.0))], simplify: false)[0];
        Assert.True(double.IsFinite(At1(jv, 0.1)));
    }

    [Fact]
    public void A_model_that_needs_sin_has_torchs_gradient()
    {
        // Batch norm (training) over an NCHW input whose statistics depend on sin of the input; Reference/torch_sin_batchnorm.py.
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "torch_sin_batchnorm.json")));
        double[] Torch(string key) => [.. doc.RootElement.GetProperty(key).EnumerateArray().Select(e => e.GetDouble())];
        var shape = new Shape(4, 2, 3, 3);
        Tensor<double> Closed(double a, double b) => Tensor.FromArray<double>(shape, [.. Enumerable.Range(0, shape.Size).Select(k => Math.Sin(a * k + b) * 1.5)]);
        var x = Variable("x", Dim.Batch, 2, 3, 3);
        var bn = new BatchNorm("bn", 2);
        var (y, _) = bn.Apply(x * Sin(x), training: true);
        var loss = Sum(Tanh(y) * Variable("weights", Dim.Batch, 2, 3, 3));
        var bindings = bn.Init().SetItem(bn.Gamma.Name, Tensor.FromArray(1.2, 0.7)).SetItem(bn.Beta.Name, Tensor.FromArray(0.1, -0.3))
            .Add("x", Closed(0.37, 0.2)).Add("weights", Closed(0.91, 1.3));
        Assert.Equal(doc.RootElement.GetProperty("loss").GetDouble(), loss.Evaluate(bindings).Scalar, 10);
        var grads = Grad(loss, x, bn.Gamma, bn.Beta);
        foreach (var (g, key) in grads.Zip(["x", "gamma", "beta"]))
        {
            var (actual, expected) = (g.Evaluate(bindings).ToArray(), Torch(key));
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < actual.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-10, $"{key}[{i}]: torch {expected[i]}, PureNet {actual[i]}");
        }
        var v = Closed(1.7, 0.4);                                                  // forward mode agrees with the gradient
        var jvp = Jvp(loss, x, Variable("v", x.Shape)).Evaluate(bindings.Add("v", v)).Scalar;
        Assert.Equal(Torch("x").Zip(v.ToArray()).Sum(p => p.Item1 * p.Item2), jvp, 10);
    }

    sealed record NoForwardRule : PrimitiveOp
    {
        public override string Name => "no_forward";
        public override Shape InferShape(IReadOnlyList<Shape> s) => s[0];
        protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) => x[0];
        public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g];
    }
}
