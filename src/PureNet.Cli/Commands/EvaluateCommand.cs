using System.Globalization;
using LanguageExt;
using Spectre.Console;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary><c>purenet evaluate</c>: test accuracy, per-class accuracy and the confusion matrix of a saved model or an ensemble.</summary>
public static class EvaluateCommand
{
    public static Command Command { get; } = new("evaluate", "Accuracy, per-class accuracy and confusion matrix of a saved model (or the mean of several).",
    [
        new("params", "FILE", "The model (.safetensors written by purenet train).", Short: "-p"),
        new("ensemble", "FILE", "Several models whose predicted probabilities are averaged (instead of --params).", Many: true),
        TensorMap.Option,
        DataOptions.Data, DataOptions.LimitTest,
        new("out", "DIR", "Also write confusion.png and evaluation.json there.", Short: "-o"),
    ], Run, Example: "purenet evaluate --params runs/mlp/model.safetensors",
       Note: "Not taken here: --limit-train (evaluation reads test images only).");

    static Fin<int> Run(Args a, Terminal t) =>
        from files in Files(a)
        from map in a.Optional("map").Match(TensorMap.FromOption, () => FinSucc(TensorMap.Same))
        from models in files.Map(f => ModelFile.Load(f, map)).Sequence()
        from data in DataOptions.Load(a)
        select Report(a, t, files, models.ToList(), data.Test, data.Source);

    static Fin<Seq<string>> Files(Args a) =>
        a.Has("params") && a.Has("ensemble") ? FinFail<Seq<string>>(LanguageExt.Common.Error.New("evaluate: give --params FILE or --ensemble FILE…, not both."))
        : a.Has("params") ? FinSucc(Seq1(a.Strings("params")[0]))
        : a.Has("ensemble") ? FinSucc(toSeq(a.Strings("ensemble")).Strict())
        : FinFail<Seq<string>>(LanguageExt.Common.Error.New("evaluate: --params FILE (or --ensemble FILE…) is required."));

    static int Report(Args a, Terminal t, Seq<string> files, List<SavedModel> models, LabeledImages test, string source)
    {
        var probabilities = Predictions.Average(models.Select(m => Predictions.Probabilities(m, test)).ToList());
        var confusion = Predictions.Confusion(probabilities, test.Labels.Span);
        var accuracy = Predictions.Accuracy(confusion);
        var what = models.Count == 1 ? $"{models[0].Network.Kind} ({files.Head})" : $"ensemble of {models.Count} ({string.Join(", ", files)})";
        t.Line($"test accuracy {accuracy.ToString("F4", CultureInfo.InvariantCulture)} on {test.Count} images of {source} — {what}");
        if (models.Count > 1)
            foreach (var (m, f) in models.Zip(files))
                t.Line($"  alone: {Predictions.Accuracy(Predictions.Confusion(Predictions.Probabilities(m, test), test.Labels.Span)).ToString("F4", CultureInfo.InvariantCulture)}  {f}");
        t.Console.Write(Tables.PerClass(Predictions.PerClassAccuracy(confusion)));
        t.Console.Write(Tables.Confusion(confusion));
        a.Optional("out").IfSome(dir =>
        {
            AtomicFile.WriteAllBytes(Path.Combine(dir, "confusion.png"), Figures.Confusion(confusion, FashionMnist.ClassNames, $"Confusion on {test.Count} test images — accuracy {accuracy:F4}"));
            AtomicFile.WriteAllText(Path.Combine(dir, "evaluation.json"), Tables.EvaluationJson(accuracy, Predictions.PerClassAccuracy(confusion), confusion, files));
            t.Line($"wrote {Path.Combine(dir, "confusion.png")} and evaluation.json");
        });
        return Cli.Ok;
    }
}
