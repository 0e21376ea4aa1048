using System.Globalization;
using LanguageExt;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary><c>purenet train</c>: trains a model, reports test accuracy, and writes the model, its history and plots.</summary>
public static class TrainCommand
{
    public static Command Command { get; } = new("train", "Train a model on Fashion-MNIST; write model.safetensors, history and plots to --out.",
    [
        .. TrainOptions.Specs,
        DataOptions.Data, DataOptions.LimitTrain, DataOptions.LimitTest,
        new("out", "DIR", "Output directory (created if missing).", "runs/latest", Short: "-o"),
    ], Run, Example: "purenet train --model mlp --epochs 5 --out runs/mlp");

    static Fin<int> Run(Args a, Terminal t) =>
        from settings in TrainOptions.Parse(a)
        from data in DataOptions.Load(a)
        from output in a.String("out").Bind(dir => OutputDirectory.Writable("train", dir))   // before any training (after the data, so bad data leave no directory)
        from outcome in Train(t, settings, data.Train, data.Source)
        select Finish(t, settings, outcome, data.Test, output);

    static Fin<TrainOutcome> Train(Terminal t, TrainSettings s, LabeledImages train, string source)
    {
        var network = Network.Create(s.Model, s.Dropout, s.L2, s.Width);
        var count = network.Parameters.Sum(p => (long)p.Shape.Size);
        var validation = s.Validation > 0 ? $", {s.Validation:P0} held out for validation" : "";
        t.Line(string.Create(CultureInfo.InvariantCulture,
            $"purenet train: {s.Model} ({count:N0} parameters) on {source}: {train.Count} training images{validation}; {s.Optimizer} lr {s.Lr} ({s.Schedule}), batch {s.Batch}, {s.Epochs} epoch{(s.Epochs == 1 ? "" : "s")}, seed {s.Seed}"));
        var progress = new ProgressReport(t, s.Epochs, s.Batch, (int)(train.Count * (1 - s.Validation)) * (1 + s.Augment));
        return progress.Run(observe => Trainer.Run(s, train, observe)).Map(o =>
        {
            if (s.InitFrom is { } from)
            {
                var fresh = o.Model.Network.Parameters.Map(p => p.Name).Filter(n => !o.Transferred.Contains(n)).ToList();
                t.Line($"init-from {from}: loaded {o.Transferred.Count} tensor{(o.Transferred.Count == 1 ? "" : "s")} ({string.Join(", ", o.Transferred)}); " +
                       (fresh.Count == 0 ? "every parameter came from the file" : $"initialized afresh: {string.Join(", ", fresh)}"));
            }
            if (!o.Frozen.IsEmpty) t.Line($"frozen: {string.Join(", ", o.Frozen)}");
            if (o.StoppedEarly) t.Line($"early stopping after epoch {o.History.Length}: no better validation loss for {s.Patience} epochs; keeping epoch {o.BestEpoch}");
            return o;
        });
    }

    static int Finish(Terminal t, TrainSettings s, TrainOutcome o, LabeledImages test, string output)
    {
        var probabilities = Predictions.Probabilities(o.Model, test);
        var confusion = Predictions.Confusion(probabilities, test.Labels.Span);
        var accuracy = Predictions.Accuracy(confusion);
        var files = RunOutputs.Build(o, test, s, accuracy, confusion);
        RunOutputs.Write(output, files);
        t.Line(string.Create(CultureInfo.InvariantCulture, $"test accuracy {accuracy:F4} on {test.Count} test images (parameters of epoch {o.BestEpoch})"));
        t.Line($"wrote {string.Join(", ", files.Select(f => f.Name))} to {output}");
        return Cli.Ok;
    }
}
