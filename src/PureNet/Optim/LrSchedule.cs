namespace PureNet;

/// <summary>
/// A learning rate as a pure function of the step count (0 for the first update). Every optimizer takes a schedule
/// for its rate, and a plain number converts to <see cref="Constant"/>, so any schedule composes with any optimizer.
/// </summary>
public abstract record LrSchedule
{
    private protected LrSchedule() { }

    /// <summary>The rate at step <paramref name="step"/> (≥ 0).</summary>
    /// <param name="step">The number of updates done before this one (0 for the first).</param>
    /// <returns>η_t.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative, or a constant rate is negative or not finite.</exception>
    public double At(long step) =>
        step >= 0 ? Rate(step) : throw new ArgumentOutOfRangeException(nameof(step), step, $"{GetType().Name} schedule: step {step} must be ≥ 0.");

    private protected abstract double Rate(long step);

    /// <summary>Checks the schedule as the rate of <paramref name="owner"/> (a plain number becomes a <see cref="Constant"/> unchecked, so the error names the optimizer).</summary>
    internal virtual void Validate(string owner, string name) { }

    /// <summary>A plain number as a <see cref="Constant"/> schedule, so <c>new Adam(1e-3)</c> works.</summary>
    /// <param name="rate">η.</param>
    /// <returns>The constant schedule (checked by the optimizer that takes it).</returns>
    public static implicit operator LrSchedule(double rate) => new Constant(rate);

    /// <summary>η at every step. Checked where it is used (by the optimizer that takes it, or by <see cref="At"/>), so the error names the user.</summary>
    /// <param name="Value">η, finite and ≥ 0.</param>
    public sealed record Constant(double Value) : LrSchedule
    {
        private protected override double Rate(long step) => Check.NonNegative("Constant schedule", nameof(Value), Value);
        internal override void Validate(string owner, string name) => Check.NonNegative(owner, name, Value);
    }

    /// <summary>η·γ^⌊t / every⌋ (e.g. halve every 10 epochs' worth of steps).</summary>
    /// <param name="Initial">η, finite and ≥ 0.</param>
    /// <param name="Factor">γ, in [0, 1].</param>
    /// <param name="Every">The steps between decays, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    /// <example>
    /// <code>
    /// var optimizer = new SgdMomentum(new LrSchedule.StepDecay(0.1, 0.5, Every: 1000));
    /// </code>
    /// </example>
    public sealed record StepDecay(double Initial, double Factor, long Every) : LrSchedule
    {
        /// <summary>η, finite and ≥ 0.</summary>
        public double Initial { get; } = Check.NonNegative("StepDecay", nameof(Initial), Initial);
        /// <summary>γ, in [0, 1].</summary>
        public double Factor { get; } = Check.InRange("StepDecay", nameof(Factor), Factor, 0, 1, closedHigh: true);
        /// <summary>The steps between decays, ≥ 1.</summary>
        public long Every { get; } = Every >= 1 ? Every : throw new ArgumentOutOfRangeException(nameof(Every), Every, $"StepDecay schedule: Every {Every} must be ≥ 1.");
        private protected override double Rate(long step) => Initial * Math.Pow(Factor, step / Every);
    }

    /// <summary>η·e^(−k·t).</summary>
    /// <param name="Initial">η, finite and ≥ 0.</param>
    /// <param name="K">k, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public sealed record Exponential(double Initial, double K) : LrSchedule
    {
        /// <summary>η, finite and ≥ 0.</summary>
        public double Initial { get; } = Check.NonNegative("Exponential", nameof(Initial), Initial);
        /// <summary>k, finite and ≥ 0.</summary>
        public double K { get; } = Check.NonNegative("Exponential", nameof(K), K);
        private protected override double Rate(long step) => Initial * Math.Exp(-K * step);
    }

    /// <summary>η / (1 + k·t) (1/t decay).</summary>
    /// <param name="Initial">η, finite and ≥ 0.</param>
    /// <param name="K">k, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public sealed record InverseTime(double Initial, double K) : LrSchedule
    {
        /// <summary>η, finite and ≥ 0.</summary>
        public double Initial { get; } = Check.NonNegative("InverseTime", nameof(Initial), Initial);
        /// <summary>k, finite and ≥ 0.</summary>
        public double K { get; } = Check.NonNegative("InverseTime", nameof(K), K);
        private protected override double Rate(long step) => Initial / (1 + K * step);
    }

    /// <summary>η_min + ½(η − η_min)(1 + cos(π·min(t, T)/T)): from η down to η_min over T steps, then η_min.</summary>
    /// <param name="Initial">η, finite and ≥ 0.</param>
    /// <param name="Steps">T, ≥ 1.</param>
    /// <param name="Final">η_min, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    /// <example>
    /// <code>
    /// var optimizer = new Adam(new LrSchedule.Cosine(0.01, Steps: 2000));
    /// </code>
    /// </example>
    public sealed record Cosine(double Initial, long Steps, double Final = 0) : LrSchedule
    {
        /// <summary>η, finite and ≥ 0.</summary>
        public double Initial { get; } = Check.NonNegative("Cosine", nameof(Initial), Initial);
        /// <summary>T, ≥ 1.</summary>
        public long Steps { get; } = Steps >= 1 ? Steps : throw new ArgumentOutOfRangeException(nameof(Steps), Steps, $"Cosine schedule: Steps {Steps} must be ≥ 1.");
        /// <summary>η_min, finite and ≥ 0.</summary>
        public double Final { get; } = Check.NonNegative("Cosine", nameof(Final), Final);
        private protected override double Rate(long step) =>
            Final + 0.5 * (Initial - Final) * (1 + Math.Cos(Math.PI * Math.Min(step, Steps) / Steps));
    }

    /// <summary>Linear warm-up from <paramref name="Start"/> to <c>After.At(0)</c> over <paramref name="Steps"/> steps, then <c>After.At(t − Steps)</c>.</summary>
    /// <param name="After">The schedule after the warm-up.</param>
    /// <param name="Steps">The warm-up's length, ≥ 1.</param>
    /// <param name="Start">The rate at step 0, finite and ≥ 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="After"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range (a constant <paramref name="After"/> included).</exception>
    /// <example>
    /// <code>
    /// var optimizer = new Adam(new LrSchedule.Warmup(new LrSchedule.Cosine(1e-3, 9000), Steps: 1000));
    /// </code>
    /// </example>
    public sealed record Warmup(LrSchedule After, long Steps, double Start = 0) : LrSchedule
    {
        /// <summary>The schedule after the warm-up.</summary>
        public LrSchedule After { get; } = After is null
            ? throw new ArgumentNullException(nameof(After), "Warmup schedule: After (the schedule after warm-up) is required.")
            : Checked(After);
        /// <summary>The warm-up's length, ≥ 1.</summary>
        public long Steps { get; } = Steps >= 1 ? Steps : throw new ArgumentOutOfRangeException(nameof(Steps), Steps, $"Warmup schedule: Steps {Steps} must be ≥ 1.");
        /// <summary>The rate at step 0, finite and ≥ 0.</summary>
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
    /// <param name="name">One of <see cref="Names"/> (case-insensitive).</param>
    /// <param name="rate">The initial rate η.</param>
    /// <param name="totalSteps">The cosine schedules' length in steps.</param>
    /// <param name="every">The step schedule's period.</param>
    /// <param name="factor">The step schedule's factor.</param>
    /// <param name="k">The exponential and inverse-time schedules' k.</param>
    /// <param name="warmupSteps">The warm-up's length.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a known name (or is null).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parameter the named schedule uses is out of range.</exception>
    /// <example>
    /// <code>
    /// var lr = Schedules.ByName("warmup-cosine", 1e-3, totalSteps: 10_000, warmupSteps: 500);
    /// </code>
    /// </example>
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
