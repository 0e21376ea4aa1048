using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>A model's parameters (and state such as running averages): variable name → value.</summary>
public static class Params
{
    public static HashMap<string, Tensor<double>> Empty => HashMap<string, Tensor<double>>.Empty;
}

/// <summary>An affine layer y = x·W + b, W of shape [In, Out]. Parameters are variables named "{Name}.W" and "{Name}.b".</summary>
public sealed record Dense(string Name, int In, int Out, bool Bias = true)
{
    public Variable W { get; } = Variable($"{Name}.W", Check(In, nameof(In)), Check(Out, nameof(Out)));
    public Variable B { get; } = Variable($"{Name}.b", Out);

    public Expr Apply(Expr x) => Bias ? MatMul(x, W) + B : MatMul(x, W);

    public Seq<Variable> Parameters => Bias ? Seq(W, B) : Seq1(W);

    /// <summary>W by Xavier-normal (or the given initializer), b zeros.</summary>
    public (HashMap<string, Tensor<double>> Params, Rng Next) Init(Rng rng, Func<Shape, Rng, (Tensor<double>, Rng)>? weights = null)
    {
        var (w, next) = (weights ?? ((s, r) => PureNet.Init.XavierNormal(s, r)))(W.Shape, rng);
        var p = Params.Empty.Add(W.Name, w);
        return (Bias ? p.Add(B.Name, Tensor.Zeros<double>(B.Shape)) : p, next);
    }

    internal static int Check(int n, string name) =>
        n >= 1 ? n : throw new ArgumentException($"Dense: {name} {n} must be ≥ 1.", name);

    static Seq<Variable> Seq(params Variable[] vs) => LanguageExt.Prelude.toSeq(vs).Strict();
    static Seq<Variable> Seq1(Variable v) => LanguageExt.Prelude.Seq1(v);
}
