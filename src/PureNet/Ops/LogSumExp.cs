using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>
/// y = log Σ exp x over axes (all when empty), computed stably (<see cref="LogSumExpKernel"/>); dy/dx = exp(x − y), the
/// softmax over those axes. The simplifier turns log(sum(exp x)) into it.
/// </summary>
public sealed record LogSumExpOp(Axes Axes, bool KeepDims) : PrimitiveOp
{
    public override string Name => "logsumexp";
    public override Shape InferShape(IReadOnlyList<Shape> s) { ShapeRules.Arity(Name, s, 1); return ReductionRules.Shape(Name, s[0], Axes, KeepDims); }
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        LogSumExpKernel.Run(x[0], Axes, output, allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Sum(t[0] * Fn.Exp(y.Inputs[0] - ReductionRules.Spread(y, y.Inputs[0], Axes)), Axes, KeepDims);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var x = y.Inputs[0];
        return [ReductionRules.Spread(g, x, Axes) * Fn.Exp(x - ReductionRules.Spread(y, x, Axes))];
    }
}

public static partial class Fn
{
    public static Expr LogSumExp(Expr x, Axes? axes = null, bool keepDims = false) =>
        new Apply(new LogSumExpOp(axes ?? Axes.All, keepDims), Inputs(Guard.NotNull(x, "logsumexp")));
}
