using System.Numerics;
using System.Runtime.CompilerServices;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Eager math on tensors. Each function evaluates the same op the expression tree uses, so shape rules, broadcasting
/// and kernels are shared: a tensor call is the one-node expression evaluated at once.
/// </summary>
public static partial class Tensor
{
    static Tensor<T> Eager<T>(Func<Expr, Expr> f, Tensor<T> x, [CallerMemberName] string function = "") where T : unmanaged, IFloatingPointIeee754<T> =>
        f(new Variable("x", Guard.NotNull(x, $"Tensor.{function}").Shape)).Evaluate(("x", x));

    static Tensor<T> Eager<T>(Func<Expr, Expr, Expr> f, Tensor<T> a, Tensor<T> b, [CallerMemberName] string function = "") where T : unmanaged, IFloatingPointIeee754<T> =>
        f(new Variable("a", Guard.NotNull(a, $"Tensor.{function}").Shape), new Variable("b", Guard.NotNull(b, $"Tensor.{function}").Shape)).Evaluate(("a", a), ("b", b));

    public static Tensor<T> Add<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Add, a, b);
    public static Tensor<T> Sub<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Sub, a, b);
    public static Tensor<T> Mul<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Mul, a, b);
    public static Tensor<T> Div<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Div, a, b);
    public static Tensor<T> Pow<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Pow, a, b);
    public static Tensor<T> Maximum<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Maximum, a, b);
    public static Tensor<T> Minimum<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Minimum, a, b);
    public static Tensor<T> MatMul<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.MatMul, a, b);

    public static Tensor<T> Neg<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Neg, x);
    public static Tensor<T> Exp<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Exp, x);
    public static Tensor<T> Log<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Log, x);
    public static Tensor<T> Sqrt<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Sqrt, x);
    public static Tensor<T> Abs<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Abs, x);
    public static Tensor<T> Sign<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Sign, x);
    public static Tensor<T> Tanh<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Tanh, x);
    public static Tensor<T> Sigmoid<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Sigmoid, x);
    public static Tensor<T> Erf<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Erf, x);

    public static Tensor<T> Sum<T>(Tensor<T> x, Axes? axes = null, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> => Eager(e => Fn.Sum(e, axes, keepDims), x);
    public static Tensor<T> Mean<T>(Tensor<T> x, Axes? axes = null, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> => Eager(e => Fn.Mean(e, axes, keepDims), x);
    public static Tensor<T> Max<T>(Tensor<T> x, Axes? axes = null, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> => Eager(e => Fn.Max(e, axes, keepDims), x);
    public static Tensor<T> Min<T>(Tensor<T> x, Axes? axes = null, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> => Eager(e => Fn.Min(e, axes, keepDims), x);

    /// <summary>Indices of the first maximum along one axis (as values of T).</summary>
    public static Tensor<T> ArgMax<T>(Tensor<T> x, int axis, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Guard.NotNull(x, "ArgMax").Shape.Axis(axis, "argmax");
        if (x.Shape[a] == 0) throw new ArgumentException($"argmax: axis {axis} of {x.Shape} is empty.", nameof(axis));
        return Reduce.ArgMax(x, a, keepDims);
    }

    public static Tensor<T> Reshape<T>(Tensor<T> x, Shape shape) where T : unmanaged, IFloatingPointIeee754<T> => Eager(e => Fn.Reshape(e, shape), x);
    public static Tensor<T> Transpose<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Eager(Fn.Transpose, x);
    public static Tensor<T> Permute<T>(Tensor<T> x, params int[] perm) where T : unmanaged, IFloatingPointIeee754<T> => Eager(e => Fn.Permute(e, perm), x);
    public static Tensor<T> Slice<T>(Tensor<T> x, int axis, int start, int length) where T : unmanaged, IFloatingPointIeee754<T> => Eager(e => Fn.Slice(e, axis, start, length), x);
    public static Tensor<T> BroadcastTo<T>(Tensor<T> x, Shape shape) where T : unmanaged, IFloatingPointIeee754<T> => Eager(e => Fn.BroadcastTo(e, shape), x);

    public static Tensor<T> Concat<T>(int axis, params Tensor<T>[] xs) where T : unmanaged, IFloatingPointIeee754<T> =>
        Joined(xs, vs => Fn.Concat(axis, vs));

    public static Tensor<T> Stack<T>(int axis, params Tensor<T>[] xs) where T : unmanaged, IFloatingPointIeee754<T> =>
        Joined(xs, vs => Fn.Stack(axis, vs));

    static Tensor<T> Joined<T>(Tensor<T>[] xs, Func<Expr[], Expr> join, [CallerMemberName] string function = "") where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NoNulls(xs, $"Tensor.{function}");
        var vars = xs.Select((x, i) => new Variable($"x{i}", x.Shape)).ToArray();
        return join(vars).Evaluate(Fn.Bind(vars.Zip(xs, (v, x) => (v.Name, x)).ToArray()));
    }
}

public sealed partial record Tensor<T>
{
    public static Tensor<T> operator +(Tensor<T> a, Tensor<T> b) => Tensor.Add(a, b);
    public static Tensor<T> operator -(Tensor<T> a, Tensor<T> b) => Tensor.Sub(a, b);
    public static Tensor<T> operator *(Tensor<T> a, Tensor<T> b) => Tensor.Mul(a, b);
    public static Tensor<T> operator /(Tensor<T> a, Tensor<T> b) => Tensor.Div(a, b);
    public static Tensor<T> operator -(Tensor<T> a) => Tensor.Neg(a);
    public static Tensor<T> operator +(Tensor<T> a, T b) => a + Tensor.Scalar(b);
    public static Tensor<T> operator -(Tensor<T> a, T b) => a - Tensor.Scalar(b);
    public static Tensor<T> operator *(Tensor<T> a, T b) => a * Tensor.Scalar(b);
    public static Tensor<T> operator /(Tensor<T> a, T b) => a / Tensor.Scalar(b);
    public static Tensor<T> operator *(T a, Tensor<T> b) => Tensor.Scalar(a) * b;
}
