using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = ln x; dy/dx = 1/x.</summary>
public sealed record LogOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "log";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("log", @"\log", 1);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Log(x[0], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] / y.Inputs[0];
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g / y.Inputs[0]];
}

public static partial class Fn
{
    /// <summary>The natural logarithm ln x elementwise (NaN below 0, −∞ at 0); d/dx = 1/x (<see cref="LogOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Log(Expr x) => Unary(new LogOp(), x);
}
