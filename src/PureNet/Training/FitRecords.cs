using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// How to fit: epochs, batch size, the seed of every random choice (split, shuffles, dropout keys), the validation
/// fraction split off the training data (null: none, unless validation data is given), the early-stopping patience
/// (null: none; 0: stop at the first epoch that does not improve), the improvement that counts, and anomaly detection
/// (the step throws at the first non-finite value, naming the op and the pass).
/// </summary>
/// <param name="Epochs">The most passes over the training data, ≥ 1.</param>
/// <param name="BatchSize">The examples per step, ≥ 1 and at most the training examples (the last batch of an epoch may be smaller).</param>
/// <param name="Seed">Seeds the validation split, every epoch's shuffle and every dropout key: one seed, one run, bit for bit.</param>
/// <param name="ValidationFraction">The share of the data held out for validation, in (0, 1); null for none.</param>
/// <param name="Patience">Epochs without improvement tolerated before stopping, ≥ 0; null to run every epoch.</param>
/// <param name="MinDelta">How much the monitored loss must fall to count as an improvement, finite and ≥ 0.</param>
/// <param name="DetectAnomaly">Compile the training step with anomaly detection (<see cref="AnomalyException"/>).</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="Epochs"/> or <paramref name="BatchSize"/> is below 1, <paramref name="ValidationFraction"/> is outside (0, 1), <paramref name="Patience"/> is negative, or <paramref name="MinDelta"/> is negative or not finite.</exception>
public sealed record FitOptions(int Epochs, int BatchSize, int Seed = 0, double? ValidationFraction = null, int? Patience = null, double MinDelta = 0,
    bool DetectAnomaly = false)
{
    /// <summary>The most passes over the training data, ≥ 1.</summary>
    public int Epochs { get; } = Check.AtLeast("FitOptions", nameof(Epochs), Epochs, 1);
    /// <summary>The examples per step, ≥ 1.</summary>
    public int BatchSize { get; } = Check.AtLeast("FitOptions", nameof(BatchSize), BatchSize, 1);
    /// <summary>The share of the data held out for validation, in (0, 1); null for none.</summary>
    public double? ValidationFraction { get; } = ValidationFraction is not { } f || (f > 0 && f < 1) ? ValidationFraction
        : throw new ArgumentOutOfRangeException(nameof(ValidationFraction), f, $"FitOptions: ValidationFraction {f} is outside (0, 1).");
    /// <summary>Epochs without improvement tolerated before stopping; null to run every epoch.</summary>
    public int? Patience { get; } = Patience is not { } p || p >= 0 ? Patience
        : throw new ArgumentOutOfRangeException(nameof(Patience), p, $"FitOptions: Patience {p} must be ≥ 0 (or null for no early stopping).");
    /// <summary>How much the monitored loss must fall to count as an improvement.</summary>
    public double MinDelta { get; } = Check.NonNegative("FitOptions", nameof(MinDelta), MinDelta);
}

/// <summary>One epoch's metrics: mean training loss (and accuracy) over its steps, validation loss and accuracy when there is validation data.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Steps">The steps taken since the start of the run, this epoch's included.</param>
/// <param name="TrainLoss">The training loss averaged over the epoch's examples (each step's loss weighted by its batch size).</param>
/// <param name="TrainAccuracy">The share of training examples classified right during the epoch; null when the model has no output.</param>
/// <param name="ValidationLoss">The evaluation graph's loss on the validation data after the epoch; null without validation data.</param>
/// <param name="ValidationAccuracy">The validation accuracy after the epoch; null without validation data or output.</param>
public sealed record EpochRecord(int Epoch, long Steps, double TrainLoss, double? TrainAccuracy, double? ValidationLoss, double? ValidationAccuracy)
{
    /// <summary>What early stopping watches: the validation loss, or the training loss without validation data.</summary>
    public double Monitored => ValidationLoss ?? TrainLoss;
}

/// <summary>Everything a training step carries, as values: parameters, state (running statistics), optimizer state, the generator and the step count.</summary>
/// <typeparam name="T">The precision of training: <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="Params">The trained parameters by name.</param>
/// <param name="State">The state variables by name (running statistics).</param>
/// <param name="Opt">The optimizer's state (moments, step count).</param>
/// <param name="Rng">The generator the next step's shuffle and keys are drawn from.</param>
/// <param name="Step">The steps taken so far.</param>
public sealed record TrainState<T>(ParamTree<T> Params, ParamTree<T> State, OptState<T> Opt, Rng Rng, long Step) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Parameters and state together, e.g. to save or to evaluate.</summary>
    public ParamTree<T> All => Params.Union(State);
}

/// <summary>The outcome of a fit: the state at the best epoch (by <see cref="EpochRecord.Monitored"/>), at the last epoch, and the history.</summary>
/// <typeparam name="T">The precision of training: <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed record FitResult<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The result's parts; <paramref name="history"/> is any enumerable, so <c>[e1, e2]</c> means what it says.</summary>
    /// <param name="best">The state after the best epoch.</param>
    /// <param name="bestEpoch">The best epoch, from 1 (0 when no epoch had a finite monitored loss).</param>
    /// <param name="final">The state after the last epoch run.</param>
    /// <param name="history">One record per epoch run, in order.</param>
    /// <param name="stoppedEarly">True when early stopping ended the run before its last epoch.</param>
    /// <exception cref="ArgumentNullException"><paramref name="best"/>, <paramref name="final"/>, <paramref name="history"/> or one of its records is null.</exception>
    public FitResult(TrainState<T> best, int bestEpoch, TrainState<T> final, IEnumerable<EpochRecord> history, bool stoppedEarly)
    {
        Best = Guard.NotNull(best, "FitResult");
        Final = Guard.NotNull(final, "FitResult");
        History = Prelude.toSeq(Guard.NoNulls(history, "FitResult")).Strict();
        (BestEpoch, StoppedEarly) = (bestEpoch, stoppedEarly);
    }

    /// <summary>The state after the best epoch: the parameters to keep (<c>Best.Params</c>, or <c>Best.All</c> with the state).</summary>
    public TrainState<T> Best { get; }
    /// <summary>The best epoch, from 1.</summary>
    public int BestEpoch { get; }
    /// <summary>The state after the last epoch run.</summary>
    public TrainState<T> Final { get; }
    /// <summary>One record per epoch run, in order: <c>History[BestEpoch - 1]</c> is the best epoch's.</summary>
    public Seq<EpochRecord> History { get; }
    /// <summary>True when early stopping ended the run before its last epoch.</summary>
    public bool StoppedEarly { get; }
}

/// <summary>What an observer sees: immutable records only, and it returns nothing, so it cannot change the run.</summary>
public abstract record FitEvent
{
    private protected FitEvent() { }
    /// <summary>A step finished.</summary>
    /// <param name="Epoch">The epoch, from 1.</param>
    /// <param name="Step">The step within the epoch, from 1.</param>
    /// <param name="StepsInEpoch">The steps the epoch takes.</param>
    /// <param name="Loss">The step's loss on its batch (before the update).</param>
    public sealed record StepDone(int Epoch, int Step, int StepsInEpoch, double Loss) : FitEvent;
    /// <summary>An epoch finished (validation included).</summary>
    /// <param name="Record">The epoch's metrics.</param>
    /// <param name="Improved">True when its monitored loss beat the best so far by more than <see cref="FitOptions.MinDelta"/>.</param>
    public sealed record EpochDone(EpochRecord Record, bool Improved) : FitEvent;
}

/// <summary>A non-finite loss stopped a fit; <see cref="LastGood"/> is the state before the bad step.</summary>
/// <typeparam name="T">The precision of training: <see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="epoch">The epoch of the bad step, from 1.</param>
/// <param name="step">The bad step within its epoch, from 1.</param>
/// <param name="loss">The loss: NaN or ±∞.</param>
/// <param name="lastGood">The state before the bad step.</param>
/// <param name="history">The records of the epochs completed before it.</param>
/// <exception cref="ArgumentNullException"><paramref name="history"/> or one of its records is null.</exception>
public sealed class NonFiniteLossException<T>(int epoch, int step, double loss, TrainState<T> lastGood, IEnumerable<EpochRecord> history)
    // "Fit:" as the command prints it (its end-to-end test reads this prefix); every other Fit.Run error names Fit.Run.
    : ArithmeticException($"Fit: the loss is {loss} at epoch {epoch}, step {step}; stopped, keeping the parameters from before this step (LastGood).")
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The epoch of the bad step, from 1.</summary>
    public int Epoch { get; } = epoch;
    /// <summary>The bad step within its epoch, from 1.</summary>
    public int Step { get; } = step;
    /// <summary>The loss: NaN or ±∞.</summary>
    public double Loss { get; } = loss;
    /// <summary>The state before the bad step: parameters, state, optimizer state and generator to resume or save.</summary>
    public TrainState<T> LastGood { get; } = lastGood;
    /// <summary>The records of the epochs completed before the bad step.</summary>
    public Seq<EpochRecord> History { get; } = Prelude.toSeq(Guard.NoNulls(history, "NonFiniteLossException")).Strict();
}
