using LanguageExt;

namespace PureNet.Cli;

/// <summary>What the networks share: dropout by layer name and initialization of several layers from one generator.</summary>
internal static class Layers
{
    /// <summary>Inverted dropout after the named layer, its mask drawn from the key variable "{layer}.dropout_key" that the fit loop binds afresh at each step; identity in evaluation.</summary>
    public static Expr Dropout(Expr x, double p, bool training, string layer) =>
        Fn.Dropout(x, p, training, Fn.KeyVariable($"{layer}.dropout_key"));

    /// <summary>
    /// The output layer's weights, N(0, 0.01²): logits start near zero, so the initial loss is ln 10 (what
    /// <c>purenet check</c> verifies) rather than whatever random logits happen to score.
    /// </summary>
    public static (Tensor<double>, Rng) SmallOutput(Shape shape, Rng rng) => Init.Normal(shape, 0.01, rng);

    /// <summary>Each layer's parameters drawn in turn from one generator, as one map.</summary>
    public static HashMap<string, Tensor<double>> InitAll(Rng rng, params Func<Rng, (HashMap<string, Tensor<double>> Params, Rng Next)>[] layers)
    {
        var all = Params.Empty;
        foreach (var init in layers)
        {
            (var p, rng) = init(rng);
            all = all.Union(p);
        }
        return all;
    }
}
