namespace PureNet.Testing;

/// <summary>Where generated values lie: in [Low, High], at least Gap away from each kink, and (when Distinct) at least Gap apart from each other.</summary>
/// <param name="Low">The least value, finite.</param>
/// <param name="High">The greatest value, finite and ≥ <paramref name="Low"/>.</param>
/// <param name="Gap">The distance kept from each kink (and between values when <paramref name="Distinct"/>), finite and ≥ 0.</param>
/// <param name="Distinct">Whether the values of one tensor are pairwise distinct (no ties for max, min and pooling).</param>
/// <param name="Kinks">Points where the function is not differentiable, finite; generated values keep <paramref name="Gap"/> from them.</param>
/// <remarks>A domain is checked when values are generated from it (<see cref="Generators.Values"/>), which throws <see cref="ArgumentException"/> for a bad one.</remarks>
/// <example>
/// <code>
/// // Values in [−2.5, 2.5], 0.05 or more from every integer: for floor, ceil and round.
/// var nearIntegers = new Domain(-2.5, 2.5, 0.05, false, -2, -1, 0, 1, 2);
/// </code>
/// </example>
public sealed record Domain(double Low, double High, double Gap = 0, bool Distinct = false, params double[] Kinks)
{
    /// <summary>[−2, 2]: for functions smooth everywhere.</summary>
    public static Domain Any { get; } = new(-2, 2);
    /// <summary>[0.3, 3]: for log, sqrt, a divisor or a power's base.</summary>
    public static Domain Positive { get; } = new(0.3, 3);
    /// <summary>Away from 0, for abs, sign and relu.</summary>
    public static Domain AwayFromZero { get; } = new(-2, 2, 0.05, false, 0);
    /// <summary>Pairwise distinct, for max, min and pooling (no ties).</summary>
    public static Domain Distinct3 { get; } = new(-2, 2, 0.02, true);

    /// <summary>Throws unless the bounds are finite with Low ≤ High, the gap finite and ≥ 0, and the kinks finite: a bad domain would generate NaN or garbage silently.</summary>
    internal Domain Checked(string function)
    {
        if (!double.IsFinite(Low) || !double.IsFinite(High) || Low > High)
            throw new ArgumentException($"{function}: domain [{Low}, {High}] must have finite bounds with Low ≤ High.", "domain");
        if (!double.IsFinite(Gap) || Gap < 0)
            throw new ArgumentException($"{function}: domain gap {Gap} must be finite and ≥ 0.", "domain");
        if (Kinks is null || Kinks.Any(k => !double.IsFinite(k)))
            throw new ArgumentException($"{function}: domain kinks must be finite numbers.", "domain");
        return this;
    }

    /// <inheritdoc/>
    public override string ToString() => $"[{Low}, {High}]" + (Gap > 0 ? $" gap {Gap}" : "") + (Distinct ? " distinct" : "");
}
