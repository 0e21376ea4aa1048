using System.Diagnostics;

namespace PureNet.Tests;

/// <summary>
/// The library as a user gets it: packed into a local folder, referenced by a fresh console application outside the
/// solution (nothing of the repository's build around it), built, and run on the README's quick start. The
/// application's runtimeconfig carries the large-object threshold the package brings (buildTransitive/PureNet.targets),
/// and the package carries its licence, README, XML docs and symbols.
/// </summary>
public class PackageTests
{
    const string Version = "0.0.0-packagetest";

    static (int Code, string Output) Run(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(true); return (-1, "timed out"); }
        return (process.ExitCode, output.Result + errors.Result);
    }

    [Fact]
    public void A_fresh_application_builds_against_the_package_alone_and_runs_the_quick_start()
    {
        var root = ReadmeRegion.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("purenet-package-").FullName;
        try
        {
            var feed = Path.Combine(work, "feed");
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;   // bin/<configuration>/net10.0
            var pack = Run(root, "pack", "src/PureNet/PureNet.csproj", "--no-build", "-c", configuration, "-o", feed, $"-p:PackageVersion={Version}");
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
            }
            Assert.True(File.Exists(Path.Combine(feed, $"PureNet.{Version}.snupkg")), "no symbol package");
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
            var run = Run(app, "run", "-c", "Release");
            Assert.True(run.Code == 0, run.Output);
            Assert.Contains("dloss/dw", run.Output);
            Assert.Contains("GradCheck", run.Output, StringComparison.OrdinalIgnoreCase);
            var config = File.ReadAllText(Path.Combine(app, "bin", "Release", "net10.0", "App.runtimeconfig.json"));
            Assert.Contains("\"System.GC.LOHThreshold\": 4194304", config);
        }
        finally { Directory.Delete(work, recursive: true); }
    }
}
