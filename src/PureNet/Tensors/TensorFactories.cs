using System.Numerics;

namespace PureNet;

/// <summary>Tensor constructors. Every factory copies what it is given, so later changes to a source array do not reach the tensor.</summary>
public static partial class Tensor
{
    public static Tensor<T> Scalar<T>(T value) where T : unmanaged, IFloatingPointIeee754<T> => new(Shape.Scalar, [value]);
    public static Tensor<double> Scalar(double value) => Scalar<double>(value);

    public static Tensor<T> FromArray<T>(Shape shape, ReadOnlySpan<T> data) where T : unmanaged, IFloatingPointIeee754<T> => new(shape, data.ToArray());
    public static Tensor<T> FromArray<T>(params T[] data) where T : unmanaged, IFloatingPointIeee754<T> => new(new Shape(data.Length), [.. data]);

    /// <summary>A matrix from rows of equal length.</summary>
    public static Tensor<T> FromRows<T>(params T[][] rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = rows.Length == 0 ? 0 : rows[0].Length;
        if (rows.Any(r => r.Length != n))
            throw new ArgumentException($"FromRows: rows have lengths {string.Join(", ", rows.Select(r => r.Length))}; all must be equal.", nameof(rows));
        return new(new Shape(rows.Length, n), [.. rows.SelectMany(r => r)]);
    }

    public static Tensor<T> Full<T>(Shape shape, T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = new T[shape.Size];
        Array.Fill(data, value);
        return new(shape, data);
    }
    public static Tensor<T> Zeros<T>(Shape shape) where T : unmanaged, IFloatingPointIeee754<T> => Full(shape, T.Zero);
    public static Tensor<T> Ones<T>(Shape shape) where T : unmanaged, IFloatingPointIeee754<T> => Full(shape, T.One);

    /// <summary>start, start + step, … below stop (numpy's arange).</summary>
    public static Tensor<T> Arange<T>(double start, double stop, double step = 1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (step == 0 || double.IsNaN(step)) throw new ArgumentException($"Arange: step {step} must be non-zero.", nameof(step));
        var n = Math.Max(0, (int)Math.Ceiling((stop - start) / step));
        return new(new Shape(n), [.. Enumerable.Range(0, n).Select(i => T.CreateChecked(start + i * step))]);
    }

    /// <summary>Normal draws with the given mean and standard deviation; returns the generator state after them.</summary>
    public static (Tensor<T> Value, Rng Next) Normal<T>(Shape shape, Rng rng, double mean = 0, double std = 1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(std >= 0) || double.IsInfinity(std)) throw new ArgumentException($"Normal: std {std} must be finite and ≥ 0.", nameof(std));
        var (values, next) = rng.Draw(shape.Size, r => r.NextNormal());
        return (new(shape, [.. values.Select(v => T.CreateChecked(mean + std * v))]), next);
    }

    /// <summary>Uniform draws in [low, high); returns the generator state after them.</summary>
    public static (Tensor<T> Value, Rng Next) Uniform<T>(Shape shape, Rng rng, double low = 0, double high = 1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(high >= low) || double.IsInfinity(high - low)) throw new ArgumentException($"Uniform: the range [{low}, {high}) must be finite with low ≤ high.", nameof(high));
        var (values, next) = rng.Draw(shape.Size, r => r.NextDouble());
        return (new(shape, [.. values.Select(v => T.CreateChecked(low + (high - low) * v))]), next);
    }

    /// <summary>Normal draws from a seed, for when the next state is not needed.</summary>
    public static Tensor<T> Normal<T>(Shape shape, int seed, double mean = 0, double std = 1) where T : unmanaged, IFloatingPointIeee754<T> =>
        Normal<T>(shape, Rng.FromSeed(seed), mean, std).Value;

    public static Tensor<T> Uniform<T>(Shape shape, int seed, double low = 0, double high = 1) where T : unmanaged, IFloatingPointIeee754<T> =>
        Uniform<T>(shape, Rng.FromSeed(seed), low, high).Value;

    /// <summary>The same values in another precision.</summary>
    public static Tensor<TOut> Cast<TIn, TOut>(Tensor<TIn> x)
        where TIn : unmanaged, IFloatingPointIeee754<TIn> where TOut : unmanaged, IFloatingPointIeee754<TOut>
    {
        if (typeof(TIn) == typeof(TOut)) return (Tensor<TOut>)(object)x;
        var src = x.Span;
        var y = new TOut[src.Length];
        for (var i = 0; i < y.Length; i++) y[i] = TOut.CreateTruncating(src[i]);
        return new(x.Shape, y);
    }
}
