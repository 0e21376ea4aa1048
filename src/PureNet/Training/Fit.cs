using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Training as a fold over epochs, each epoch a fold over mini-batches: every step is a pure function of the
/// <see cref="TrainState{T}"/> (parameters, state, optimizer state, generator), so the same seed gives a
/// bit-identical run. Early stopping keeps the best epoch's state.
/// </summary>
public static class Fit
{
    /// <summary>
    /// Trains <paramref name="model"/> from <paramref name="initial"/> (its parameters and state) on <paramref name="data"/>.
    /// Validation data are <paramref name="validation"/>, or a seeded split of <paramref name="data"/> when
    /// <see cref="FitOptions.ValidationFraction"/> is set. A non-finite loss throws <see cref="NonFiniteLossException{T}"/>
    /// naming the epoch and step, holding the last good state. <paramref name="epochData"/>, when given, makes each
    /// epoch's training data from the epoch number (from 1) and the training part, e.g. freshly augmented images per
    /// epoch; it must be a pure function of its arguments for a run to stay reproducible.
    /// </summary>
    /// <typeparam name="T">The precision of training: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="model">The model: variables, parameters and its two graphs.</param>
    /// <param name="initial">A value for every parameter and state variable of the model (other names are ignored).</param>
    /// <param name="optimizer">The gradient transformation (<see cref="Adam"/>, <c>Optim.Chain(…)</c>, …).</param>
    /// <param name="data">The training data, checked whole against the model before the first step.</param>
    /// <param name="options">Epochs, batch size, seed, validation split and early stopping.</param>
    /// <param name="validation">Validation data; null to split them off <paramref name="data"/> by <see cref="FitOptions.ValidationFraction"/> (or to have none).</param>
    /// <param name="observe">Called with every <see cref="FitEvent"/>; it cannot change the run.</param>
    /// <param name="epochData">Makes each epoch's training data from the epoch number and the training part; null to use the training part.</param>
    /// <returns>The best and the final state, the best epoch, the history and whether it stopped early.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/>, <paramref name="initial"/>, <paramref name="optimizer"/>, <paramref name="data"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The data or validation data hold no example, the initial tree lacks a parameter or state variable, a target is not what the model reads (a label out of range, a NaN), or <paramref name="epochData"/> gives fewer examples than a batch.</exception>
    /// <exception cref="ShapeException">A tree value or the data do not have the shapes the model's variables declare, or the input or target variable lacks the batch axis first.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch size exceeds the training examples.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="epochData"/> returned null.</exception>
    /// <exception cref="NonFiniteLossException{T}">A step's loss was NaN or ±∞ (it holds the last good state).</exception>
    /// <exception cref="AnomalyException">With <see cref="FitOptions.DetectAnomaly"/>: a value of the step was NaN or ±∞.</exception>
    /// <example>
    /// <code>
    /// // Two classes by quadrant; an MLP 2 → 32 → 2 trained by Adam with 20% held out and early stopping.
    /// var (xs, _) = Tensor.Uniform&lt;float&gt;(new Shape(512, 2), Rng.FromSeed(1), -1, 1);
    /// var ys = Tensor.FromArray&lt;float&gt;(new Shape(512), [.. Enumerable.Range(0, 512).Select(i =&gt; xs[i, 0] * xs[i, 1] &gt; 0 ? 1f : 0f)]);
    /// var x = Variable("x", Dim.Batch, 2);
    /// var y = Variable("y", Dim.Batch);
    /// var (l1, l2) = (new Dense("l1", 2, 32), new Dense("l2", 32, 2));
    /// var model = Model.Of(x, y, l1.Parameters.Concat(l2.Parameters), training =&gt;
    /// {
    ///     var logits = l2.Apply(Activations.Relu(l1.Apply(x)));
    ///     return new StepGraph(Losses.SoftmaxCrossEntropyWithLabels(logits, y), Output: logits);
    /// });
    /// var (p1, rng) = l1.Init(Rng.FromSeed(2));
    /// var init = ParamTrees.Union&lt;float&gt;(p1, l2.Init(rng).Params);
    /// var result = Fit.Run(model, init, new Adam(0.01), new Dataset&lt;float&gt;(xs, ys),
    ///     new FitOptions(Epochs: 20, BatchSize: 32, Seed: 3, ValidationFraction: 0.2, Patience: 5),
    ///     observe: e =&gt; { if (e is FitEvent.EpochDone d) Console.WriteLine(d.Record); });
    /// Console.WriteLine($"best epoch {result.BestEpoch}: {result.History[result.BestEpoch - 1]}");
    /// </code>
    /// </example>
    public static FitResult<T> Run<T>(Model model, ParamTree<T> initial, IGradientTransform optimizer, Dataset<T> data, FitOptions options,
        Dataset<T>? validation = null, Action<FitEvent>? observe = null, Func<int, Dataset<T>, Dataset<T>>? epochData = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string function = "Fit.Run";
        Guard.NotNull(model, function);
        Guard.NotNull(initial, function);
        Guard.NotNull(optimizer, function);
        Guard.NotNull(data, function);
        Guard.NotNull(options, function);
        if (data.Count == 0) throw new ArgumentException($"{function}: the training data hold no examples.", nameof(data));
        if (validation is { Count: 0 }) throw new ArgumentException($"{function}: the validation data hold no examples.", nameof(validation));
        // The data are checked whole, before the split and the shuffles, so an error names a row of the user's data.
        var compiled = CompiledModel.Of(model, options.DetectAnomaly);
        compiled.CheckAgainst(initial, data, function, $"{function} (data checked before epoch 1)");
        if (validation is not null) compiled.CheckData(validation, $"{function} (validation data checked before epoch 1)", "validation row");
        var (splitRng, runRng) = Rng.FromSeed(options.Seed).Split();
        var (train, val) = validation is not null ? (data, validation)
            : options.ValidationFraction is { } f ? data.Split(f, splitRng) : (data, (Dataset<T>?)null);
        if (options.BatchSize > train.Count)
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, $"{function}: batch size {options.BatchSize} is larger than the {train.Count} training examples.");
        var trained = model.Parameters.Map(p => p.Name).ToHashSet();
        var parameters = initial.Where(trained.Contains);
        var start = new TrainState<T>(parameters, initial.Where(n => !trained.Contains(n)), optimizer.Init(parameters), runRng, 0);

        var run = new Run<T>(compiled, optimizer, train, val, options, observe ?? (_ => { }), epochData);
        var first = new Progress<T>(start, start, 0, double.PositiveInfinity, 0, Seq<EpochRecord>.Empty, false);
        var end = Enumerable.Range(1, options.Epochs).Aggregate(first, (p, epoch) => p.Stopped ? p : run.Epoch(p, epoch));
        return new FitResult<T>(end.Best, end.BestEpoch, end.Current, end.History, end.Stopped);
    }

    /// <summary>Mean loss (weighted by batch size) and accuracy (when the model has an output) of the evaluation graph over <paramref name="data"/>.</summary>
    /// <typeparam name="T">The precision: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="model">The model; its evaluation graph is run.</param>
    /// <param name="all">The parameters and state together (<see cref="TrainState{T}.All"/>).</param>
    /// <param name="data">The examples, at least one.</param>
    /// <param name="batchSize">The examples per evaluated batch, ≥ 1 (the result does not depend on it beyond rounding).</param>
    /// <returns>The mean loss, and the accuracy or null when the model has no output.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/>, <paramref name="all"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data hold no example, the tree lacks a parameter or state variable, or a target is not what the model reads.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is below 1.</exception>
    /// <exception cref="ShapeException">A tree value or the data do not have the shapes the model's variables declare.</exception>
    public static (double Loss, double? Accuracy) Evaluate<T>(Model model, ParamTree<T> all, Dataset<T> data, int batchSize) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string function = "Fit.Evaluate";
        Guard.NotNull(model, function);
        Guard.NotNull(all, function);
        Guard.NotNull(data, function);
        if (data.Count == 0) throw new ArgumentException($"{function}: the data hold no examples.", nameof(data));
        Guard.AtLeast(batchSize, 1, function);
        var compiled = CompiledModel.Of(model, evaluationOnly: true);
        compiled.CheckAgainst(all, data, function);
        return Evaluate(compiled, all, data, batchSize);
    }

    internal static (double Loss, double? Accuracy) Evaluate<T>(CompiledModel c, ParamTree<T> all, Dataset<T> data, int batchSize) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (data.Count == 0) throw new ArgumentException("Fit.Evaluate: the data hold no examples.", nameof(data));
        var batches = Shuffle.Batches([.. Enumerable.Range(0, data.Count)], Math.Min(batchSize, data.Count));
        var fixedKeys = c.Keys.Map(_ => RandomKey.Of<T>(0)).ToArray();
        var (loss, correct) = batches.Fold((0.0, 0), (acc, rows) =>
        {
            var batch = data.Rows(rows);
            var outs = c.Eval.Run(c.Bind(all, ParamTree<T>.Empty, batch, fixedKeys));
            var right = c.Model.Eval.Output is null ? 0 : Metrics.Correct(outs[1], batch.Y);
            var loss = double.CreateTruncating(outs[0].Scalar);
            Donation.Except([batch.X, batch.Y, .. outs], []);              // made here for this batch alone
            return (acc.Item1 + loss * rows.Length, acc.Item2 + right);
        });
        return (loss / data.Count, c.Model.Eval.Output is null ? null : (double)correct / data.Count);
    }
}

/// <summary>The fold's accumulator: the current state, the best one so far, and the history.</summary>
internal sealed record Progress<T>(TrainState<T> Current, TrainState<T> Best, int BestEpoch, double BestScore, int Waited, Seq<EpochRecord> History, bool Stopped)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>One fit's fixed inputs, and its epoch and step functions.</summary>
internal sealed record Run<T>(CompiledModel C, IGradientTransform Optimizer, Dataset<T> TrainPart, Dataset<T>? Val, FitOptions Options, Action<FitEvent> Observe,
    Func<int, Dataset<T>, Dataset<T>>? EpochData)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The epoch's training data: the training part, or what <see cref="EpochData"/> makes of it, checked like the data given to Fit.Run.</summary>
    Dataset<T> TrainingData(int epoch)
    {
        if (EpochData is null) return TrainPart;
        var data = EpochData(epoch, TrainPart) ?? throw new InvalidOperationException($"Fit.Run: epochData returned null for epoch {epoch}.");
        C.CheckData(data, $"Fit.Run: epochData for epoch {epoch}", "epochData row");
        if (data.Count < Options.BatchSize)
            throw new ArgumentException($"Fit.Run: epochData for epoch {epoch} gave {data.Count} examples, fewer than the batch size {Options.BatchSize}.");
        return data;
    }

    public Progress<T> Epoch(Progress<T> p, int epoch)
    {
        var train = TrainingData(epoch);
        var (order, rng) = Shuffle.Permutation(train.Count, p.Current.Rng);
        var batches = Shuffle.Batches(order, Options.BatchSize);
        var (state, lossSum, correct) = (p.Current with { Rng = rng }, 0.0, 0);
        for (var i = 0; i < batches.Count; i++)
        {
            var rows = batches[i];
            var (next, loss, right) = Step(state, p.Best, train.Rows(rows), epoch, i + 1, p.History);
            Observe(new FitEvent.StepDone(epoch, i + 1, batches.Count, loss));
            (state, lossSum, correct) = (next, lossSum + loss * rows.Length, correct + right);
        }
        var hasOutput = C.Model.Train.Output is not null;
        var (valLoss, valAcc) = Val is null ? ((double?)null, (double?)null) : Fit.Evaluate(C, state.All, Val, Options.BatchSize);
        var record = new EpochRecord(epoch, state.Step, lossSum / train.Count, hasOutput ? (double)correct / train.Count : null, valLoss, valAcc);
        var improved = record.Monitored < p.BestScore - Options.MinDelta;
        Observe(new FitEvent.EpochDone(record, improved));
        var waited = improved ? 0 : p.Waited + 1;
        return new Progress<T>(state, improved ? state : p.Best, improved ? epoch : p.BestEpoch, improved ? record.Monitored : p.BestScore,
            waited, p.History.Add(record), Options.Patience is { } patience && waited > patience);
    }

    /// <summary>
    /// One mini-batch: gradients at the optimizer's look-ahead point, the update, the new state; throws on a non-finite
    /// loss. What the step made and no one else can see goes back to PureNet for the next step's results (the fit
    /// loop owns it): the batch, the gradients, the update, the logits, and the state it replaces unless that is the best one
    /// kept (the first step's state is the caller's own and always the best so far, so it is never given back).
    /// </summary>
    (TrainState<T> Next, double Loss, int Correct) Step(TrainState<T> s, TrainState<T> best, Dataset<T> batch, int epoch, int step, Seq<EpochRecord> history)
    {
        var (keys, rng) = (new Tensor<T>[C.Keys.Count], s.Rng);
        for (var i = 0; i < keys.Length; i++) (keys[i], rng) = RandomKey.Draw<T>(rng);
        var at = Optimizer.LookAhead(s.Params, s.Opt);
        var r = C.Train.Invoke(C.Bind(at, s.State, batch, keys));
        var loss = double.CreateTruncating(r.Value);
        if (!double.IsFinite(loss)) throw new NonFiniteLossException<T>(epoch, step, loss, s, history);
        var (updates, opt) = Optimizer.Update(new ParamTree<T>(r.ByName), s.Opt, s.Params);
        var hasOutput = C.Model.Train.Output is not null;
        var right = hasOutput ? Metrics.Correct(r.Aux[0], batch.Y) : 0;
        var stateOffset = hasOutput ? 1 : 0;
        var state = C.StateNames.Select((name, i) => (name, r.Aux[stateOffset + i])).Aggregate(s.State, (t, kv) => t.With(kv.name, kv.Item2));
        var next = new TrainState<T>(Optim.Apply(s.Params, updates), state, opt, rng, s.Step + 1);
        Donation.Except([.. r.Grads, .. updates.Tensors.Values, .. r.Aux, .. at.Tensors.Values, .. Tensors(s), batch.X, batch.Y], [.. Tensors(next), .. Tensors(best)]);
        return (next, loss, right);
    }

    static IEnumerable<Tensor<T>> Tensors(TrainState<T> s) =>
        s.Params.Tensors.Values.Concat(s.State.Tensors.Values).Concat(Donation.Tensors(s.Opt));
}
