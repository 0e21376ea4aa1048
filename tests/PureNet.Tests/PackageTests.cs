namespace PureNet.Tests;

/// <summary>
/// The library as a user gets it: packed into a local folder, referenced by a fresh console application outside the
/// solution (nothing of the repository's build around it), built, and run on the README's quick start. The
/// application's runtimeconfig carries the large-object threshold the package brings (buildTransitive/PureNet.targets),
/// and the package carries its licence, README, XML docs, repository and symbols (a pdb whose SourceLink points at the
/// repository's sources at the built commit).
/// </summary>
public class PackageTests
{
    const string Version = "0.0.0-packagetest";

    [Fact]
    public void A_fresh_application_builds_against_the_package_alone_and_runs_the_quick_start()
    {
        var root = ReadmeRegion.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("purenet-package-").FullName;
        try
        {
            var feed = Path.Combine(work, "feed");
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;   // bin/<configuration>/net10.0
            var pack = Processes.Dotnet(root, "pack", "src/PureNet/PureNet.csproj", "--no-build", "-c", configuration, "-o", feed, $"-p:PackageVersion={Version}");
            Assert.True(pack.Code == 0, pack.Output);
            using (var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(feed, $"PureNet.{Version}.nupkg")))
            {
                var entries = package.Entries.Select(e => e.FullName).ToArray();
                foreach (var file in new[] { "LICENSE", "README.md", "buildTransitive/PureNet.targets", "lib/net10.0/PureNet.dll", "lib/net10.0/PureNet.xml" })
                    Assert.Contains(file, entries);
                using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
                var metadata = nuspec.ReadToEnd();
                Assert.Contains("<license type=\"expression\">MIT</license>", metadata);
                Assert.Contains("<readme>README.md</readme>", metadata);
                Assert.DoesNotContain("Package Description", metadata);
                Assert.Contains("<projectUrl>https://github.com/purenet/purenet</projectUrl>", metadata);
                Assert.Contains("<repository type=\"git\" url=\"https://github.com/purenet/purenet\"", metadata);
            }
            var symbols = Path.Combine(feed, $"PureNet.{Version}.snupkg");
            Assert.True(File.Exists(symbols), "no symbol package");
            if (Path.Exists(Path.Combine(root, ".git")))    // SourceLink needs the commit; a source tarball has none
                Assert.StartsWith("https://raw.githubusercontent.com/purenet/purenet/", SourceLinkTarget(symbols, "lib/net10.0/PureNet.pdb"));
            var cached = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "purenet", Version);
            if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);       // a stale copy of this test version

            var app = Directory.CreateDirectory(Path.Combine(work, "app")).FullName;
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <configuration><packageSources><clear /><add key="local" value="{feed}" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
                """);
            File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>
                  <ItemGroup><PackageReference Include="PureNet" Version="{Version}" /></ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), File.ReadAllText(Path.Combine(root, "examples", "QuickStart", "Program.cs")));
            var run = Processes.Dotnet(app, "run", "-c", "Release");
            Assert.True(run.Code == 0, run.Output);
            Assert.Contains("dloss/dw", run.Output);
            Assert.Contains("GradCheck", run.Output, StringComparison.OrdinalIgnoreCase);
            var config = File.ReadAllText(Path.Combine(app, "bin", "Release", "net10.0", "App.runtimeconfig.json"));
            Assert.Contains("\"System.GC.LOHThreshold\": 4194304", config);
        }
        finally { Directory.Delete(work, recursive: true); }
    }

    /// <summary>The URL the pdb's SourceLink document maps its sources to (its one entry).</summary>
    static string SourceLinkTarget(string symbolPackage, string pdbEntry)
    {
        using var package = System.IO.Compression.ZipFile.OpenRead(symbolPackage);
        using var pdb = new MemoryStream();
        using (var entry = package.GetEntry(pdbEntry)!.Open()) entry.CopyTo(pdb);
        pdb.Position = 0;
        using var provider = System.Reflection.Metadata.MetadataReaderProvider.FromPortablePdbStream(pdb);
        var reader = provider.GetMetadataReader();
        var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");   // the Portable PDB spec's SourceLink record
        var blob = reader.CustomDebugInformation.Select(reader.GetCustomDebugInformation)
            .Single(d => reader.GetGuid(d.Kind) == sourceLinkKind).Value;
        using var json = System.Text.Json.JsonDocument.Parse(reader.GetBlobBytes(blob));
        return json.RootElement.GetProperty("documents").EnumerateObject().Single().Value.GetString()!;
    }
}
