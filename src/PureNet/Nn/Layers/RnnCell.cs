using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>A simple recurrent cell h_t = φ(h_{t−1}·W_h + x_t·W_x + b), unrolled over a sequence.</summary>
public sealed record RnnCell(string Name, int Input, int Hidden)
{
    // Checked when built and when copied with `with`, so a layer never holds a size it cannot use.
    public string Name { get; init => field = Params.LayerName("RnnCell", value); } = Params.LayerName("RnnCell", Name);
    public int Input { get; init => field = Params.Positive($"RnnCell '{Name}'", value, nameof(Input)); } = Params.Positive($"RnnCell '{Name}'", Input, nameof(Input));
    public int Hidden { get; init => field = Params.Positive($"RnnCell '{Name}'", value, nameof(Hidden)); } = Params.Positive($"RnnCell '{Name}'", Hidden, nameof(Hidden));

    public Variable Wx => Variable($"{Name}.Wx", Input, Hidden);
    public Variable Wh => Variable($"{Name}.Wh", Hidden, Hidden);
    public Variable B => Variable($"{Name}.b", Hidden);

    public Seq<Variable> Parameters => LanguageExt.Prelude.Seq(Wx, Wh, B);

    /// <summary>One step from h [N, Hidden] and x [N, Input] to the next h [N, Hidden].</summary>
    public Expr Step(Expr h, Expr x, Func<Expr, Expr>? phi = null)
    {
        var cell = $"RnnCell '{Name}'";
        Guard.Rank(h, cell, 2, 2);
        Guard.Rank(x, cell, 2, 2);
        if (h.Shape[1] != Hidden || x.Shape[1] != Input || (h.Shape[0] != x.Shape[0] && h.Shape[0] != 1 && x.Shape[0] != 1))
            throw new ShapeException($"{cell}: state h {h.Shape} and input x {x.Shape} must be [N, {Hidden}] and [N, {Input}] (Hidden = {Hidden}, Input = {Input}).");
        return (phi ?? Tanh)(MatMul(h, Wh) + MatMul(x, Wx) + B);
    }

    /// <summary>Runs over xs [N, T, Input] from h0 [N, Hidden]; returns every hidden state, [N, T, Hidden] (T = 0 gives an empty [N, 0, Hidden]).</summary>
    public Expr Unroll(Expr xs, Expr h0, Func<Expr, Expr>? phi = null)
    {
        var cell = $"RnnCell '{Name}'";
        Guard.Rank(xs, cell, 3, 3);
        Guard.Rank(h0, cell, 2, 2);
        if (xs.Shape[2] != Input || xs.Shape[1] == Dim.Batch)
            throw new ShapeException($"{cell}: sequence {xs.Shape} must be [N, T, {Input}] with a concrete length T.");
        if (h0.Shape[1] != Hidden || (h0.Shape[0] != xs.Shape[0] && h0.Shape[0] != 1))
            throw new ShapeException($"{cell}: initial state h0 {h0.Shape} must be [N, {Hidden}] for the sequence {xs.Shape} (N = {xs.Shape[0]}, Hidden = {Hidden}).");
        if (xs.Shape[1] == 0) return Zeros(new Shape(xs.Shape[0], 0, Hidden));
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
