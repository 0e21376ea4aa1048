using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = tanh x; dy/dx = 1 − y², which a compiled plan applies in one pass (<see cref="ActivationGradFusion"/>).</summary>
public sealed record TanhOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "tanh";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("tanh", @"\tanh", 1);
    /// <inheritdoc/>
    /// <param name="s">The input's shape.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Tanh(x[0], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * (1.0 - y * y);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * (1.0 - y * y)];
}

public static partial class Fn
{
    /// <summary>tanh x elementwise; d/dx = 1 − tanh² x (<see cref="TanhOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Tanh(Expr x) => Unary(new TanhOp(), x);
}
