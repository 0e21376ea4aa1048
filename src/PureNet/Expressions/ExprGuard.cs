using System.Runtime.CompilerServices;

namespace PureNet;

/// <summary>The argument checks that read expressions, kept beside them (the tensor layer's checks know no expressions).</summary>
internal static partial class Guard
{
    /// <summary>The expression's rank is one the function takes.</summary>
    public static Expr Rank(Expr x, string function, int min, int max = int.MaxValue, [CallerArgumentExpression(nameof(x))] string name = "")
    {
        NotNull(x, function, name);
        var r = x.Shape.Rank;
        if (r < min || r > max)
            throw new ShapeException($"{function}: {name} has shape {x.Shape} (rank {r}); it needs rank " +
                (max == min ? $"{min}" : max == int.MaxValue ? $"≥ {min}" : $"{min}..{max}") + ".");
        return x;
    }

    /// <summary>Prediction and target of an elementwise loss have one shape: nothing is broadcast (PyTorch refuses [4, 1] against [4] too).</summary>
    public static void SameShape(Expr a, Expr b, string function, [CallerArgumentExpression(nameof(a))] string aName = "", [CallerArgumentExpression(nameof(b))] string bName = "")
    {
        NotNull(a, function, aName);
        NotNull(b, function, bName);
        if (a.Shape != b.Shape)
            throw new ShapeException($"{function}: {aName} {a.Shape} and {bName} {b.Shape} differ; they must have the same shape (a loss never broadcasts one against the other).");
    }
}
