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
/// <param name="TransposeA">Whether A's last two axes are swapped before the product.</param>
/// <param name="TransposeB">Whether B's last two axes are swapped before the product.</param>
public sealed record MatMulOp(bool TransposeA = false, bool TransposeB = false) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => (TransposeA, TransposeB) switch { (false, false) => "matmul", (true, false) => "matmul_tn", (false, true) => "matmul_nt", _ => "matmul_tt" };
    /// <summary>a · b in text, a \times b in LaTeX, a transposed operand as aᵀ (a^\top): matmul_tn(x, g) prints xᵀ · g.</summary>
    /// <param name="inputs">The operands' shapes.</param>
    /// <returns>The op's notation.</returns>
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

    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ProductShape(Name, s, TransposeA, TransposeB);

    /// <summary>The product's shape (<see cref="ShapeOf.MatMul"/>); errors name <paramref name="name"/> (this op, or a fused op built on the product).</summary>
    internal static Shape ProductShape(string name, IReadOnlyList<Shape> s, bool transposeA, bool transposeB)
    {
        ShapeRules.Arity(name, s, 2);
        return ShapeOf.MatMul(name, s[0], s[1], transposeA, transposeB);
    }

    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        MatMulKernel.Run(x[0], x[1], TransposeA, TransposeB, output, allocate);

    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Bilinear(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => Gradients(y.Inputs[0], y.Inputs[1], TransposeA, TransposeB, g);

    /// <summary>
    /// dA and dB of op(A)·op(B) at the cotangent g (shaped like the product), written as the mathematics: products with
    /// transposed operands, summed down over the leading axes an operand was broadcast along. A plan reads the
    /// transposes in place and sums in one GEMM (<see cref="TransposedOperands"/>, <see cref="MatMulSummedDown"/>).
    /// </summary>
    internal static ImmutableArray<Expr> Gradients(Expr a, Expr b, bool transposeA, bool transposeB, Expr g) => (transposeA, transposeB) switch
    {
        (false, false) => [Product(g, Fn.Transpose(b), a.Shape), Product(Fn.Transpose(a), g, b.Shape)],
        (true, false) => [Product(b, Fn.Transpose(g), a.Shape), Product(a, g, b.Shape)],
        (false, true) => [Product(g, b, a.Shape), Product(Fn.Transpose(g), a, b.Shape)],
        _ => [Product(Fn.Transpose(b), Fn.Transpose(g), a.Shape), Product(Fn.Transpose(g), Fn.Transpose(a), b.Shape)],
    };

    /// <summary>x·y summed down to <paramref name="shape"/>; a zero factor gives zeros without a product.</summary>
    static Expr Product(Expr x, Expr y, Shape shape) =>
        Fn.IsZero(x) || Fn.IsZero(y) ? Fn.Zeros(shape) : Fn.SumTo(Fn.MatMul(x, y, false, false), shape);
}

public static partial class Fn
{
    /// <summary>
    /// Matrix product with numpy's matmul rules: [..., m, k] · [..., k, n] → [..., m, n]; a vector operand gains (and then
    /// loses) a unit axis, and leading (batch) axes broadcast without copying the broadcast operand.
    /// </summary>
    /// <param name="a">The left operand, of rank ≥ 1.</param>
    /// <param name="b">The right operand, of rank ≥ 1.</param>
    /// <returns>A node of the product's shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">An operand is a scalar, the inner sizes differ, or the leading axes do not broadcast.</exception>
    public static Expr MatMul(Expr a, Expr b)
    {
        Guard.NotNull(a, "matmul");
        Guard.NotNull(b, "matmul");
        var (sa, sb, _, result) = ShapeOf.NumpyMatMul(a.Shape, b.Shape);
        return Reshape(MatMul(Reshape(a, sa), Reshape(b, sb), false, false), result);
    }

    /// <summary>
    /// op(a)·op(b) where op transposes the last two axes when its flag is set (read in place; <see cref="MatMulOp"/>). A
    /// plan also reads an operand that is a transpose or a leading-axes broadcast in place
    /// (<see cref="TransposedOperands"/>, <see cref="BroadcastOperands"/>), so the builder need not.
    /// </summary>
    /// <param name="a">The left operand, of rank ≥ 2.</param>
    /// <param name="b">The right operand, of rank ≥ 2.</param>
    /// <param name="transposeA">Use aᵀ (its last two axes swapped).</param>
    /// <param name="transposeB">Use bᵀ (its last two axes swapped).</param>
    /// <returns>A node of shape [..., m, n]; a zero fill when an operand is a known zero.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">A rank is below 2, the inner sizes differ, or the leading axes do not broadcast.</exception>
    public static Expr MatMul(Expr a, Expr b, bool transposeA, bool transposeB)
    {
        var op = new MatMulOp(transposeA, transposeB);
        var shape = op.InferShape([Guard.NotNull(a, "MatMul").Shape, Guard.NotNull(b, "MatMul").Shape]);
        return IsZero(a) || IsZero(b) ? Zeros(shape) : new Apply(op, Inputs(a, b));
    }

    /// <summary>Removes one axis of size 1.</summary>
    /// <param name="x">The input.</param>
    /// <param name="axis">The axis removed (negative counts from the end).</param>
    /// <returns>A node of <paramref name="x"/>'s shape without that axis.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="axis"/> is out of range or its size is not 1.</exception>
    public static Expr Squeeze(Expr x, int axis)
    {
        var a = Guard.NotNull(x, "squeeze").Shape.Axis(axis, "squeeze");
        if (x.Shape[a] != 1) throw new ShapeException($"squeeze: axis {axis} of {x.Shape} has size {(x.Shape[a] == Dim.Batch ? "Batch" : x.Shape[a].ToString())}, not 1.");
        return Reshape(x, x.Shape.RemoveAt(a));
    }
}
