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

    /// <summary>e without the broadcasts and reshapes around it: the node they spread.</summary>
    public static Expr Unspread(Expr e)
    {
        while (e is Apply { Op: BroadcastToOp or ReshapeOp, Inputs: [var inner] }) e = inner;
        return e;
    }

    /// <summary>A constant node: a fill, a constant, or a broadcast or reshape of one.</summary>
    public static bool IsConstant(Expr x) => x switch
    {
        Constant or Apply { Op: FillOp } => true,
        Apply { Op: BroadcastToOp or ReshapeOp } a => a.Inputs[0] is Constant or Apply { Op: FillOp },
        _ => false,
    };

    /// <summary>
    /// Whether x is finite wherever it is read, known without data: a finite constant, a number over a count (a mean's
    /// 1/N: a count is at least 1 when anything it counts is read), and negations and broadcasts of those.
    /// </summary>
    public static bool IsFinite(Expr x) => x switch
    {
        _ when Uniform(x) is { } v => double.IsFinite(v),
        Apply { Op: NegOp or BroadcastToOp or ReshapeOp, Inputs: [var inner] } => IsFinite(inner),
        Apply { Op: DivOp, Inputs: [var a, var b] } => IsFinite(a) && IsCount(b),
        _ => false,
    };

    static bool IsCount(Expr x) => x switch
    {
        Apply { Op: CountOp } => true,
        Apply { Op: BroadcastToOp or ReshapeOp, Inputs: [var inner] } => IsCount(inner),
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

    /// <summary>One value broadcast over the shape, known or not: a broadcast of one element, or a product or quotient of two (a mean's 1/N).</summary>
    public static bool IsScalar(Expr e) => OneValue(e) || e is Apply { Op: MulOp or DivOp, Inputs: [var a, var b] } && OneValue(a) && OneValue(b);

    static bool OneValue(Expr e) =>
        Uniform(e) is not null || e is Apply { Op: BroadcastToOp, Inputs: [var x] } && !x.Shape.HasBatch && x.Shape.Size == 1;

    /// <summary>
    /// Whether a and b are one term: one node, or products of the same factors in any order and grouping (x²·v and
    /// v·x·x; a power with a small whole exponent counts as that many factors).
    /// </summary>
    public static bool SameTerm(Expr a, Expr b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is not Apply { Op: MulOp or PowOp or SquareOp } || b is not Apply { Op: MulOp or PowOp or SquareOp } || a.Shape != b.Shape) return false;
        if (Factors(a) is not { } fa || Factors(b) is not { } fb || fa.Count != fb.Count) return false;
        foreach (var f in fa) if (!fb.Remove(f)) return false;
        return true;
    }

    /// <summary>Of two equal terms, the one written with fewer products (x²·v rather than v·x·x).</summary>
    public static Expr Shorter(Expr a, Expr b) => Products(b) < Products(a) ? b : a;

    const int MaxFactors = 8;   // a bound, so comparing terms stays cheap in a long chain of products

    /// <summary>The factors of a product, flattened (non-constant nodes, by identity); null past <see cref="MaxFactors"/>.</summary>
    static List<Expr>? Factors(Expr e)
    {
        var factors = new List<Expr>();
        var pending = new Stack<Expr>();
        pending.Push(e);
        while (pending.Count > 0)
        {
            var x = pending.Pop();
            if (x is Apply { Op: MulOp, Inputs: [var p, var q] } && !IsConstant(p) && !IsConstant(q)) { pending.Push(q); pending.Push(p); continue; }
            if (x is Apply { Op: PowOp, Inputs: [var b, var n] } && Uniform(n) is { } k && k is 2 or 3 && !IsConstant(b))
                for (var i = 0; i < k; i++) factors.Add(b);
            else if (x is Apply { Op: SquareOp, Inputs: [var r] }) { factors.Add(r); factors.Add(r); }
            else factors.Add(x);
            if (factors.Count > MaxFactors) return null;
        }
        return factors;
    }

    /// <summary>How many products a term is written with, counted up to <see cref="MaxFactors"/> (iteratively: terms can be deep).</summary>
    static int Products(Expr e)
    {
        var (count, pending) = (0, new Stack<Expr>([e]));
        while (pending.Count > 0 && count <= MaxFactors)
            if (pending.Pop() is Apply { Op: MulOp, Inputs: [var p, var q] }) { count++; pending.Push(p); pending.Push(q); }
        return count;
    }

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
