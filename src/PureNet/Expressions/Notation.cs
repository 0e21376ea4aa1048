using System.Collections.Immutable;
using System.Globalization;

namespace PureNet;

/// <summary>
/// How tightly a printed form binds, loosest first. A form is parenthesised when it is looser than its slot asks
/// (see <see cref="Piece.Operand"/>), so every printer puts parentheses only where the reading would change.
/// </summary>
public static class Precedence
{
    /// <summary>A slot that takes anything: a function argument, the inside of a fraction or of |x|.</summary>
    public const int Any = 0;
    /// <summary>a + b, a − b, −a, and negative numbers.</summary>
    public const int Sum = 1;
    /// <summary>Elementwise a * b and a / b.</summary>
    public const int Product = 2;
    /// <summary>The matrix product a · b: tighter than an elementwise product, since the two do not associate.</summary>
    public const int MatMul = 3;
    /// <summary>a ^ b.</summary>
    public const int Power = 4;
    /// <summary>A postfix xᵀ, and a LaTeX fraction (so a power of one is parenthesised).</summary>
    public const int Postfix = 5;
    /// <summary>Names, non-negative numbers, function calls, brackets.</summary>
    public const int Atom = 6;
}

/// <summary>One part of a printed form: literal text, or an input of the node printed in a slot of some precedence.</summary>
public abstract record Piece
{
    private Piece() { }

    /// <summary>Text written as it is.</summary>
    /// <param name="Text">The text.</param>
    public sealed record Literal(string Text) : Piece;

    /// <summary>Input <paramref name="Index"/> of the node, parenthesised when its form binds looser than <paramref name="Min"/>.</summary>
    /// <param name="Index">Which input of the node, from 0.</param>
    /// <param name="Min">The loosest <see cref="Precedence"/> the slot takes unparenthesised.</param>
    public sealed record Operand(int Index, int Min) : Piece;

    /// <summary>A string as a <see cref="Literal"/>, so a form reads <c>new Form(p, "(", Input(0), ")")</c>.</summary>
    /// <param name="text">The literal text.</param>
    /// <returns>The literal piece.</returns>
    public static implicit operator Piece(string text) => new Literal(text);
}

/// <summary>A node's text in one printer: its pieces left to right and how tightly the whole binds.</summary>
/// <param name="Precedence">How tightly the whole form binds (a <see cref="PureNet.Precedence"/> level).</param>
/// <param name="Pieces">Literal text and input slots, left to right.</param>
public sealed record Form(int Precedence, ImmutableArray<Piece> Pieces)
{
    /// <summary>A form from its pieces listed in place (strings become literals).</summary>
    /// <param name="precedence">How tightly the whole form binds.</param>
    /// <param name="pieces">Literal text and input slots, left to right.</param>
    public Form(int precedence, params Piece[] pieces) : this(precedence, ImmutableArray.Create(pieces)) { }

    /// <summary>True when no input is shown (a number, N): such a form is never named by <c>let</c>.</summary>
    public bool IsLeaf => !Pieces.Any(p => p is Piece.Operand);
}

/// <summary>
/// How an op's node reads, returned by <see cref="IOp.Format"/>: a short <see cref="Label"/> for a graph drawing, an
/// <see cref="Infix"/> form for text and a <see cref="Latex"/> form for a paper. A <see cref="Hidden"/> op (a
/// broadcast of a scalar, a reshape that only adds unit axes) prints as its first input, so the text reads as the
/// mathematics; the graph drawing still shows it with its shape. The factories cover the common cases: a function
/// call <c>name(a, b)</c> (the default of every op), an infix operator, a prefix operator, a number.
/// </summary>
/// <param name="Label">The short label of the node in a graph drawing (<see cref="Print.Dot"/>).</param>
/// <param name="Infix">The form in text (<see cref="Print.Infix"/>).</param>
/// <param name="Latex">The form in LaTeX (<see cref="Print.Latex"/>).</param>
public sealed record Notation(string Label, Form Infix, Form Latex)
{
    /// <summary>The node prints as its first input.</summary>
    public bool Hidden { get; init; }

    /// <summary>
    /// The LaTeX form used instead when an operand is a coefficient (a number, 1/N, a scalar): a product then reads
    /// <c>2 \cdot x</c>, not <c>2 \odot x</c>.
    /// </summary>
    public Form? LatexWithCoefficient { get; init; }

    /// <summary>Input <paramref name="index"/> in a slot of precedence <paramref name="min"/>.</summary>
    /// <param name="index">Which input of the node, from 0.</param>
    /// <param name="min">The loosest precedence the slot takes without parentheses (<see cref="PureNet.Precedence.Any"/>: never parenthesised).</param>
    /// <returns>An operand piece.</returns>
    public static Piece Input(int index, int min = PureNet.Precedence.Any) => new Piece.Operand(index, min);

    /// <summary><c>name(a, b, …)</c> in text and <c>\operatorname{name}(a, b, …)</c> in LaTeX: what an op prints without its own notation.</summary>
    /// <param name="name">The function's name, also the label.</param>
    /// <param name="arity">How many inputs it shows.</param>
    /// <returns>The notation.</returns>
    public static Notation Function(string name, int arity) => Function(name, $@"\operatorname{{{LatexText(name)}}}", arity);

    /// <summary><c>name(a, …)</c> in text and <c>latex(a, …)</c> in LaTeX (e.g. <c>\tanh</c>).</summary>
    /// <param name="name">The function's name in text.</param>
    /// <param name="latex">The function's name in LaTeX.</param>
    /// <param name="arity">How many inputs it shows.</param>
    /// <param name="label">The label in a drawing; null for <paramref name="name"/>.</param>
    /// <returns>The notation.</returns>
    public static Notation Function(string name, string latex, int arity, string? label = null) =>
        new(label ?? name, Call(name, arity), Call(latex, arity));

    /// <summary>A left-associative infix operator: <c>a − b − c</c> is (a − b) − c, and a − (b − c) keeps its parentheses.</summary>
    /// <param name="symbol">The operator in text, also the label.</param>
    /// <param name="latex">The operator in LaTeX.</param>
    /// <param name="precedence">How tightly it binds (a <see cref="PureNet.Precedence"/> level).</param>
    /// <returns>The notation.</returns>
    public static Notation Binary(string symbol, string latex, int precedence) =>
        new(symbol, Operator(symbol, precedence), Operator(latex, precedence));

    /// <summary>A prefix operator at the level of a sum (so <c>a + (−b)</c> and <c>(−x) * y</c> keep their parentheses).</summary>
    /// <param name="symbol">The operator in text, also the label.</param>
    /// <param name="latex">The operator in LaTeX.</param>
    /// <returns>The notation.</returns>
    public static Notation Prefix(string symbol, string latex) =>
        new(symbol, new Form(PureNet.Precedence.Sum, symbol, Input(0, PureNet.Precedence.Product)),
            new Form(PureNet.Precedence.Sum, latex, Input(0, PureNet.Precedence.Product)));

    /// <summary>The node prints as its first input (in a drawing it is shown, labelled <paramref name="label"/>).</summary>
    /// <param name="label">The label in a drawing.</param>
    /// <returns>A <see cref="Hidden"/> notation.</returns>
    public static Notation Transparent(string label)
    {
        var self = new Form(PureNet.Precedence.Any, Input(0));
        return new Notation(label, self, self) { Hidden = true };
    }

    /// <summary>A number, as a leaf: −1 binds like a negation, 1e-07 reads 1 \times 10^{-7} in LaTeX.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The notation of a leaf showing no input.</returns>
    public static Notation Number(double value)
    {
        var text = NumberText(value);
        var precedence = value < 0 || double.IsNegativeInfinity(value) ? PureNet.Precedence.Sum : PureNet.Precedence.Atom;
        return new Notation(text, new Form(precedence, text), new Form(precedence, NumberLatex(value)));
    }

    /// <summary>The number as text: six significant digits, invariant culture.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text, such as <c>0.4</c> or <c>1E-07</c>.</returns>
    public static string NumberText(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>The number in LaTeX: scientific notation as a power of ten, ∞ as <c>\infty</c>.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The LaTeX, such as <c>0.4</c>, <c>10^{-7}</c> or <c>\mathrm{NaN}</c>.</returns>
    public static string NumberLatex(double value)
    {
        if (double.IsNaN(value)) return @"\mathrm{NaN}";
        if (double.IsInfinity(value)) return value > 0 ? @"\infty" : @"-\infty";
        var text = NumberText(value);
        var e = text.IndexOf('E');
        if (e < 0) return text;
        var exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
        var mantissa = text[..e];
        return mantissa == "1" ? $"10^{{{exponent}}}" : mantissa == "-1" ? $"-10^{{{exponent}}}" : $@"{mantissa} \times 10^{{{exponent}}}";
    }

    /// <summary>Plain text made safe inside <c>\operatorname{…}</c> or <c>\mathrm{…}</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text with LaTeX's special characters escaped.</returns>
    public static string LatexText(string text)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in text)
            sb.Append(c switch
            {
                '_' or '#' or '$' or '%' or '&' or '{' or '}' => "\\" + c,
                '\\' => @"\backslash{}",
                '^' => @"\hat{}",
                '~' => @"\sim{}",
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    /// <summary>Axes as a subscript: <c>_1</c>, <c>_(0, 2)</c> in text, or nothing when every axis is meant.</summary>
    /// <param name="axes">The axes, normalised (non-negative).</param>
    /// <param name="rank">The rank of the tensor they are axes of.</param>
    /// <returns>The subscript, or an empty string when <paramref name="axes"/> holds all <paramref name="rank"/> axes.</returns>
    public static string AxesText(int[] axes, int rank) =>
        axes.Length == rank ? "" : axes.Length == 1 ? $"_{axes[0]}" : $"_({string.Join(", ", axes)})";

    /// <summary>Axes as a LaTeX subscript: <c>_{1}</c>, <c>_{0,2}</c>, or nothing when every axis is meant.</summary>
    /// <param name="axes">The axes, normalised (non-negative).</param>
    /// <param name="rank">The rank of the tensor they are axes of.</param>
    /// <returns>The subscript, or an empty string when <paramref name="axes"/> holds all <paramref name="rank"/> axes.</returns>
    public static string AxesLatex(int[] axes, int rank) => axes.Length == rank ? "" : $"_{{{string.Join(",", axes)}}}";

    static Form Call(string name, int arity)
    {
        var pieces = new List<Piece> { name + "(" };
        for (var i = 0; i < arity; i++)
        {
            if (i > 0) pieces.Add(", ");
            pieces.Add(Input(i));
        }
        pieces.Add(")");
        return new Form(PureNet.Precedence.Atom, pieces.ToImmutableArray());
    }

    static Form Operator(string symbol, int precedence) =>
        new(precedence, Input(0, precedence), $" {symbol} ", Input(1, precedence + 1));
}
