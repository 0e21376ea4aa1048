using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = 1/(1 + e⁻ˣ); dy/dx = y(1 − y), which a compiled plan applies in one pass (<see cref="ActivationGradFusion"/>). Finite for every finite x (e⁻ˣ overflowing to ∞ gives 0).</summary>
public sealed record SigmoidOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "sigmoid";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("σ", @"\sigma", 1);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Sigmoid(x[0], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * (y * (1.0 - y));
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * (y * (1.0 - y))];
}

public static partial class Fn
{
    /// <summary>The logistic function σ(x) = 1/(1 + e⁻ˣ) elementwise; d/dx = σ(x)(1 − σ(x)) (<see cref="SigmoidOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Sigmoid(Expr x) => Unary(new SigmoidOp(), x);
}
