using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>Sum over axes (all when empty); the derivative broadcasts the cotangent back over the summed axes.</summary>
public sealed record SumOp(Axes Axes, bool KeepDims) : PrimitiveOp
{
    public override string Name => "sum";
    public override Shape InferShape(IReadOnlyList<Shape> s) { ShapeRules.Arity(Name, s, 1); return ReductionRules.Shape(Name, s[0], Axes, KeepDims); }
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Reduce.Sum(x[0], Axes, KeepDims, Name, allocate);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [ReductionRules.Spread(g, y.Inputs[0], Axes)];
}

/// <summary>What the reductions share: the output shape and the broadcast of a cotangent back to the input.</summary>
internal static class ReductionRules
{
    public static Shape Shape(string op, Shape x, Axes axes, bool keepDims) => Reduce.ReducedShape(x, Guard.NotNull(axes, op).Normalize(x, op), keepDims);

    /// <summary>g, shaped like the reduction's output, broadcast back to the input x's shape.</summary>
    public static Expr Spread(Expr g, Expr x, Axes axes) =>
        Fn.BroadcastTo(Fn.Reshape(g, Shape("sum", x.Shape, axes, keepDims: true)), x.Shape);
}

public static partial class Fn
{
    public static Expr Sum(Expr x, Axes? axes = null, bool keepDims = false) => new Apply(new SumOp(axes ?? Axes.All, keepDims), Inputs(Guard.NotNull(x, "sum")));
}
