using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using LanguageExt;

namespace PureNet;

/// <summary>
/// A node of a differentiable expression DAG: a <see cref="Variable"/>, a <see cref="Constant"/> or an
/// <see cref="Apply"/> of an op. Nodes are immutable and compare by identity (a structural equality would be
/// exponential on a DAG with sharing); <see cref="StructuralHash"/> is cached from the children's hashes,
/// and <see cref="Graph.StructurallyEqual"/> compares structure iteratively.
/// </summary>
public abstract class Expr
{
    private protected Expr(Shape shape, int structuralHash)
    {
        Shape = shape;
        StructuralHash = structuralHash;
    }

    /// <summary>The shape of the value; may hold the open <see cref="Dim.Batch"/> dimension.</summary>
    public Shape Shape { get; }

    /// <summary>A hash of the structure below this node, computed once from the children's hashes.</summary>
    public int StructuralHash { get; }

    /// <summary>
    /// The shape of every variable below this node, by name. Built once per node from the inputs' maps (shared when
    /// equal), so a name used with two shapes is refused when the graph is built, not when it is evaluated.
    /// </summary>
    internal abstract ImmutableDictionary<string, Shape> VariableShapes { get; }

    /// <summary>The nodes this node reads, in the op's order; empty for a variable or a constant.</summary>
    public abstract Seq<Expr> Inputs { get; }

    /// <summary>Reference equality: a node is itself (see <see cref="Graph.StructurallyEqual"/> for structure, <see cref="NodeIdentity"/> for name-equal variables).</summary>
    /// <param name="obj">The object to compare with.</param>
    /// <returns>True when <paramref name="obj"/> is this very node.</returns>
    public sealed override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <summary>The identity hash, consistent with <see cref="Equals(object?)"/>.</summary>
    /// <returns>The runtime's hash of this object.</returns>
    public sealed override int GetHashCode() => RuntimeHelpers.GetHashCode(this);

    /// <summary>Infix text with shared subexpressions bound by <c>let</c>; iterative, so deep graphs print too.</summary>
    /// <returns><see cref="Print.Infix"/> of this node.</returns>
    public override string ToString() => Print.Infix(this);

    /// <summary>Elementwise a + b, broadcasting both to their common shape (numpy rules).</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The sum node.</returns>
    /// <exception cref="ArgumentNullException">An operand is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Expr operator +(Expr a, Expr b) => Fn.Add(a, b);
    /// <summary>Elementwise a − b, broadcasting both to their common shape.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The difference node.</returns>
    /// <exception cref="ArgumentNullException">An operand is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Expr operator -(Expr a, Expr b) => Fn.Sub(a, b);
    /// <summary>Elementwise (Hadamard) a ⊙ b, broadcasting both to their common shape; <see cref="Fn.MatMul(Expr, Expr, bool, bool)"/> is the matrix product.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>The product node.</returns>
    /// <exception cref="ArgumentNullException">An operand is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Expr operator *(Expr a, Expr b) => Fn.Mul(a, b);
    /// <summary>Elementwise a / b, broadcasting both to their common shape.</summary>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <returns>The quotient node.</returns>
    /// <exception cref="ArgumentNullException">An operand is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Expr operator /(Expr a, Expr b) => Fn.Div(a, b);
    /// <summary>Elementwise −a.</summary>
    /// <param name="a">The operand.</param>
    /// <returns>The negation node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Expr operator -(Expr a) => Fn.Neg(a);
    /// <summary>a + b with the number b broadcast to a's shape.</summary>
    /// <param name="a">The expression.</param>
    /// <param name="b">The number.</param>
    /// <returns>The sum node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Expr operator +(Expr a, double b) => Fn.Add(a, Fn.Scalar(b));
    /// <summary>a + b with the number a broadcast to b's shape.</summary>
    /// <param name="a">The number.</param>
    /// <param name="b">The expression.</param>
    /// <returns>The sum node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="b"/> is null.</exception>
    public static Expr operator +(double a, Expr b) => Fn.Add(Fn.Scalar(a), b);
    /// <summary>a − b with the number b broadcast to a's shape.</summary>
    /// <param name="a">The expression.</param>
    /// <param name="b">The number.</param>
    /// <returns>The difference node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Expr operator -(Expr a, double b) => Fn.Sub(a, Fn.Scalar(b));
    /// <summary>a − b with the number a broadcast to b's shape (<c>1 - y * y</c>).</summary>
    /// <param name="a">The number.</param>
    /// <param name="b">The expression.</param>
    /// <returns>The difference node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="b"/> is null.</exception>
    public static Expr operator -(double a, Expr b) => Fn.Sub(Fn.Scalar(a), b);
    /// <summary>a · b with the number b broadcast to a's shape.</summary>
    /// <param name="a">The expression.</param>
    /// <param name="b">The number.</param>
    /// <returns>The product node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Expr operator *(Expr a, double b) => Fn.Mul(a, Fn.Scalar(b));
    /// <summary>a · b with the number a broadcast to b's shape.</summary>
    /// <param name="a">The number.</param>
    /// <param name="b">The expression.</param>
    /// <returns>The product node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="b"/> is null.</exception>
    public static Expr operator *(double a, Expr b) => Fn.Mul(Fn.Scalar(a), b);
    /// <summary>a / b with the number b broadcast to a's shape.</summary>
    /// <param name="a">The expression.</param>
    /// <param name="b">The number.</param>
    /// <returns>The quotient node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Expr operator /(Expr a, double b) => Fn.Div(a, Fn.Scalar(b));
    /// <summary>a / b with the number a broadcast to b's shape (<c>1.0 / x</c>).</summary>
    /// <param name="a">The number.</param>
    /// <param name="b">The expression.</param>
    /// <returns>The quotient node.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="b"/> is null.</exception>
    public static Expr operator /(double a, Expr b) => Fn.Div(Fn.Scalar(a), b);
}

/// <summary>
/// A named input whose value is bound when the expression is evaluated. A variable is its name: two variables of one
/// name are one variable to evaluation and differentiation, so a name has one shape in a graph.
/// </summary>
/// <param name="name">The name bindings use; not empty.</param>
/// <param name="shape">The value's shape; may hold the open <see cref="Dim.Batch"/> dimension.</param>
/// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
/// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
public sealed class Variable(string name, Shape shape) : Expr(Guard.NotNull(shape, "Variable"), HashCode.Combine("var", name, shape))
{
    /// <summary>The name bindings use.</summary>
    public string Name { get; } = string.IsNullOrWhiteSpace(name)
        ? throw new ArgumentException("Variable: a name is required (got an empty one).", nameof(name))
        : name;

    /// <summary>Empty: a variable is a leaf.</summary>
    public override Seq<Expr> Inputs => Seq<Expr>.Empty;

    internal override ImmutableDictionary<string, Shape> VariableShapes =>
        field ??= ImmutableDictionary<string, Shape>.Empty.Add(Name, Shape);
}

/// <summary>A fixed value. Held in double; evaluation in float rounds it once, when a plan is compiled.</summary>
/// <param name="value">The value, of a concrete shape.</param>
/// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
public sealed class Constant(Tensor<double> value) : Expr(Guard.NotNull(value, "Constant").Shape, HashCode.Combine("const", value))
{
    /// <summary>The value, in double.</summary>
    public Tensor<double> Value { get; } = value;
    /// <summary>Empty: a constant is a leaf.</summary>
    public override Seq<Expr> Inputs => Seq<Expr>.Empty;
    internal override ImmutableDictionary<string, Shape> VariableShapes => ImmutableDictionary<string, Shape>.Empty;
}

/// <summary>An op applied to input nodes. The output shape is checked by the op's shape rule when the node is built.</summary>
public sealed class Apply : Expr
{
    /// <summary>
    /// Applies <paramref name="op"/> to <paramref name="inputs"/> (a list: <c>new Apply(op, [x, y])</c>), checked by the
    /// op's shape rule.
    /// </summary>
    /// <param name="op">The op, its attributes included.</param>
    /// <param name="inputs">The op's inputs, in its order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="op"/>, <paramref name="inputs"/> or an input is null.</exception>
    /// <exception cref="ShapeException">The op's shape rule refuses the inputs' shapes (the message names the op and the shapes), or two inputs use one variable name with two shapes.</exception>
    public Apply(IOp op, IEnumerable<Expr> inputs) : this(op, Strict(op, inputs)) { }

    Apply(IOp op, Seq<Expr> inputs) : base(InputShapes(op, inputs, out var checkedOp), Hash(checkedOp, inputs))
    {
        Op = op;
        Inputs = inputs;
        VariableShapes = Graph.MergeInputs(op.Name, inputs);
    }

    /// <summary>The op: what the node computes and how it differentiates.</summary>
    public IOp Op { get; }
    /// <summary>The op's inputs, in its order.</summary>
    public override Seq<Expr> Inputs { get; }
    internal override ImmutableDictionary<string, Shape> VariableShapes { get; }

    /// <summary>The inputs held strict (graph walks index them, with no enumerator per node); a null list is refused by name.</summary>
    static Seq<Expr> Strict(IOp op, IEnumerable<Expr> inputs) =>
        Prelude.toSeq(inputs ?? throw new ArgumentNullException(nameof(inputs), $"Apply: the input list of {op?.Name ?? "an op"} is null.")).Strict();

    /// <summary>The op's output shape for these inputs; a null op or input is refused by name before the op sees it.</summary>
    static Shape InputShapes(IOp op, Seq<Expr> inputs, out IOp checkedOp)
    {
        checkedOp = Guard.NotNull(op, "Apply");
        var shapes = new Shape[inputs.Count];
        for (var i = 0; i < shapes.Length; i++)
            shapes[i] = inputs[i]?.Shape ?? throw new ArgumentNullException(nameof(inputs), $"Apply: input {i} of {op.Name} is null.");
        return op.InferShape(shapes);
    }

    static int Hash(IOp op, Seq<Expr> inputs)
    {
        var hash = op.GetHashCode();
        for (var i = 0; i < inputs.Count; i++) hash = HashCode.Combine(hash, inputs[i].StructuralHash);
        return hash;
    }
}
