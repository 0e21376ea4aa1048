using System.Collections.Immutable;
using LanguageExt;

namespace PureNet.Cli;

/// <summary>
/// Everything a training run writes to --out, built in memory first and only then written, each file atomically:
/// a run that fails on the way leaves no file behind.
/// </summary>
public static class RunOutputs
{
    public const string ModelFileName = "model.safetensors";

    public static ImmutableArray<(string Name, byte[] Bytes)> Build(TrainOutcome run, LabeledImages test, object settings, double testAccuracy, int[,] confusion)
    {
        var m = run.Model;
        var sample = run.TrainPart.Take(Math.Min(256, run.TrainPart.Count));
        var x = m.Preprocessing.Apply(sample);
        var y = Labels.Of(sample);
        var before = LayerDiagnostics.Compute(m.Network, run.Initial, x, y);
        var after = LayerDiagnostics.Compute(m.Network, m.Values, x, y);
        byte[] Histograms(string what, Func<LayerDiagnostics, Seq<(string Layer, Histogram Histogram)>> pick) =>
            Figures.LayerHistograms(what, [.. pick(before).Map(h => ($"{h.Layer} at init", h.Histogram)), .. pick(after).Map(h => ($"{h.Layer} trained", h.Histogram))], pick(before).Count);
        return
        [
            (ModelFileName, ModelFile.Encode(m)),
            ("history.csv", Utf8(HistoryFiles.Csv(run.History))),
            ("history.json", Utf8(HistoryFiles.Json(run.History, new { settings, best_epoch = run.BestEpoch, stopped_early = run.StoppedEarly, test_accuracy = testAccuracy }))),
            ("curves.png", Figures.Curves(run.History)),
            ("confusion.png", Figures.Confusion(confusion, FashionMnist.ClassNames, $"{m.Network.Kind}: {test.Count} test images, accuracy {testAccuracy:F4}")),
            ("first-layer.png", Figures.FirstLayer(m.Values[m.Network.FirstLayer], m.Network.FirstLayer)),
            ("histograms-activations.png", Histograms("activations", d => d.Activations)),
            ("histograms-activation-gradients.png", Histograms("∂loss/∂activation", d => d.ActivationGradients)),
            ("histograms-parameter-gradients.png", Histograms("∂loss/∂parameter", d => d.ParameterGradients)),
        ];
    }

    public static void Write(string dir, IEnumerable<(string Name, byte[] Bytes)> files)
    {
        foreach (var (name, bytes) in files) AtomicFile.WriteAllBytes(Path.Combine(dir, name), bytes);
    }

    static byte[] Utf8(string s) => new System.Text.UTF8Encoding(false).GetBytes(s);
}
