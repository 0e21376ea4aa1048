using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>A reduction of one contiguous run of elements to one value.</summary>
internal delegate T RunReducer<T>(ReadOnlySpan<T> run);

/// <summary>
/// Reductions over chosen axes. Trailing axes reduce each contiguous run; a block of leading or middle axes combines
/// whole rows with a vectorised binary kernel (no transpose); other axis sets are moved last first.
/// </summary>
internal static class Reduce
{
    public static Tensor<T> Sum<T>(Tensor<T> x, Axes axes, bool keepDims, string op = "sum", Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Over(x, axes, keepDims, TensorPrimitives.Sum, TensorPrimitives.Add, T.Zero, op, allocate);

    /// <summary>Sum divided by the number of elements reduced.</summary>
    public static Tensor<T> Mean<T>(Tensor<T> x, Axes axes, bool keepDims, string op = "mean", Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sum = Sum(x, axes, keepDims, op, allocate);                 // first, so bad axes are reported as this op's
        var n = T.CreateChecked(ShapeOf.Count(x.Shape, axes));
        return Elementwise.Unary(sum, (s, d) => TensorPrimitives.Divide(s, n, d), allocate);
    }

    public static Tensor<T> Max<T>(Tensor<T> x, Axes axes, bool keepDims, string op = "max", Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Over(x, axes, keepDims, r => r.IsEmpty ? T.NegativeInfinity : TensorPrimitives.Max(r), TensorPrimitives.Max, T.NegativeInfinity, op, allocate);

    public static Tensor<T> Min<T>(Tensor<T> x, Axes axes, bool keepDims, string op = "min") where T : unmanaged, IFloatingPointIeee754<T> =>
        Over(x, axes, keepDims, r => r.IsEmpty ? T.PositiveInfinity : TensorPrimitives.Min(r), TensorPrimitives.Min, T.PositiveInfinity, op);

    /// <summary>The index of the first maximum along one axis, as a value of T.</summary>
    public static Tensor<T> ArgMax<T>(Tensor<T> x, int axis, bool keepDims) where T : unmanaged, IFloatingPointIeee754<T> =>
        Over(x, new Axes(axis), keepDims, r => T.CreateChecked(TensorPrimitives.IndexOfMax(r)), combine: null, T.Zero, "argmax");

    /// <summary>
    /// Reduces <paramref name="axes"/> of x: runs by <paramref name="reduce"/>; rows by <paramref name="combine"/>
    /// (null when the reduction is not a fold of rows, e.g. argmax), starting from <paramref name="empty"/>.
    /// </summary>
    public static Tensor<T> Over<T>(Tensor<T> x, Axes axes, bool keepDims, RunReducer<T> reduce, BinaryKernel<T>? combine, T empty, string op, Allocator<T>? allocate = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var reduced = axes.Normalize(x.Shape, op);
        var shape = ReducedShape(x.Shape, reduced, keepDims);
        if (combine is not null && reduced.Length > 1 && reduced[^1] == x.Rank - 1 && reduced[^1] - reduced[0] != reduced.Length - 1)
        {
            // Trailing reduced axes first (one pass of contiguous runs: a bias gradient's spatial sum), then the rest
            // of the axes on the much smaller partial result, instead of a transposed copy of all of x.
            var tail = reduced.Length;
            while (reduced[tail - 1] - reduced[tail - 2] == 1) tail--;
            var runLength = x.Shape.Product(reduced[tail - 1], x.Rank);
            var partial = allocate.New(x.Shape.Product(0, reduced[tail - 1]));
            Runs(x, runLength, partial, reduce);
            var rest = new Tensor<T>(new Shape(x.Shape.Take(reduced[tail - 1])), partial);
            var folded = Over(rest, new Axes(reduced.Take(tail - 1)), keepDims: false, reduce, combine, empty, op, allocate);
            return Layout.Reshape(folded, shape);
        }
        var y = allocate.New(shape.Size);
        var contiguous = reduced.Length == 0 || reduced[^1] - reduced[0] == reduced.Length - 1;
        var first = reduced.Length == 0 ? x.Rank : reduced[0];
        var last = reduced.Length == 0 ? x.Rank : reduced[^1] + 1;
        var inner = x.Shape.Product(last, x.Rank);
        if (contiguous && (inner == 1 || combine is not null))
        {
            var (outer, run) = (x.Shape.Product(0, first), x.Shape.Product(first, last));
            var src = x.Span;
            if (inner == 1) Runs(x, run, y, reduce);
            else if (run == 0) y.AsSpan().Fill(empty);
            else
                for (var o = 0; o < outer; o++)
                {
                    var dst = y.AsSpan(o * inner, inner);
                    src.Slice(o * run * inner, inner).CopyTo(dst);
                    for (var r = 1; r < run; r++) combine!(dst, src.Slice((o * run + r) * inner, inner), dst);
                }
            return new Tensor<T>(shape, y);
        }
        var kept = Enumerable.Range(0, x.Rank).Where(a => !reduced.Contains(a)).ToArray();
        var moved = Layout.Permute(x, [.. kept, .. reduced], allocate);
        Runs(moved, reduced.Aggregate(1, (n, a) => n * x.Shape[a]), y, reduce);
        return new Tensor<T>(shape, y);
    }

    /// <summary>y[i] = reduce(run i of x), each run <paramref name="length"/> long, across cores when the work is large.</summary>
    static void Runs<T>(Tensor<T> x, int length, T[] y, RunReducer<T> reduce) where T : unmanaged, IFloatingPointIeee754<T> =>
        Planes.For(y.Length, length, i => y[i] = reduce(x.Span.Slice(i * length, length)));

    public static Shape ReducedShape(Shape shape, int[] reduced, bool keepDims) =>
        new(Enumerable.Range(0, shape.Rank)
            .Where(a => keepDims || !reduced.Contains(a))
            .Select(a => reduced.Contains(a) ? 1 : shape[a]));
}
