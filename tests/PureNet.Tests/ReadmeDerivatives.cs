using System.Text;
using PureNet;

namespace PureNet.Tests;

/// <summary>
/// The README's "Reading derivatives" section is this test's output: each case before (<c>RawGrad</c>) and
/// after (<c>Grad</c>, which simplifies), in infix and LaTeX, and the quick start's DOT drawing as a PNG. The test fails when
/// the README differs; run it with PURENET_WRITE_README=1 to rewrite the section and the picture.
/// </summary>
public class ReadmeDerivatives
{
    const string Png = "docs/images/derivative-quickstart.png";

    [Fact]
    public void The_readme_shows_the_printers_output()
    {
        ReadmeRegion.Check("reading-derivatives", "tests/PureNet.Tests/ReadmeDerivatives.cs", Section());
        var png = Path.Combine(ReadmeRegion.RepositoryRoot(), Png);
        if (ReadmeRegion.Writing)
        {
            var (code, errors) = PrintTests.GraphvizPng(Print.Dot(DerivativeExamples.All[0].Simplified), png);
            Assert.True(code == 0, errors);
        }
        Assert.True(File.Exists(png), $"{Png} is missing; run this test with PURENET_WRITE_README=1");
    }

    static string Section()
    {
        var sb = new StringBuilder();
        foreach (var c in DerivativeExamples.All)
        {
            sb.Append($"#### {c.Title}\n\n`{c.Code}`\n\n");
            sb.Append("Before (`RawGrad`, as the derivative rules build it):\n\n```text\n").Append(c.Raw).Append("\n```\n\n");
            sb.Append("After (`Grad`, simplified):\n\n```text\n").Append(c.Simplified).Append("\n```\n\n");
            sb.Append("LaTeX, before and after:\n\n```latex\n").Append(Print.Latex(c.Raw)).Append("\n```\n\n```latex\n").Append(Print.Latex(c.Simplified)).Append("\n```\n\n");
        }
        return sb.ToString();
    }
}
