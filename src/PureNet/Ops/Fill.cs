using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>A constant tensor of one value; no inputs, so it may take the call's batch size.</summary>
public sealed record FillOp(double Value, Shape Shape) : PrimitiveOp
{
    public override string Name => "full";
    /// <summary>Just the number: its shape is the shape of wherever it stands (the drawing shows it).</summary>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Number(Value);
    public override Shape InferShape(IReadOnlyList<Shape> inputs) { ShapeRules.Arity(Name, inputs, 0); return Guard.NotNull(Shape, Name); }

    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> inputs, Shape output, Allocator<T>? allocate)
    {
        var values = allocate.New(output.Size);
        values.AsSpan().Fill(T.CreateChecked(Value));
        return new Tensor<T>(output, values);
    }

    protected override PrimitiveOp WithBatchSize(int size) => this with { Shape = Shape.WithBatch(size) };

    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [];
}
