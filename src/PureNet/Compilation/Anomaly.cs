using System.Globalization;
using System.Numerics;

namespace PureNet;

/// <summary>
/// Thrown by a plan compiled with <see cref="PlanOptions.DetectAnomaly"/> at the first node whose value holds NaN or ±∞:
/// which op, in which pass, and what it was given.
/// </summary>
/// <param name="op">The op's name, or <c>"variable"</c> for a bound input.</param>
/// <param name="pass"><c>"forward"</c>, <c>"backward"</c>, or <c>"input"</c> for a bound variable.</param>
/// <param name="expression">The node as printed text.</param>
/// <param name="message">The whole report: the op, the pass, the flat index of the first non-finite element, each input's range and the expression.</param>
public sealed class AnomalyException(string op, string pass, string expression, string message) : ArithmeticException(message)
{
    /// <summary>The op's name, or "variable" for a bound input.</summary>
    public string Op { get; } = op;
    /// <summary>"forward", "backward", or "input" for a bound variable.</summary>
    public string Pass { get; } = pass;
    /// <summary>The node as printed text (cut at a few hundred characters).</summary>
    public string Expression { get; } = expression;
}

/// <summary>The checks behind <see cref="PlanOptions.DetectAnomaly"/>.</summary>
internal static class Anomaly
{
    const int MaxExpression = 400;

    public static void CheckBinding<T>(Variable v, Tensor<T> value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (FirstNonFinite(value) is not { } i) return;
        throw new AnomalyException("variable", "input", v.Name,
            $"Anomaly: variable '{v.Name}' {value.Shape} is bound to a value with {Describe(value.Span[i])} at flat index {i}; {Range(value)}.");
    }

    public static void CheckStep<T>(Apply node, bool forward, ReadOnlySpan<Tensor<T>> inputs, Tensor<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (FirstNonFinite(output) is not { } i) return;
        var pass = forward ? "forward" : "backward";
        var text = Print.Infix(node);
        if (text.Length > MaxExpression) text = text[..MaxExpression] + " …";
        var given = new List<string>();
        for (var k = 0; k < inputs.Length; k++) given.Add($"input {k} {inputs[k].Shape}: {Range(inputs[k])}");
        throw new AnomalyException(node.Op.Name, pass, text,
            $"Anomaly in the {pass} pass: {node.Op.Name} produced {Describe(output.Span[i])} at flat index {i} of its output {output.Shape}. " +
            $"Inputs: {(given.Count == 0 ? "none" : string.Join("; ", given))}. Expression: {text}");
    }

    static int? FirstNonFinite<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = t.Span;
        for (var i = 0; i < s.Length; i++) if (!T.IsFinite(s[i])) return i;
        return null;
    }

    static string Describe<T>(T v) where T : IFloatingPointIeee754<T> => T.IsNaN(v) ? "NaN" : T.IsPositive(v) ? "+∞" : "−∞";

    /// <summary>The finite range of a value, and how many NaN and infinite elements it holds.</summary>
    static string Range<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        int nan = 0, inf = 0;
        foreach (var v in t.Span)
        {
            if (T.IsNaN(v)) nan++;
            else if (T.IsInfinity(v)) inf++;
            else { var d = double.CreateChecked(v); lo = Math.Min(lo, d); hi = Math.Max(hi, d); }
        }
        var range = lo <= hi ? $"range [{Number(lo)}, {Number(hi)}]" : "no finite element";
        return nan + inf == 0 ? range : $"{range}, {nan} NaN, {inf} infinite";
    }

    static string Number(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
