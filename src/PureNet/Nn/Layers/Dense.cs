using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>An affine layer y = x·W + b, W of shape [In, Out]. Parameters are variables named "{Name}.W" and "{Name}.b".</summary>
/// <param name="Name">The layer's name, prefixing its variables' names.</param>
/// <param name="In">The input features, ≥ 1.</param>
/// <param name="Out">The output features, ≥ 1.</param>
/// <param name="Bias">Whether the layer adds a bias.</param>
/// <exception cref="ArgumentException"><paramref name="Name"/> is empty, or <paramref name="In"/> or <paramref name="Out"/> is below 1 (also when changed with <c>with</c>).</exception>
/// <example>
/// <code>
/// var x = Variable("x", Dim.Batch, 784);
/// var (l1, l2) = (new Dense("l1", 784, 128), new Dense("l2", 128, 10));
/// var logits = l2.Apply(Activations.Relu(l1.Apply(x)));                  // [Batch, 10]
/// var (p1, rng) = l1.Init(Rng.FromSeed(1));
/// var parameters = ParamTrees.Union&lt;double&gt;(p1, l2.Init(rng).Params);  // l1.W, l1.b, l2.W, l2.b
/// </code>
/// </example>
public sealed record Dense(string Name, int In, int Out, bool Bias = true)
{
    // Checked when built and when copied with `with`, so a layer never holds a size it cannot use.
    /// <summary>The layer's name, prefixing its variables' names.</summary>
    public string Name { get; init => field = Params.LayerName("Dense", value); } = Params.LayerName("Dense", Name);
    /// <summary>The input features, ≥ 1.</summary>
    public int In { get; init => field = Params.Positive($"Dense '{Name}'", value, nameof(In)); } = Params.Positive($"Dense '{Name}'", In, nameof(In));
    /// <summary>The output features, ≥ 1.</summary>
    public int Out { get; init => field = Params.Positive($"Dense '{Name}'", value, nameof(Out)); } = Params.Positive($"Dense '{Name}'", Out, nameof(Out));

    /// <summary>The weight, <c>{Name}.W</c> [In, Out].</summary>
    public Variable W => Variable($"{Name}.W", In, Out);
    /// <summary>The bias, <c>{Name}.b</c> [Out] (read only when <see cref="Bias"/> is true).</summary>
    public Variable B => Variable($"{Name}.b", Out);

    /// <summary>x [..., In] ↦ x·W + b, [..., Out].</summary>
    /// <param name="x">The input, its last axis of size In.</param>
    /// <returns>The output, shaped like x with the last axis Out.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> has rank 0 or its last axis is not In.</exception>
    public Expr Apply(Expr x)
    {
        Guard.Rank(x, $"Dense '{Name}'", 1);
        if (x.Shape[^1] != In)
            throw new ShapeException($"Dense '{Name}': input {x.Shape} must end in In = {In} features (x·W with W {W.Shape}); its last axis is {(x.Shape[^1] == Dim.Batch ? "Batch" : x.Shape[^1])}.");
        return Bias ? MatMul(x, W) + B : MatMul(x, W);
    }

    /// <summary>The trained parameters: W, and B when the layer has a bias.</summary>
    public Seq<Variable> Parameters => Params.WeightAndBias(W, B, Bias);

    /// <summary>W by Xavier-normal (or the given initializer), b zeros.</summary>
    /// <param name="rng">The generator state.</param>
    /// <param name="weights">The weight's initializer (<see cref="Init.HeNormal"/>, …); null for <see cref="Init.XavierNormal"/>.</param>
    /// <returns>The parameters' values by variable name, and the state after the draws.</returns>
    /// <exception cref="ArgumentException">The initializer returned null or a tensor of another shape.</exception>
    public (HashMap<string, Tensor<double>> Params, Rng Next) Init(Rng rng, Func<Shape, Rng, (Tensor<double>, Rng)>? weights = null) =>
        PureNet.Params.InitWeightAndBias(W, B, Bias, weights ?? ((s, r) => PureNet.Init.XavierNormal(s, r)), rng);
}
