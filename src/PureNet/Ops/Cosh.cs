using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = cosh x; dy/dx = sinh x.</summary>
public sealed record CoshOp : UnaryElementwiseOp
{
    public override string Name => "cosh";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("cosh", @"\cosh", 1);
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Cosh(x, y);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * Fn.Sinh(y.Inputs[0]);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * Fn.Sinh(y.Inputs[0])];
}

public static partial class Fn
{
    public static Expr Cosh(Expr x) => Unary(new CoshOp(), Guard.NotNull(x, "cosh"));
}
