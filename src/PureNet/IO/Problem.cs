using LanguageExt.Common;

namespace PureNet;

/// <summary>Errors for untrusted input: every message names the file, the field, what was expected and what was found.</summary>
public static class Problem
{
    /// <summary>The error <c>file: field: expected …, found ….</c></summary>
    /// <param name="file">The file (or input) at fault.</param>
    /// <param name="field">The part of it that is wrong (<c>magic number</c>, <c>tensor 'w' shape</c>).</param>
    /// <param name="expected">What the format requires there.</param>
    /// <param name="found">What the file holds instead.</param>
    /// <returns>The error, to return in a <see cref="LanguageExt.Fin{A}"/>.</returns>
    public static Error At(string file, string field, string expected, string found) =>
        Error.New($"{file}: {field}: expected {expected}, found {found}.");

    /// <summary>A file that cannot be opened as one: missing, a directory, unreadable.</summary>
    /// <param name="file">The path.</param>
    /// <param name="found">What is there instead (<c>no such file</c>, <c>a directory</c>, the system's message).</param>
    /// <returns>The error <c>file: file: expected a readable file, found ….</c></returns>
    public static Error Unreadable(string file, string found) => At(file, "file", "a readable file", found);
}
