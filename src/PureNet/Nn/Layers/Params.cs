using LanguageExt;

namespace PureNet;

/// <summary>A model's parameters (and state such as running averages): variable name → value; and what layers share about them.</summary>
public static class Params
{
    /// <summary>No parameters: the start of a map built with <c>Add</c>.</summary>
    public static HashMap<string, Tensor<double>> Empty => HashMap<string, Tensor<double>>.Empty;

    /// <summary>A layer size that must be ≥ 1; the error names the layer, the parameter and the value.</summary>
    internal static int Positive(string layer, int n, string name) =>
        n >= 1 ? n : throw new ArgumentException($"{layer}: {name} {n} must be ≥ 1.", name);

    /// <summary>A size that must be ≥ 0 (e.g. padding).</summary>
    internal static int NonNegative(string layer, int n, string name) =>
        n >= 0 ? n : throw new ArgumentException($"{layer}: {name} {n} must be ≥ 0.", name);

    /// <summary>A real hyperparameter that must be finite and &gt; 0 (e.g. ε).</summary>
    internal static double PositiveReal(string layer, double v, string name) =>
        double.IsFinite(v) && v > 0 ? v : throw new ArgumentException($"{layer}: {name} {v} must be finite and > 0.", name);

    /// <summary>A real hyperparameter within [lo, hi] (NaN is outside).</summary>
    internal static double InRange(string layer, double v, string name, double lo, double hi) =>
        v >= lo && v <= hi ? v : throw new ArgumentException($"{layer}: {name} {v} is outside [{lo}, {hi}].", name);

    /// <summary>A layer's name, which prefixes its variables' names: not null, empty or blank.</summary>
    internal static string LayerName(string layer, string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? throw new ArgumentException($"{layer}: Name '{name}' must be a non-empty name (it prefixes the layer's variable names).", nameof(name))
            : name;

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
