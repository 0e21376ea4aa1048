using System.Numerics;
using System.Runtime.CompilerServices;

namespace PureNet;

/// <summary>
/// Eager math on tensors. Each function calls the same kernel its op's <c>Eval</c> calls, directly: no expression, no
/// plan, so this layer depends on nothing above it, and shape rules, broadcasting and arithmetic are shared.
/// </summary>
public static partial class Tensor
{
    /// <summary>The argument, or an ArgumentNullException naming the Tensor function that got null.</summary>
    static Tensor<T> Checked<T>(Tensor<T> x, [CallerMemberName] string function = "", [CallerArgumentExpression(nameof(x))] string name = "")
        where T : unmanaged, IFloatingPointIeee754<T> => Guard.NotNull(x, $"Tensor.{function}", name);

    public static Tensor<T> Add<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Add(Checked(a), Checked(b));
    public static Tensor<T> Sub<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Sub(Checked(a), Checked(b));
    public static Tensor<T> Mul<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Mul(Checked(a), Checked(b));
    public static Tensor<T> Div<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Div(Checked(a), Checked(b));
    public static Tensor<T> Pow<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Pow(Checked(a), Checked(b));
    public static Tensor<T> Maximum<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Maximum(Checked(a), Checked(b));
    public static Tensor<T> Minimum<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Minimum(Checked(a), Checked(b));

    /// <summary>Matrix product with numpy's rules: vectors gain and lose a unit axis, leading axes broadcast (read in place).</summary>
    public static Tensor<T> MatMul<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        (a, b) = (Checked(a), Checked(b));
        var (sa, sb, product, result) = ShapeOf.NumpyMatMul(a.Shape, b.Shape);
        return Reshape(MatMulKernel.Run(Reshape(a, sa), Reshape(b, sb), false, false, product), result);
    }

    public static Tensor<T> Neg<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Neg(Checked(x));
    public static Tensor<T> Exp<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Exp(Checked(x));
    public static Tensor<T> Sin<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Sin(Checked(x));
    public static Tensor<T> Cos<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Cos(Checked(x));
    public static Tensor<T> Log<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Log(Checked(x));
    public static Tensor<T> Sqrt<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Sqrt(Checked(x));
    public static Tensor<T> Abs<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Abs(Checked(x));
    public static Tensor<T> Sign<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Sign(Checked(x));
    public static Tensor<T> Tanh<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Tanh(Checked(x));
    public static Tensor<T> Sigmoid<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Sigmoid(Checked(x));
    public static Tensor<T> Erf<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Erf(Checked(x));

    public static Tensor<T> Sum<T>(Tensor<T> x, Axes? axes = null, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> => Reduce.Sum(Checked(x), axes ?? Axes.All, keepDims, "sum");
    public static Tensor<T> Mean<T>(Tensor<T> x, Axes? axes = null, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> => Reduce.Mean(Checked(x), axes ?? Axes.All, keepDims, "mean");
    public static Tensor<T> Max<T>(Tensor<T> x, Axes? axes = null, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> => Reduce.Max(Checked(x), axes ?? Axes.All, keepDims, "max");
    public static Tensor<T> Min<T>(Tensor<T> x, Axes? axes = null, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> => Reduce.Min(Checked(x), axes ?? Axes.All, keepDims, "min");

    /// <summary>Indices of the first maximum along one axis (as values of T).</summary>
    public static Tensor<T> ArgMax<T>(Tensor<T> x, int axis, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Checked(x).Shape.Axis(axis, "argmax");
        if (x.Shape[a] == 0) throw new ArgumentException($"argmax: axis {axis} of {x.Shape} is empty.", nameof(axis));
        return Reduce.ArgMax(x, a, keepDims);
    }

    public static Tensor<T> Reshape<T>(Tensor<T> x, Shape shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Checked(x);
        if (Guard.NotNull(shape, "reshape").HasBatch)
            throw new ShapeException($"reshape: target {shape} has an open batch dimension; a tensor's shape is concrete.");
        return x.Shape == shape ? x : Layout.Reshape(x, shape);
    }

    /// <summary>Swaps the last two axes.</summary>
    public static Tensor<T> Transpose<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Checked(x).Rank < 2) throw new ShapeException($"transpose: needs rank ≥ 2 to swap the last two axes, got {x.Shape}.");
        return Permute(x, [.. Enumerable.Range(0, x.Rank - 2), x.Rank - 1, x.Rank - 2]);
    }

    /// <summary>Output axis i is input axis perm[i].</summary>
    public static Tensor<T> Permute<T>(Tensor<T> x, params int[] perm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(perm, "Tensor.Permute");
        if (perm.Length != Checked(x).Rank || !perm.Order().SequenceEqual(Enumerable.Range(0, perm.Length)))
            throw new ShapeException($"permute: ({string.Join(", ", perm)}) is not a permutation of the {x.Rank} axes of {x.Shape}; give each of 0..{x.Rank - 1} once.");
        return Layout.Permute(x, perm);
    }

    /// <summary>x[…, start : start + length, …] on one axis.</summary>
    public static Tensor<T> Slice<T>(Tensor<T> x, int axis, int start, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Checked(x).Shape.Axis(axis, "slice");
        var d = x.Shape[a];
        if (start < 0 || length < 0 || (long)start + length > d)
            throw new ShapeException($"slice: [{start}, {start} + {length}) on axis {axis} of {x.Shape} is outside 0..{d}; start and length must be ≥ 0 and start + length ≤ {d} (no negative or wrapped indices).");
        var begin = new int[x.Rank];
        begin[a] = start;
        return Layout.Slice(x, begin, x.Shape.SetItem(a, length));
    }

    public static Tensor<T> BroadcastTo<T>(Tensor<T> x, Shape shape) where T : unmanaged, IFloatingPointIeee754<T> =>
        Layout.BroadcastTo(Checked(x), Guard.NotNull(shape, "Tensor.BroadcastTo"));

    public static Tensor<T> Concat<T>(int axis, params Tensor<T>[] xs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NoNulls(xs, "Tensor.Concat");
        if (xs.Length == 0) throw new ArgumentException("concat: needs at least one input.", nameof(xs));
        var a = xs[0].Shape.Axis(axis, "concat");
        var shape = ShapeOf.Concat("concat", a, [.. xs.Select(x => x.Shape)]);   // the op's own shape rule
        return xs.Length == 1 ? xs[0] : Layout.Concat<T>(xs, a, shape);
    }

    /// <summary>Joins equal-shaped tensors along a new axis.</summary>
    public static Tensor<T> Stack<T>(int axis, params Tensor<T>[] xs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NoNulls(xs, "Tensor.Stack");
        if (xs.Length == 0) throw new ArgumentException("stack: needs at least one input.", nameof(xs));
        var a = axis < 0 ? axis + xs[0].Rank + 1 : axis;
        var rank = xs[0].Rank;
        if (a < 0 || a > rank)
            throw new ShapeException($"stack: axis {axis} is out of range for inputs of shape {xs[0].Shape}; the new axis goes at {-rank - 1}..{rank}.");
        if (xs.FirstOrDefault(x => x.Shape != xs[0].Shape) is { } odd)
            throw new ShapeException($"stack: input shapes {string.Join(", ", xs.Select(t => t.Shape))} differ ({odd.Shape} vs {xs[0].Shape}); stacked inputs must have one shape.");
        return Concat(a, [.. xs.Select(x => Reshape(x, x.Shape.Insert(a, 1)))]);
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
