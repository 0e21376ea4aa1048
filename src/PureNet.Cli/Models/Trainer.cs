using System.Collections.Immutable;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary>A finished run: the model to save (best epoch), the history, and what transfer did.</summary>
public sealed record TrainOutcome(SavedModel Model, ImmutableArray<HistoryRow> History, int BestEpoch, bool StoppedEarly,
    LabeledImages TrainPart, LabeledImages? Validation, HashMap<string, Tensor<float>> Initial, Seq<string> Transferred, Seq<string> Frozen);

/// <summary>
/// A training run on the library's fit loop: a stratified validation split, preprocessing fitted on the training part
/// only, optional augmented copies, the network's initial (or transferred) parameters, the named optimizer and
/// schedule, and early stopping on the validation loss.
/// </summary>
public static class Trainer
{
    public static Fin<TrainOutcome> Run(TrainSettings s, LabeledImages data, Action<FitEvent> observe)
    {
        var (splitRng, rest) = Rng.FromSeed(s.Seed).Split();
        var (augmentRng, initRng) = rest.Split();
        var (trainPart, validation) = s.Validation > 0 ? Stratified.Split(data, s.Validation, splitRng) : (data, (LabeledImages?)null);
        var pre = Preprocessing.Fit(trainPart);
        var network = Network.Create(s.Model, s.Dropout, s.L2, s.Width);
        var fresh = ParamTrees.Union<float>(network.Init(initRng)).Tensors;
        return from transfer in Transfer(s.InitFrom, s.InitMap, network, fresh)
               from frozen in Frozen(s.Freeze, network)
               select Fit(s, network, pre, Augmented(trainPart, s.Augment, augmentRng), trainPart, validation, transfer.Values, transfer.Transferred, frozen, observe,
                   FreshAugmentation(s.Augment, pre, trainPart, augmentRng));
    }

    static TrainOutcome Fit(TrainSettings s, Network network, Preprocessing pre, LabeledImages train, LabeledImages trainPart, LabeledImages? validation,
        HashMap<string, Tensor<float>> initial, Seq<string> transferred, Seq<string> frozen, Action<FitEvent> observe, Func<int, Dataset<float>, Dataset<float>>? epochData)
    {
        var trainable = network.Parameters.Filter(p => !frozen.Contains(p.Name));
        var model = Model.Of(Network.Input, Network.Target, trainable, training =>
        {
            var (loss, f) = network.LossAndForward(training);
            return new StepGraph(loss, f.Logits, f.NewState);
        });
        var schedule = Schedule(s, (train.Count + s.Batch - 1) / s.Batch);
        var optimizer = Optimizers.ByName(s.Optimizer, schedule);
        var result = PureNet.Fit.Run(model, new ParamTree<float>(initial), optimizer, Labels.Dataset(pre, train),
            new FitOptions(s.Epochs, s.Batch, s.Seed, Patience: validation is null ? null : s.Patience),
            validation is null ? null : Labels.Dataset(pre, validation), observe, epochData);
        var history = result.History.Map(r => new HistoryRow(r.Epoch, r.Steps, r.TrainLoss, r.TrainAccuracy, r.ValidationLoss, r.ValidationAccuracy, schedule.At(Math.Max(0, r.Steps - 1)))).ToImmutableArray();
        var saved = new SavedModel(network, pre, result.Best.All.Tensors, s.Dropout, s.Width);
        return new(saved, history, result.BestEpoch, result.StoppedEarly, trainPart, validation, initial, transferred, frozen);
    }

    /// <summary>Learning-rate schedule by name over the run: cosine over all steps, step decay ×0.1 every third of the run, warm-up of one epoch.</summary>
    public static LrSchedule Schedule(TrainSettings s, int stepsPerEpoch)
    {
        long total = Math.Max(1L, (long)s.Epochs * stepsPerEpoch);
        return Schedules.ByName(s.Schedule, s.Lr, totalSteps: total, every: Math.Max(1, total / 3), factor: 0.1, k: 1.0 / stepsPerEpoch, warmupSteps: Math.Min(stepsPerEpoch, total));
    }

    /// <summary>
    /// With augmentation, each epoch after the first trains on new augmented copies (the first uses the copies made
    /// up front): epoch e draws from its own generator, split off <paramref name="rng"/> e times, so a seed still
    /// fixes the whole run.
    /// </summary>
    static Func<int, Dataset<float>, Dataset<float>>? FreshAugmentation(int copies, Preprocessing pre, LabeledImages trainPart, Rng rng) =>
        copies == 0 ? null : (epoch, first) =>
        {
            if (epoch == 1) return first;
            var r = rng;
            for (var e = 1; e < epoch; e++) r = r.Split().Right;
            return Labels.Dataset(pre, Augmented(trainPart, copies, r.Split().Left));
        };

    /// <summary>The training part followed by <paramref name="copies"/> seeded augmented copies of it.</summary>
    static LabeledImages Augmented(LabeledImages train, int copies, Rng rng)
    {
        if (copies == 0) return train;
        var pixels = new List<byte>(train.Pixels.ToArray());
        var labels = new List<byte>(train.Labels.ToArray());
        for (var c = 0; c < copies; c++)
        {
            (var more, rng) = new Augmentation().Apply(train, rng);
            pixels.AddRange(more.Pixels.ToArray());
            labels.AddRange(more.Labels.ToArray());
        }
        return new LabeledImages(train.Rows, train.Cols, train.Classes, pixels.ToArray(), labels.ToArray());
    }

    /// <summary>
    /// Parameters and state from a saved model where the map's name and shape match; the rest as initialized. A rule
    /// of a JSON map is a promise: its tensor missing or misshapen is an error naming it, not a silent skip.
    /// </summary>
    static Fin<(HashMap<string, Tensor<float>> Values, Seq<string> Transferred)> Transfer(string? path, string? mapName, Network network, HashMap<string, Tensor<float>> fresh)
    {
        if (path is null) return (fresh, LanguageExt.Seq<string>.Empty);
        return from map in mapName is null ? FinSucc(TensorMap.Same) : TensorMap.FromOption(mapName)
               from file in Safetensors.Read(path)
               from rules in map.RulesFor(network)
               from taken in rules.Fold(FinSucc(Seq<(string Name, Tensor<float> Value)>()), (acc, r) => acc.Bind(seq =>
                   r.Rule.Read(path, file, r.Target, map.Name).Match(
                       Succ: t => FinSucc(seq.Add((r.Target.Name, t))),
                       Fail: e => r.Listed ? FinFail<Seq<(string, Tensor<float>)>>(e) : FinSucc(seq))))
               select (taken.Fold(fresh, (m, t) => m.AddOrUpdate(t.Name, t.Value)), taken.Map(t => t.Name).Strict());
    }

    static Fin<Seq<string>> Frozen(ImmutableArray<string> prefixes, Network network)
    {
        var names = network.Parameters.Map(p => p.Name);
        foreach (var prefix in prefixes)
            if (!names.Exists(n => n.StartsWith(prefix, StringComparison.Ordinal)))
                return Error.New($"train: --freeze '{prefix}' matches no parameter of {network.Kind}; its parameters: {string.Join(", ", names)}.");
        var frozen = names.Filter(n => prefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal))).Strict();
        return frozen.Count == names.Count
            ? Error.New($"train: --freeze {string.Join(" ", prefixes)} freezes every parameter of {network.Kind}; nothing would train.")
            : FinSucc(frozen);
    }
}
