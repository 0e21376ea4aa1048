using System.Runtime.CompilerServices;

namespace PureNet;

/// <summary>
/// Argument checks at the public boundary. Each throws before any work is done, naming the user's function, the
/// parameter, the value and the rule, so no NullReferenceException or index error escapes from inside.
/// </summary>
internal static partial class Guard
{
    public static T NotNull<T>(T? value, string function, [CallerArgumentExpression(nameof(value))] string name = "") where T : class =>
        value ?? throw new ArgumentNullException(name, $"{function}: {name} is null; a value is required.");

    /// <summary>The array and every element are non-null.</summary>
    public static T[] NoNulls<T>(T[]? items, string function, [CallerArgumentExpression(nameof(items))] string name = "") where T : class
    {
        NotNull(items, function, name);
        for (var i = 0; i < items!.Length; i++)
            if (items[i] is null) throw new ArgumentNullException(name, $"{function}: {name}[{i}] is null; every element is required.");
        return items;
    }

    /// <summary>A sequence given as any enumerable (so <c>[a, b]</c> means what it says): materialized once, itself and every element non-null.</summary>
    public static T[] NoNulls<T>(IEnumerable<T>? items, string function, [CallerArgumentExpression(nameof(items))] string name = "") where T : class =>
        NoNulls(NotNull(items, function, name) as T[] ?? [.. items!], function, name);

    /// <summary>The sequence holds at least one element: for lists whose emptiness would make the call mean nothing.</summary>
    public static T[] NotEmpty<T>(T[] items, string function, string what, [CallerArgumentExpression(nameof(items))] string name = "") =>
        items.Length > 0 ? items : throw new ArgumentException($"{function}: {name} is empty; it needs at least one {what}.", name);

    /// <summary>No name given twice; the message names the first repeated one.</summary>
    public static void UniqueNames(IEnumerable<string> names, string function, string plural, string name)
    {
        var seen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var n in names)
            if (!seen.Add(n)) throw new ArgumentException($"{function}: two {plural} are named '{n}'; names must be unique.", name);
    }

    public static int AtLeast(int value, int min, string function, [CallerArgumentExpression(nameof(value))] string name = "") =>
        value >= min ? value : throw new ArgumentOutOfRangeException(name, value, $"{function}: {name} {value} must be ≥ {min}.");

    /// <summary>Every element of a data tensor is finite where NaN or ±∞ would make the result mean nothing; the message names the first bad one by its index.</summary>
    public static Tensor<T> AllFinite<T>(Tensor<T> t, string function, [CallerArgumentExpression(nameof(t))] string name = "") where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        NotNull(t, function, name);
        var s = t.Span;
        for (var i = 0; i < s.Length; i++)
            if (!T.IsFinite(s[i]))
                throw new ArgumentException($"{function}: {name}{Position(t.Shape, i)} is {s[i]}; it must be finite (not NaN or ±∞).", name);
        return t;
    }

    /// <summary>The multi-index of flat position <paramref name="flat"/>, as <c>[i, j]</c>, for messages.</summary>
    public static string Position(Shape shape, int flat)
    {
        var idx = new int[shape.Rank];
        for (var a = shape.Rank - 1; a >= 0; a--) { var d = Math.Max(shape[a], 1); idx[a] = flat % d; flat /= d; }
        return $"[{string.Join(", ", idx)}]";
    }

    public static double Finite(double value, string function, [CallerArgumentExpression(nameof(value))] string name = "") =>
        double.IsFinite(value) ? value : throw new ArgumentException($"{function}: {name} {value} must be finite (not NaN or ±∞).", name);

    /// <summary>A finite value &gt; 0, as an ε or a scale must be.</summary>
    public static double Positive(double value, string function, [CallerArgumentExpression(nameof(value))] string name = "") =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentException($"{function}: {name} {value} must be finite and > 0.", name);

    public static TEnum Defined<TEnum>(TEnum value, string function, [CallerArgumentExpression(nameof(value))] string name = "") where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? value
        : throw new ArgumentException($"{function}: {name} {value} is not a {typeof(TEnum).Name}; allowed: {string.Join(", ", Enum.GetNames<TEnum>())}.", name);
}
