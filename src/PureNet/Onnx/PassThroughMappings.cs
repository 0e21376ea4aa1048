using System.Collections.Immutable;

namespace PureNet;

/// <summary>
/// Ops whose value is one of their inputs (stop_gradient; a custom derivative's body, its last input) and the fused
/// bias-activation ops of a compiled plan, which a user may also build: nothing of differentiation reaches ONNX.
/// </summary>
internal static class PassThroughMappings
{
    public static ImmutableArray<OnnxMapping> All { get; } =
    [
        OnnxMapping.Of<StopGradientOp>("stop_gradient", "none (its input)", (_, _, x) => x[0]),
        new(typeof(CustomVjpOp), "custom_vjp functions", "none (the body's nodes)", Body, (_, _, x) => x[0]),
        new(typeof(CustomJvpOp), "custom_jvp functions", "none (the body's nodes)", Body, (_, _, x) => x[0]),
        new(typeof(BiasActivationOp), "bias_add, bias_relu, bias_tanh, bias_sigmoid", "Add, then Relu, Tanh or Sigmoid", ElementwiseMappings.Operands, (g, n, x) =>
        {
            var sum = x.Length == 2 ? g.Op("Add", x[0], x[1]) : x[0];
            return ((BiasActivationOp)n.Op).Kind switch
            {
                ActivationKind.Relu => g.Op("Relu", sum),
                ActivationKind.Tanh => g.Op("Tanh", sum),
                ActivationKind.Sigmoid => g.Op("Sigmoid", sum),
                _ => sum,
            };
        }),
    ];

    /// <summary>A custom derivative's value is its body, the last input; the other inputs are only the rule's.</summary>
    static ImmutableArray<Expr> Body(Apply node) => [node.Inputs[^1]];
}
