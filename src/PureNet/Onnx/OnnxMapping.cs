using System.Collections.Frozen;
using System.Collections.Immutable;

namespace PureNet;

/// <summary>
/// How nodes of one PureNet op become ONNX nodes. <see cref="Reads"/> names the expressions whose values the ONNX nodes
/// take (usually the node's inputs; an elementwise op reads through its operands' broadcasts, since ONNX broadcasts by
/// numpy's rule itself); <see cref="Emit"/> adds the nodes, given those values' names, and returns the name of the
/// node's value. <see cref="Ops"/> and <see cref="Nodes"/> describe the row for the README's table.
/// </summary>
internal sealed record OnnxMapping(Type Op, string Ops, string Nodes, Func<Apply, ImmutableArray<Expr>> Reads, Func<OnnxGraphBuilder, Apply, ImmutableArray<string>, string> Emit)
{
    /// <summary>A mapping that reads the node's inputs as they are.</summary>
    public static OnnxMapping Of<TOp>(string ops, string nodes, Func<OnnxGraphBuilder, Apply, ImmutableArray<string>, string> emit) where TOp : IOp =>
        new(typeof(TOp), ops, nodes, Inputs, emit);

    public static ImmutableArray<Expr> Inputs(Apply node) => [.. node.Inputs];
}

/// <summary>Every op that exports, by its record type: the table <see cref="Onnx"/> reads.</summary>
internal static class OnnxMappings
{
    public static ImmutableArray<OnnxMapping> All { get; } =
        [.. ElementwiseMappings.All, .. StableMappings.All, .. ReductionMappings.All, .. LayoutMappings.All, .. ProductMappings.All, .. PassThroughMappings.All];

    static readonly FrozenDictionary<Type, OnnxMapping> ByOp = All.ToFrozenDictionary(m => m.Op);

    /// <summary>What exports, as the README's table lists it: each op's row, then the patterns of several nodes exported as one ONNX op.</summary>
    public static ImmutableArray<(string Ops, string Nodes)> Rows { get; } =
        [.. All.Select(m => (m.Ops, m.Nodes)), (ConvolutionPattern.Ops, ConvolutionPattern.Nodes)];

    /// <summary>The node's mapping: a pattern it ends (a convolution), else its op's; null for an op that does not export.</summary>
    public static OnnxMapping? For(Apply node) => ConvolutionPattern.Mapping(node) ?? ByOp.GetValueOrDefault(node.Op.GetType());
}
