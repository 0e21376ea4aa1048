using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>A constant tensor of one value; no inputs, so it may take the call's batch size. Its derivative is 0.</summary>
/// <param name="Value">The value of every element (NaN and ±∞ allowed).</param>
/// <param name="Shape">The shape; it may hold <see cref="Dim.Batch"/>.</param>
public sealed record FillOp(double Value, Shape Shape) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "full";
    /// <summary>Just the number: its shape is the shape of wherever it stands (the drawing shows it).</summary>
    /// <param name="inputs">No shapes: the op has no inputs.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Number(Value);
    /// <inheritdoc/>
    public override Shape InferShape(IReadOnlyList<Shape> inputs) { ShapeRules.Arity(Name, inputs, 0); return Guard.NotNull(Shape, Name); }

    /// <inheritdoc/>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> inputs, Shape output, Allocator<T>? allocate)
    {
        var values = allocate.New(output.Size);
        values.AsSpan().Fill(T.CreateChecked(Value));
        return new Tensor<T>(output, values);
    }

    /// <inheritdoc/>
    protected override PrimitiveOp WithBatchSize(int size) => this with { Shape = Shape.WithBatch(size) };

    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [];
}
