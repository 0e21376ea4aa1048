using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = ⌈x⌉. Piecewise constant: its derivative is 0 wherever it exists (everywhere but the integers), as in PyTorch and JAX.</summary>
public sealed record CeilOp : UnaryElementwiseOp
{
    public override string Name => "ceil";
    public override Notation Format(IReadOnlyList<Shape> inputs) => new("ceil", new(Precedence.Atom, "⌈", Notation.Input(0), "⌉"), new(Precedence.Atom, @"\lceil ", Notation.Input(0), @" \rceil"));
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Ceiling(x, y);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(y.Inputs[0])];
}

public static partial class Fn
{
    public static Expr Ceil(Expr x) => Unary(new CeilOp(), Guard.NotNull(x, "ceil"));
}
