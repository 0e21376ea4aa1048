using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>A reduction of one contiguous run of elements to one value.</summary>
internal delegate T RunReducer<T>(ReadOnlySpan<T> run);

/// <summary>Reductions over chosen axes: the reduced axes are moved last, then each contiguous run is reduced.</summary>
internal static class Reduce
{
    public static Tensor<T> Sum<T>(Tensor<T> x, Axes axes, bool keepDims) where T : unmanaged, IFloatingPointIeee754<T> =>
        Over(x, axes, keepDims, TensorPrimitives.Sum);

    /// <summary>Sum divided by the number of elements reduced.</summary>
    public static Tensor<T> Mean<T>(Tensor<T> x, Axes axes, bool keepDims) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = T.CreateChecked(axes.Normalize(x.Shape, "mean").Aggregate(1, (c, a) => c * x.Shape[a]));
        return Over(x, axes, keepDims, r => TensorPrimitives.Sum(r) / n);
    }

    public static Tensor<T> Max<T>(Tensor<T> x, Axes axes, bool keepDims) where T : unmanaged, IFloatingPointIeee754<T> =>
        Over(x, axes, keepDims, r => r.IsEmpty ? T.NegativeInfinity : TensorPrimitives.Max(r));

    public static Tensor<T> Min<T>(Tensor<T> x, Axes axes, bool keepDims) where T : unmanaged, IFloatingPointIeee754<T> =>
        Over(x, axes, keepDims, r => r.IsEmpty ? T.PositiveInfinity : TensorPrimitives.Min(r));

    /// <summary>The index of the first maximum along one axis, as a value of T.</summary>
    public static Tensor<T> ArgMax<T>(Tensor<T> x, int axis, bool keepDims) where T : unmanaged, IFloatingPointIeee754<T> =>
        Over(x, new Axes(axis), keepDims, r => T.CreateChecked(TensorPrimitives.IndexOfMax(r)));

    public static Tensor<T> Over<T>(Tensor<T> x, Axes axes, bool keepDims, RunReducer<T> reduce) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var reduced = axes.Normalize(x.Shape, "reduce");
        var kept = Enumerable.Range(0, x.Rank).Where(a => !reduced.Contains(a)).ToArray();
        var moved = reduced.Length == 0 || reduced.SequenceEqual(Enumerable.Range(x.Rank - reduced.Length, reduced.Length))
            ? x
            : Layout.Permute(x, [.. kept, .. reduced]);
        var run = reduced.Aggregate(1, (n, a) => n * x.Shape[a]);
        var outer = kept.Aggregate(1, (n, a) => n * x.Shape[a]);
        var y = new T[outer];
        var src = moved.Span;
        for (var i = 0; i < outer; i++) y[i] = reduce(src.Slice(i * run, run));
        return new Tensor<T>(ReducedShape(x.Shape, reduced, keepDims), y);
    }

    public static Shape ReducedShape(Shape shape, int[] reduced, bool keepDims) =>
        new(Enumerable.Range(0, shape.Rank)
            .Where(a => keepDims || !reduced.Contains(a))
            .Select(a => reduced.Contains(a) ? 1 : shape[a]));
}
