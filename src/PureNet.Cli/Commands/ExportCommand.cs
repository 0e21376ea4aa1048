using LanguageExt;
using static LanguageExt.Prelude;

namespace PureNet.Cli;

/// <summary><c>purenet export</c>: a trained model as an ONNX file that ONNX Runtime (or any ONNX server) runs on raw pixels.</summary>
public static class ExportCommand
{
    /// <summary>The command's name, help, options (--params, --onnx, --logits) and what it runs.</summary>
    public static Command Command { get; } = new("export", "Write a trained model as an ONNX file (raw pixels in, class probabilities out) for ONNX Runtime or any ONNX server.",
    [
        new("params", "FILE", "The model (.safetensors written by purenet train).", Short: "-p"),
        new("onnx", "FILE", "The ONNX file to write (replaced if it exists).", Short: "-o"),
        new("logits", null, "Output the logits instead of the class probabilities."),
    ], Run, Example: "purenet export --params runs/mlp/model.safetensors --onnx model.onnx",
       Note: "Not taken here: --data, --limit-train, --limit-test (export reads no images), --map (it reads PureNet's own model files).");

    static Fin<int> Run(Args a, Terminal t) =>
        from file in a.String("params")
        from onnx in a.String("onnx")
        from model in ModelFile.Load(file)
        select Write(t, model, onnx, a.Flag("logits"));

    static int Write(Terminal t, SavedModel model, string path, bool logits)
    {
        var (output, parameters) = ServingGraph.Of(model, logits);
        Onnx.Export(output, parameters, path);
        var side = FashionMnist.Side * FashionMnist.Side;
        t.Line($"wrote {path}: {model.Network.Kind}, ONNX opset {Onnx.Opset}; input '{ServingGraph.Pixels.Name}' float [batch, {side}] (raw pixel values 0–255, rows of the 28×28 image), " +
               $"output 'output' float [batch, {FashionMnist.ClassNames.Length}] ({(logits ? "logits" : "class probabilities")}: {string.Join(", ", FashionMnist.ClassNames)})");
        return Cli.Ok;
    }
}
