using System.Numerics;

namespace PureNet;

/// <summary>Tensor constructors. Every factory copies what it is given, so later changes to a source array do not reach the tensor.</summary>
public static partial class Tensor
{
    /// <summary>A rank-0 tensor holding one value.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>A tensor of shape <see cref="Shape.Scalar"/>.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static Tensor<T> Scalar<T>(T value) where T : unmanaged, IFloatingPointIeee754<T> => new(Shape.Scalar, [value]);
    /// <summary>A rank-0 double tensor holding one value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>A tensor of shape <see cref="Shape.Scalar"/>.</returns>
    public static Tensor<double> Scalar(double value) => Scalar<double>(value);

    /// <summary>A tensor of the given shape holding a copy of <paramref name="data"/>, row-major.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="shape">The shape: concrete, with exactly <c>data.Length</c> elements.</param>
    /// <param name="data">The elements, row-major.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException">The element count does not fill the shape, or the shape has a batch axis.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static Tensor<T> FromArray<T>(Shape shape, ReadOnlySpan<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(shape, "FromArray");
        if (!shape.HasBatch && data.Length != shape.SizeFor("FromArray"))
            throw new ShapeException($"FromArray: {data.Length} elements do not fill shape {shape}, which holds {shape.Size}.");
        return new(shape, data.ToArray(), "FromArray");
    }

    /// <summary>A vector holding a copy of <paramref name="data"/>: <c>Tensor.FromArray(1.0, 2.0, 3.0)</c>.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="data">The elements.</param>
    /// <returns>A tensor of shape [data.Length].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static Tensor<T> FromArray<T>(params T[] data) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(new Shape(Guard.NotNull(data, "FromArray").Length), [.. data], "FromArray");

    /// <summary>A matrix from rows of equal length.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="rows">The rows, all of one length.</param>
    /// <returns>A tensor of shape [rows.Length, row length] (0 columns when there is no row).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or one of its rows is null.</exception>
    /// <exception cref="ArgumentException">The rows differ in length.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static Tensor<T> FromRows<T>(params T[][] rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NoNulls(rows, "FromRows");
        var n = rows.Length == 0 ? 0 : rows[0].Length;
        if (rows.Any(r => r.Length != n))
            throw new ArgumentException($"FromRows: rows have lengths {string.Join(", ", rows.Select(r => r.Length))}; all must be equal.", nameof(rows));
        var shape = new Shape(rows.Length, n);
        shape.SizeFor("FromRows");
        return new(shape, [.. rows.SelectMany(r => r)], "FromRows");
    }

    /// <summary>Every element <paramref name="value"/> (NaN and ±∞ included: a value, not a hyperparameter).</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="shape">The shape, concrete.</param>
    /// <param name="value">The value of every element.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException">The shape has a batch axis or is larger than a tensor can hold.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static Tensor<T> Full<T>(Shape shape, T value) where T : unmanaged, IFloatingPointIeee754<T> => Filled(shape, value, "Full");
    /// <summary>Every element 0.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="shape">The shape, concrete.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException">The shape has a batch axis or is larger than a tensor can hold.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static Tensor<T> Zeros<T>(Shape shape) where T : unmanaged, IFloatingPointIeee754<T> => Filled(shape, T.Zero, "Zeros");
    /// <summary>Every element 1.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="shape">The shape, concrete.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException">The shape has a batch axis or is larger than a tensor can hold.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static Tensor<T> Ones<T>(Shape shape) where T : unmanaged, IFloatingPointIeee754<T> => Filled(shape, T.One, "Ones");

    static Tensor<T> Filled<T>(Shape shape, T value, string function) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = new T[Concrete(shape, function)];
        Array.Fill(data, value);
        return new(shape, data, function);
    }

    /// <summary>A bound that must stay finite in T: 1e300 is a double but not a float, and would silently become ∞.</summary>
    static void Representable<T>(double v, string function, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!T.IsFinite(T.CreateSaturating(v)))
            throw new ArgumentException($"{function}: {what} {v:G6} is beyond the range of {typeof(T).Name}; the values would be ±∞.");
    }

    /// <summary>The element count of a shape a tensor can have: non-null, no batch axis, not too large (checked before allocating).</summary>
    static int Concrete(Shape shape, string function)
    {
        Guard.NotNull(shape, function);
        if (shape.HasBatch)
            throw new ShapeException($"{function}: shape {shape} has an open batch dimension (Dim.Batch); a tensor's shape is concrete.");
        return shape.SizeFor(function);
    }

    /// <summary>start, start + step, … below stop (numpy's arange); the count is ⌈(stop − start)/step⌉, or 0.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="start">The first value, finite.</param>
    /// <param name="stop">The bound, excluded; finite.</param>
    /// <param name="step">The step, finite and non-zero (negative counts down).</param>
    /// <returns>A vector.</returns>
    /// <exception cref="ArgumentException">A bound is not finite, the step is 0 or not finite, there are more values than a tensor holds, or a value is beyond <typeparamref name="T"/>'s range.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static Tensor<T> Arange<T>(double start, double stop, double step = 1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.Finite(start, "Arange");
        Guard.Finite(stop, "Arange");
        if (step == 0 || !double.IsFinite(step)) throw new ArgumentException($"Arange: step {step} must be finite and non-zero.", nameof(step));
        var count = Math.Max(0, Math.Ceiling((stop - start) / step));
        if (count > Shape.MaxElements)
            throw new ArgumentException($"Arange: [{start}, {stop}) in steps of {step} has {count:G6} elements, more than one tensor can hold ({Shape.MaxElements:N0}).", nameof(step));
        var n = (int)count;
        if (n > 0)
        {
            Representable<T>(start, "Arange", "start");
            Representable<T>(start + (n - 1) * step, "Arange", "the last value");
        }
        return new(new Shape(n), [.. Enumerable.Range(0, n).Select(i => T.CreateChecked(start + i * step))], "Arange");
    }

    /// <summary>Normal draws with the given mean and standard deviation; returns the generator state after them.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="shape">The shape, concrete.</param>
    /// <param name="rng">The generator state drawn from.</param>
    /// <param name="mean">The mean, finite.</param>
    /// <param name="std">The standard deviation, finite and ≥ 0.</param>
    /// <returns>The tensor and the state to draw from next.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="mean"/> or <paramref name="std"/> is out of range, or draws could overflow <typeparamref name="T"/>.</exception>
    /// <exception cref="ShapeException">The shape has a batch axis or is larger than a tensor can hold.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static (Tensor<T> Value, Rng Next) Normal<T>(Shape shape, Rng rng, double mean = 0, double std = 1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.Finite(mean, "Normal");
        if (!(std >= 0) || double.IsInfinity(std)) throw new ArgumentException($"Normal: std {std} must be finite and ≥ 0.", nameof(std));
        // Box–Muller draws stay within 8.6 standard deviations (53-bit uniforms), so this bound keeps every draw finite in T.
        Representable<T>(Math.Abs(mean) + 9 * std, "Normal", "|mean| + 9·std");
        var (values, next) = rng.Draw(Concrete(shape, "Normal"), r => r.NextNormal());
        return (new(shape, [.. values.Select(v => T.CreateChecked(mean + std * v))], "Normal"), next);
    }

    /// <summary>Uniform draws in [low, high); returns the generator state after them.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="shape">The shape, concrete.</param>
    /// <param name="rng">The generator state drawn from.</param>
    /// <param name="low">The least value.</param>
    /// <param name="high">The bound, ≥ <paramref name="low"/>; high − low finite.</param>
    /// <returns>The tensor and the state to draw from next.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">The range is reversed (high &lt; low) or infinite, or a bound is beyond <typeparamref name="T"/>'s range.</exception>
    /// <exception cref="ShapeException">The shape has a batch axis or is larger than a tensor can hold.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static (Tensor<T> Value, Rng Next) Uniform<T>(Shape shape, Rng rng, double low = 0, double high = 1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(high >= low) || !double.IsFinite(high - low)) throw new ArgumentException($"Uniform: the range [{low}, {high}) must be finite with low ≤ high.", nameof(high));
        Representable<T>(low, "Uniform", "low");
        Representable<T>(high, "Uniform", "high");
        var (values, next) = rng.Draw(Concrete(shape, "Uniform"), r => r.NextDouble());
        return (new(shape, [.. values.Select(v => T.CreateChecked(low + (high - low) * v))], "Uniform"), next);
    }

    /// <summary>Normal draws from a seed, for when the next state is not needed.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="shape">The shape, concrete.</param>
    /// <param name="seed">The seed (<see cref="Rng.FromSeed"/>).</param>
    /// <param name="mean">The mean, finite.</param>
    /// <param name="std">The standard deviation, finite and ≥ 0.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="mean"/> or <paramref name="std"/> is out of range, or draws could overflow <typeparamref name="T"/>.</exception>
    /// <exception cref="ShapeException">The shape has a batch axis or is larger than a tensor can hold.</exception>
    public static Tensor<T> Normal<T>(Shape shape, int seed, double mean = 0, double std = 1) where T : unmanaged, IFloatingPointIeee754<T> =>
        Normal<T>(shape, Rng.FromSeed(seed), mean, std).Value;

    /// <summary>Uniform draws in [low, high) from a seed, for when the next state is not needed.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="shape">The shape, concrete.</param>
    /// <param name="seed">The seed (<see cref="Rng.FromSeed"/>).</param>
    /// <param name="low">The least value.</param>
    /// <param name="high">The bound, ≥ <paramref name="low"/>; high − low finite.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">The range is reversed (high &lt; low) or infinite, or a bound is beyond <typeparamref name="T"/>'s range.</exception>
    /// <exception cref="ShapeException">The shape has a batch axis or is larger than a tensor can hold.</exception>
    public static Tensor<T> Uniform<T>(Shape shape, int seed, double low = 0, double high = 1) where T : unmanaged, IFloatingPointIeee754<T> =>
        Uniform<T>(shape, Rng.FromSeed(seed), low, high).Value;

    /// <summary>The same values in another precision (double → float rounds, and overflows to ±∞).</summary>
    /// <typeparam name="TIn">The source element type.</typeparam>
    /// <typeparam name="TOut">The result's element type.</typeparam>
    /// <param name="x">The tensor converted.</param>
    /// <returns>A tensor of the same shape; <paramref name="x"/> itself when the types are the same.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Tensor<TOut> Cast<TIn, TOut>(Tensor<TIn> x)
        where TIn : unmanaged, IFloatingPointIeee754<TIn> where TOut : unmanaged, IFloatingPointIeee754<TOut>
    {
        Guard.NotNull(x, "Cast");
        if (typeof(TIn) == typeof(TOut)) return (Tensor<TOut>)(object)x;
        var src = x.Span;
        var y = new TOut[src.Length];
        for (var i = 0; i < y.Length; i++) y[i] = TOut.CreateTruncating(src[i]);
        return new(x.Shape, y, "Cast");
    }
}
