using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>A simple recurrent cell h_t = φ(h_{t−1}·W_h + x_t·W_x + b), unrolled over a sequence.</summary>
public sealed record RnnCell(string Name, int Input, int Hidden)
{
    // Checked when built and when copied with `with`, so a layer never holds a size it cannot use.
    public string Name { get; init => field = Params.LayerName("RnnCell", value); } = Params.LayerName("RnnCell", Name);
    public int Input { get; init => field = Params.Positive("RnnCell", value, nameof(Input)); } = Params.Positive("RnnCell", Input, nameof(Input));
    public int Hidden { get; init => field = Params.Positive("RnnCell", value, nameof(Hidden)); } = Params.Positive("RnnCell", Hidden, nameof(Hidden));

    public Variable Wx => Variable($"{Name}.Wx", Input, Hidden);
    public Variable Wh => Variable($"{Name}.Wh", Hidden, Hidden);
    public Variable B => Variable($"{Name}.b", Hidden);

    public Seq<Variable> Parameters => LanguageExt.Prelude.Seq(Wx, Wh, B);

    public Expr Step(Expr h, Expr x, Func<Expr, Expr>? phi = null) => (phi ?? Tanh)(MatMul(h, Wh) + MatMul(x, Wx) + B);

    /// <summary>Runs over xs [N, T, Input] from h0 [N, Hidden]; returns every hidden state, [N, T, Hidden].</summary>
    public Expr Unroll(Expr xs, Expr h0, Func<Expr, Expr>? phi = null)
    {
        if (xs.Shape.Rank != 3 || xs.Shape[2] != Input)
            throw new ShapeException($"RnnCell '{Name}': sequence {xs.Shape} must be [N, T, {Input}].");
        var h = h0;
        var states = new List<Expr>();
        for (var t = 0; t < xs.Shape[1]; t++)
        {
            h = Step(h, Squeeze(Slice(xs, 1, t, 1), 1), phi);
            states.Add(h);
        }
        return Stack(1, [.. states]);
    }

    /// <summary>W_x Xavier-normal, W_h Xavier-normal, b zeros.</summary>
    public (HashMap<string, Tensor<double>> Params, Rng Next) Init(Rng rng)
    {
        var (wx, r1) = PureNet.Init.XavierNormal(Wx.Shape, rng);
        var (wh, r2) = PureNet.Init.XavierNormal(Wh.Shape, r1);
        return (Params.Empty.Add(Wx.Name, wx).Add(Wh.Name, wh).Add(B.Name, Tensor.Zeros<double>(B.Shape)), r2);
    }
}
