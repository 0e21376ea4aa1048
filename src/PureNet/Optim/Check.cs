namespace PureNet;

/// <summary>Hyperparameter checks shared by optimizers and schedules; each error names the owner, the parameter, the value and the rule.</summary>
internal static class Check
{
    /// <summary>A rate or schedule given to <paramref name="owner"/>: present, and a constant one finite and ≥ 0.</summary>
    public static LrSchedule Lr(string owner, LrSchedule? lr)
    {
        if (lr is null) throw new ArgumentNullException("Lr", $"{owner}: Lr (a rate or a schedule) is required.");
        lr.Validate(owner, "Lr");
        return lr;
    }

    /// <summary>A learning rate, decay or weight: finite and ≥ 0.</summary>
    public static double NonNegative(string owner, string name, double v) =>
        double.IsFinite(v) && v >= 0 ? v : throw new ArgumentOutOfRangeException(name, v, $"{owner}: {name} {v} must be finite and ≥ 0.");

    public static double Positive(string owner, string name, double v) =>
        double.IsFinite(v) && v > 0 ? v : throw new ArgumentOutOfRangeException(name, v, $"{owner}: {name} {v} must be finite and > 0.");

    /// <summary>A value in [low, high) (or [low, high] with <paramref name="closedHigh"/>).</summary>
    public static double InRange(string owner, string name, double v, double low, double high, bool closedHigh = false) =>
        v >= low && (closedHigh ? v <= high : v < high)
            ? v
            : throw new ArgumentOutOfRangeException(name, v, $"{owner}: {name} {v} is outside [{low}, {high}{(closedHigh ? "]" : ")")}.");

    public static int AtLeast(string owner, string name, int v, int min) =>
        v >= min ? v : throw new ArgumentOutOfRangeException(name, v, $"{owner}: {name} {v} must be ≥ {min}.");
}
