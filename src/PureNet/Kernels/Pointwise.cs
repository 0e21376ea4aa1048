using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>
/// The one kernel of each elementwise op. Ops call these from <c>Eval</c> and eager <see cref="Tensor"/> math calls
/// them directly, so both share shape rules, broadcasting and arithmetic without an expression in between.
/// </summary>
internal static class Pointwise
{
    public static Tensor<T> Add<T>(Tensor<T> a, Tensor<T> b, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Binary(a, b, TensorPrimitives.Add, "add", allocate);
    public static Tensor<T> Sub<T>(Tensor<T> a, Tensor<T> b, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Binary(a, b, TensorPrimitives.Subtract, "sub", allocate);
    public static Tensor<T> Mul<T>(Tensor<T> a, Tensor<T> b, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Binary(a, b, TensorPrimitives.Multiply, "mul", allocate);
    public static Tensor<T> Div<T>(Tensor<T> a, Tensor<T> b, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Binary(a, b, TensorPrimitives.Divide, "div", allocate);
    public static Tensor<T> Pow<T>(Tensor<T> a, Tensor<T> b, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Binary(a, b, TensorPrimitives.Pow, "pow", allocate);
    public static Tensor<T> Maximum<T>(Tensor<T> a, Tensor<T> b, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Binary(a, b, TensorPrimitives.Max, "maximum", allocate);
    public static Tensor<T> Minimum<T>(Tensor<T> a, Tensor<T> b, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Binary(a, b, TensorPrimitives.Min, "minimum", allocate);

    public static Tensor<T> Neg<T>(Tensor<T> x, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary(x, TensorPrimitives.Negate, allocate);
    public static Tensor<T> Exp<T>(Tensor<T> x, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary(x, TensorPrimitives.Exp, allocate);
    public static Tensor<T> Log<T>(Tensor<T> x, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary(x, TensorPrimitives.Log, allocate);
    public static Tensor<T> Sqrt<T>(Tensor<T> x, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary(x, TensorPrimitives.Sqrt, allocate);
    public static Tensor<T> Abs<T>(Tensor<T> x, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary(x, TensorPrimitives.Abs, allocate);
    public static Tensor<T> Tanh<T>(Tensor<T> x, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary(x, TensorPrimitives.Tanh, allocate);
    public static Tensor<T> Sin<T>(Tensor<T> x, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary(x, TensorPrimitives.Sin, allocate);
    public static Tensor<T> Cos<T>(Tensor<T> x, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary(x, TensorPrimitives.Cos, allocate);
    public static Tensor<T> Sigmoid<T>(Tensor<T> x, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Unary(x, TensorPrimitives.Sigmoid, allocate);
    public static Tensor<T> Sign<T>(Tensor<T> x, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Map(x, v => v > T.Zero ? T.One : v < T.Zero ? -T.One : v, allocate);
    public static Tensor<T> Erf<T>(Tensor<T> x, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Map(x, v => T.CreateChecked(ErfOf(double.CreateChecked(v))), allocate);
    public static Tensor<T> Log1p<T>(Tensor<T> x, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Map(x, Log1pOf, allocate);
    public static Tensor<T> LogSigmoid<T>(Tensor<T> x, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Map(x, v => T.Min(v, T.Zero) - Log1pOf(T.Exp(-T.Abs(v))), allocate);

    public static Tensor<T> Softplus<T>(Tensor<T> x, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> => Elementwise.Map(x, v => T.Max(v, T.Zero) + Log1pOf(T.Exp(-T.Abs(v))), allocate);

    /// <summary>
    /// erf x = (2/√π) e^(−x²) Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)): every term is positive, so there is no cancellation
    /// and the sum is accurate to a few ulps; beyond |x| = 6, erf is ±1 to double precision.
    /// </summary>
    public static double ErfOf(double x)
    {
        if (double.IsNaN(x)) return x;
        var a = Math.Abs(x);
        if (a >= 6) return Math.Sign(x);
        double term = a, sum = a, x2 = a * a;
        for (var n = 1; term > sum * 1e-17; n++)
        {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return Math.CopySign(2 / Math.Sqrt(Math.PI) * Math.Exp(-x2) * sum, x);
    }

    /// <summary>Goldberg's trick: the rounding of 1 + x cancels in x / ((1 + x) − 1). (.NET's LogP1 is plain log(1 + x).)</summary>
    static T Log1pOf<T>(T x) where T : IFloatingPointIeee754<T>
    {
        var u = T.One + x;
        return u == T.One ? x : T.IsPositiveInfinity(u) ? u : T.Log(u) * x / (u - T.One);
    }
}
