using LanguageExt;

namespace PureNet.Cli;

/// <summary>Bindings of a network's variables for one batch.</summary>
internal static class BatchBindings
{
    /// <summary>Parameters and state, the input batch and its labels.</summary>
    public static HashMap<string, Tensor<float>> ForBatch(HashMap<string, Tensor<float>> values, Tensor<float> x, Tensor<float> labels, params Expr[] roots) =>
        values.AddOrUpdate(Network.Input.Name, x).AddOrUpdate(Network.Target.Name, labels);
}
