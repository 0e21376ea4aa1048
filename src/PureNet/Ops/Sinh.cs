using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = sinh x; dy/dx = cosh x.</summary>
public sealed record SinhOp : UnaryElementwiseOp
{
    public override string Name => "sinh";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("sinh", @"\sinh", 1);
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sinh(x, y);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * Fn.Cosh(y.Inputs[0]);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * Fn.Cosh(y.Inputs[0])];
}

public static partial class Fn
{
    public static Expr Sinh(Expr x) => Unary(new SinhOp(), Guard.NotNull(x, "sinh"));
}
