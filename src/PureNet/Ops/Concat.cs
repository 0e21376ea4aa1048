using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>Joins inputs along one axis; the derivative slices the cotangent into the inputs' pieces.</summary>
public sealed record ConcatOp(int Axis) : IOp
{
    public string Name => "concat";
    public Shape InferShape(Seq<Shape> s)
    {
        if (s.IsEmpty) throw new ShapeException($"{Name}: needs at least one input.");
        var first = s[0];
        var a = first.Axis(Axis, Name);
        if (a != Axis) throw new ShapeException($"{Name}: axis {Axis} must be given non-negative (use {a}).");
        foreach (var x in s)
            if (x.Rank != first.Rank || Enumerable.Range(0, x.Rank).Any(i => i != a && x[i] != first[i]) || x[a] == Dim.Batch)
                throw new ShapeException($"{Name}: shapes {string.Join(", ", s)} differ off axis {a} (or concatenate the batch axis); all other axes must match.");
        return first.SetItem(a, s.Sum(x => x[a]));
    }
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> =>
        Layout.Concat(x, Axis, output);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var start = 0;
        var parts = new List<Expr>();
        foreach (var x in y.Inputs)
        {
            parts.Add(Fn.Slice(g, Axis, start, x.Shape[Axis]));
            start += x.Shape[Axis];
        }
        return [.. parts];
    }
}

public static partial class Fn
{
    public static Expr Concat(int axis, params Expr[] xs)
    {
        if (xs.Length == 0) throw new ArgumentException("concat: needs at least one input.", nameof(xs));
        return xs.Length == 1 ? xs[0] : new Apply(new ConcatOp(xs[0].Shape.Axis(axis, "concat")), Inputs(xs));
    }

    /// <summary>Joins equal-shaped inputs along a new axis.</summary>
    public static Expr Stack(int axis, params Expr[] xs)
    {
        if (xs.Length == 0) throw new ArgumentException("stack: needs at least one input.", nameof(xs));
        var a = axis < 0 ? axis + xs[0].Shape.Rank + 1 : axis;
        return Concat(a, [.. xs.Select(x => Reshape(x, x.Shape.Insert(a, 1)))]);
    }
}
