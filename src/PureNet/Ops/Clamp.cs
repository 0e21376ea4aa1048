using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>
/// y = min(max(x, <paramref name="Min"/>), <paramref name="Max"/>); dy/dx = 1 where Min ≤ x ≤ Max and 0 outside (at the
/// bounds themselves 1, as PyTorch's clamp). <see cref="Fn.Clamp"/> checks Min ≤ Max, both not NaN (either may be ±∞).
/// </summary>
/// <param name="Min">The lower bound (−∞ for none).</param>
/// <param name="Max">The upper bound (+∞ for none).</param>
public sealed record ClampOp(double Min, double Max) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "clamp";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => new(Name,
        new(Precedence.Atom, "clamp(", Notation.Input(0), $", {Notation.NumberText(Min)}, {Notation.NumberText(Max)})"),
        new(Precedence.Atom, @"\operatorname{clamp}(", Notation.Input(0), $", {Notation.NumberLatex(Min)}, {Notation.NumberLatex(Max)})"));
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate)
    {
        var (lo, hi) = (T.CreateSaturating(Min), T.CreateSaturating(Max));
        return Elementwise.Unary(x[0], (a, b) => TensorPrimitives.Clamp(a, lo, hi, b), allocate);
    }
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Inside(y.Inputs[0], t[0]);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Inside(y.Inputs[0], g)];

    /// <summary>g where Min ≤ x ≤ Max, 0 elsewhere.</summary>
    Expr Inside(Expr x, Expr g)
    {
        var zero = Fn.Zeros(x.Shape);
        var below = Fn.Where(Fn.Compare(x, CompareKind.LessOrEqual, Fn.Full(x.Shape, Max)), g, zero);
        return Fn.Where(Fn.Compare(x, CompareKind.GreaterOrEqual, Fn.Full(x.Shape, Min)), below, zero);
    }
}

public static partial class Fn
{
    /// <summary>x limited to [min, max] elementwise (<see cref="ClampOp"/>); ±∞ leaves that side open.</summary>
    /// <param name="x">The input.</param>
    /// <param name="min">The lower bound, not NaN.</param>
    /// <param name="max">The upper bound, ≥ <paramref name="min"/> and not NaN.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException">A bound is NaN, or <paramref name="min"/> &gt; <paramref name="max"/>.</exception>
    public static Expr Clamp(Expr x, double min, double max)
    {
        Guard.NotNull(x, "clamp");
        if (double.IsNaN(min) || double.IsNaN(max) || min > max)
            throw new ArgumentException($"clamp: bounds [{min}, {max}] must satisfy min ≤ max and neither be NaN.", double.IsNaN(min) ? nameof(min) : nameof(max));
        return Unary(new ClampOp(min, max), x);
    }
}
