using System.Text.RegularExpressions;

namespace PureNet.Tests;

/// <summary>
/// A small well-formedness check for LaTeX math: braces, parentheses and brackets balance (and nest), \left pairs with
/// \right, every command is one a paper's math mode knows, and no atom carries two superscripts or two subscripts.
/// </summary>
public static partial class LatexCheck
{
    static readonly HashSet<string> Known =
    [
        "tanh", "sigma", "exp", "log", "sqrt", "frac", "sum", "max", "min", "operatorname", "mathrm", "text", "quad",
        "odot", "cdot", "times", "top", "left", "right", "leq", "geq", "neq", "infty", "backslash", "hat", "sim",
    ];

    /// <summary>What is wrong with <paramref name="latex"/>, or nothing.</summary>
    public static IReadOnlyList<string> Problems(string latex)
    {
        var problems = new List<string>();
        foreach (Match m in Command().Matches(latex))
            if (!Known.Contains(m.Groups[1].Value)) problems.Add($"unknown command \\{m.Groups[1].Value}");
        var stack = new Stack<char>();
        var lefts = 0;
        for (var i = 0; i < latex.Length; i++)
        {
            var c = latex[i];
            if (c == '\\' && i + 1 < latex.Length && !char.IsLetter(latex[i + 1])) { i++; continue; }   // \{ \_ \; \,
            if (latex.AsSpan(i).StartsWith(@"\left")) lefts++;
            if (latex.AsSpan(i).StartsWith(@"\right")) lefts--;
            if (c is '{' or '(' or '[') stack.Push(c);
            else if (c is '}' or ')' or ']')
            {
                var open = c switch { '}' => '{', ')' => '(', _ => '[' };
                if (!stack.TryPop(out var top) || top != open) { problems.Add($"'{c}' at {i} closes nothing open"); break; }
            }
            if (lefts < 0) { problems.Add($"\\right at {i} before its \\left"); break; }
        }
        if (stack.Count > 0) problems.Add($"{stack.Count} group(s) left open");
        if (lefts != 0) problems.Add("\\left and \\right do not pair");
        if (DoubleScript().IsMatch(latex)) problems.Add("double superscript or subscript");
        if (latex.Contains("$")) problems.Add("a '$' inside math");
        return problems;
    }

    [GeneratedRegex(@"\\([A-Za-z]+)")] private static partial Regex Command();
    // x^{a}^{b}, x^\top^{2}, x_{1}_{2}: a script group, or \top, followed directly by the same script.
    [GeneratedRegex(@"(\^(\{[^{}]*\}|\\top|[A-Za-z0-9])\^)|(_(\{[^{}]*\}|[A-Za-z0-9])_)")] private static partial Regex DoubleScript();
}
