using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>C = A·B over the last two axes, batched over equal leading axes; dA = G·Bᵀ, dB = Aᵀ·G.</summary>
public sealed record MatMulOp : IOp
{
    public string Name => "matmul";
    public Shape InferShape(Seq<Shape> s)
    {
        Rules.Arity(Name, s, 2);
        var (a, b) = (s[0], s[1]);
        var r = a.Rank;
        if (r < 2 || b.Rank != r || !a.Take(r - 2).SequenceEqual(b.Take(r - 2)) || a[r - 1] != b[r - 2])
            throw new ShapeException($"{Name}: shapes {a} and {b} do not multiply; rule: [..., m, k] × [..., k, n] with equal leading axes (Fn.MatMul broadcasts them).");
        return a.SetItem(r - 1, b[r - 1]);
    }
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> =>
        MatMulKernel.Run(x[0], x[1], output);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) =>
        [Fn.MatMul(g, Fn.Transpose(y.Inputs[1])), Fn.MatMul(Fn.Transpose(y.Inputs[0]), g)];
}

public static partial class Fn
{
    /// <summary>
    /// Matrix product with numpy's matmul rules: a vector operand gains (and then loses) a unit axis, and leading
    /// (batch) axes broadcast.
    /// </summary>
    public static Expr MatMul(Expr a, Expr b)
    {
        Guard.NotNull(a, "matmul");
        Guard.NotNull(b, "matmul");
        if (a.Shape.Rank == 0 || b.Shape.Rank == 0)
            throw new ShapeException($"matmul: operands must have rank ≥ 1, got {a.Shape} and {b.Shape}.");
        // Checked on the user's own shapes, before a vector operand gains its unit axis.
        var (k1, k2) = (a.Shape[^1], b.Shape.Rank == 1 ? b.Shape[0] : b.Shape[^2]);
        if (k1 != k2)
            throw new ShapeException($"matmul: shapes {a.Shape} and {b.Shape} do not multiply: inner sizes {Dims(k1)} and {Dims(k2)} differ; rule: [..., m, k] × [..., k, n] (a vector is [k]).");
        if (a.Shape.Rank == 1) return Squeeze(MatMul(Reshape(a, a.Shape.Insert(0, 1)), b), -2);
        if (b.Shape.Rank == 1) return Squeeze(MatMul(a, Reshape(b, b.Shape.Insert(1, 1))), -1);
        var (la, lb) = (new Shape(a.Shape.SkipLast(2)), new Shape(b.Shape.SkipLast(2)));
        Shape lead;
        try { lead = Broadcast.Shapes(la, lb, "matmul"); }
        catch (ShapeException e)
        {
            throw new ShapeException($"matmul: shapes {a.Shape} and {b.Shape} do not multiply: their batch axes {la} and {lb} do not broadcast ({e.Message}).");
        }
        var ka = a.Shape[^1]; var kb = b.Shape[^2];
        if (ka != kb)
            throw new ShapeException($"matmul: shapes {a.Shape} and {b.Shape} do not multiply: inner sizes {ka} and {kb} differ; rule: [..., m, k] × [..., k, n].");
        var a2 = BroadcastTo(a, new Shape([.. lead, a.Shape[^2], ka]));
        var b2 = BroadcastTo(b, new Shape([.. lead, kb, b.Shape[^1]]));
        return new Apply(new MatMulOp(), Inputs(a2, b2));
    }

    static string Dims(int d) => d == Dim.Batch ? "Batch" : d.ToString();

    /// <summary>Removes one axis of size 1.</summary>
    public static Expr Squeeze(Expr x, int axis)
    {
        var a = Guard.NotNull(x, "squeeze").Shape.Axis(axis, "squeeze");
        if (x.Shape[a] != 1) throw new ShapeException($"squeeze: axis {axis} of {x.Shape} has size {Dims(x.Shape[a])}, not 1.");
        return Reshape(x, x.Shape.RemoveAt(a));
    }
}
