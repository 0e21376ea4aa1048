using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = arctan x; dy/dx = 1/(1 + x²).</summary>
public sealed record AtanOp : UnaryElementwiseOp
{
    public override string Name => "atan";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("atan", @"\arctan", 1);
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Atan(x, y);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] / (1.0 + y.Inputs[0] * y.Inputs[0]);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g / (1.0 + y.Inputs[0] * y.Inputs[0])];
}

public static partial class Fn
{
    public static Expr Atan(Expr x) => Unary(new AtanOp(), Guard.NotNull(x, "atan"));
}
