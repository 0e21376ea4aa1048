using LanguageExt;

namespace PureNet;

/// <summary>A model's parameters (and state such as running averages): variable name → value; and what layers share about them.</summary>
public static class Params
{
    public static HashMap<string, Tensor<double>> Empty => HashMap<string, Tensor<double>>.Empty;

    /// <summary>A layer size that must be ≥ 1; the error names the layer, the parameter and the value.</summary>
    internal static int Positive(string layer, int n, string name) =>
        n >= 1 ? n : throw new ArgumentException($"{layer}: {name} {n} must be ≥ 1.", name);

    /// <summary>The weight, and the bias when the layer has one.</summary>
    internal static Seq<Variable> WeightAndBias(Variable w, Variable b, bool bias) => bias ? Prelude.Seq(w, b) : Prelude.Seq1(w);

    /// <summary>The weight drawn by <paramref name="weights"/>, the bias (if any) zeros.</summary>
    internal static (HashMap<string, Tensor<double>> Params, Rng Next) InitWeightAndBias(
        Variable w, Variable b, bool bias, Func<Shape, Rng, (Tensor<double>, Rng)> weights, Rng rng)
    {
        var (value, next) = Guard.NotNull(weights, "Init")(w.Shape, rng);
        if (value is null || value.Shape != w.Shape)
            throw new ArgumentException($"Init: the weights initializer returned {(value is null ? "null" : $"shape {value.Shape}")} for '{w.Name}' {w.Shape}; it must return a tensor of the shape it is given.", nameof(weights));
        var p = Empty.Add(w.Name, value);
        return (bias ? p.Add(b.Name, Tensor.Zeros<double>(b.Shape)) : p, next);
    }
}
