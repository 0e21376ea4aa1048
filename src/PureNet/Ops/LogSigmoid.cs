using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>
/// y = log σ(x) = −softplus(−x), computed as min(x, 0) − log1p(e^(−|x|)): finite at x = −1000, where σ(x) underflows to 0
/// and log σ(x) would be −∞; dy/dx = σ(−x) = 1 − σ(x). The simplifier turns log(σ(x)) into it.
/// </summary>
public sealed record LogSigmoidOp : PrimitiveOp
{
    public override string Name => "log_sigmoid";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("log σ", @"\log \sigma", 1);
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.LogSigmoid(x[0], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * Fn.Sigmoid(-y.Inputs[0]);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * Fn.Sigmoid(-y.Inputs[0])];
}

public static partial class Fn
{
    /// <summary>log σ(x), stable for large negative x.</summary>
    public static Expr LogSigmoid(Expr x) => Unary(new LogSigmoidOp(), Guard.NotNull(x, "log_sigmoid"));
}
