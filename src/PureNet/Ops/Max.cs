using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>Maximum over axes (all when empty); the gradient goes to the maximal elements, split evenly among ties.</summary>
public sealed record MaxOp(Axes Axes, bool KeepDims) : PrimitiveOp
{
    public override string Name => "max";
    public override Notation Format(IReadOnlyList<Shape> inputs) => ReductionRules.Notation("max", @"\max", Axes, inputs);
    public override Shape InferShape(IReadOnlyList<Shape> s) { ShapeRules.Arity(Name, s, 1); return ReductionRules.Shape(Name, s[0], Axes, KeepDims); }
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Reduce.Max(x[0], Axes, KeepDims, Name, allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.ByTransposition(y, t);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var x = y.Inputs[0];
        var isMax = Fn.Equal(x, ReductionRules.Spread(y, x, Axes));
        var ties = ReductionRules.Spread(Fn.Sum(isMax, Axes, KeepDims), x, Axes);
        return [ReductionRules.Spread(g, x, Axes) * isMax / ties];
    }
}

public static partial class Fn
{
    public static Expr Max(Expr x, Axes? axes = null, bool keepDims = false) => new Apply(new MaxOp(axes ?? Axes.All, keepDims), Inputs(Guard.NotNull(x, "max")));
    /// <summary>min x = −max(−x); ties split evenly as for max.</summary>
    public static Expr Min(Expr x, Axes? axes = null, bool keepDims = false) => -Max(-Guard.NotNull(x, "min"), axes, keepDims);
}
