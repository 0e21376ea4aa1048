using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>y = erf x = (2/√π)∫₀ˣ e^(−t²) dt; dy/dx = (2/√π) e^(−x²).</summary>
public sealed record ErfOp : PrimitiveOp
{
    public override string Name => "erf";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("erf", @"\operatorname{erf}", 1);
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Erf(x[0], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Diagonal(y, t);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var x = y.Inputs[0];
        return [g * (2 / Math.Sqrt(Math.PI)) * Fn.Exp(-(x * x))];
    }

    /// <summary>erf of a double, accurate to a few ulps (the kernel the op runs).</summary>
    public static double Erf(double x) => Pointwise.ErfOf(x);
}

public static partial class Fn
{
    public static Expr Erf(Expr x) => Unary(new ErfOp(), x);
}
