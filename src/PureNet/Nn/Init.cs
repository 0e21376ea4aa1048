using LanguageExt;

namespace PureNet;

/// <summary>Fan-in and fan-out of a weight shape: [in, out] for dense, [out, in, kh, kw] for convolution.</summary>
/// <param name="In">The inputs each output reads (in, or in·kh·kw for a convolution).</param>
/// <param name="Out">The outputs each input reaches (out, or out·kh·kw for a convolution).</param>
public readonly record struct Fans(int In, int Out)
{
    /// <summary>The fans of a weight shape: [in, out], [out, in, kh, kw], or [n] (fans n and n).</summary>
    /// <param name="w">The weight's shape, concrete.</param>
    /// <returns>The fans.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="w"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="w"/> has the batch axis.</exception>
    /// <exception cref="ArgumentException"><paramref name="w"/> has rank 0 or 3, or above 4.</exception>
    public static Fans Of(Shape w) => Of(w, "Fans.Of");

    internal static Fans Of(Shape w, string initializer)
    {
        Guard.NotNull(w, initializer);
        if (w.HasBatch) throw new ShapeException($"{initializer}: weight shape {w} has an open batch dimension; a weight's shape is concrete.");
        return w.Rank switch
        {
            2 => new(w[0], w[1]),
            4 => new(w[1] * w[2] * w[3], w[0] * w[2] * w[3]),
            1 => new(w[0], w[0]),
            _ => throw new ArgumentException($"{initializer}: cannot tell fans of weight shape {w} (rank {w.Rank}); use [in, out], [out, in, kh, kw] or [n].", nameof(w)),
        };
    }
}

/// <summary>
/// Weight initializers: pure functions of a shape and a generator state, returning the next state. A shape with no
/// elements gives an empty tensor and the state unchanged (there is nothing to draw, and its fans may be 0).
/// </summary>
public static class Init
{
    /// <summary>All zeros (a bias's start); draws nothing.</summary>
    /// <param name="shape">The tensor's shape, concrete.</param>
    /// <param name="rng">The generator state, returned unchanged.</param>
    /// <returns>The zeros and <paramref name="rng"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="shape"/> has the batch axis or more elements than a tensor holds.</exception>
    public static (Tensor<double> Value, Rng Next) Zeros(Shape shape, Rng rng) => (Tensor.Zeros<double>(shape), rng);
    /// <summary>Every element <paramref name="value"/>; draws nothing.</summary>
    /// <param name="shape">The tensor's shape, concrete.</param>
    /// <param name="value">The value, finite.</param>
    /// <param name="rng">The generator state, returned unchanged.</param>
    /// <returns>The filled tensor and <paramref name="rng"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or infinite.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="shape"/> has the batch axis or more elements than a tensor holds.</exception>
    public static (Tensor<double> Value, Rng Next) Constant(Shape shape, double value, Rng rng) => (Tensor.Full(shape, Guard.Finite(value, "Init.Constant")), rng);

    /// <summary>N(0, std²), e.g. std = 0.01 for the classic "small random" start.</summary>
    /// <param name="shape">The tensor's shape, concrete.</param>
    /// <param name="std">The standard deviation, finite and ≥ 0.</param>
    /// <param name="rng">The generator state.</param>
    /// <returns>The drawn tensor and the state after the draws.</returns>
    /// <exception cref="ArgumentException"><paramref name="std"/> is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="shape"/> has the batch axis or more elements than a tensor holds.</exception>
    public static (Tensor<double> Value, Rng Next) Normal(Shape shape, double std, Rng rng)
    {
        if (!(std >= 0) || double.IsInfinity(std)) throw new ArgumentException($"Init.Normal: std {std} must be finite and ≥ 0.", nameof(std));
        return Tensor.Normal<double>(shape, rng, 0, std);
    }

    /// <summary>Xavier/Glorot normal, Var = 2/(n_in + n_out) (fan-average); with <paramref name="fanInOnly"/>, Var = 1/n_in.</summary>
    /// <param name="shape">The weight's shape: [in, out], [out, in, kh, kw] or [n].</param>
    /// <param name="rng">The generator state.</param>
    /// <param name="fanInOnly">True for LeCun's fan-in variance 1/n_in.</param>
    /// <returns>The drawn tensor and the state after the draws.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="shape"/> has the batch axis or more elements than a tensor holds.</exception>
    /// <exception cref="ArgumentException">The fans of <paramref name="shape"/> cannot be told (rank 0, 3 or above 4).</exception>
    public static (Tensor<double> Value, Rng Next) XavierNormal(Shape shape, Rng rng, bool fanInOnly = false) =>
        Drawn(shape, rng, "XavierNormal", (f, r) => Tensor.Normal<double>(shape, r, 0, Math.Sqrt(fanInOnly ? 1.0 / f.In : 2.0 / (f.In + f.Out))));

    /// <summary>Xavier/Glorot uniform on ±√(6/(n_in + n_out)) (fan-average) or ±√(3/n_in) (fan-in): the same variances as the normal forms.</summary>
    /// <param name="shape">The weight's shape: [in, out], [out, in, kh, kw] or [n].</param>
    /// <param name="rng">The generator state.</param>
    /// <param name="fanInOnly">True for the fan-in bound ±√(3/n_in).</param>
    /// <returns>The drawn tensor and the state after the draws.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="shape"/> has the batch axis or more elements than a tensor holds.</exception>
    /// <exception cref="ArgumentException">The fans of <paramref name="shape"/> cannot be told (rank 0, 3 or above 4).</exception>
    public static (Tensor<double> Value, Rng Next) XavierUniform(Shape shape, Rng rng, bool fanInOnly = false) =>
        Drawn(shape, rng, "XavierUniform", (f, r) =>
        {
            var a = Math.Sqrt(fanInOnly ? 3.0 / f.In : 6.0 / (f.In + f.Out));
            return Tensor.Uniform<double>(shape, r, -a, a);
        });

    /// <summary>The "standard" initialization U(−1/√n_in, 1/√n_in) (Var = 1/(3 n_in)), the classic default before Xavier.</summary>
    /// <param name="shape">The weight's shape: [in, out], [out, in, kh, kw] or [n].</param>
    /// <param name="rng">The generator state.</param>
    /// <returns>The drawn tensor and the state after the draws.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="shape"/> has the batch axis or more elements than a tensor holds.</exception>
    /// <exception cref="ArgumentException">The fans of <paramref name="shape"/> cannot be told (rank 0, 3 or above 4).</exception>
    public static (Tensor<double> Value, Rng Next) Standard(Shape shape, Rng rng) =>
        Drawn(shape, rng, "Standard", (f, r) => Tensor.Uniform<double>(shape, r, -1 / Math.Sqrt(f.In), 1 / Math.Sqrt(f.In)));

    /// <summary>He/Kaiming normal, Var = 2/n_in: keeps ReLU activations' variance from layer to layer.</summary>
    /// <param name="shape">The weight's shape: [in, out], [out, in, kh, kw] or [n].</param>
    /// <param name="rng">The generator state.</param>
    /// <returns>The drawn tensor and the state after the draws.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="shape"/> has the batch axis or more elements than a tensor holds.</exception>
    /// <exception cref="ArgumentException">The fans of <paramref name="shape"/> cannot be told (rank 0, 3 or above 4).</exception>
    public static (Tensor<double> Value, Rng Next) HeNormal(Shape shape, Rng rng) =>
        Drawn(shape, rng, "HeNormal", (f, r) => Tensor.Normal<double>(shape, r, 0, Math.Sqrt(2.0 / f.In)));

    /// <summary>Fans checked (naming the initializer) before drawing; an empty shape draws nothing.</summary>
    static (Tensor<double>, Rng) Drawn(Shape shape, Rng rng, string initializer, Func<Fans, Rng, (Tensor<double>, Rng)> draw)
    {
        var fans = Fans.Of(shape, initializer);
        return shape.SizeFor(initializer) == 0 ? (Tensor.Zeros<double>(shape), rng) : draw(fans, rng);
    }
}
