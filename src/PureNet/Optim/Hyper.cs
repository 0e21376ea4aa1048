using System.Numerics;

namespace PureNet;

/// <summary>
/// Every hyperparameter reaches the parameters' element type through <see cref="As{T}"/>, the one place where a value
/// checked in double (finite, in range) can still go wrong: <c>Sgd(1e300)</c> is +∞ in float and <c>Adam(Eps: 1e-50)</c>
/// is 0, giving −∞ and NaN where the answer is a number. Such values are refused here, when the element type is first
/// known (an optimizer's <c>Init</c> or <c>Update</c>), naming the optimizer, the hyperparameter, the value and T's range.
/// </summary>
internal static class Hyper
{
    /// <summary>What a conversion may lose without changing the meaning of the step.</summary>
    public enum Kind
    {
        /// <summary>ε, μ, β, ρ, λ, accumulator values: an overflow or an underflow (to 0 or a subnormal) changes the result.</summary>
        Strict,
        /// <summary>
        /// A learning rate or a step size made from it: overflow is refused, underflow is not — a rate below T's smallest
        /// normal is a step below T's resolution, so its (near-)zero update is the right answer, and a schedule that decays
        /// for long enough (Exponential at step 10⁵) must not stop a run.
        /// </summary>
        Rate,
    }

    /// <summary><paramref name="value"/> in T, or an <see cref="ArgumentOutOfRangeException"/> naming <paramref name="owner"/> and <paramref name="name"/>.</summary>
    public static T As<T>(string owner, string name, double value, Kind kind = Kind.Strict, long? step = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = T.CreateChecked(value);   // float conversions saturate to ±∞ and flush to 0 (no exception), hence the checks
        var at = step is { } s ? $" at step {s}" : "";
        if (double.IsFinite(value) && !T.IsFinite(t))
            throw new ArgumentOutOfRangeException(name, value,
                $"{owner}: {name} = {value:G3}{at} overflows {TypeName<T>()} (largest {LargestFinite<T>():G2}); " +
                $"a hyperparameter must be representable in the parameters' type (use smaller values or double parameters).");
        if (kind == Kind.Strict && value != 0 && (T.IsZero(t) || T.IsSubnormal(t)))
            throw new ArgumentOutOfRangeException(name, value,
                $"{owner}: {name} = {value:G3}{at} underflows {TypeName<T>()} (smallest normal {SmallestNormal<T>():G2}); " +
                $"a hyperparameter must be representable in the parameters' type (use a larger value, 0, or double parameters).");
        return t;
    }

    /// <summary>A learning rate or a step size derived from it (see <see cref="Kind.Rate"/>).</summary>
    public static T Rate<T>(string owner, string name, double value, long step) where T : unmanaged, IFloatingPointIeee754<T> =>
        As<T>(owner, name, value, Kind.Rate, step);

    static double LargestFinite<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? float.MaxValue : double.MaxValue;

    static double SmallestNormal<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? 1.1754943508222875e-38 : typeof(T) == typeof(double) ? 2.2250738585072014e-308 : double.CreateChecked(T.Epsilon);

    static string TypeName<T>() => typeof(T) == typeof(float) ? "float" : typeof(T) == typeof(double) ? "double" : typeof(T).Name;
}
