using System.Reflection;
using PureNet.Cli;

namespace PureNet.Cli.Tests;

public class CommandLineTests
{
    [Theory]
    [InlineData("train")]
    [InlineData("evaluate")]
    [InlineData("check")]
    [InlineData("search")]
    [InlineData("export")]
    public void Every_command_has_help_listing_its_options(string command)
    {
        var (code, output) = Run.Purenet(command, "--help");
        Assert.Equal(0, code);
        Assert.StartsWith($"purenet {command} — ", output);
        var spec = Cli.Commands.Single(c => c.Name == command);
        foreach (var o in spec.Options) Assert.Contains("--" + o.Name, output);
    }

    [Fact]
    public void Usage_lists_the_commands_but_not_the_hidden_one()
    {
        var (code, output) = Run.Purenet("--help");
        Assert.Equal(0, code);
        foreach (var c in new[] { "train", "evaluate", "check", "search", "export" }) Assert.Contains(c, output);
        Assert.DoesNotContain("draw-subset", output);
        Assert.Equal(Cli.BadInput, Run.Purenet().Code);
    }

    [Fact]
    public void Version_prints_the_assembly_informational_version_and_exits_0()
    {
        var (code, output) = Run.Purenet("--version");
        Assert.Equal(Cli.Ok, code);
        var stamped = typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal($"purenet {stamped}", output.Trim());
        Assert.Matches(@"^purenet \d+\.\d+\.\d+", output);      // the package version (Directory.Build.props) leads
        Assert.Contains("'purenet --version'", Run.Purenet("--help").Output);
        var (badCode, badOutput) = Run.Purenet("--version", "train");
        Assert.Equal(Cli.BadInput, badCode);
        Assert.Equal("error: --version takes no arguments; found 'train'.", badOutput.Trim());
    }

    [Theory]
    [InlineData(new[] { "fly" }, "error: unknown command 'fly'. Commands: train, evaluate, check, search, export.")]
    [InlineData(new[] { "train", "--bogus" }, "error: train: unknown option '--bogus'.")]
    [InlineData(new[] { "train", "--epochs" }, "error: train: option --epochs needs a value (N).")]
    [InlineData(new[] { "train", "--epochs", "zero" }, "error: train: --epochs must be an integer in [1, ∞]; found 'zero'.")]
    [InlineData(new[] { "train", "--lr", "-1" }, "error: train: --lr must be a number in (0, 1000000]; found '-1'.")]
    [InlineData(new[] { "train", "--model", "resnet" }, "error: train: --model must be one of mlp, cnn, cnn-bn; found 'resnet'.")]
    [InlineData(new[] { "train", "--optimizer", "lion" }, "error: train: --optimizer must be one of sgd, momentum, nesterov, sgd-momentum, sgd-nesterov, adagrad, rmsprop, adam, adamw; found 'lion'.")]
    [InlineData(new[] { "train", "--epochs", "1", "--epochs", "2" }, "error: train: option --epochs is given twice.")]
    [InlineData(new[] { "train", "stray" }, "error: train: unexpected argument 'stray'")]
    [InlineData(new[] { "evaluate" }, "error: evaluate: --params FILE (or --ensemble FILE…) is required.")]
    [InlineData(new[] { "export", "--onnx", "m.onnx" }, "error: export: option --params is required.")]
    [InlineData(new[] { "export", "--params", "m.safetensors" }, "error: export: option --onnx is required.")]
    public void Bad_options_exit_with_code_2_and_one_clear_line(string[] args, string expected)
    {
        var (code, output) = Run.Purenet(args);
        Assert.Equal(Cli.BadInput, code);
        Assert.StartsWith(expected, output);
        Assert.DoesNotContain("   at ", output);   // no stack trace
    }

    [Fact]
    public void A_missing_data_directory_names_it()
    {
        using var dir = new TempDir();
        var (code, output) = Run.Purenet("train", "--data", dir.File("nowhere"), "--out", dir.File("out"));
        Assert.Equal(Cli.BadInput, code);
        Assert.Equal($"error: {dir.File("nowhere")}: --data: expected a directory holding the four Fashion-MNIST IDX files, found no such directory.", output.Trim());
    }

    [Fact]
    public void Every_bad_file_of_a_data_directory_is_reported()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("train-images-idx3-ubyte"), [0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28]);   // truncated
        Directory.CreateDirectory(dir.File("train-labels-idx1-ubyte.gz"));                                               // a directory
        var (code, output) = Run.Purenet("train", "--data", dir.Path, "--out", dir.File("out"));
        Assert.Equal(Cli.BadInput, code);
        var lines = output.Trim().Split('\n');
        Assert.Contains(lines, l => l.StartsWith($"error: {dir.File("train-images-idx3-ubyte")}: data size: expected 784 bytes", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == $"error: {dir.File("train-labels-idx1-ubyte.gz")}: file: expected a readable file, found a directory.");
        Assert.Contains(lines, l => l.StartsWith($"error: {dir.File("t10k-images-idx3-ubyte.gz")}: file: expected a readable file, found no such file.", StringComparison.Ordinal));
        Assert.False(Directory.Exists(dir.File("out")));
    }
}
