using LanguageExt.Common;

namespace PureNet;

/// <summary>Errors for untrusted input: every message names the file, the field, what was expected and what was found.</summary>
public static class Problem
{
    public static Error At(string file, string field, string expected, string found) =>
        Error.New($"{file}: {field}: expected {expected}, found {found}.");

    /// <summary>A file that cannot be opened as one: missing, a directory, unreadable.</summary>
    public static Error Unreadable(string file, string found) => At(file, "file", "a readable file", found);
}
