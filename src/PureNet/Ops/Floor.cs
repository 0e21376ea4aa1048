using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = ⌊x⌋. Piecewise constant: its derivative is 0 wherever it exists (everywhere but the integers), as in PyTorch and JAX.</summary>
public sealed record FloorOp : UnaryElementwiseOp
{
    public override string Name => "floor";
    public override Notation Format(IReadOnlyList<Shape> inputs) => new("floor", new(Precedence.Atom, "⌊", Notation.Input(0), "⌋"), new(Precedence.Atom, @"\lfloor ", Notation.Input(0), @" \rfloor"));
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Floor(x, y);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(y.Inputs[0])];
}

public static partial class Fn
{
    public static Expr Floor(Expr x) => Unary(new FloorOp(), Guard.NotNull(x, "floor"));
}
