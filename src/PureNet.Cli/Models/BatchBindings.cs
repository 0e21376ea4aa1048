using LanguageExt;

namespace PureNet.Cli;

/// <summary>Bindings of a network's variables for one batch.</summary>
internal static class BatchBindings
{
    /// <summary>Parameters and state, the input batch, its labels, and a fixed key for every dropout layer under <paramref name="roots"/>.</summary>
    public static HashMap<string, Tensor<float>> ForBatch(HashMap<string, Tensor<float>> values, Tensor<float> x, Tensor<float> labels, params Expr[] roots) =>
        Fn.KeyVariables(roots).Fold(values.AddOrUpdate(Network.Input.Name, x).AddOrUpdate(Network.Target.Name, labels),
            (m, k) => m.AddOrUpdate(k.Name, RandomKey.Of<float>((ulong)k.Name.Length)));
}
