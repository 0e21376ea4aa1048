using System.Text.RegularExpressions;

namespace PureNet;

/// <summary>
/// Prints expressions as a textbook would: <see cref="Infix"/> text, <see cref="Latex"/> for a paper and
/// <see cref="Dot"/> for Graphviz. Each op says how it reads (<see cref="IOp.Format"/>), so nothing here knows an op
/// type; a node the text reaches more than once and that is more than a leaf is bound once by a <c>let</c>, so a DAG
/// prints in size linear in its node count. All three walk explicit stacks and lists, never the call stack.
/// </summary>
public static partial class Print
{
    /// <summary>Infix text with minimal parentheses, shared subexpressions as <c>let t1 = …</c> lines before the result.</summary>
    /// <param name="root">The expression to print.</param>
    /// <returns>The text, e.g. <c>let t1 = tanh(x · w)</c> then <c>xᵀ · (2 / N * (t1 - y) * (1 - t1^2))</c> on the next line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    /// <exception cref="InvalidOperationException">An op's notation shows an input the node does not have.</exception>
    public static string Infix(Expr root)
    {
        var layout = PrintLayout.Of(Guard.NotNull(root, "Print.Infix"), InfixForm);
        var (lets, body) = PrintText.Write(layout, k => $"{layout.NamePrefix}{k}");
        return string.Concat(lets.Select(l => $"let {l.Name} = {l.Text}\n")) + body;
    }

    /// <summary>
    /// LaTeX math (no surrounding <c>$</c>), pasteable into a paper: <c>\tanh</c>, <c>\frac</c>, <c>\sum</c> with axes as
    /// subscripts, <c>^\top</c>, <c>\odot</c>; shared subexpressions follow as <c>\text{where } t_{1} = …</c>.
    /// </summary>
    /// <param name="root">The expression to print.</param>
    /// <returns>The LaTeX source of the formula.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    /// <exception cref="InvalidOperationException">An op's notation shows an input the node does not have.</exception>
    public static string Latex(Expr root)
    {
        var layout = PrintLayout.Of(Guard.NotNull(root, "Print.Latex"), LatexForm);
        var (lets, body) = PrintText.Write(layout, k => $"{layout.NamePrefix}_{{{k}}}");
        return lets.Count == 0 ? body : $@"{body}, \quad \text{{where }} {string.Join(@", \; ", lets.Select(l => $"{l.Name} = {l.Text}"))}";
    }

    static Form InfixForm(Expr node, Notation? notation, Func<int, bool> _) => node switch
    {
        Variable v => new Form(Precedence.Atom, v.Name),
        Constant c when c.Value.Size == 1 => Notation.Number(c.Value.Span[0]).Infix,
        Constant c => new Form(Precedence.Atom, $"const{c.Value.Shape}"),
        _ => notation!.Infix,
    };

    static Form LatexForm(Expr node, Notation? notation, Func<int, bool> isCoefficient) => node switch
    {
        Variable v => new Form(Precedence.Atom, LatexName(v.Name)),
        Constant c when c.Value.Size == 1 => Notation.Number(c.Value.Span[0]).Latex,
        Constant c => new Form(Precedence.Atom, $@"\mathrm{{const}}_{{{Notation.LatexText(c.Value.Shape.ToString())}}}"),
        _ => notation!.LatexWithCoefficient is { } scaled && Enumerable.Range(0, node.Inputs.Count).Any(isCoefficient) ? scaled : notation.Latex,
    };

    /// <summary>x stays x, W1 reads W_{1}, w_out reads w_{\mathrm{out}}, anything else is upright text.</summary>
    internal static string LatexName(string name) =>
        SingleLetter().IsMatch(name) ? name
        : LetterDigits().Match(name) is { Success: true } d ? $"{d.Groups[1].Value}_{{{d.Groups[2].Value}}}"
        : LetterSubscript().Match(name) is { Success: true } s ? $@"{s.Groups[1].Value}_{{\mathrm{{{Notation.LatexText(s.Groups[2].Value)}}}}}"
        : $@"\mathrm{{{Notation.LatexText(name)}}}";

    [GeneratedRegex("^[A-Za-z]$")] private static partial Regex SingleLetter();
    [GeneratedRegex("^([A-Za-z])([0-9]+)$")] private static partial Regex LetterDigits();
    [GeneratedRegex("^([A-Za-z])_([A-Za-z0-9]+)$")] private static partial Regex LetterSubscript();
}
