using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>
/// y = softplus x = log(1 + eˣ), computed as max(x, 0) + log1p(e^(−|x|)) so it neither overflows at x = 100 nor
/// loses e^x at x = −100; dy/dx = σ(x). A primitive rather than that composition so its derivative reads σ(x), and
/// the logistic loss built on it differentiates to the textbook (σ(x) − t)/N.
/// </summary>
public sealed record SoftplusOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "softplus";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("softplus", @"\operatorname{softplus}", 1);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Softplus(x[0], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * Fn.Sigmoid(y.Inputs[0]);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * Fn.Sigmoid(y.Inputs[0])];
}
