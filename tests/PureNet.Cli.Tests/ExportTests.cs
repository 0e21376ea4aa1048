using Microsoft.ML.OnnxRuntime;
using PureNet.Cli;

namespace PureNet.Cli.Tests;

/// <summary>
/// train → export → ONNX Runtime: the exported file, fed raw pixels, gives the class probabilities (or logits) that
/// purenet evaluate computes from the saved model, at two batch sizes.
/// </summary>
public class ExportTests
{
    static readonly LabeledImages Test = FashionMnist.Load(FashionMnist.EmbeddedDirectory).Match(d => d.Test, e => throw new InvalidOperationException(string.Join("; ", e)));

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn-bn")]
    public void The_exported_model_gives_evaluates_probabilities_in_onnx_runtime(string kind)
    {
        using var dir = new TempDir();
        var train = Run.QuickTrain(dir.File("run"), "--model", kind, "--epochs", "1", "--limit-train", "200");
        Assert.True(train.Code == 0, train.Output);
        var model = Path.Combine(dir.File("run"), "model.safetensors");
        var onnx = dir.File("model.onnx");
        var (code, output) = Run.Purenet("export", "--params", model, "--onnx", onnx);
        Assert.True(code == 0, output);
        Assert.StartsWith($"wrote {onnx}: {kind}, ONNX opset 17; input 'pixels' float [batch, 784]", output);

        var saved = (SavedModel)ModelFile.Load(model);
        using var session = new InferenceSession(onnx);
        Assert.Equal("batch", session.InputMetadata["pixels"].SymbolicDimensions[0]);
        foreach (var n in new[] { 3, 40 })
        {
            var images = new LabeledImages(Test.Rows, Test.Cols, Test.Classes, Test.Pixels[..(n * Test.PixelsPerImage)], Test.Labels[..n]);
            var expected = Predictions.Probabilities(saved, images);
            var actual = Probabilities(session, images);
            for (var i = 0; i < n; i++)
                for (var c = 0; c < Test.Classes; c++)
                    Assert.True(Math.Abs(expected[i, c] - actual[i * Test.Classes + c]) <= 1e-5 * (1 + Math.Abs(expected[i, c])),
                        $"{kind}, {n} images: image {i}, class {c}: purenet {expected[i, c]:R}, ONNX Runtime {actual[i * Test.Classes + c]:R}");
        }
    }

    [Fact]
    public void With_logits_the_output_is_the_logits()
    {
        using var dir = new TempDir();
        var train = Run.QuickTrain(dir.File("run"), "--epochs", "1", "--limit-train", "100");
        Assert.True(train.Code == 0, train.Output);
        var model = Path.Combine(dir.File("run"), "model.safetensors");
        var (code, output) = Run.Purenet("export", "--params", model, "--onnx", dir.File("logits.onnx"), "--logits");
        Assert.True(code == 0, output);
        Assert.Contains("(logits: T-shirt/top, Trouser", output);
        using var session = new InferenceSession(dir.File("logits.onnx"));
        var images = new LabeledImages(Test.Rows, Test.Cols, Test.Classes, Test.Pixels[..(5 * Test.PixelsPerImage)], Test.Labels[..5]);
        var logits = Probabilities(session, images);
        var probabilities = Predictions.Probabilities((SavedModel)ModelFile.Load(model), images);
        for (var i = 0; i < 5; i++)
        {
            var row = logits.AsSpan(i * 10, 10).ToArray();
            var max = row.Max();
            var sum = row.Sum(v => Math.Exp(v - max));
            for (var c = 0; c < 10; c++) Assert.Equal(probabilities[i, c], Math.Exp(row[c] - max) / sum, 1e-5);
        }
    }

    [Fact]
    public void A_model_that_is_not_there_is_named_and_nothing_is_written()
    {
        using var dir = new TempDir();
        var (code, output) = Run.Purenet("export", "--params", dir.File("none.safetensors"), "--onnx", dir.File("m.onnx"));
        Assert.Equal(Cli.BadInput, code);
        Assert.StartsWith($"error: {dir.File("none.safetensors")}", output);
        Assert.False(File.Exists(dir.File("m.onnx")));
    }

    /// <summary>The model's output for the images' raw pixel values, row-major [N, classes].</summary>
    static float[] Probabilities(InferenceSession session, LabeledImages images)
    {
        var pixels = images.Pixels.ToArray().Select(p => (float)p).ToArray();
        using var input = OrtValue.CreateTensorValueFromMemory(pixels, [images.Count, images.PixelsPerImage]);
        using var options = new RunOptions();
        using var results = session.Run(options, new Dictionary<string, OrtValue> { ["pixels"] = input }, ["output"]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
