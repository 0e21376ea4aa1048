using System.Collections.Immutable;

namespace PureNet;

/// <summary>
/// Ops PureNet computes in a stable or accurate form that ONNX has no single op for (or whose ONNX op runtimes compute
/// less carefully), written out as the same formula so the exported model computes what PureNet does: log1p and expm1
/// by Kahan's correction (the rounding error of 1 + x, or of eˣ − 1, divided back out), softplus and log σ through
/// e^(−|x|) so that neither overflows.
/// </summary>
internal static class StableMappings
{
    public static ImmutableArray<OnnxMapping> All { get; } =
    [
        OnnxMapping.Of<Log1pOp>("log1p", "Add, Sub, Log, Mul, Div, Equal, IsInf, Where", (g, _, x) => Log1p(g, x[0])),
        OnnxMapping.Of<Expm1Op>("expm1", "Exp, Sub, Log, Mul, Div, Equal, IsInf, Where", (g, _, x) => Expm1(g, x[0])),
        OnnxMapping.Of<SoftplusOp>("softplus", "Relu, Abs, Neg, Exp and log1p's nodes, Add", (g, _, x) => g.Op("Add", g.Op("Relu", x[0]), Log1pOfExpMinusAbs(g, x[0]))),
        OnnxMapping.Of<LogSigmoidOp>("log_sigmoid", "Min, Abs, Neg, Exp and log1p's nodes, Sub", (g, _, x) => g.Op("Sub", g.Op("Min", x[0], g.Scalar(0)), Log1pOfExpMinusAbs(g, x[0]))),
    ];

    /// <summary>log(1 + x): u = 1 + x; x where u = 1, u where u = +∞, else log(u)·x/(u − 1) (PureNet's Log1pOf).</summary>
    static string Log1p(OnnxGraphBuilder g, string x)
    {
        var one = g.Scalar(1);
        var u = g.Op("Add", x, one);
        var general = g.Op("Div", g.Op("Mul", g.Op("Log", u), x), g.Op("Sub", u, one));
        var infinite = g.Op("IsInf", [u], new OnnxAttribute.Int("detect_negative", 0));
        return g.Op("Where", g.Op("Equal", u, one), x, g.Op("Where", infinite, u, general));
    }

    /// <summary>eˣ − 1: u = eˣ; x where u = 1, −1 where u − 1 = −1, u where u = +∞, else (u − 1)·x/log(u).</summary>
    static string Expm1(OnnxGraphBuilder g, string x)
    {
        var one = g.Scalar(1);
        var u = g.Op("Exp", x);
        var d = g.Op("Sub", u, one);
        var general = g.Op("Div", g.Op("Mul", d, x), g.Op("Log", u));
        var infinite = g.Op("IsInf", [u], new OnnxAttribute.Int("detect_negative", 0));
        var saturated = g.Op("Equal", d, g.Scalar(-1));
        return g.Op("Where", g.Op("Equal", u, one), x, g.Op("Where", saturated, d, g.Op("Where", infinite, u, general)));
    }

    /// <summary>log(1 + e^(−|x|)), the part softplus and log σ share.</summary>
    static string Log1pOfExpMinusAbs(OnnxGraphBuilder g, string x) => Log1p(g, g.Op("Exp", g.Op("Neg", g.Op("Abs", x))));
}
