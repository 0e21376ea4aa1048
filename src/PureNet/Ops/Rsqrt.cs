using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = 1/√x; dy/dx = −½ x^(−3/2) = −y/(2x).</summary>
public sealed record RsqrtOp : UnaryElementwiseOp
{
    public override string Name => "rsqrt";
    public override Notation Format(IReadOnlyList<Shape> inputs) => new("rsqrt", new(Precedence.Product, "1 / √", Notation.Input(0, Precedence.Atom)), new(Precedence.Atom, @"\frac{1}{\sqrt{", Notation.Input(0), "}}"));
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.ReciprocalSqrt(x, y);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => -0.5 * t[0] * y / y.Inputs[0];
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [-0.5 * g * y / y.Inputs[0]];
}

public static partial class Fn
{
    public static Expr Rsqrt(Expr x) => Unary(new RsqrtOp(), Guard.NotNull(x, "rsqrt"));
}
