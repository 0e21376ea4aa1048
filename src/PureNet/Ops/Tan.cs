using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = tan x; dy/dx = 1 + tan² x = 1 + y².</summary>
public sealed record TanOp : UnaryElementwiseOp
{
    public override string Name => "tan";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("tan", @"\tan", 1);
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Tan(x, y);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * (1.0 + y * y);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * (1.0 + y * y)];
}

public static partial class Fn
{
    public static Expr Tan(Expr x) => Unary(new TanOp(), Guard.NotNull(x, "tan"));
}
