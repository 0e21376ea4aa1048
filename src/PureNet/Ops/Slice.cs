using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>A box x[Begin_k : Begin_k + Size_k] on every axis; the derivative pads the cotangent back with zeros.</summary>
public sealed record SliceOp(Axes Begin, Shape Size) : IOp
{
    public string Name => "slice";
    public Shape InferShape(Seq<Shape> s)
    {
        Rules.Arity(Name, s, 1);
        var x = s[0];
        if (Begin.Items.Length != x.Rank || Size.Rank != x.Rank)
            throw new ShapeException($"{Name}: begin {Begin} and size {Size} must name all {x.Rank} axes of {x}.");
        for (var a = 0; a < x.Rank; a++)
        {
            var (b, n, d) = (Begin.Items[a], Size[a], x[a]);
            var ok = d == Dim.Batch ? b == 0 && n == Dim.Batch : n != Dim.Batch && b >= 0 && n >= 0 && b + n <= d;
            if (!ok)
                throw new ShapeException($"{Name}: axis {a} of {x}: [{b}, {b} + {(n == Dim.Batch ? "Batch" : n)}) is outside 0..{(d == Dim.Batch ? "Batch" : d)}; a slice must lie inside the axis (the batch axis is taken whole).");
        }
        return Size;
    }
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> =>
        Layout.Slice(x[0], Begin.Items.AsSpan(), output);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var x = y.Inputs[0].Shape;
        var after = Enumerable.Range(0, x.Rank).Select(a => x[a] == Dim.Batch ? 0 : x[a] - Begin.Items[a] - Size[a]).ToArray();
        return [Fn.Pad(g, [.. Begin.Items], after)];
    }
}

public static partial class Fn
{
    public static Expr Slice(Expr x, int[] begin, Shape size) => x.Shape == size ? x : new Apply(new SliceOp(new Axes(begin), size), Inputs(x));

    /// <summary>x[…, start : start + length, …] on one axis.</summary>
    public static Expr Slice(Expr x, int axis, int start, int length)
    {
        var a = x.Shape.Axis(axis, "slice");
        var begin = new int[x.Shape.Rank];
        begin[a] = start;
        return Slice(x, begin, x.Shape.SetItem(a, length));
    }
}
