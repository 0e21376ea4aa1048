using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>
/// y = log σ(x) = −softplus(−x), computed as min(x, 0) − log1p(e^(−|x|)): finite at x = −1000, where σ(x) underflows to 0
/// and log σ(x) would be −∞; dy/dx = σ(−x) = 1 − σ(x). The simplifier turns log(σ(x)) into it.
/// </summary>
public sealed record LogSigmoidOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "log_sigmoid";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("log σ", @"\log \sigma", 1);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.LogSigmoid(x[0], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * Fn.Sigmoid(-y.Inputs[0]);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * Fn.Sigmoid(-y.Inputs[0])];
}

public static partial class Fn
{
    /// <summary>log σ(x) elementwise, finite for large negative x (where σ(x) underflows to 0); d/dx = σ(−x) (<see cref="LogSigmoidOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr LogSigmoid(Expr x) => Unary(new LogSigmoidOp(), Guard.NotNull(x, "log_sigmoid"));
}
