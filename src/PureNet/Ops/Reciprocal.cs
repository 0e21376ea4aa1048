using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = 1/x; dy/dx = −1/x² = −y².</summary>
public sealed record ReciprocalOp : UnaryElementwiseOp
{
    public override string Name => "reciprocal";
    public override Notation Format(IReadOnlyList<Shape> inputs) => new("reciprocal", new(Precedence.Product, "1 / ", Notation.Input(0, Precedence.Product + 1)), new(Precedence.Atom, @"\frac{1}{", Notation.Input(0), "}"));
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Reciprocal(x, y);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => -(t[0] * y * y);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [-(g * y * y)];
}

public static partial class Fn
{
    public static Expr Reciprocal(Expr x) => Unary(new ReciprocalOp(), Guard.NotNull(x, "reciprocal"));
}
