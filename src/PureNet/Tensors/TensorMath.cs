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

    /// <summary>a + b elementwise with numpy broadcasting, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <returns>A tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Tensor<T> Add<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Add(Checked(a), Checked(b));
    /// <summary>a − b elementwise with numpy broadcasting, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="a">The minuend.</param>
    /// <param name="b">The subtrahend.</param>
    /// <returns>A tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Tensor<T> Sub<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Sub(Checked(a), Checked(b));
    /// <summary>a·b elementwise with numpy broadcasting, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <returns>A tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Tensor<T> Mul<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Mul(Checked(a), Checked(b));
    /// <summary>a / b elementwise with numpy broadcasting, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <returns>A tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Tensor<T> Div<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Div(Checked(a), Checked(b));
    /// <summary>aᵇ elementwise with numpy broadcasting, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="a">The base.</param>
    /// <param name="b">The exponent.</param>
    /// <returns>A tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Tensor<T> Pow<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Pow(Checked(a), Checked(b));
    /// <summary>max(a, b) (NaN if either is NaN) elementwise with numpy broadcasting, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <returns>A tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Tensor<T> Maximum<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Maximum(Checked(a), Checked(b));
    /// <summary>min(a, b) (NaN if either is NaN) elementwise with numpy broadcasting, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <returns>A tensor of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Tensor<T> Minimum<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Minimum(Checked(a), Checked(b));

    /// <summary>Matrix product with numpy's rules: [..., m, k] · [..., k, n] → [..., m, n]; vectors gain and lose a unit axis, leading axes broadcast (read in place).</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="a">The left operand, of rank ≥ 1.</param>
    /// <param name="b">The right operand, of rank ≥ 1.</param>
    /// <returns>The product.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">An operand is a scalar, the inner sizes differ, or the leading axes do not broadcast.</exception>
    public static Tensor<T> MatMul<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        (a, b) = (Checked(a), Checked(b));
        var (sa, sb, product, result) = ShapeOf.NumpyMatMul(a.Shape, b.Shape);
        return Reshape(MatMulKernel.Run(Reshape(a, sa), Reshape(b, sb), false, false, product), result);
    }

    /// <summary>−x elementwise, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Tensor<T> Neg<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Neg(Checked(x));
    /// <summary>eˣ elementwise, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Tensor<T> Exp<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Exp(Checked(x));
    /// <summary>sin x elementwise, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Tensor<T> Sin<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Sin(Checked(x));
    /// <summary>cos x elementwise, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Tensor<T> Cos<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Cos(Checked(x));
    /// <summary>ln x (NaN below 0, −∞ at 0) elementwise, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Tensor<T> Log<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Log(Checked(x));
    /// <summary>√x (NaN below 0) elementwise, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Tensor<T> Sqrt<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Sqrt(Checked(x));
    /// <summary>|x| elementwise, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Tensor<T> Abs<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Abs(Checked(x));
    /// <summary>sign(x) ∈ {−1, 0, 1} elementwise, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Tensor<T> Sign<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Sign(Checked(x));
    /// <summary>tanh x elementwise, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Tensor<T> Tanh<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Tanh(Checked(x));
    /// <summary>σ(x) = 1/(1 + e⁻ˣ) elementwise, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Tensor<T> Sigmoid<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Sigmoid(Checked(x));
    /// <summary>erf x elementwise, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Tensor<T> Erf<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => Pointwise.Erf(Checked(x));

    /// <summary>The sum of <paramref name="x"/> over <paramref name="axes"/>, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="axes">The axes reduced (negative counts from the end); null or empty for every axis.</param>
    /// <param name="keepDims">Keep the reduced axes as axes of size 1.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape without the reduced axes (or with them at size 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException">An axis is out of range or repeated.</exception>
    public static Tensor<T> Sum<T>(Tensor<T> x, Axes? axes = null, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> => Reduce.Sum(Checked(x), axes ?? Axes.All, keepDims, "sum");
    /// <summary>The mean of <paramref name="x"/> over <paramref name="axes"/>, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="axes">The axes reduced (negative counts from the end); null or empty for every axis.</param>
    /// <param name="keepDims">Keep the reduced axes as axes of size 1.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape without the reduced axes (or with them at size 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException">An axis is out of range or repeated.</exception>
    public static Tensor<T> Mean<T>(Tensor<T> x, Axes? axes = null, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> => Reduce.Mean(Checked(x), axes ?? Axes.All, keepDims, "mean");
    /// <summary>The maximum (−∞ over an empty axis) of <paramref name="x"/> over <paramref name="axes"/>, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="axes">The axes reduced (negative counts from the end); null or empty for every axis.</param>
    /// <param name="keepDims">Keep the reduced axes as axes of size 1.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape without the reduced axes (or with them at size 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException">An axis is out of range or repeated.</exception>
    public static Tensor<T> Max<T>(Tensor<T> x, Axes? axes = null, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> => Reduce.Max(Checked(x), axes ?? Axes.All, keepDims, "max");
    /// <summary>The minimum (+∞ over an empty axis) of <paramref name="x"/> over <paramref name="axes"/>, computed now.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="axes">The axes reduced (negative counts from the end); null or empty for every axis.</param>
    /// <param name="keepDims">Keep the reduced axes as axes of size 1.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape without the reduced axes (or with them at size 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException">An axis is out of range or repeated.</exception>
    public static Tensor<T> Min<T>(Tensor<T> x, Axes? axes = null, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T> => Reduce.Min(Checked(x), axes ?? Axes.All, keepDims, "min");

    /// <summary>Indices of the first maximum along one axis (as values of T).</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="axis">The axis searched (negative counts from the end); it must not be empty.</param>
    /// <param name="keepDims">Keep the searched axis as an axis of size 1.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape without <paramref name="axis"/> (or with it at size 1), holding indices.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="axis"/> is out of range.</exception>
    /// <exception cref="ArgumentException">The axis is empty.</exception>
    public static Tensor<T> ArgMax<T>(Tensor<T> x, int axis, bool keepDims = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Checked(x).Shape.Axis(axis, "argmax");
        if (x.Shape[a] == 0) throw new ArgumentException($"argmax: axis {axis} of {x.Shape} is empty.", nameof(axis));
        return Reduce.ArgMax(x, a, keepDims);
    }

    /// <summary>The same elements in row-major order under another shape, without a copy.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="shape">The target shape: concrete, with x's element count.</param>
    /// <returns>A tensor sharing <paramref name="x"/>'s storage; x itself when the shape is the same.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException">The shape has a batch axis, or the element counts differ.</exception>
    public static Tensor<T> Reshape<T>(Tensor<T> x, Shape shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Checked(x);
        if (Guard.NotNull(shape, "reshape").HasBatch)
            throw new ShapeException($"reshape: target {shape} has an open batch dimension; a tensor's shape is concrete.");
        return x.Shape == shape ? x : Layout.Reshape(x, shape);
    }

    /// <summary>Swaps the last two axes.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input, of rank ≥ 2.</param>
    /// <returns>A tensor of shape [..., n, m] for x of shape [..., m, n].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> has rank below 2.</exception>
    public static Tensor<T> Transpose<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Checked(x).Rank < 2) throw new ShapeException($"transpose: needs rank ≥ 2 to swap the last two axes, got {x.Shape}.");
        return Permute(x, [.. Enumerable.Range(0, x.Rank - 2), x.Rank - 1, x.Rank - 2]);
    }

    /// <summary>Permutes the axes: output axis i is input axis perm[i].</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="perm">Each of 0..rank − 1 once.</param>
    /// <returns>A tensor with the permuted shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="perm"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="perm"/> is not a permutation of x's axes.</exception>
    public static Tensor<T> Permute<T>(Tensor<T> x, params int[] perm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(perm, "Tensor.Permute");
        if (perm.Length != Checked(x).Rank || !perm.Order().SequenceEqual(Enumerable.Range(0, perm.Length)))
            throw new ShapeException($"permute: ({string.Join(", ", perm)}) is not a permutation of the {x.Rank} axes of {x.Shape}; give each of 0..{x.Rank - 1} once.");
        return Layout.Permute(x, perm);
    }

    /// <summary>x[…, start : start + length, …] on one axis.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="axis">The axis sliced (negative counts from the end).</param>
    /// <param name="start">The first index kept, ≥ 0.</param>
    /// <param name="length">How many indices are kept, ≥ 0, with start + length ≤ the axis size.</param>
    /// <returns>A tensor of <paramref name="x"/>'s shape with <paramref name="length"/> on <paramref name="axis"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="axis"/> is out of range, or the range does not lie inside the axis.</exception>
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

    /// <summary><paramref name="x"/> stretched to <paramref name="shape"/> by numpy's rule (size-1 axes repeat, leading axes are added).</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input.</param>
    /// <param name="shape">The target shape.</param>
    /// <returns>A tensor of shape <paramref name="shape"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/>'s shape does not broadcast to <paramref name="shape"/>.</exception>
    public static Tensor<T> BroadcastTo<T>(Tensor<T> x, Shape shape) where T : unmanaged, IFloatingPointIeee754<T> =>
        Layout.BroadcastTo(Checked(x), Guard.NotNull(shape, "Tensor.BroadcastTo"));

    /// <summary>Joins tensors along an axis; a single input is returned as it is.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="axis">The axis joined (negative counts from the end).</param>
    /// <param name="xs">The inputs, at least one; all axes but <paramref name="axis"/> equal.</param>
    /// <returns>A tensor whose size on <paramref name="axis"/> is the sum of the inputs' sizes there.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xs"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="xs"/> is empty.</exception>
    /// <exception cref="ShapeException"><paramref name="axis"/> is out of range, or the shapes differ off it.</exception>
    public static Tensor<T> Concat<T>(int axis, params Tensor<T>[] xs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NoNulls(xs, "Tensor.Concat");
        if (xs.Length == 0) throw new ArgumentException("concat: needs at least one input.", nameof(xs));
        var a = xs[0].Shape.Axis(axis, "concat");
        var shape = ShapeOf.Concat("concat", a, [.. xs.Select(x => x.Shape)]);   // the op's own shape rule
        return xs.Length == 1 ? xs[0] : Layout.Concat<T>(xs, a, shape);
    }

    /// <summary>Joins equal-shaped tensors along a new axis.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="axis">Where the new axis goes, in −rank − 1..rank of the inputs.</param>
    /// <param name="xs">The inputs, at least one, all of one shape.</param>
    /// <returns>A tensor of the inputs' shape with a new axis of size <c>xs.Length</c> at <paramref name="axis"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xs"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="xs"/> is empty.</exception>
    /// <exception cref="ShapeException"><paramref name="axis"/> is out of range, or the shapes differ.</exception>
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
    /// <summary>a + b elementwise with broadcasting (<see cref="Tensor.Add{T}"/>).</summary>
    /// <param name="a">A tensor.</param>
    /// <param name="b">A tensor.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Tensor<T> operator +(Tensor<T> a, Tensor<T> b) => Tensor.Add(a, b);
    /// <summary>a − b elementwise with broadcasting (<see cref="Tensor.Sub{T}"/>).</summary>
    /// <param name="a">A tensor.</param>
    /// <param name="b">A tensor.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Tensor<T> operator -(Tensor<T> a, Tensor<T> b) => Tensor.Sub(a, b);
    /// <summary>a·b elementwise with broadcasting (<see cref="Tensor.Mul{T}"/>).</summary>
    /// <param name="a">A tensor.</param>
    /// <param name="b">A tensor.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Tensor<T> operator *(Tensor<T> a, Tensor<T> b) => Tensor.Mul(a, b);
    /// <summary>a / b elementwise with broadcasting (<see cref="Tensor.Div{T}"/>).</summary>
    /// <param name="a">A tensor.</param>
    /// <param name="b">A tensor.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Tensor<T> operator /(Tensor<T> a, Tensor<T> b) => Tensor.Div(a, b);
    /// <summary>−a elementwise (<see cref="Tensor.Neg{T}"/>).</summary>
    /// <param name="a">A tensor.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor<T> operator -(Tensor<T> a) => Tensor.Neg(a);
    /// <summary>a + b, b added to every element.</summary>
    /// <param name="a">A tensor.</param>
    /// <param name="b">A scalar.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor<T> operator +(Tensor<T> a, T b) => a + Tensor.Scalar(b);
    /// <summary>a − b, b subtracted from every element.</summary>
    /// <param name="a">A tensor.</param>
    /// <param name="b">A scalar.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor<T> operator -(Tensor<T> a, T b) => a - Tensor.Scalar(b);
    /// <summary>a·b, every element scaled by b.</summary>
    /// <param name="a">A tensor.</param>
    /// <param name="b">A scalar.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor<T> operator *(Tensor<T> a, T b) => a * Tensor.Scalar(b);
    /// <summary>a / b, every element divided by b.</summary>
    /// <param name="a">A tensor.</param>
    /// <param name="b">A scalar.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Tensor<T> operator /(Tensor<T> a, T b) => a / Tensor.Scalar(b);
    /// <summary>a·b, every element of b scaled by a.</summary>
    /// <param name="a">A scalar.</param>
    /// <param name="b">A tensor.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="b"/> is null.</exception>
    public static Tensor<T> operator *(T a, Tensor<T> b) => Tensor.Scalar(a) * b;
}
