using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>
/// y = max(x, 0), with relu′(0) = 0 and a NaN staying NaN (as in PyTorch); dy/dx applied in one pass from the output by
/// <see cref="ActivationGradOp"/>. A plan runs relu(x + b) as one <see cref="BiasActivationOp"/> (the
/// <see cref="BiasActivationFusion"/> rule), so the builder writes the mathematics.
/// </summary>
public sealed record ReluOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "relu";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("relu", @"\operatorname{relu}", 1);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        BiasActivationKernel.Forward(x[0], null, ActivationKind.Relu, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.ActivationGrad(ActivationKind.Relu, y, t[0]);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ActivationGrad(ActivationKind.Relu, y, g)];
}
