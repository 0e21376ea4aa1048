using System.Globalization;
using LanguageExt;
using Spectre.Console;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary><c>purenet check</c>: the baby-sitting checks, each PASS or FAIL with its numbers; exit code 1 if any fails.</summary>
public static class CheckCommand
{
    public static Command Command { get; } = new("check", "Sanity checks before training: initial loss, L2, gradient check, overfitting 20 examples, learning-rate sweep.",
    [
        new("model", "KIND", "mlp, cnn or cnn-bn.", "mlp"),
        new("seed", "S", "Seed of initialization and data choices.", "0"),
        new("optimizer", "NAME", "Optimizer for the overfitting run and the sweep.", "adam"),
        new("lr", "RATE", "Learning rate of the overfitting run.", "0.001"),
        new("overfit-steps", "N", "Steps (full-batch epochs) of the overfitting run.", "60"),
        new("sweep", "RATES", "Comma-separated learning rates of the sweep.", "1e-5,1e-4,1e-3,1e-2,1e-1,1"),
        new("sweep-images", "N", "Training images of each sweep run (one epoch, batch 64).", "640"),
        DataOptions.Data, DataOptions.LimitTrain,
    ], Run, Example: "purenet check --model mlp");

    static Fin<int> Run(Args a, Terminal t) =>
        from model in a.Choice("model", Network.Kinds)
        from seed in a.Int("seed", int.MinValue)
        from optimizer in a.Choice("optimizer", [.. Optimizers.Names])
        from lr in a.Double("lr", 0, 1e6, minOpen: true)
        from steps in a.Int("overfit-steps", 1, 100_000)
        from rates in Rates(a)
        from sweepImages in a.Int("sweep-images", 10)
        from data in DataOptions.Load(a)
        select Checks(t, new TrainSettings(model, steps, 20, seed, optimizer, lr), data.Train, rates, sweepImages);

    static Fin<double[]> Rates(Args a) => a.String("sweep").Bind(s =>
    {
        var parts = s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v : double.NaN).ToArray();
        return values.Length > 0 && values.All(double.IsFinite) ? FinSucc(values)
            : FinFail<double[]>(LanguageExt.Common.Error.New($"check: --sweep must be comma-separated positive numbers; found '{s}'."));
    });

    static int Checks(Terminal t, TrainSettings s, LabeledImages train, double[] rates, int sweepImages)
    {
        var rng = Rng.FromSeed(s.Seed);
        var (chosen, _, next) = Stratified.Sample(train, 2, rng);
        var twenty = train.Select(chosen);
        var batch = train.Take(Math.Min(500, train.Count));
        var pre = Preprocessing.Fit(train);
        var (x, y) = (pre.Apply(batch), Labels.Of(batch));
        var network = Network.Create(s.Model, 0, 0);
        var init = network.Init(next);
        var small = train.Take(4);
        t.Line($"purenet check: {s.Model}, seed {s.Seed}");
        var results = new List<CheckResult>();
        void Report(CheckResult r)
        {
            results.Add(r);
            t.Line($"{(r.Passed ? "PASS" : "FAIL")}  {r.Name}: {r.Numbers}");
        }
        Report(SanityChecks.InitialLossIsLn10(network, init, x, y));
        Report(SanityChecks.L2RaisesTheLoss(network, init, x, y, 1e-2));
        Report(SanityChecks.GradientCheck(network, init, pre.Apply(small), Labels.Of(small)));
        Report(SanityChecks.Overfits(s, twenty));
        var sweepData = train.Take(Math.Min(sweepImages, train.Count));
        var (sweep, rows) = SanityChecks.LearningRateSweep(s with { Epochs = 1, Batch = Math.Min(64, sweepData.Count) }, sweepData, rates);
        var table = new Table().Title("learning-rate sweep").AddColumn("lr").AddColumn(new TableColumn("loss after 1 epoch").RightAligned()).AddColumn("verdict");
        foreach (var (lr, loss, verdict) in rows) table.AddRow(lr.ToString("G3", CultureInfo.InvariantCulture), loss.ToString("F4", CultureInfo.InvariantCulture), verdict);
        t.Console.Write(table);
        Report(sweep);
        var failed = results.Count(r => !r.Passed);
        t.Line(failed == 0 ? $"all {results.Count} checks passed" : $"{failed} of {results.Count} checks failed");
        return failed == 0 ? Cli.Ok : Cli.CheckFailed;
    }
}
