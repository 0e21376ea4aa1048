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
        new("model", "KIND", "mlp, cnn or cnn-bn.", "mlp", Short: "-m", Rule: Rule.OneOf(Network.Kinds)),
        new("seed", "S", "Seed of initialization and data choices.", "0", Short: "-s", Rule: Rule.AnyInt),
        new("optimizer", "NAME", $"Optimizer for the overfitting run and the sweep: one of {string.Join(", ", Optimizers.Names)}.", "adam", Rule: Rule.OneOf(Optimizers.Names)),
        new("lr", "RATE", "Learning rate of the overfitting run.", "0.001", Short: "-l", Rule: Rule.Number(0, 1e6, minOpen: true)),
        new("overfit-steps", "N", "Steps (full-batch epochs) of the overfitting run.", "60", Rule: Rule.Int(1, 100_000)),
        new("sweep", "RATES", "Comma-separated learning rates of the sweep.", "1e-5,1e-4,1e-3,1e-2,1e-1,1", Rule: Rule.Numbers(positive: true, "must be comma-separated positive numbers")),
        new("sweep-images", "N", "Training images of each sweep run (one epoch, batch 64).", "640", Rule: Rule.Int(10)),
        DataOptions.Data, DataOptions.LimitTrain,
    ], Run, Example: "purenet check --model mlp",
       Note: "Not taken here: --limit-test (the checks use training images only), --epochs and --batch (each check fixes its own).");

    static Fin<int> Run(Args a, Terminal t) =>
        from model in a.String("model")
        from seed in a.Int("seed")
        from optimizer in a.String("optimizer")
        from lr in a.Double("lr")
        from steps in a.Int("overfit-steps")
        from rates in a.Numbers("sweep")
        from sweepImages in a.Int("sweep-images")
        from data in DataOptions.Load(a)
        select Checks(t, new TrainSettings(model, steps, 20, seed, optimizer, lr), data.Train, rates, sweepImages);

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
