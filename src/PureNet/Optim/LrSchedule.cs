namespace PureNet;

/// <summary>
/// A learning rate as a pure function of the step count (0 for the first update). Every optimizer takes a schedule
/// for its rate, and a plain number converts to <see cref="Constant"/>, so any schedule composes with any optimizer.
/// </summary>
public abstract record LrSchedule
{
    private protected LrSchedule() { }

    /// <summary>The rate at step <paramref name="step"/> (≥ 0).</summary>
    public double At(long step) =>
        step >= 0 ? Rate(step) : throw new ArgumentOutOfRangeException(nameof(step), step, $"{GetType().Name} schedule: step {step} must be ≥ 0.");

    private protected abstract double Rate(long step);

    /// <summary>Checks the schedule as the rate of <paramref name="owner"/> (a plain number becomes a <see cref="Constant"/> unchecked, so the error names the optimizer).</summary>
    internal virtual void Validate(string owner, string name) { }

    public static implicit operator LrSchedule(double rate) => new Constant(rate);

    /// <summary>η. Checked where it is used (by the optimizer that takes it, or by <see cref="At"/>), so the error names the user.</summary>
    public sealed record Constant(double Value) : LrSchedule
    {
        private protected override double Rate(long step) => Check.NonNegative("Constant schedule", nameof(Value), Value);
        internal override void Validate(string owner, string name) => Check.NonNegative(owner, name, Value);
    }

    /// <summary>η·γ^⌊t / every⌋ (e.g. halve every 10 epochs' worth of steps).</summary>
    public sealed record StepDecay(double Initial, double Factor, long Every) : LrSchedule
    {
        public double Initial { get; } = Check.NonNegative("StepDecay", nameof(Initial), Initial);
        public double Factor { get; } = Check.InRange("StepDecay", nameof(Factor), Factor, 0, 1, closedHigh: true);
        public long Every { get; } = Every >= 1 ? Every : throw new ArgumentOutOfRangeException(nameof(Every), Every, $"StepDecay schedule: Every {Every} must be ≥ 1.");
        private protected override double Rate(long step) => Initial * Math.Pow(Factor, step / Every);
    }

    /// <summary>η·e^(−k·t).</summary>
    public sealed record Exponential(double Initial, double K) : LrSchedule
    {
        public double Initial { get; } = Check.NonNegative("Exponential", nameof(Initial), Initial);
        public double K { get; } = Check.NonNegative("Exponential", nameof(K), K);
        private protected override double Rate(long step) => Initial * Math.Exp(-K * step);
    }

    /// <summary>η / (1 + k·t) (1/t decay).</summary>
    public sealed record InverseTime(double Initial, double K) : LrSchedule
    {
        public double Initial { get; } = Check.NonNegative("InverseTime", nameof(Initial), Initial);
        public double K { get; } = Check.NonNegative("InverseTime", nameof(K), K);
        private protected override double Rate(long step) => Initial / (1 + K * step);
    }

    /// <summary>η_min + ½(η − η_min)(1 + cos(π·min(t, T)/T)): from η down to η_min over T steps, then η_min.</summary>
    public sealed record Cosine(double Initial, long Steps, double Final = 0) : LrSchedule
    {
        public double Initial { get; } = Check.NonNegative("Cosine", nameof(Initial), Initial);
        public long Steps { get; } = Steps >= 1 ? Steps : throw new ArgumentOutOfRangeException(nameof(Steps), Steps, $"Cosine schedule: Steps {Steps} must be ≥ 1.");
        public double Final { get; } = Check.NonNegative("Cosine", nameof(Final), Final);
        private protected override double Rate(long step) =>
            Final + 0.5 * (Initial - Final) * (1 + Math.Cos(Math.PI * Math.Min(step, Steps) / Steps));
    }

    /// <summary>Linear warm-up from <paramref name="Start"/> to <c>After.At(0)</c> over <paramref name="Steps"/> steps, then <c>After.At(t − Steps)</c>.</summary>
    public sealed record Warmup(LrSchedule After, long Steps, double Start = 0) : LrSchedule
    {
        public LrSchedule After { get; } = After is null
            ? throw new ArgumentNullException(nameof(After), "Warmup schedule: After (the schedule after warm-up) is required.")
            : Checked(After);
        public long Steps { get; } = Steps >= 1 ? Steps : throw new ArgumentOutOfRangeException(nameof(Steps), Steps, $"Warmup schedule: Steps {Steps} must be ≥ 1.");
        public double Start { get; } = Check.NonNegative("Warmup", nameof(Start), Start);
        static LrSchedule Checked(LrSchedule after) { after.Validate("Warmup schedule", nameof(After)); return after; }
        private protected override double Rate(long step) =>
            step < Steps ? Start + (After.At(0) - Start) * step / Steps : After.At(step - Steps);
    }
}

/// <summary>Schedules by name, for command lines and searches.</summary>
public static class Schedules
{
    /// <summary>The names <see cref="ByName"/> knows.</summary>
    public static readonly IReadOnlyList<string> Names = ["constant", "step", "exponential", "inverse-time", "cosine", "warmup-cosine"];

    /// <summary>
    /// A schedule from a name: "constant"; "step" (×<paramref name="factor"/> every <paramref name="every"/> steps);
    /// "exponential" (k = <paramref name="k"/>); "inverse-time" (k = <paramref name="k"/>); "cosine" over
    /// <paramref name="totalSteps"/>; "warmup-cosine" (linear warm-up over <paramref name="warmupSteps"/>, then cosine).
    /// </summary>
    public static LrSchedule ByName(string name, double rate, long totalSteps = 1, long every = 1, double factor = 0.1, double k = 1e-3, long warmupSteps = 1) =>
        (name ?? "").ToLowerInvariant() switch
        {
            "constant" => new LrSchedule.Constant(rate),
            "step" => new LrSchedule.StepDecay(rate, factor, every),
            "exponential" => new LrSchedule.Exponential(rate, k),
            "inverse-time" => new LrSchedule.InverseTime(rate, k),
            "cosine" => new LrSchedule.Cosine(rate, totalSteps),
            "warmup-cosine" => new LrSchedule.Warmup(new LrSchedule.Cosine(rate, Math.Max(1, totalSteps - warmupSteps)), warmupSteps),
            _ => throw new ArgumentException($"Schedules.ByName: unknown schedule '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
        };
}
