using System.IO.Compression;
using System.Runtime.InteropServices;

namespace PureNet.Tests;

/// <summary>
/// The <c>purenet</c> tool as a user gets it: packed as a .NET 10 RID-specific tool into a local folder, installed from
/// that folder alone, and run from a directory that is not the repository: <c>--version</c>, then a one-epoch training
/// run on the data the package embeds. The packages carry the licence and the third-party notices (beside the fonts and
/// the data), the platform's own natives only, and no native debug symbols.
/// </summary>
public class ToolPackageTests
{
    const string Version = "0.0.0-tooltest";
    const long MaxPackageBytes = 20_000_000;

    // What a clone holds for the tool. Packing a copy builds it afresh in Release, away from the test run's own builds.
    static readonly string[] Sources = ["Directory.Build.props", "Directory.Packages.props", "LICENSE", "README.md", "THIRD-PARTY-NOTICES.md", "src/PureNet", "src/PureNet.Cli", "data"];

    [Fact]
    public void The_tool_packs_for_this_platform_installs_from_a_local_folder_and_trains_outside_the_repository()
    {
        var root = ReadmeRegion.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("purenet-tool-").FullName;
        try
        {
            var source = Path.Combine(work, "source");
            foreach (var entry in Sources) Copy(Path.Combine(root, entry), Path.Combine(source, entry));
            var rid = PortableRid();
            var feed = Path.Combine(work, "feed");
            // Only this platform's package (the project lists five): the others differ only in their natives and cost a publish each.
            var pack = Processes.Dotnet(source, "pack", "src/PureNet.Cli/PureNet.Cli.csproj", "-c", "Release", "-o", feed,
                $"-p:Version={Version}", $"-p:ToolPackageRuntimeIdentifiers={rid}");
            Assert.True(pack.Code == 0, pack.Output);
            Assert.Equal([$"PureNet.Cli.{Version}.nupkg", $"PureNet.Cli.{rid}.{Version}.nupkg"], Directory.GetFiles(feed).Select(Path.GetFileName).Order());

            using (var pointer = ZipFile.OpenRead(Path.Combine(feed, $"PureNet.Cli.{Version}.nupkg")))
                Assert.Contains($"<RuntimeIdentifierPackage RuntimeIdentifier=\"{rid}\" Id=\"PureNet.Cli.{rid}\" />", Text(pointer, "tools/any/any/DotnetToolSettings.xml"));
            var platformPackage = Path.Combine(feed, $"PureNet.Cli.{rid}.{Version}.nupkg");
            Assert.InRange(new FileInfo(platformPackage).Length, 1, MaxPackageBytes);
            using (var package = ZipFile.OpenRead(platformPackage))
            {
                var tool = $"tools/net10.0/{rid}/";
                var entries = package.Entries.Select(e => e.FullName).ToArray();
                string[] expected = ["LICENSE", "README.md", "THIRD-PARTY-NOTICES.md",
                    tool + "Fonts/DejaVuSans.ttf", tool + "Fonts/LICENSE-DejaVu.txt",
                    tool + "data/fashion-mnist-subset/train-images-idx3-ubyte.gz", tool + "data/fashion-mnist-subset/LICENSE-Fashion-MNIST.txt",
                    tool + "THIRD-PARTY-NOTICES-SkiaSharp.txt", tool + "THIRD-PARTY-NOTICES-ScottPlot.txt"];
                foreach (var file in expected) Assert.Contains(file, entries);
                Assert.DoesNotContain(entries, e => e.Contains("/runtimes/", StringComparison.Ordinal));         // no other platform's natives
                Assert.Contains(entries, e => e.StartsWith(tool + "libSkiaSharp.", StringComparison.Ordinal));   // this platform's, beside the tool
                Assert.Equal([tool + "PureNet.Cli.pdb", tool + "PureNet.pdb"], entries.Where(e => e.EndsWith(".pdb", StringComparison.Ordinal)).Order());
                var nuspec = Text(package, $"PureNet.Cli.{rid}.nuspec");
                Assert.Contains("<packageType name=\"DotnetToolRidPackage\" />", nuspec);
                Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
                Assert.Contains("<repository type=\"git\" url=\"https://github.com/purenet/purenet\"", nuspec);
            }

            var tools = Path.Combine(work, "tools");
            var install = Processes.Dotnet(work, "tool", "install", "--tool-path", tools, "--source", feed, "PureNet.Cli", "--version", Version);
            Assert.True(install.Code == 0, install.Output);
            var purenet = Path.Combine(tools, OperatingSystem.IsWindows() ? "purenet.exe" : "purenet");
            var elsewhere = Directory.CreateDirectory(Path.Combine(work, "elsewhere")).FullName;

            var version = Processes.Run(purenet, elsewhere, "--version");
            Assert.True(version.Code == 0, version.Output);
            Assert.Equal($"purenet {Version}", version.Output.Trim());

            var train = Processes.Run(purenet, elsewhere, "train", "--epochs", "1", "--batch", "50", "--limit-train", "300", "--limit-test", "100");
            Assert.True(train.Code == 0, train.Output);
            Assert.Contains("on the embedded subset: 300 training images", train.Output);
            Assert.Contains("epoch 1/1", train.Output);
            Assert.Matches(@"test accuracy 0\.\d{4} on 100 test images", train.Output);
            foreach (var file in new[] { "model.safetensors", "history.csv", "curves.png" })
                Assert.True(File.Exists(Path.Combine(elsewhere, "runs", "latest", file)), $"no runs/latest/{file} in the working directory");
        }
        finally { Directory.Delete(work, recursive: true); }
    }

    /// <summary>The portable RID of this machine among the tool's: os-arch (linux-x64, osx-arm64, win-x64, …).</summary>
    static string PortableRid() =>
        (OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux") + "-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();

    static string Text(ZipArchive package, string entry)
    {
        using var reader = new StreamReader(package.GetEntry(entry)?.Open() ?? throw new InvalidOperationException($"no {entry} in the package"));
        return reader.ReadToEnd();
    }

    /// <summary>Copies a file, or a directory without its build outputs (bin/, obj/).</summary>
    static void Copy(string from, string to)
    {
        if (File.Exists(from)) { Directory.CreateDirectory(Path.GetDirectoryName(to)!); File.Copy(from, to); return; }
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")) continue;
            Copy(file, Path.Combine(to, relative));
        }
    }
}
