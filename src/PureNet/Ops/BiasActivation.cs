using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// y = act(x + b) in one pass, b (optional) broadcast to x; it equals the add followed by the activation (a property
/// checks it). The VJP is one pass too, from the output: dx = g·act′ (<see cref="ActivationGradOp"/>), db = dx summed
/// down to b's shape. ReLU's derivative at 0 is 0, as for <see cref="Activations.Relu"/>.
/// </summary>
/// <param name="Kind">The activation applied to the sum; <see cref="ActivationKind.Identity"/> makes it a plain bias add.</param>
public sealed record BiasActivationOp(ActivationKind Kind) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => Kind switch
    {
        ActivationKind.Relu => "bias_relu",
        ActivationKind.Tanh => "bias_tanh",
        ActivationKind.Sigmoid => "bias_sigmoid",
        _ => "bias_add",
    };
    /// <summary>The activation of the sum it fuses: relu(x + b), tanh(x + b), σ(x + b), or x + b alone.</summary>
    /// <param name="inputs">The shapes of x and, when given, b.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs)
    {
        Piece[] sum = inputs.Count == 2 ? [Notation.Input(0, Precedence.Sum), " + ", Notation.Input(1, Precedence.Sum + 1)] : [Notation.Input(0)];
        var (text, latex) = Kind switch
        {
            ActivationKind.Relu => ("relu", @"\operatorname{relu}"),
            ActivationKind.Tanh => ("tanh", @"\tanh"),
            ActivationKind.Sigmoid => ("σ", @"\sigma"),
            _ => ("", ""),
        };
        if (text.Length == 0)
            return inputs.Count == 2 ? Notation.Binary("+", "+", Precedence.Sum) : Notation.Transparent(Name);
        return new(text, new(Precedence.Atom, (Piece[])[text + "(", .. sum, ")"]), new(Precedence.Atom, (Piece[])[latex + "(", .. sum, ")"]));
    }

    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        Guard.Defined(Kind, Name);
        if (s.Count is not (1 or 2)) throw new ShapeException($"{Name}: takes x and an optional bias, got {s.Count} inputs.");
        if (s.Count == 2 && !Broadcast.Reaches(s[1], s[0]))
            throw new ShapeException($"{Name}: bias {s[1]} does not broadcast to x {s[0]}; numpy rule: aligned from the right, sizes equal or 1.");
        return s[0];
    }

    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        BiasActivationKernel.Forward(x[0], x.Length == 2 ? x[1] : null, Kind, allocate);

    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.ActivationGrad(Kind, y, t[0] + Fn.BroadcastTo(t[1], y.Shape));
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var dz = Fn.ActivationGrad(Kind, y, g);
        return y.Inputs.Count == 1 ? [dz] : [dz, Fn.SumTo(dz, y.Inputs[1].Shape)];
    }
}

/// <summary>
/// z = g·act′ computed from the activation's output y in one pass (inputs y, g). Linear in g; its VJP in y is the second
/// derivative (0 for ReLU and identity, −2y·g for tanh, (1 − 2y)·g for the sigmoid).
/// </summary>
/// <param name="Kind">The activation whose derivative is applied.</param>
public sealed record ActivationGradOp(ActivationKind Kind) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => Kind switch               // literals: a name is read whenever a node is built
    {
        ActivationKind.Relu => "relu_grad",
        ActivationKind.Tanh => "tanh_grad",
        ActivationKind.Sigmoid => "sigmoid_grad",
        ActivationKind.Identity => "identity_grad",
        _ => $"{Kind.ToString().ToLowerInvariant()}_grad",
    };
    /// <summary>g times the activation's derivative written in its output y: g * [y > 0], g * (1 - y^2), g * y * (1 - y).</summary>
    /// <param name="inputs">The shapes of y and g.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs)
    {
        var g = Notation.Input(1, Precedence.Product);
        return Kind switch
        {
            ActivationKind.Relu => new(Name,
                new(Precedence.Product, g, " * [", Notation.Input(0, Precedence.Sum), " > 0]"),
                new(Precedence.Product, g, @" \odot [", Notation.Input(0, Precedence.Sum), " > 0]")),
            ActivationKind.Tanh => new(Name,
                new(Precedence.Product, g, " * (1 - ", Notation.Input(0, Precedence.Power + 1), "^2)"),
                new(Precedence.Product, g, @" \odot (1 - ", Notation.Input(0, Precedence.Atom), "^{2})")),
            ActivationKind.Sigmoid => new(Name,
                new(Precedence.Product, g, " * ", Notation.Input(0, Precedence.Product + 1), " * (1 - ", Notation.Input(0, Precedence.Sum + 1), ")"),
                new(Precedence.Product, g, @" \odot ", Notation.Input(0, Precedence.Product + 1), @" \odot (1 - ", Notation.Input(0, Precedence.Sum + 1), ")")),
            _ => Notation.Function(Name, inputs.Count),
        };
    }
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        Guard.Defined(Kind, Name);
        return ShapeRules.Same(Name, s, 2);
    }
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        BiasActivationKernel.Backward(x[0], x[1], Kind, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Diagonal(y, t);
    /// <inheritdoc/>
    /// <param name="node">The node of this op being differentiated.</param>
    /// <param name="h">The cotangent of the node, shaped like it.</param>
    public override ImmutableArray<Expr> Vjp(Apply node, Expr h)
    {
        var (y, g) = (node.Inputs[0], node.Inputs[1]);
        var dy = Kind switch
        {
            ActivationKind.Tanh => -2.0 * y * g * h,
            ActivationKind.Sigmoid => (1.0 - 2.0 * y) * g * h,
            _ => Fn.ZerosLike(y),
        };
        return [dy, Fn.ActivationGrad(Kind, y, h)];
    }
}

public static partial class Fn
{
    /// <summary>
    /// act(x + b) as one fused primitive (<see cref="BiasActivationOp"/>); b broadcasts to x (e.g. a bias row, or [C, 1, 1]
    /// per channel). Plans build it from relu(x + b) themselves (<see cref="BiasActivationFusion"/>); this is for calling
    /// the engine's op directly.
    /// </summary>
    /// <param name="x">The pre-activation input.</param>
    /// <param name="b">The bias; its shape must broadcast to <paramref name="x"/>'s.</param>
    /// <param name="kind">The activation.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="b"/> does not broadcast to <paramref name="x"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not an <see cref="ActivationKind"/>.</exception>
    public static Expr BiasActivation(Expr x, Expr b, ActivationKind kind) =>
        new Apply(new BiasActivationOp(kind), Inputs(Guard.NotNull(x, "BiasActivation"), Guard.NotNull(b, "BiasActivation")));

    /// <summary>g·act′ from the activation's output y (<see cref="ActivationGradOp"/>); a known-zero g stays zero and the identity's is g itself.</summary>
    /// <param name="kind">The activation.</param>
    /// <param name="y">The activation's output.</param>
    /// <param name="g">The cotangent (or tangent) of the output, shaped like <paramref name="y"/>.</param>
    /// <returns>A node of <paramref name="y"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="y"/> or <paramref name="g"/> is null (for a kind other than the identity).</exception>
    /// <exception cref="ShapeException"><paramref name="y"/> and <paramref name="g"/> differ in shape.</exception>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not an <see cref="ActivationKind"/>.</exception>
    public static Expr ActivationGrad(ActivationKind kind, Expr y, Expr g) =>
        kind == ActivationKind.Identity || IsZero(g) ? g : new Apply(new ActivationGradOp(kind), Inputs(y, g));
}
