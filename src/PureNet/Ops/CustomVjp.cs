using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>A reverse-mode rule for a custom derivative: one cotangent per input, from the inputs, the node and its cotangent.</summary>
/// <param name="inputs">The function's inputs (without its body).</param>
/// <param name="output">The node itself, so a rule may reuse the output's value.</param>
/// <param name="cotangent">The cotangent of the output, shaped like it.</param>
/// <returns>One cotangent per input, in input order, each shaped like its input and linear in <paramref name="cotangent"/>.</returns>
public delegate ImmutableArray<Expr> VjpRule(IReadOnlyList<Expr> inputs, Expr output, Expr cotangent);

/// <summary>
/// f(inputs) with its reverse-mode derivative given by a rule instead of f's own (JAX's <c>custom_vjp</c>): the node's
/// last input is f's body, computed as usual in a plan and simplified with the rest, and its value is the node's
/// value; differentiation reads the rule and never enters the body. Forward mode transposes the rule
/// (<see cref="Tangents.ByTransposition"/>), so it must be linear in the cotangent, as every VJP is.
/// </summary>
/// <param name="Name">The op's name in printed expressions and errors.</param>
/// <param name="Arity">The number of inputs the rule sees (the node has one more: f's body).</param>
/// <param name="Rule">The reverse-mode rule.</param>
public sealed record CustomVjpOp(string Name, int Arity, VjpRule Rule) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name { get; } = Guard.NotNull(Name, "custom_vjp");
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function(Name, Arity);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) { ShapeRules.Arity(Name, s, Arity + 1); return s[^1]; }
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) => x[^1];
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.ByTransposition(y, t.SetItem(Arity, Fn.Zeros(y.Shape)));
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [.. CustomRules.Checked(Name, "cotangent", y, Rule(Arguments(y), y, g)), Fn.Zeros(y.Shape)];

    internal static IReadOnlyList<Expr> Arguments(Apply y) => [.. y.Inputs.Take(y.Inputs.Count - 1)];
}

public static partial class Fn
{
    /// <summary>
    /// f with a reverse-mode derivative of your own (<see cref="CustomVjpOp"/>): a function of expressions that evaluates f
    /// and differentiates by the rule. The rule is tried once on each call's inputs, so a wrong count or shape of
    /// cotangents throws when the node is built.
    /// </summary>
    /// <param name="name">The op's name in printed expressions and errors.</param>
    /// <param name="f">The function's body: builds the value from the inputs.</param>
    /// <param name="vjp">The reverse-mode rule.</param>
    /// <returns>A function of expressions that builds the node; it throws <see cref="ArgumentNullException"/> for null inputs and <see cref="ShapeException"/> when the rule's cotangents are miscounted or misshapen.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/>, <paramref name="f"/> or <paramref name="vjp"/> is null.</exception>
    /// <example>
    /// <code>
    /// var softplus = CustomVjp("softplus", x => Log(1.0 + Exp(x[0])), (x, y, g) => [g * Sigmoid(x[0])]);
    /// var y = softplus([Variable("x", 3)]);
    /// </code>
    /// </example>
    public static Func<Expr[], Expr> CustomVjp(string name, Func<Expr[], Expr> f, VjpRule vjp) =>
        CustomRules.Function("CustomVjp", name, f, vjp, arity => new CustomVjpOp(name, arity, vjp),
            (xs, node) => CustomRules.Checked(name, "cotangent", node, vjp(xs, node, Variable(CustomRules.Probe, node.Shape))));
}
