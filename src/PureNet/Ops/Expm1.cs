using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = eˣ − 1, accurate where x is small (exp(1e-10) − 1 keeps 6 digits; expm1 keeps all); dy/dx = eˣ = y + 1.</summary>
public sealed record Expm1Op : UnaryElementwiseOp
{
    public override string Name => "expm1";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("expm1", @"\operatorname{expm1}", 1);
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.ExpM1(x, y);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * (y + 1.0);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * (y + 1.0)];
}

public static partial class Fn
{
    public static Expr Expm1(Expr x) => Unary(new Expm1Op(), Guard.NotNull(x, "expm1"));
}
