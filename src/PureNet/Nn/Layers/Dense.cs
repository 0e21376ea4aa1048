using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>An affine layer y = x·W + b, W of shape [In, Out]. Parameters are variables named "{Name}.W" and "{Name}.b".</summary>
public sealed record Dense(string Name, int In, int Out, bool Bias = true)
{
    // Checked when built and when copied with `with`, so a layer never holds a size it cannot use.
    public string Name { get; init => field = Params.LayerName("Dense", value); } = Params.LayerName("Dense", Name);
    public int In { get; init => field = Params.Positive($"Dense '{Name}'", value, nameof(In)); } = Params.Positive($"Dense '{Name}'", In, nameof(In));
    public int Out { get; init => field = Params.Positive($"Dense '{Name}'", value, nameof(Out)); } = Params.Positive($"Dense '{Name}'", Out, nameof(Out));

    public Variable W => Variable($"{Name}.W", In, Out);
    public Variable B => Variable($"{Name}.b", Out);

    /// <summary>x [..., In] ↦ x·W + b, [..., Out].</summary>
    public Expr Apply(Expr x)
    {
        Guard.Rank(x, $"Dense '{Name}'", 1);
        if (x.Shape[^1] != In)
            throw new ShapeException($"Dense '{Name}': input {x.Shape} must end in In = {In} features (x·W with W {W.Shape}); its last axis is {(x.Shape[^1] == Dim.Batch ? "Batch" : x.Shape[^1])}.");
        return Bias ? MatMul(x, W) + B : MatMul(x, W);
    }

    public Seq<Variable> Parameters => Params.WeightAndBias(W, B, Bias);

    /// <summary>W by Xavier-normal (or the given initializer), b zeros.</summary>
    public (HashMap<string, Tensor<double>> Params, Rng Next) Init(Rng rng, Func<Shape, Rng, (Tensor<double>, Rng)>? weights = null) =>
        PureNet.Params.InitWeightAndBias(W, B, Bias, weights ?? ((s, r) => PureNet.Init.XavierNormal(s, r)), rng);
}
