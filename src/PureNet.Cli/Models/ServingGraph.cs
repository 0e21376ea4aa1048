using LanguageExt;
using static PureNet.Fn;

namespace PureNet.Cli;

/// <summary>
/// What a saved model computes for a server: raw pixels in (0–255, one row of 28·28 per image), the model's own
/// preprocessing, the network in evaluation mode, and the class probabilities (or logits) out. The preprocessing
/// statistics are parameters beside the weights, so one ONNX file serves the model with nothing else.
/// </summary>
public static class ServingGraph
{
    /// <summary>The graph's input: raw pixel values, [batch, 784].</summary>
    public static Variable Pixels { get; } = Variable("pixels", Dim.Batch, FashionMnist.Side * FashionMnist.Side);

    static readonly Variable Mean = Variable("preprocessing.mean", FashionMnist.Side * FashionMnist.Side);
    static readonly Variable Std = Variable("preprocessing.std", Shape.Scalar);

    /// <summary>The output expression and every parameter it reads (weights, BatchNorm statistics and preprocessing statistics).</summary>
    /// <param name="model">A model as <see cref="ModelFile.Load"/> reads it.</param>
    /// <param name="logits">Output the logits rather than the class probabilities (their softmax).</param>
    /// <returns>The expression over <see cref="Pixels"/> and the parameters to export with it.</returns>
    public static (Expr Output, HashMap<string, Tensor<float>> Parameters) Of(SavedModel model, bool logits)
    {
        // The same float operations, in the same order, as Preprocessing.Apply: (px / 255 − μ) / σ.
        var x = (Pixels / Preprocessing.Scale - Mean) / Std;
        var scores = model.Network.Apply(x, false).Logits;
        var parameters = model.Values
            .Add(Mean.Name, Tensor.FromArray<float>(Mean.Shape, model.Preprocessing.Mean.AsSpan()))
            .Add(Std.Name, Tensor.Scalar(model.Preprocessing.Std));
        return (logits ? scores : Activations.Softmax(scores, -1), parameters);
    }
}
