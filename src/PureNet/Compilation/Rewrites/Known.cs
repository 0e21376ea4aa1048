using static PureNet.Fn;

namespace PureNet;

/// <summary>What the rules read off a node: a value known when the graph is built, and a term's coefficient.</summary>
internal static class Known
{
    /// <summary>
    /// The one value every element of x has, when that is known without data: a fill, a constant whose elements are all
    /// equal, or a broadcast or reshape of one.
    /// </summary>
    public static double? Uniform(Expr x) => x switch
    {
        Apply { Op: FillOp f } => f.Value,
        Constant c when c.Value.Size > 0 && c.Value.Size <= 4096 && AllEqual(c.Value.Span) => c.Value.Span[0],
        Apply { Op: BroadcastToOp or ReshapeOp } a => a.Inputs[0] is Constant or Apply { Op: FillOp } ? Uniform(a.Inputs[0]) : null,
        _ => null,
    };

    public static bool Is(Expr x, double value) => Uniform(x) is { } v && v.Equals(value);

    /// <summary>A constant node: a fill, a constant, or a broadcast or reshape of one.</summary>
    public static bool IsConstant(Expr x) => x switch
    {
        Constant or Apply { Op: FillOp } => true,
        Apply { Op: BroadcastToOp or ReshapeOp } a => a.Inputs[0] is Constant or Apply { Op: FillOp },
        _ => false,
    };

    /// <summary>x as c·base: c·y and y·c with c uniform, −y as (−1)·y, anything else as 1·x.</summary>
    public static (double Coefficient, Expr Base) Term(Expr x) => x switch
    {
        Apply { Op: MulOp } m when Uniform(m.Inputs[0]) is { } c && !IsConstant(m.Inputs[1]) => (c, m.Inputs[1]),
        Apply { Op: MulOp } m when Uniform(m.Inputs[1]) is { } c && !IsConstant(m.Inputs[0]) => (c, m.Inputs[0]),
        Apply { Op: NegOp } n => (-1, n.Inputs[0]),
        _ => (1, x),
    };

    /// <summary>c·x with the shape of x: x itself for 1, zeros for 0, −x for −1.</summary>
    public static Expr Scaled(double c, Expr x) => c switch
    {
        1 => x,
        0 => Zeros(x.Shape),
        -1 => Neg(x),
        _ => Mul(Scalar(c), x),
    };

    static bool AllEqual(ReadOnlySpan<double> xs)
    {
        foreach (var x in xs) if (!x.Equals(xs[0])) return false;
        return true;
    }
}
