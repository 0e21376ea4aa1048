using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>Same elements in row-major order, new shape; the derivative reshapes back.</summary>
public sealed record ReshapeOp(Shape Shape) : IOp
{
    public string Name => "reshape";
    public Shape InferShape(Seq<Shape> s)
    {
        Rules.Arity(Name, s, 1);
        var from = s[0];
        if (from.Count(d => d == Dim.Batch) != Shape.Count(d => d == Dim.Batch) || Known(from) != Known(Shape))
            throw new ShapeException($"{Name}: cannot reshape {from} to {Shape}; the element counts (and any batch dimension) must match.");
        return Shape;
    }
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> =>
        Layout.Reshape(x[0], output);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.Reshape(g, y.Inputs[0].Shape)];

    static long Known(Shape s) => s.Where(d => d != Dim.Batch).Aggregate(1L, (n, d) => n * d);
}

public static partial class Fn
{
    public static Expr Reshape(Expr x, Shape shape) => x.Shape == shape ? x : new Apply(new ReshapeOp(shape), Inputs(x));
    public static Expr Reshape(Expr x, params int[] shape) => Reshape(x, new Shape(shape));
    /// <summary>Keeps the first axis and flattens the rest: [N, a, b, …] → [N, a·b·…].</summary>
    public static Expr Flatten(Expr x) => Reshape(x, x.Shape[0], x.Shape.Skip(1).Aggregate(1, (n, d) => n * d));
}
