using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>A constant tensor of one value; no inputs, so it may take the call's batch size.</summary>
public sealed record FillOp(double Value, Shape Shape) : IOp
{
    public string Name => "full";
    public Shape InferShape(Seq<Shape> inputs) { Rules.Arity(Name, inputs, 0); return Guard.NotNull(Shape, Name); }

    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> inputs, Shape output) where T : unmanaged, IFloatingPointIeee754<T> =>
        Tensor.Full(output, T.CreateChecked(Value));
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> inputs, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = allocate.New(output.Size);
        values.AsSpan().Fill(T.CreateChecked(Value));
        return new Tensor<T>(output, values);
    }

    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => [];
}
