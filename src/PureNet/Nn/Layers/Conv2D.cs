using LanguageExt;
using static PureNet.Fn;

namespace PureNet;

/// <summary>
/// 2-D convolution on NCHW: W [Out, In, KH, KW], one bias per output channel; output size (H + 2P − KH)/S + 1.
/// Computed as im2col (<see cref="PatchesOp"/>, which reads the zero padding in place) and one batched matrix product.
/// </summary>
/// <param name="Name">The layer's name, prefixing its variables' names (<c>{Name}.W</c>, <c>{Name}.b</c>).</param>
/// <param name="InChannels">The input's channel count, ≥ 1.</param>
/// <param name="OutChannels">The output's channel count (the number of filters), ≥ 1.</param>
/// <param name="Kernel">The square kernel's side K, ≥ 1.</param>
/// <param name="Stride">The step S between windows, ≥ 1.</param>
/// <param name="Padding">The zeros P added on every side, ≥ 0.</param>
/// <param name="Bias">Whether the layer adds a bias per output channel.</param>
/// <exception cref="ArgumentException"><paramref name="Name"/> is empty, a size is below 1, or <paramref name="Padding"/> is negative (also when changed with <c>with</c>).</exception>
public sealed record Conv2D(string Name, int InChannels, int OutChannels, int Kernel, int Stride = 1, int Padding = 0, bool Bias = true)
{
    // Checked when built and when copied with `with`, so a layer never holds a size it cannot use.
    /// <summary>The layer's name, prefixing its variables' names.</summary>
    public string Name { get; init => field = Params.LayerName("Conv2D", value); } = Params.LayerName("Conv2D", Name);
    /// <summary>The input's channel count, ≥ 1.</summary>
    public int InChannels { get; init => field = Params.Positive($"Conv2D '{Name}'", value, nameof(InChannels)); } = Params.Positive($"Conv2D '{Name}'", InChannels, nameof(InChannels));
    /// <summary>The output's channel count, ≥ 1.</summary>
    public int OutChannels { get; init => field = Params.Positive($"Conv2D '{Name}'", value, nameof(OutChannels)); } = Params.Positive($"Conv2D '{Name}'", OutChannels, nameof(OutChannels));
    /// <summary>The square kernel's side, ≥ 1.</summary>
    public int Kernel { get; init => field = Params.Positive($"Conv2D '{Name}'", value, nameof(Kernel)); } = Params.Positive($"Conv2D '{Name}'", Kernel, nameof(Kernel));
    /// <summary>The step between windows, ≥ 1.</summary>
    public int Stride { get; init => field = Params.Positive($"Conv2D '{Name}'", value, nameof(Stride)); } = Params.Positive($"Conv2D '{Name}'", Stride, nameof(Stride));
    /// <summary>The zeros added on every side, ≥ 0.</summary>
    public int Padding { get; init => field = Params.NonNegative($"Conv2D '{Name}'", value, nameof(Padding)); } = Params.NonNegative($"Conv2D '{Name}'", Padding, nameof(Padding));

    /// <summary>The filters, <c>{Name}.W</c> [OutChannels, InChannels, Kernel, Kernel].</summary>
    public Variable W => Variable($"{Name}.W", OutChannels, InChannels, Kernel, Kernel);
    /// <summary>The bias, <c>{Name}.b</c> [OutChannels] (read only when <see cref="Bias"/> is true).</summary>
    public Variable B => Variable($"{Name}.b", OutChannels);

    /// <summary>The convolution of x [N, InChannels, H, W] (cross-correlation, as in every framework), plus the bias.</summary>
    /// <param name="x">The input, NCHW, only N open.</param>
    /// <returns>[N, OutChannels, (H + 2P − K)/S + 1, (W + 2P − K)/S + 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> is not [N, InChannels, H, W] with only N open.</exception>
    /// <exception cref="ArgumentException">The kernel is larger than the padded input, or the padding makes it larger than a tensor can hold.</exception>
    public Expr Apply(Expr x)
    {
        Guard.NotNull(x, $"Conv2D '{Name}'");
        if (x.Shape.Rank != 4 || x.Shape[1] != InChannels || x.Shape[2] == Dim.Batch || x.Shape[3] == Dim.Batch)
            throw new ShapeException($"Conv2D '{Name}': input {x.Shape} must be [N, {InChannels}, H, W] (NCHW, InChannels = {InChannels}, only N open).");
        if ((long)x.Shape[2] + 2L * Padding > Shape.MaxElements || (long)x.Shape[3] + 2L * Padding > Shape.MaxElements)
            throw new ArgumentException($"Conv2D '{Name}': Padding {Padding} makes the input {x.Shape} larger than a tensor can hold.", nameof(Padding));
        if (x.Shape[2] + 2 * Padding < Kernel || x.Shape[3] + 2 * Padding < Kernel)
            throw new ArgumentException($"Conv2D '{Name}': Kernel {Kernel} is larger than the padded input {x.Shape[2] + 2 * Padding}×{x.Shape[3] + 2 * Padding}; it must fit.", nameof(Kernel));
        var cols = Patches(x, Kernel, Kernel, Stride, Stride, Padding, Padding);   // [N, C, K, K, OH, OW], zeros read in place
        var (oh, ow) = (cols.Shape[4], cols.Shape[5]);
        var flat = Reshape(cols, x.Shape[0], InChannels * Kernel * Kernel, oh * ow);
        var y = MatMul(Reshape(W, OutChannels, InChannels * Kernel * Kernel), flat); // [N, F, OH·OW]
        var image = Reshape(y, x.Shape[0], OutChannels, oh, ow);
        return Bias ? image + Reshape(B, OutChannels, 1, 1) : image;
    }

    /// <summary>The trained parameters: W, and B when the layer has a bias.</summary>
    public Seq<Variable> Parameters => Params.WeightAndBias(W, B, Bias);

    /// <summary>W by He-normal (fan-in = In·K·K), b zeros.</summary>
    /// <param name="rng">The generator state.</param>
    /// <returns>The parameters' values by variable name, and the state after the draws.</returns>
    public (HashMap<string, Tensor<double>> Params, Rng Next) Init(Rng rng) =>
        PureNet.Params.InitWeightAndBias(W, B, Bias, PureNet.Init.HeNormal, rng);
}
