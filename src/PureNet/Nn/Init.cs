using LanguageExt;

namespace PureNet;

/// <summary>Fan-in and fan-out of a weight shape: [in, out] for dense, [out, in, kh, kw] for convolution.</summary>
public readonly record struct Fans(int In, int Out)
{
    public static Fans Of(Shape w) => w.Rank switch
    {
        2 => new(w[0], w[1]),
        4 => new(w[1] * w[2] * w[3], w[0] * w[2] * w[3]),
        1 => new(w[0], w[0]),
        _ => throw new ArgumentException($"Init: cannot tell fans of weight shape {w}; use [in, out] or [out, in, kh, kw].", nameof(w)),
    };
}

/// <summary>Weight initializers: pure functions of a shape and a generator state, returning the next state.</summary>
public static class Init
{
    public static (Tensor<double> Value, Rng Next) Zeros(Shape shape, Rng rng) => (Tensor.Zeros<double>(shape), rng);
    public static (Tensor<double> Value, Rng Next) Constant(Shape shape, double value, Rng rng) => (Tensor.Full(shape, value), rng);

    /// <summary>N(0, std²), e.g. std = 0.01 for the classic "small random" start.</summary>
    public static (Tensor<double> Value, Rng Next) Normal(Shape shape, double std, Rng rng) => Tensor.Normal<double>(shape, rng, 0, Positive(std, nameof(std)));

    /// <summary>Xavier/Glorot normal, Var = 2/(n_in + n_out) (fan-average); with <paramref name="fanInOnly"/>, Var = 1/n_in.</summary>
    public static (Tensor<double> Value, Rng Next) XavierNormal(Shape shape, Rng rng, bool fanInOnly = false)
    {
        var f = Fans.Of(shape);
        return Tensor.Normal<double>(shape, rng, 0, Math.Sqrt(fanInOnly ? 1.0 / f.In : 2.0 / (f.In + f.Out)));
    }

    /// <summary>Xavier/Glorot uniform on ±√(6/(n_in + n_out)) (fan-average) or ±√(3/n_in) (fan-in): the same variances as the normal forms.</summary>
    public static (Tensor<double> Value, Rng Next) XavierUniform(Shape shape, Rng rng, bool fanInOnly = false)
    {
        var f = Fans.Of(shape);
        var a = Math.Sqrt(fanInOnly ? 3.0 / f.In : 6.0 / (f.In + f.Out));
        return Tensor.Uniform<double>(shape, rng, -a, a);
    }

    /// <summary>He/Kaiming normal, Var = 2/n_in: keeps ReLU activations' variance from layer to layer.</summary>
    public static (Tensor<double> Value, Rng Next) HeNormal(Shape shape, Rng rng) =>
        Tensor.Normal<double>(shape, rng, 0, Math.Sqrt(2.0 / Fans.Of(shape).In));

    static double Positive(double v, string name) =>
        v >= 0 && double.IsFinite(v) ? v : throw new ArgumentException($"Init: {name} {v} must be finite and ≥ 0.", name);
}
