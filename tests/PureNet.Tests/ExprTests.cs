using System.Collections.Immutable;
using LanguageExt;
using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

public class ExprTests
{
    static readonly Tensor<double> X = Tensor.FromRows([0.5, -1.0, 2.0], [1.5, 0.25, -0.75]);

    [Fact]
    public void Shapes_are_checked_when_a_node_is_built()
    {
        var a = Variable("a", 2, 3);
        var b = Variable("b", 4, 3);
        var ex = Assert.Throws<ShapeException>(() => a + b);
        Assert.Contains("add", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[4, 3]", ex.Message);
        var mm = Assert.Throws<ShapeException>(() => MatMul(a, b));
        Assert.Contains("matmul", mm.Message);
    }

    [Fact]
    public void Evaluation_in_float_and_double()
    {
        var x = Variable("x", 2, 3);
        var f = Sum(Tanh(x) * x);
        var d = f.Evaluate(("x", X)).Scalar;
        var s = f.Evaluate(("x", Tensor.Cast<double, float>(X))).Scalar;
        var expected = X.ToArray().Sum(v => Math.Tanh(v) * v);
        Assert.Equal(expected, d, 12);
        Assert.Equal(expected, s, 5);
    }

    [Fact]
    public void Bad_bindings_throw_clear_errors()
    {
        var x = Variable("x", Dim.Batch, 3);
        var y = Variable("y", Dim.Batch, 1);
        var f = Sum(x * y);
        Assert.Contains("'y'", Assert.Throws<ArgumentException>(() => f.Evaluate(("x", X))).Message);
        Assert.Contains("axis 1", Assert.Throws<ArgumentException>(() => f.Evaluate(("x", X), ("y", X))).Message);
        var y3 = Tensor.Ones<double>(new Shape(3, 1));
        Assert.Contains("batch size", Assert.Throws<ArgumentException>(() => f.Evaluate(("x", X), ("y", y3))).Message);
        Assert.Equal(X.ToArray().Sum(), f.Evaluate(("x", X), ("y", Tensor.Ones<double>(new Shape(2, 1)))).Scalar, 12);
    }

    [Fact]
    public void A_shared_subexpression_is_evaluated_once_per_call()
    {
        var counter = new CountingOp();
        var x = Variable("x", 3);
        var shared = new Apply(counter, Fn.Inputs(x));
        var f = Sum(shared * shared + Exp(shared));
        f.Evaluate(("x", Tensor.FromArray(1.0, 2, 3)));
        Assert.Equal(1, counter.Calls);
    }

    sealed record CountingOp : PrimitiveOp
    {
        public int Calls => calls;
        int calls;
        public override string Name => "count_calls";
        public override Shape InferShape(IReadOnlyList<Shape> s) => s[0];
        protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate)
        { Interlocked.Increment(ref calls); return x[0]; }
        public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g];
    }

    [Fact]
    public void Gradients_are_expressions_that_print_evaluate_and_differentiate_again()
    {
        var x = Variable("x", 3);
        var f = Sum(x * x * x);
        var g = Grad(f, x);
        Assert.Equal("3 * x^2", g.ToString());                                        // simplified, as a person writes it
        Assert.Equal("let t1 = 1 * x\n1 * (x * x) + t1 * x + t1 * x", RawGrad(f, x)[0].ToString());   // the product rule on (x·x)·x, seeded by 1
        var at = Tensor.FromArray(1.0, 2, 3);
        Assert.Equal(Tensor.FromArray(3.0, 12, 27), g.Evaluate(("x", at)));
        var h = Hessian(f, x);
        Assert.Equal(Tensor.FromRows([6.0, 0, 0], [0.0, 12, 0], [0.0, 0, 18]), h.Evaluate(("x", at)));
    }

    [Fact]
    public void Broadcasting_is_undone_by_summation_in_the_gradient()
    {
        var x = Variable("x", 2, 3);
        var b = Variable("b", 3);
        var gb = Grad(Sum(x + b), b);
        Assert.Equal(new Shape(3), gb.Shape);
        Assert.Equal(Tensor.FromArray(2.0, 2, 2), gb.Evaluate(("x", X), ("b", Tensor.Zeros<double>(new Shape(3)))));
    }

    [Fact]
    public void Value_and_grad_shares_the_forward_pass()
    {
        var w = Variable("w", 3, 2);
        var x = Variable("x", Dim.Batch, 3);
        var loss = Mean(Square(Tanh(MatMul(x, w))));
        var step = ValueAndGrad(loss, w);
        var wv = Tensor.Normal<double>(new Shape(3, 2), 1);
        var r = step.Invoke(("w", wv), ("x", X));
        Assert.Equal(loss.Evaluate(("w", wv), ("x", X)).Scalar, r.Value, 12);
        Assert.Equal(Grad(loss, w).Evaluate(("w", wv), ("x", X)), r["w"]);
        GradCheck.Assert(loss, ("w", wv), ("x", X));
    }

    [Fact]
    public void Hessian_vector_product_matches_numeric_second_differences()
    {
        var x = Variable("x", 3);
        var f = Sum(Exp(x) * Sin3(x));
        var v = Tensor.FromArray(0.3, -0.2, 0.5);
        var at = Tensor.FromArray(0.1, 0.4, -0.3);
        var hv = Hvp(f, x, Const(v)).Evaluate(("x", at)).ToArray();
        var grad = Grad(f, x);
        for (var i = 0; i < 3; i++)
        {
            var index = i;
            double Directional(double t) => grad.Evaluate(("x", Tensor.FromArray(at.ToArray().Zip(v.ToArray(), (a, b) => a + t * b).ToArray()))).ToArray()[index];
            Assert.True(Numeric.RelativeError(hv[i], Numeric.Richardson(Directional, 0, 1e-3)) < 1e-6);
        }
        var h = Hessian(f, x).Evaluate(("x", at));
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                var (ii, jj) = (i, j);
                double Fij(double s, double t) => f.Evaluate(("x", Tensor.FromArray(at.ToArray().Select((a, k) => a + (k == ii ? s : 0) + (k == jj ? t : 0)).ToArray()))).Scalar;
                const double e = 1e-4;
                var numeric = (Fij(e, e) - Fij(e, -e) - Fij(-e, e) + Fij(-e, -e)) / (4 * e * e);
                Assert.True(Numeric.RelativeError(h[i, j], numeric) < 1e-5, $"H[{i},{j}] = {h[i, j]} vs numeric {numeric}");
            }
    }

    static Expr Sin3(Expr x) => Tanh(x) + x * x * x;

    [Fact]
    public void A_chain_of_100000_ops_evaluates_differentiates_and_prints()
    {
        var x = Variable("x", 1);
        static Expr Chain(Expr x)
        {
            var e = x;
            for (var i = 0; i < 100_000; i++) e = i % 2 == 0 ? e * 1.0000001 : e + 1e-7;
            return Sum(e);
        }
        var f = Chain(x);
        Assert.True(double.IsFinite(f.Evaluate(("x", Tensor.FromArray(1.0))).Scalar));
        var g = Grad(f, x).Evaluate(("x", Tensor.FromArray(1.0)));
        Assert.Equal(Math.Pow(1.0000001, 50_000), g[0], 9);
        Assert.True(f.ToString().Length > 100_000);
        var twin = Chain(x);                     // built apart: equal structure, distinct nodes
        Assert.NotSame(f, twin);
        Assert.NotEqual(f, twin);                // nodes compare by identity
        Assert.Equal(f.StructuralHash, twin.StructuralHash);
        Assert.True(Graph.StructurallyEqual(f, twin));
        Assert.False(Graph.StructurallyEqual(f, Sum(x * 2.0)));
    }

    [Fact]
    public void GradCheck_failure_names_input_index_and_both_values()
    {
        var x = Variable("x", 2);
        var wrong = Sum(new Apply(new WrongSquareOp(), Fn.Inputs(x)));
        var ex = Assert.Throws<GradCheckException>(() => GradCheck.Assert(wrong, ("x", Tensor.FromArray(1.0, 2.0))));
        Assert.Contains("'x'", ex.Message);
        Assert.Contains("index [0]", ex.Message);
        Assert.Contains("analytic", ex.Message);
        Assert.Contains("numeric", ex.Message);
        Assert.Equal(1.0, ex.Result.Analytic, 9);   // the wrong rule: x² at x = 1
        Assert.Equal(2.0, ex.Result.Numeric, 6);    // the truth: 2x
        var fast = GradCheck.Check(wrong, Bind(("x", Tensor.FromArray(1.0, 2.0))), new GradCheckOptions(Mode: GradCheckMode.Fast));
        Assert.False(fast.Passed);
    }

    sealed record WrongSquareOp : PrimitiveOp
    {
        public override string Name => "wrong_square";
        public override Shape InferShape(IReadOnlyList<Shape> s) => s[0];
        protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) => x[0] * x[0];
        public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * y.Inputs[0] * y.Inputs[0]];
    }

    [Fact]
    public void Kink_conventions()
    {
        var x = Variable("x", 3);
        var at = Tensor.FromArray(0.0, 1.0, -1.0);
        Assert.Equal(Tensor.FromArray(0.0, 1, -1), Grad(Sum(Abs(x)), x).Evaluate(("x", at)));      // abs'(0) = 0
        Assert.Equal(Tensor.FromArray(0.0, 0, 0), Grad(Sum(Sign(x)), x).Evaluate(("x", at)));      // sign' = 0
        var zero = Zeros(new Shape(3));
        Assert.Equal(Tensor.FromArray(0.5, 1, 0), Grad(Sum(Maximum(x, zero)), x).Evaluate(("x", at)));  // ties split
        Assert.Equal(Tensor.FromArray(0.5, 0, 1), Grad(Sum(Minimum(x, zero)), x).Evaluate(("x", at)));
        var ties = Tensor.FromArray(2.0, 2.0, 1.0);
        Assert.Equal(Tensor.FromArray(0.5, 0.5, 0), Grad(Max(x), x).Evaluate(("x", ties)));       // max ties split evenly
    }

    [Fact]
    public void A_null_root_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentNullException>(() => Graph.TopoSort(Variable("x", 1), null!));
        Assert.Contains("Graph.TopoSort", e.Message);
    }
}

public class ConcurrencyTests
{
    [Fact]
    public void A_compiled_function_gives_each_thread_the_answer_it_gives_alone()
    {
        var x = Variable("x", Dim.Batch, 4);
        var w = Variable("w", 4, 3);
        var step = ValueAndGrad(Mean(Square(Tanh(MatMul(x, w)))), w);
        var wv = Tensor.Normal<double>(new Shape(4, 3), 1);
        var inputs = Enumerable.Range(0, 16).Select(i => Tensor.Normal<double>(new Shape(i + 1, 4), 100 + i)).ToArray();
        var alone = inputs.Select(xv => step.Invoke(("x", xv), ("w", wv))).ToArray();
        var together = new ValueAndGradResult<double>[inputs.Length];
        Parallel.For(0, inputs.Length * 8, k => { var i = k % inputs.Length; together[i] = step.Invoke(("x", inputs[i]), ("w", wv)); });
        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(alone[i].Value, together[i].Value);
            Assert.Equal(alone[i]["w"], together[i]["w"]);
        }
    }
}
