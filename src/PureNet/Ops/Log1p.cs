using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>y = ln(1 + x), accurate for tiny x; dy/dx = 1/(1 + x).</summary>
public sealed record Log1pOp : IOp
{
    public string Name => "log1p";
    public Shape InferShape(Seq<Shape> s) => Rules.Same(Name, s, 1);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> =>
        Elementwise.Map(x[0], Log1p);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g / (1.0 + y.Inputs[0])];

    /// <summary>Goldberg's trick: the rounding of 1 + x cancels in x / ((1 + x) − 1). (.NET's LogP1 is plain log(1 + x).)</summary>
    static T Log1p<T>(T x) where T : IFloatingPointIeee754<T>
    {
        var u = T.One + x;
        return u == T.One ? x : T.IsPositiveInfinity(u) ? u : T.Log(u) * x / (u - T.One);
    }
}

public static partial class Fn
{
    public static Expr Log1p(Expr x) => Unary(new Log1pOp(), x);
}
