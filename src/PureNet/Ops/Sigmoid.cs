using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = 1/(1 + e⁻ˣ); dy/dx = y(1 − y), which a compiled plan applies in one pass (<see cref="ActivationGradFusion"/>). Finite for every finite x (e⁻ˣ overflowing to ∞ gives 0).</summary>
public sealed record SigmoidOp : PrimitiveOp
{
    public override string Name => "sigmoid";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("σ", @"\sigma", 1);
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Sigmoid(x[0], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * (y * (1.0 - y));
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * (y * (1.0 - y))];
}

public static partial class Fn
{
    public static Expr Sigmoid(Expr x) => Unary(new SigmoidOp(), x);
}
