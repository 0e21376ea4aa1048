namespace PureNet.Tests;

/// <summary>Code the README shows is code a test runs: each test file's README-BEGIN … README-END region appears in README.md verbatim (dedented).</summary>
public class ReadmeSnippets
{
    /// <param name="file">The test file.</param>
    /// <param name="printer">What the test calls to collect printed lines, shown in the README as Console.WriteLine.</param>
    [Theory]
    [InlineData("ReadmeTrainingExample.cs", "print(")]
    [InlineData("ReadmeTrainingLoop.cs", null)]
    [InlineData("ReadmeUserOpExample.cs", null)]
    public void The_readme_shows_the_tested_code_verbatim(string file, string? printer)
    {
        var root = ReadmeRegion.RepositoryRoot();
        var lines = File.ReadAllLines(Path.Combine(root, "tests", "PureNet.Tests", file));
        var (begin, end) = (Array.FindIndex(lines, l => l.Trim() == "// README-BEGIN"), Array.FindIndex(lines, l => l.Trim() == "// README-END"));
        Assert.True(begin >= 0 && end > begin, $"{file} has no README-BEGIN … README-END region");
        var region = lines[(begin + 1)..end];
        var indent = region.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        var snippet = string.Join("\n", region.Select(l => l.Length >= indent ? l[indent..] : l.Trim()));
        if (printer is not null) snippet = snippet.Replace(printer, "Console.WriteLine(");
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).Replace("\r\n", "\n");
        Assert.True(readme.Contains(snippet), $"README.md does not show the code of {file} verbatim:\n{snippet}");
    }
}
