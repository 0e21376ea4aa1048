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

    public abstract Seq<Expr> Inputs { get; }

    public sealed override bool Equals(object? obj) => ReferenceEquals(this, obj);
    public sealed override int GetHashCode() => RuntimeHelpers.GetHashCode(this);

    /// <summary>Infix text with shared subexpressions bound by <c>let</c>; iterative, so deep graphs print too.</summary>
    public override string ToString() => Print.Infix(this);

    public static Expr operator +(Expr a, Expr b) => Fn.Add(a, b);
    public static Expr operator -(Expr a, Expr b) => Fn.Sub(a, b);
    public static Expr operator *(Expr a, Expr b) => Fn.Mul(a, b);
    public static Expr operator /(Expr a, Expr b) => Fn.Div(a, b);
    public static Expr operator -(Expr a) => Fn.Neg(a);
    public static Expr operator +(Expr a, double b) => Fn.Add(a, Fn.Scalar(b));
    public static Expr operator +(double a, Expr b) => Fn.Add(Fn.Scalar(a), b);
    public static Expr operator -(Expr a, double b) => Fn.Sub(a, Fn.Scalar(b));
    public static Expr operator -(double a, Expr b) => Fn.Sub(Fn.Scalar(a), b);
    public static Expr operator *(Expr a, double b) => Fn.Mul(a, Fn.Scalar(b));
    public static Expr operator *(double a, Expr b) => Fn.Mul(Fn.Scalar(a), b);
    public static Expr operator /(Expr a, double b) => Fn.Div(a, Fn.Scalar(b));
    public static Expr operator /(double a, Expr b) => Fn.Div(Fn.Scalar(a), b);
}

/// <summary>A named input whose value is bound when the expression is evaluated.</summary>
public sealed class Variable(string name, Shape shape) : Expr(Guard.NotNull(shape, "Variable"), HashCode.Combine("var", name, shape))
{
    public string Name { get; } = string.IsNullOrWhiteSpace(name)
        ? throw new ArgumentException("Variable: a name is required (got an empty one).", nameof(name))
        : name;

    public override Seq<Expr> Inputs => Seq<Expr>.Empty;

    internal override ImmutableDictionary<string, Shape> VariableShapes =>
        field ??= ImmutableDictionary<string, Shape>.Empty.Add(Name, Shape);
}

/// <summary>A fixed value. Held in double; evaluation in float rounds it once.</summary>
public sealed class Constant(Tensor<double> value) : Expr(Guard.NotNull(value, "Constant").Shape, HashCode.Combine("const", value))
{
    public Tensor<double> Value { get; } = value;
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
    public Apply(IOp op, IEnumerable<Expr> inputs) : this(op, Strict(op, inputs)) { }

    Apply(IOp op, Seq<Expr> inputs) : base(InputShapes(op, inputs, out var checkedOp), Hash(checkedOp, inputs))
    {
        Op = op;
        Inputs = inputs;
        VariableShapes = Graph.MergeInputs(op.Name, inputs);
    }

    public IOp Op { get; }
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
