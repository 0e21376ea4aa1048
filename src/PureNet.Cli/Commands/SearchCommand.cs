using System.Globalization;
using LanguageExt;
using Spectre.Console;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary><c>purenet search</c>: random (log-uniform) or grid search over learning rate and L2 on a validation split, as a ranked table.</summary>
public static class SearchCommand
{
    public static Command Command { get; } = new("search", "Random or grid search over learning rate and L2 on a validation split; a ranked table.",
    [
        new("model", "KIND", "mlp, cnn or cnn-bn.", "mlp", Short: "-m", Rule: Rule.OneOf(Network.Kinds)),
        new("epochs", "N", "Epochs of each trial.", "2", Short: "-e", Rule: Rule.Int(1)),
        new("batch", "N", "Mini-batch size.", "128", Short: "-b", Rule: Rule.Int(1)),
        new("seed", "S", "Seed of the draws and of every trial's run.", "0", Short: "-s", Rule: Rule.AnyInt),
        new("optimizer", "NAME", $"One of {string.Join(", ", Optimizers.Names)}.", "adam", Rule: Rule.OneOf(Optimizers.Names)),
        new("trials", "N", "Random search: number of settings drawn.", "6", Rule: Rule.Int(1, 1000)),
        new("lr-range", "LO,HI", "Random search: learning rates, log-uniform in [LO, HI).", "1e-4,1e-2", Rule: Rule.Range),
        new("l2-range", "LO,HI", "Random search: L2 λ, log-uniform in [LO, HI).", "1e-6,1e-2", Rule: Rule.Range),
        new("grid", null, "Grid search over --lr-values × --l2-values instead of random search."),
        new("lr-values", "A,B,…", "Grid search: learning rates.", "1e-4,1e-3,1e-2", Rule: Rule.Numbers(positive: true)),
        new("l2-values", "A,B,…", "Grid search: L2 λ values (0 allowed).", "0,1e-4,1e-2", Rule: Rule.Numbers(positive: false)),
        new("validation", "F", "Fraction of the training images held out (label-balanced) to score each trial.", "0.2", Rule: Rule.Number(0, 0.9, minOpen: true)),
        DataOptions.Data, DataOptions.LimitTrain,
        new("out", "DIR", "Also write search.csv there.", Short: "-o"),
    ], Run, Example: "purenet search --trials 8 --epochs 2",
       Note: "Not taken here: --limit-test (trials are scored on the validation split, never on test images), --lr and --l2 (searched).");

    sealed record Outcome(double ValidationAccuracy, double ValidationLoss, int BestEpoch);

    static Fin<int> Run(Args a, Terminal t) =>
        from model in a.String("model")
        from epochs in a.Int("epochs")
        from batch in a.Int("batch")
        from seed in a.Int("seed")
        from optimizer in a.String("optimizer")
        from trials in a.Int("trials")
        from lrRange in a.Numbers("lr-range")
        from l2Range in a.Numbers("l2-range")
        from lrValues in a.Numbers("lr-values")
        from l2Values in a.Numbers("l2-values")
        from validation in a.Double("validation")
        from data in DataOptions.Load(a)
        select Search(a, t, new TrainSettings(model, epochs, batch, seed, optimizer, Patience: null, Validation: validation),
            data.Train, a.Flag("grid"), trials, lrRange, l2Range, lrValues, l2Values);

    static int Search(Args a, Terminal t, TrainSettings s, LabeledImages train, bool grid, int trials, double[] lrRange, double[] l2Range, double[] lrValues, double[] l2Values)
    {
        var outcomes = new Dictionary<(double, double), Outcome>();
        double Score(Map<string, double> h)
        {
            var run = Trainer.Run(s with { Lr = h["lr"], L2 = h["l2"] }, train, _ => { }).IfFail(e => throw new InvalidOperationException(e.Message));
            var best = run.History[run.BestEpoch - 1];
            var o = new Outcome(best.ValidationAccuracy ?? double.NaN, best.ValidationLoss ?? double.NaN, run.BestEpoch);
            outcomes[(h["lr"], h["l2"])] = o;
            t.Line(string.Create(CultureInfo.InvariantCulture, $"trial {outcomes.Count}: lr {h["lr"]:G3}, l2 {h["l2"]:G3} → validation accuracy {o.ValidationAccuracy:F4}, loss {o.ValidationLoss:F4}"));
            return o.ValidationAccuracy;
        }
        t.Line($"purenet search: {(grid ? $"grid of {lrValues.Length}×{l2Values.Length}" : $"{trials} random trials")} of {s.Model}, {s.Epochs} epoch(s) each, {s.Optimizer}, {train.Count} images with {s.Validation:P0} held out for validation");
        var result = grid
            ? PureNet.Search.Grid([("lr", lrValues), ("l2", l2Values)], Score)
            : PureNet.Search.Random([new Dimension.LogUniform("lr", lrRange[0], lrRange[1]), new Dimension.LogUniform("l2", l2Range[0], l2Range[1])], trials, s.Seed, Score);
        var table = new Table().Title("search results, best first").AddColumn("rank").AddColumn("lr").AddColumn("l2")
            .AddColumn(new TableColumn("validation accuracy").RightAligned()).AddColumn(new TableColumn("validation loss").RightAligned()).AddColumn("best epoch");
        var rows = result.Trials.Select((trial, i) => (Rank: i + 1, Lr: trial.Hyperparameters["lr"], L2: trial.Hyperparameters["l2"], O: outcomes[(trial.Hyperparameters["lr"], trial.Hyperparameters["l2"])])).ToList();
        foreach (var r in rows)
            table.AddRow(r.Rank.ToString(CultureInfo.InvariantCulture), r.Lr.ToString("G3", CultureInfo.InvariantCulture), r.L2.ToString("G3", CultureInfo.InvariantCulture),
                r.O.ValidationAccuracy.ToString("F4", CultureInfo.InvariantCulture), r.O.ValidationLoss.ToString("F4", CultureInfo.InvariantCulture), r.O.BestEpoch.ToString(CultureInfo.InvariantCulture));
        t.Console.Write(table);
        t.Line(string.Create(CultureInfo.InvariantCulture, $"best: --lr {rows[0].Lr:G3} --l2 {rows[0].L2:G3} (validation accuracy {rows[0].O.ValidationAccuracy:F4})"));
        a.Optional("out").IfSome(dir =>
        {
            var csv = "rank,lr,l2,validation_accuracy,validation_loss,best_epoch\n" + string.Concat(rows.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.Rank},{r.Lr:R},{r.L2:R},{r.O.ValidationAccuracy:R},{r.O.ValidationLoss:R},{r.O.BestEpoch}\n")));
            AtomicFile.WriteAllText(Path.Combine(dir, "search.csv"), csv);
            t.Line($"wrote {Path.Combine(dir, "search.csv")}");
        });
        return Cli.Ok;
    }
}
