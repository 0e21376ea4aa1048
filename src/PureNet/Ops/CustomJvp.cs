using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>A forward-mode rule for a custom derivative: the output's tangent from the inputs, the node and one tangent per input.</summary>
/// <param name="inputs">The function's inputs (without its body).</param>
/// <param name="output">The node itself, so a rule may reuse the output's value.</param>
/// <param name="tangents">One tangent per input, each shaped like its input.</param>
/// <returns>The output's tangent, shaped like <paramref name="output"/> and linear in <paramref name="tangents"/>.</returns>
public delegate Expr JvpRule(IReadOnlyList<Expr> inputs, Expr output, IReadOnlyList<Expr> tangents);

/// <summary>
/// f(inputs) with its forward-mode derivative given by a rule (JAX's <c>custom_jvp</c>); as for
/// <see cref="CustomVjpOp"/>, the last input is f's body and gives the value. Reverse mode transposes the rule: the
/// cotangent of input i is ∂/∂τᵢ ⟨g, rule(x, y, τ)⟩, so the rule must be linear in the tangents τ.
/// </summary>
/// <param name="Name">The op's name in printed expressions and errors.</param>
/// <param name="Arity">The number of inputs the rule sees (the node has one more: f's body).</param>
/// <param name="Rule">The forward-mode rule.</param>
public sealed record CustomJvpOp(string Name, int Arity, JvpRule Rule) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name { get; } = Guard.NotNull(Name, "custom_jvp");
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
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => CustomRules.Tangent(Name, y, Rule(CustomVjpOp.Arguments(y), y, [.. t.Take(Arity)]));

    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var xs = CustomVjpOp.Arguments(y);
        var probes = xs.Select((x, i) => (Expr)Fn.Variable($"{CustomRules.Probe}{i}", x.Shape)).ToArray();
        var pairing = Fn.Sum(g * CustomRules.Tangent(Name, y, Rule(xs, y, probes)));
        var cotangents = Tangents.Transposed(pairing, probes, $"{Name}: the custom JVP rule is not linear in its tangents, so it cannot be transposed into a VJP.");
        return [.. cotangents, Fn.Zeros(y.Shape)];
    }
}

/// <summary>The checks both custom-derivative ops make of a user's rule.</summary>
internal static class CustomRules
{
    public const string Probe = "⟨probe⟩";

    /// <summary>The user's function: each call builds the node over its inputs and f's body, and tries the rule on it once.</summary>
    public static Func<Expr[], Expr> Function<TRule>(string function, string name, Func<Expr[], Expr> f, TRule rule, Func<int, IOp> op, Action<Expr[], Apply> tryRule) where TRule : Delegate
    {
        Guard.NotNull(name, function);
        Guard.NotNull(f, function);
        Guard.NotNull(rule, function);
        return inputs =>
        {
            var xs = Guard.NoNulls(Guard.NotNull(inputs, name), name, nameof(inputs));
            var node = new Apply(op(xs.Length), [.. xs, Guard.NotNull(f(xs), name)]);
            tryRule(xs, node);
            return node;
        };
    }

    public static Expr Tangent(string name, Apply y, Expr? t) =>
        t is null ? throw new InvalidOperationException($"{name}: the custom JVP rule returned null; it returns the output's tangent.")
        : t.Shape != y.Shape ? throw new ShapeException($"{name}: the custom JVP rule gave a tangent of shape {t.Shape} for an output of shape {y.Shape}.")
        : t;

    public static ImmutableArray<Expr> Checked(string name, string what, Apply y, ImmutableArray<Expr> xs)
    {
        var arity = y.Inputs.Count - 1;
        if (xs.IsDefault || xs.Length != arity)
            throw new ShapeException($"{name}: the custom rule gave {(xs.IsDefault ? 0 : xs.Length)} {what}(s) for {arity} input(s); it gives one per input.");
        for (var k = 0; k < arity; k++)
        {
            if (xs[k] is null) throw new InvalidOperationException($"{name}: the custom rule gave null as the {what} of input {k}.");
            if (xs[k].Shape != y.Inputs[k].Shape)
                throw new ShapeException($"{name}: the custom rule gave a {what} of shape {xs[k].Shape} for input {k} of shape {y.Inputs[k].Shape}.");
        }
        return xs;
    }
}

public static partial class Fn
{
    /// <summary>
    /// f with a forward-mode derivative of your own (<see cref="CustomJvpOp"/>); reverse mode transposes the rule. The rule
    /// is tried once on each call's inputs, so a tangent of the wrong shape throws when the node is built.
    /// </summary>
    /// <param name="name">The op's name in printed expressions and errors.</param>
    /// <param name="f">The function's body: builds the value from the inputs.</param>
    /// <param name="jvp">The forward-mode rule, linear in its tangents.</param>
    /// <returns>A function of expressions that builds the node; it throws <see cref="ArgumentNullException"/> for null inputs and <see cref="ShapeException"/> when the rule's tangent is misshapen.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/>, <paramref name="f"/> or <paramref name="jvp"/> is null.</exception>
    /// <example>
    /// <code>
    /// var softplus = CustomJvp("softplus", x => Log(1.0 + Exp(x[0])), (x, y, t) => t[0] * Sigmoid(x[0]));
    /// var y = softplus([Variable("x", 3)]);
    /// </code>
    /// </example>
    public static Func<Expr[], Expr> CustomJvp(string name, Func<Expr[], Expr> f, JvpRule jvp) =>
        CustomRules.Function("CustomJvp", name, f, jvp, arity => new CustomJvpOp(name, arity, jvp),
            (xs, node) => CustomRules.Tangent(name, node, jvp(xs, node, [.. xs.Select((x, i) => (Expr)Variable($"{CustomRules.Probe}{i}", x.Shape))])));
}
