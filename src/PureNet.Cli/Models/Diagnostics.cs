using LanguageExt;
using static PureNet.Fn;

namespace PureNet.Cli;

/// <summary>Per-layer histograms on one training-mode batch: activations, gradients of the loss with respect to them, and parameter gradients.</summary>
public sealed record LayerDiagnostics(Seq<(string Layer, Histogram Histogram)> Activations, Seq<(string Layer, Histogram Histogram)> ActivationGradients,
    Seq<(string Layer, Histogram Histogram)> ParameterGradients)
{
    /// <summary>One plan computes every activation, ∂loss/∂activation and ∂loss/∂parameter, so the forward pass is shared.</summary>
    public static LayerDiagnostics Compute(Network network, HashMap<string, Tensor<float>> values, Tensor<float> x, Tensor<float> labels)
    {
        var (loss, forward) = network.LossAndForward(training: true);
        var activations = forward.Activations.Map(a => a.Value).ToArray();
        var weights = network.Parameters.ToArray();
        var activationGrads = Grad(loss, activations);
        var paramGrads = Grad(loss, weights);
        var outputs = Plan.Compile([.. activations, .. activationGrads, .. paramGrads])
            .Run(BatchBindings.ForBatch(values, x, labels, loss)).ToArray();
        var names = forward.Activations.Map(a => a.Layer).ToArray();
        Seq<(string, Histogram)> Histograms(int offset, string[] labels) =>
            LanguageExt.Prelude.toSeq(labels.Select((n, i) => (n, Histogram.Of(outputs[offset + i].Span)))).Strict();
        return new(Histograms(0, names), Histograms(names.Length, names), Histograms(2 * names.Length, [.. weights.Select(w => w.Name)]));
    }
}
