using PureNet;
using static PureNet.Fn;

namespace PureNet.Tests;

/// <summary>Eager tensor math calls the op kernels directly; it must agree with evaluating the one-op expression.</summary>
public class EagerTests
{
    static readonly Tensor<double> A = Tensor.Normal<double>(new Shape(2, 3), seed: 1);
    static readonly Tensor<double> B = Tensor.Normal<double>(new Shape(3), seed: 2);
    static readonly Tensor<double> P = Tensor.Uniform<double>(new Shape(2, 3), seed: 3, low: 0.5, high: 2);

    static Tensor<double> Eval(Func<Expr, Expr, Expr> f, Tensor<double> a, Tensor<double> b) =>
        f(Variable("a", a.Shape), Variable("b", b.Shape)).Evaluate(("a", a), ("b", b));

    static Tensor<double> Eval(Func<Expr, Expr> f, Tensor<double> x) => f(Variable("x", x.Shape)).Evaluate(("x", x));

    [Fact]
    public void Eager_binary_and_unary_math_equals_the_expression()
    {
        Assert.Equal(Eval(Add, A, B), Tensor.Add(A, B));
        Assert.Equal(Eval(Sub, A, B), A - B);
        Assert.Equal(Eval(Mul, A, B), A * B);
        Assert.Equal(Eval(Div, A, P), A / P);
        Assert.Equal(Eval(Pow, P, A), Tensor.Pow(P, A));
        Assert.Equal(Eval(Maximum, A, B), Tensor.Maximum(A, B));
        Assert.Equal(Eval(Minimum, A, B), Tensor.Minimum(A, B));
        Assert.Equal(Eval(Neg, A), -A);
        Assert.Equal(Eval(Exp, A), Tensor.Exp(A));
        Assert.Equal(Eval(Log, P), Tensor.Log(P));
        Assert.Equal(Eval(Sqrt, P), Tensor.Sqrt(P));
        Assert.Equal(Eval(Abs, A), Tensor.Abs(A));
        Assert.Equal(Eval(Sign, A), Tensor.Sign(A));
        Assert.Equal(Eval(Tanh, A), Tensor.Tanh(A));
        Assert.Equal(Eval(Sigmoid, A), Tensor.Sigmoid(A));
        Assert.Equal(Eval(Erf, A), Tensor.Erf(A));
    }

    [Fact]
    public void Eager_reductions_layout_and_matmul_equal_the_expression()
    {
        Assert.Equal(Eval(x => Sum(x, 1, keepDims: true), A), Tensor.Sum(A, 1, keepDims: true));
        Assert.Equal(Eval(x => Mean(x, 0), A), Tensor.Mean(A, 0));
        Assert.Equal(Eval(x => Max(x), A), Tensor.Max(A));
        Assert.Equal(Eval(x => Min(x, 1), A), Tensor.Min(A, 1));
        Assert.Equal(Eval(Transpose, A), Tensor.Transpose(A));
        Assert.Equal(Eval(x => Slice(x, 1, 1, 2), A), Tensor.Slice(A, 1, 1, 2));
        Assert.Equal(Eval(x => Concat(1, x, x), A), Tensor.Concat(1, A, A));
        Assert.Equal(Eval(x => Stack(-1, x, x), A), Tensor.Stack(-1, A, A));
        Assert.Equal(Eval(x => BroadcastTo(x, new Shape(4, 2, 3)), A), Tensor.BroadcastTo(A, new Shape(4, 2, 3)));
        var batch = Tensor.Normal<double>(new Shape(4, 3, 5), seed: 4);
        Assert.Equal(Eval(MatMul, A, batch), Tensor.MatMul(A, batch));
        Assert.Equal(Eval(MatMul, A, B), Tensor.MatMul(A, B));
        Assert.Equal(Eval(MatMul, B, batch), Tensor.MatMul(B, batch));
        Assert.Equal(Eval(MatMul, B, B), Tensor.MatMul(B, B));
    }

    [Fact]
    public void Eager_math_rejects_bad_shapes_naming_the_op()
    {
        Assert.Contains("matmul", Assert.Throws<ShapeException>(() => Tensor.MatMul(A, A)).Message);
        Assert.Contains("add", Assert.Throws<ShapeException>(() => Tensor.Add(A, Tensor.Normal<double>(new Shape(2), seed: 5))).Message);
        Assert.Contains("slice", Assert.Throws<ShapeException>(() => Tensor.Slice(A, 1, 2, 2)).Message);
        Assert.Contains("permute", Assert.Throws<ShapeException>(() => Tensor.Permute(A, 0, 0)).Message);
        Assert.Contains("concat", Assert.Throws<ShapeException>(() => Tensor.Concat(0, A, B)).Message);
    }

    [Fact]
    public void Sin_and_cos_are_eager_too_and_agree_with_their_ops()
    {
        var t = Tensor.FromArray(0.0, Math.PI / 2, -1.25);
        Assert.Equal(Tensor.FromArray(0.0, 1, Math.Sin(-1.25)), Tensor.Sin(t));
        Assert.Equal(Tensor.Cos(t), Fn.Cos(Fn.Variable("t", 3)).Evaluate(("t", t)));
    }
}
