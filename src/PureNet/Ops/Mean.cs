using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>Mean over axes (all when empty): sum / count, where the count may involve the batch size.</summary>
public sealed record MeanOp(Axes Axes, bool KeepDims) : PrimitiveOp
{
    public override string Name => "mean";
    public override Notation Format(IReadOnlyList<Shape> inputs) => ReductionRules.Notation("mean", @"\operatorname{mean}", Axes, inputs);
    public override Shape InferShape(IReadOnlyList<Shape> s) { ShapeRules.Arity(Name, s, 1); return ReductionRules.Shape(Name, s[0], Axes, KeepDims); }
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Reduce.Mean(x[0], Axes, KeepDims, Name, allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var x = y.Inputs[0];
        return [ReductionRules.Spread(g, x, Axes) / Fn.Count(x, Axes)];
    }
}

/// <summary>The number of elements over the given axes of x, as a scalar; it depends on x's shape only, so its derivative is 0.</summary>
public sealed record CountOp(Axes Axes) : PrimitiveOp
{
    public override string Name => "count";
    /// <summary>N, the number of elements counted (N_1 over axis 1): its input is not shown, only its shape matters.</summary>
    public override Notation Format(IReadOnlyList<Shape> inputs)
    {
        var axes = Axes.Normalize(inputs[0], Name);
        return new("N", new(Precedence.Atom, "N" + Notation.AxesText(axes, inputs[0].Rank)), new(Precedence.Atom, "N" + Notation.AxesLatex(axes, inputs[0].Rank)));
    }
    public override Shape InferShape(IReadOnlyList<Shape> s) { ShapeRules.Arity(Name, s, 1); Guard.NotNull(Axes, Name).Normalize(s[0], Name); return Shape.Scalar; }
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Tensor.Scalar(T.CreateChecked(Of(x[0].Shape, Axes)));
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(y.Inputs[0])];

    /// <summary>In 64 bits: axes of an empty tensor may multiply past int (0 × 65536 × 65536 holds no elements).</summary>
    internal static long Of(Shape shape, Axes axes) => ShapeOf.Count(shape, axes);
}

public static partial class Fn
{
    public static Expr Mean(Expr x, Axes? axes = null, bool keepDims = false) => new Apply(new MeanOp(axes ?? Axes.All, keepDims), Inputs(Guard.NotNull(x, "mean")));

    /// <summary>The element count of x over the axes (all when empty), known at call time when x has a batch axis.</summary>
    public static Expr Count(Expr x, Axes? axes = null) => new Apply(new CountOp(axes ?? Axes.All), Inputs(Guard.NotNull(x, "count")));
}
