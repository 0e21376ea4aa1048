using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// op(A)·op(B) over the last two axes, summed down over the leading axes that <see cref="Lead"/> does not keep (a
/// shape the product's leading axes are summed to, as <see cref="Fn.SumTo"/> does): the weight gradient of a batched
/// product whose weight was broadcast over the batch, C = Σᵢ Aᵢ·Bᵢᵀ. Each output matrix is one GEMM whose inner
/// dimension runs over all the products it sums, not one small product per example and then a sum; it equals
/// <c>sum_to(matmul(a, b), [..Lead, m, n])</c> (a property checks it). The VJP is that composition's.
/// </summary>
/// <param name="TransposeA">Whether A's last two axes are swapped before the product.</param>
/// <param name="TransposeB">Whether B's last two axes are swapped before the product.</param>
/// <param name="Lead">The leading axes kept; it must broadcast to the product's leading axes (it may hold <see cref="Dim.Batch"/>).</param>
public sealed record MatMulSumOp(bool TransposeA, bool TransposeB, Shape Lead) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => $"{new MatMulOp(TransposeA, TransposeB).Name}_sum";
    /// <summary>The product summed over its broadcast leading axes: sum(xᵀ · g), \sum(x^\top \times g).</summary>
    /// <param name="inputs">The operands' shapes.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs)
    {
        var (infix, latex) = MatMulOp.ProductPieces(TransposeA, TransposeB);
        return new(Name, new(Precedence.Atom, (Piece[])["sum(", .. infix, ")"]), new(Precedence.Atom, (Piece[])[@"\sum(", .. latex, ")"]));
    }

    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        var product = MatMulOp.ProductShape(Name, s, TransposeA, TransposeB);
        var lead = new Shape(product.SkipLast(2));
        if (!Broadcast.Reaches(Guard.NotNull(Lead, Name), lead))
            throw new ShapeException($"{Name}: the product's leading axes {lead} cannot be summed down to {Lead}; rule: {Lead} must broadcast to {lead}.");
        return new Shape([.. Lead, product[^2], product[^1]]);
    }

    /// <inheritdoc/>
    protected override PrimitiveOp WithBatchSize(int size) => this with { Lead = Lead.WithBatch(size) };

    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        MatMulKernel.RunSummed(x[0], x[1], TransposeA, TransposeB, output, allocate);

    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Bilinear(y, t);
    /// <summary>The cotangent of every summed product is g itself: g broadcast back over the product's leading axes, then the product's VJP.</summary>
    /// <param name="y">The node.</param>
    /// <param name="g">Its cotangent.</param>
    /// <returns>The cotangents of A and B.</returns>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var (a, b) = (y.Inputs[0], y.Inputs[1]);
        var product = new MatMulOp(TransposeA, TransposeB).InferShape([a.Shape, b.Shape]);
        return MatMulOp.Gradients(a, b, TransposeA, TransposeB, Fn.BroadcastTo(g, product));
    }
}

public static partial class Fn
{
    /// <summary>
    /// op(a)·op(b) summed down to <paramref name="shape"/> (its leading axes must broadcast to the product's): one
    /// <see cref="MatMulSumOp"/> when leading axes are summed, else the plain product.
    /// </summary>
    /// <param name="a">The left operand, of rank ≥ 2.</param>
    /// <param name="b">The right operand, of rank ≥ 2.</param>
    /// <param name="transposeA">Use aᵀ (its last two axes swapped).</param>
    /// <param name="transposeB">Use bᵀ (its last two axes swapped).</param>
    /// <param name="shape">The result's shape: the product's last two sizes after leading axes that broadcast to the product's.</param>
    /// <returns>A node of shape <paramref name="shape"/>.</returns>
    /// <exception cref="ArgumentNullException">An operand or <paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException">The operands do not multiply, or the product cannot be summed down to <paramref name="shape"/>.</exception>
    public static Expr MatMulSumTo(Expr a, Expr b, bool transposeA, bool transposeB, Shape shape)
    {
        var product = new MatMulOp(transposeA, transposeB).InferShape([Guard.NotNull(a, "matmul_sum").Shape, Guard.NotNull(b, "matmul_sum").Shape]);
        if (Guard.NotNull(shape, "matmul_sum").Rank < 2 || shape[^2] != product[^2] || shape[^1] != product[^1])
            throw new ShapeException($"matmul_sum: the product {product} cannot be summed down to {shape}; only leading axes are summed.");
        var lead = new Shape(shape.SkipLast(2));
        if (product == shape) return MatMul(a, b, transposeA, transposeB);
        return IsZero(a) || IsZero(b) ? Zeros(new MatMulSumOp(transposeA, transposeB, lead).InferShape([a.Shape, b.Shape]))
            : new Apply(new MatMulSumOp(transposeA, transposeB, lead), Inputs(a, b));
    }
}
