using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>A simple recurrent cell h_t = φ(h_{t−1}·W_h + x_t·W_x + b), unrolled over a sequence.</summary>
/// <param name="Name">The cell's name, prefixing its variables' names.</param>
/// <param name="Input">The input features per step, ≥ 1.</param>
/// <param name="Hidden">The state's size, ≥ 1.</param>
/// <exception cref="ArgumentException"><paramref name="Name"/> is empty, or <paramref name="Input"/> or <paramref name="Hidden"/> is below 1 (also when changed with <c>with</c>).</exception>
public sealed record RnnCell(string Name, int Input, int Hidden)
{
    // Checked when built and when copied with `with`, so a layer never holds a size it cannot use.
    /// <summary>The cell's name, prefixing its variables' names.</summary>
    public string Name { get; init => field = Params.LayerName("RnnCell", value); } = Params.LayerName("RnnCell", Name);
    /// <summary>The input features per step, ≥ 1.</summary>
    public int Input { get; init => field = Params.Positive($"RnnCell '{Name}'", value, nameof(Input)); } = Params.Positive($"RnnCell '{Name}'", Input, nameof(Input));
    /// <summary>The state's size, ≥ 1.</summary>
    public int Hidden { get; init => field = Params.Positive($"RnnCell '{Name}'", value, nameof(Hidden)); } = Params.Positive($"RnnCell '{Name}'", Hidden, nameof(Hidden));

    /// <summary>The input weight W_x, <c>{Name}.Wx</c> [Input, Hidden].</summary>
    public Variable Wx => Variable($"{Name}.Wx", Input, Hidden);
    /// <summary>The recurrent weight W_h, <c>{Name}.Wh</c> [Hidden, Hidden].</summary>
    public Variable Wh => Variable($"{Name}.Wh", Hidden, Hidden);
    /// <summary>The bias, <c>{Name}.b</c> [Hidden].</summary>
    public Variable B => Variable($"{Name}.b", Hidden);

    /// <summary>The trained parameters: W_x, W_h and b.</summary>
    public Seq<Variable> Parameters => LanguageExt.Prelude.Seq(Wx, Wh, B);

    /// <summary>One step from h [N, Hidden] and x [N, Input] to the next h [N, Hidden].</summary>
    /// <param name="h">The state h_{t−1} [N, Hidden] (or [1, Hidden], broadcast over the batch).</param>
    /// <param name="x">The input x_t [N, Input] (or [1, Input]).</param>
    /// <param name="phi">The activation φ; null for tanh.</param>
    /// <returns>The next state h_t [N, Hidden].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="h"/> or <paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException">h or x is not of rank 2, their feature sizes are not Hidden and Input, or their batch sizes differ.</exception>
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
    /// <param name="xs">The sequence [N, T, Input], T concrete.</param>
    /// <param name="h0">The initial state [N, Hidden] (or [1, Hidden]).</param>
    /// <param name="phi">The activation φ; null for tanh.</param>
    /// <returns>The states h_1 … h_T stacked on axis 1: [N, T, Hidden].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xs"/> or <paramref name="h0"/> is null.</exception>
    /// <exception cref="ShapeException">xs is not [N, T, Input] with T concrete, or h0 is not [N, Hidden].</exception>
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
    /// <param name="rng">The generator state.</param>
    /// <returns>The parameters' values by variable name, and the state after the draws.</returns>
    public (HashMap<string, Tensor<double>> Params, Rng Next) Init(Rng rng)
    {
        var (wx, r1) = PureNet.Init.XavierNormal(Wx.Shape, rng);
        var (wh, r2) = PureNet.Init.XavierNormal(Wh.Shape, r1);
        return (Params.Empty.Add(Wx.Name, wx).Add(Wh.Name, wh).Add(B.Name, Tensor.Zeros<double>(B.Shape)), r2);
    }
}
