using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// C = op(A)·op(B) over the last two axes, op a transpose when its flag is set (read in place, never copied); leading
/// axes broadcast (a broadcast operand is read in place too). The VJP is two more products:
/// for C = A·B, dA = G·Bᵀ and dB = Aᵀ·G, each summed down over the axes its operand was broadcast along (in one
/// <see cref="MatMulSumOp"/>).
/// </summary>
public sealed record MatMulOp(bool TransposeA = false, bool TransposeB = false) : PrimitiveOp
{
    public override string Name => (TransposeA, TransposeB) switch { (false, false) => "matmul", (true, false) => "matmul_tn", (false, true) => "matmul_nt", _ => "matmul_tt" };
    /// <summary>a · b in text, a \times b in LaTeX, a transposed operand as aᵀ (a^\top): matmul_tn(x, g) prints xᵀ · g.</summary>
    public override Notation Format(IReadOnlyList<Shape> inputs)
    {
        var (infix, latex) = ProductPieces(TransposeA, TransposeB);
        return new(Name, new(Precedence.MatMul, infix), new(Precedence.MatMul, latex));   // a drawing's "·" is too small to read
    }

    /// <summary>The product's pieces with its transposes, for this op and for the fused ops built on it.</summary>
    internal static (Piece[] Infix, Piece[] Latex) ProductPieces(bool transposeA, bool transposeB)
    {
        Piece[] A(string t) => transposeA ? [Notation.Input(0, Precedence.Atom), t] : [Notation.Input(0, Precedence.MatMul)];
        Piece[] B(string t) => transposeB ? [Notation.Input(1, Precedence.Atom), t] : [Notation.Input(1, Precedence.MatMul + 1)];
        return ([.. A("ᵀ"), " · ", .. B("ᵀ")], [.. A(@"^\top"), @" \times ", .. B(@"^\top")]);
    }

    public override Shape InferShape(IReadOnlyList<Shape> s) => ProductShape(Name, s, TransposeA, TransposeB);

    /// <summary>The product's shape; errors name <paramref name="name"/> (this op, or a fused op built on the product).</summary>
    internal static Shape ProductShape(string name, IReadOnlyList<Shape> s, bool transposeA, bool transposeB)
    {
        ShapeRules.Arity(name, s, 2);
        var (a, b) = (s[0], s[1]);
        if (a.Rank < 2 || b.Rank < 2)
            throw new ShapeException($"{name}: shapes {a} and {b} must both have rank ≥ 2 ([..., m, k] × [..., k, n]).");
        var (m, ka) = transposeA ? (a[^1], a[^2]) : (a[^2], a[^1]);
        var (kb, n) = transposeB ? (b[^1], b[^2]) : (b[^2], b[^1]);
        if (ka != kb)
            throw new ShapeException($"{name}: shapes {a} and {b} do not multiply: inner sizes {ka} and {kb} differ; rule: [..., m, k] × [..., k, n]{(transposeA || transposeB ? " after the transposes" : "")}.");
        var lead = Broadcast.Shapes(new Shape(a.SkipLast(2)), new Shape(b.SkipLast(2)), name);
        return new Shape([.. lead, m, n]);
    }

    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        MatMulKernel.Run(x[0], x[1], TransposeA, TransposeB, output, allocate);

    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => Gradients(y.Inputs[0], y.Inputs[1], TransposeA, TransposeB, g);

    /// <summary>
    /// dA and dB of op(A)·op(B) at the cotangent g (shaped like the product). An operand broadcast along leading axes
    /// gets its products summed in one <see cref="MatMulSumOp"/> (a conv weight's gradient: one GEMM over the batch).
    /// </summary>
    internal static ImmutableArray<Expr> Gradients(Expr a, Expr b, bool transposeA, bool transposeB, Expr g) => (transposeA, transposeB) switch
    {
        (false, false) => [Fn.MatMulSumTo(g, b, false, true, a.Shape), Fn.MatMulSumTo(a, g, true, false, b.Shape)],
        (true, false) => [Fn.MatMulSumTo(b, g, false, true, a.Shape), Fn.MatMulSumTo(a, g, false, false, b.Shape)],
        (false, true) => [Fn.MatMulSumTo(g, b, false, false, a.Shape), Fn.MatMulSumTo(g, a, true, false, b.Shape)],
        _ => [Fn.MatMulSumTo(b, g, true, true, a.Shape), Fn.MatMulSumTo(g, a, true, true, b.Shape)],
    };
}

public static partial class Fn
{
    /// <summary>
    /// Matrix product with numpy's matmul rules: a vector operand gains (and then loses) a unit axis, and leading
    /// (batch) axes broadcast without copying the broadcast operand.
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
        if (a.Shape.Rank == 1) return Squeeze(MatMul(Reshape(a, a.Shape.Insert(0, 1)), b), b.Shape.Rank == 1 ? -1 : -2);
        if (b.Shape.Rank == 1) return Squeeze(MatMul(a, Reshape(b, b.Shape.Insert(1, 1))), -1);
        var (la, lb) = (new Shape(a.Shape.SkipLast(2)), new Shape(b.Shape.SkipLast(2)));
        try { Broadcast.Shapes(la, lb, "matmul"); }
        catch (ShapeException e)
        {
            throw new ShapeException($"matmul: shapes {a.Shape} and {b.Shape} do not multiply: their batch axes {la} and {lb} do not broadcast ({e.Message}).");
        }
        return MatMul(a, b, false, false);
    }

    static string Dims(int d) => d == Dim.Batch ? "Batch" : d.ToString();

    /// <summary>
    /// op(a)·op(b) where op transposes the last two axes when its flag is set; the transpose is read in place. An
    /// operand that is itself a transpose of its last two axes is read through it (its flag flips), and one that is a
    /// broadcast of its leading axes is read before the broadcast (the product broadcasts in place), so neither is
    /// ever materialised.
    /// </summary>
    public static Expr MatMul(Expr a, Expr b, bool transposeA, bool transposeB)
    {
        var shape = new MatMulOp(transposeA, transposeB).InferShape([Guard.NotNull(a, "MatMul").Shape, Guard.NotNull(b, "MatMul").Shape]);
        if (IsZero(a) || IsZero(b)) return Zeros(shape);
        (a, transposeA) = ThroughTranspose(a, transposeA);
        (b, transposeB) = ThroughTranspose(b, transposeB);
        var op = new MatMulOp(transposeA, transposeB);
        if (BeforeBroadcast(a) is { } a0 && op.InferShape([a0.Shape, b.Shape]) == shape) a = a0;
        if (BeforeBroadcast(b) is { } b0 && op.InferShape([a.Shape, b0.Shape]) == shape) b = b0;
        return new Apply(op, Inputs(a, b));
    }

    static (Expr, bool) ThroughTranspose(Expr x, bool transposed) =>
        x is Apply { Op: TransposeOp t } inner && SwapsLastTwo(t.Perm.Items) ? (inner.Inputs[0], !transposed) : (x, transposed);

    static bool SwapsLastTwo(ImmutableArray<int> perm)
    {
        var r = perm.Length;
        if (r < 2 || perm[r - 1] != r - 2 || perm[r - 2] != r - 1) return false;
        for (var i = 0; i < r - 2; i++)
            if (perm[i] != i) return false;
        return true;
    }

    /// <summary>The operand of a broadcast that only adds or stretches leading axes (its matrix axes unchanged).</summary>
    static Expr? BeforeBroadcast(Expr x) =>
        x is Apply { Op: BroadcastToOp } inner && inner.Inputs[0] is var source && source.Shape.Rank >= 2
        && source.Shape[^1] == x.Shape[^1] && source.Shape[^2] == x.Shape[^2]
            ? source
            : null;

    /// <summary>Removes one axis of size 1.</summary>
    public static Expr Squeeze(Expr x, int axis)
    {
        var a = Guard.NotNull(x, "squeeze").Shape.Axis(axis, "squeeze");
        if (x.Shape[a] != 1) throw new ShapeException($"squeeze: axis {axis} of {x.Shape} has size {Dims(x.Shape[a])}, not 1.");
        return Reshape(x, x.Shape.RemoveAt(a));
    }
}
