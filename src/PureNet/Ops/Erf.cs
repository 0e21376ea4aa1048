using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>y = erf x = (2/√π)∫₀ˣ e^(−t²) dt; dy/dx = (2/√π) e^(−x²).</summary>
public sealed record ErfOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "erf";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("erf", @"\operatorname{erf}", 1);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Erf(x[0], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Diagonal(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var x = y.Inputs[0];
        return [g * (2 / Math.Sqrt(Math.PI)) * Fn.Exp(-(x * x))];
    }

    /// <summary>erf of a double, accurate to a few ulps (the kernel the op runs).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>erf <paramref name="x"/>, in [−1, 1].</returns>
    public static double Erf(double x) => Pointwise.ErfOf(x);
}

public static partial class Fn
{
    /// <summary>The error function erf x = (2/√π)∫₀ˣ e^(−t²) dt elementwise; d/dx = (2/√π) e^(−x²) (<see cref="ErfOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Erf(Expr x) => Unary(new ErfOp(), x);
}
