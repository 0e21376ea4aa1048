using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// How to fit: epochs, batch size, the seed of every random choice (split, shuffles, dropout keys), the validation
/// fraction split off the training data (null: none, unless validation data is given), the early-stopping patience
/// (null: none; 0: stop at the first epoch that does not improve), the improvement that counts, and anomaly detection
/// (the step throws at the first non-finite value, naming the op and the pass).
/// </summary>
public sealed record FitOptions(int Epochs, int BatchSize, int Seed = 0, double? ValidationFraction = null, int? Patience = null, double MinDelta = 0,
    bool DetectAnomaly = false)
{
    public int Epochs { get; } = Check.AtLeast("FitOptions", nameof(Epochs), Epochs, 1);
    public int BatchSize { get; } = Check.AtLeast("FitOptions", nameof(BatchSize), BatchSize, 1);
    public double? ValidationFraction { get; } = ValidationFraction is not { } f || (f > 0 && f < 1) ? ValidationFraction
        : throw new ArgumentOutOfRangeException(nameof(ValidationFraction), f, $"FitOptions: ValidationFraction {f} is outside (0, 1).");
    public int? Patience { get; } = Patience is not { } p || p >= 0 ? Patience
        : throw new ArgumentOutOfRangeException(nameof(Patience), p, $"FitOptions: Patience {p} must be ≥ 0 (or null for no early stopping).");
    public double MinDelta { get; } = Check.NonNegative("FitOptions", nameof(MinDelta), MinDelta);
}

/// <summary>One epoch's metrics: mean training loss (and accuracy) over its steps, validation loss and accuracy when there is validation data.</summary>
public sealed record EpochRecord(int Epoch, long Steps, double TrainLoss, double? TrainAccuracy, double? ValidationLoss, double? ValidationAccuracy)
{
    /// <summary>What early stopping watches: the validation loss, or the training loss without validation data.</summary>
    public double Monitored => ValidationLoss ?? TrainLoss;
}

/// <summary>Everything a training step carries, as values: parameters, state (running statistics), optimizer state, the generator and the step count.</summary>
public sealed record TrainState<T>(ParamTree<T> Params, ParamTree<T> State, OptState<T> Opt, Rng Rng, long Step) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Parameters and state together, e.g. to save or to evaluate.</summary>
    public ParamTree<T> All => Params.Union(State);
}

/// <summary>The outcome of a fit: the state at the best epoch (by <see cref="EpochRecord.Monitored"/>), at the last epoch, and the history.</summary>
public sealed record FitResult<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The result's parts; <paramref name="history"/> is any enumerable, so <c>[e1, e2]</c> means what it says.</summary>
    public FitResult(TrainState<T> best, int bestEpoch, TrainState<T> final, IEnumerable<EpochRecord> history, bool stoppedEarly)
    {
        Best = Guard.NotNull(best, "FitResult");
        Final = Guard.NotNull(final, "FitResult");
        History = Prelude.toSeq(Guard.NoNulls(history, "FitResult")).Strict();
        (BestEpoch, StoppedEarly) = (bestEpoch, stoppedEarly);
    }

    public TrainState<T> Best { get; }
    public int BestEpoch { get; }
    public TrainState<T> Final { get; }
    public Seq<EpochRecord> History { get; }
    public bool StoppedEarly { get; }
}

/// <summary>What an observer sees: immutable records only, and it returns nothing, so it cannot change the run.</summary>
public abstract record FitEvent
{
    private protected FitEvent() { }
    public sealed record StepDone(int Epoch, int Step, int StepsInEpoch, double Loss) : FitEvent;
    public sealed record EpochDone(EpochRecord Record, bool Improved) : FitEvent;
}

/// <summary>A non-finite loss stopped a fit; <see cref="LastGood"/> is the state before the bad step.</summary>
public sealed class NonFiniteLossException<T>(int epoch, int step, double loss, TrainState<T> lastGood, IEnumerable<EpochRecord> history)
    // "Fit:" as the command prints it (its end-to-end test reads this prefix); every other Fit.Run error names Fit.Run.
    : ArithmeticException($"Fit: the loss is {loss} at epoch {epoch}, step {step}; stopped, keeping the parameters from before this step (LastGood).")
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public int Epoch { get; } = epoch;
    public int Step { get; } = step;
    public double Loss { get; } = loss;
    public TrainState<T> LastGood { get; } = lastGood;
    public Seq<EpochRecord> History { get; } = Prelude.toSeq(Guard.NoNulls(history, "NonFiniteLossException")).Strict();
}
