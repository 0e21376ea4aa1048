namespace PureNet.Testing;

/// <summary>Where generated values lie: in [Low, High], at least Gap away from each kink, and (when Distinct) at least Gap apart from each other.</summary>
public sealed record Domain(double Low, double High, double Gap = 0, bool Distinct = false, params double[] Kinks)
{
    public static Domain Any { get; } = new(-2, 2);
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

    public override string ToString() => $"[{Low}, {High}]" + (Gap > 0 ? $" gap {Gap}" : "") + (Distinct ? " distinct" : "");
}
