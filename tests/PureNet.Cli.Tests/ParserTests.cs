using PureNet.Cli;

namespace PureNet.Cli.Tests;

/// <summary>The command line on System.CommandLine: value forms, aliases, suggestions, every error at once, on stderr.</summary>
public class ParserTests
{
    static Args Ready(params string[] args) => new Parser(Cli.Commands).Parse(args) switch
    {
        Parsed.Ready r => r.Args,
        var other => throw new Xunit.Sdk.XunitException($"expected a command to run, got {other}"),
    };

    static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Version_goes_to_stdout_and_exits_0()
    {
        var (code, output, errors) = Run.Separately("--version");
        Assert.Equal(Cli.Ok, code);
        Assert.Equal($"purenet {Cli.Version}", output.Trim());
        Assert.Empty(errors);
    }

    [Fact]
    public void A_value_follows_its_option_with_a_space_or_an_equals_sign()
    {
        Assert.Equal(2, Ready("train", "--epochs=2").Int("epochs").ThrowIfFail());
        Assert.Equal(2, Ready("train", "--epochs", "2").Int("epochs").ThrowIfFail());
        Assert.Equal(5, Ready("train").Int("epochs").ThrowIfFail());                         // the default
        Assert.Equal("1e-2", Ready("train", "--lr=1e-2").String("lr").ThrowIfFail());
        Assert.Equal(-1, Ready("check", "--seed", "-1").Int("seed").ThrowIfFail());          // a negative value is a value, not an option
    }

    [Fact]
    public void Short_aliases_name_the_common_options()
    {
        var a = Ready("train", "-m", "cnn", "-e", "3", "-b", "32", "-s", "7", "-l", "0.01", "-o", "runs/x", "-d", "dir");
        Assert.Equal(("cnn", 3, 32, 7, "0.01", "runs/x", "dir"),
            (a.String("model").ThrowIfFail(), a.Int("epochs").ThrowIfFail(), a.Int("batch").ThrowIfFail(), a.Int("seed").ThrowIfFail(),
             a.String("lr").ThrowIfFail(), a.String("out").ThrowIfFail(), a.String("data").ThrowIfFail()));
        Assert.Equal(4, Ready("train", "-e=4").Int("epochs").ThrowIfFail());
        Assert.Equal("m.safetensors", Ready("evaluate", "-p", "m.safetensors").String("params").ThrowIfFail());
        Assert.Equal(["l1.", "conv1."], Ready("train", "--freeze", "l1.", "conv1.", "-e", "1").Strings("freeze").ToArray());
    }

    [Fact]
    public void A_misspelt_command_gets_a_suggestion()
    {
        var (code, output, errors) = Run.Separately("trian");
        Assert.Equal(Cli.BadInput, code);
        Assert.Empty(output);
        Assert.Equal("error: unknown command 'trian'. Did you mean 'train'? Commands: train, evaluate, check, search, export.", errors.Trim());
    }

    [Fact]
    public void A_misspelt_option_gets_a_suggestion_and_its_value_is_not_a_second_error()
    {
        var (code, _, errors) = Run.Separately("train", "--epoch", "2");
        Assert.Equal(Cli.BadInput, code);
        Assert.Equal(["error: train: unknown option '--epoch'. Did you mean '--epochs'? See 'purenet train --help'."], Lines(errors));
        Assert.Equal(["error: train: unknown option '--optimiser'. Did you mean '--optimizer'? See 'purenet train --help'."], Lines(Run.Separately("train", "--optimiser=sgd").Errors));
    }

    [Fact]
    public void Every_bad_option_is_reported_at_once_one_line_each_on_stderr()
    {
        var (code, output, errors) = Run.Separately("train", "--validation", "1.5", "--batch", "0", "--lr", "-1", "--bogus");
        Assert.Equal(Cli.BadInput, code);
        Assert.Empty(output);
        Assert.Equal(
        [
            "error: train: unknown option '--bogus'. See 'purenet train --help'.",
            "error: train: --batch must be an integer in [1, ∞]; found '0'.",
            "error: train: --lr must be a number in (0, 1000000]; found '-1'.",
            "error: train: --validation must be a number in [0, 0.9]; found '1.5'.",
        ], Lines(errors));
    }

    [Fact]
    public void A_training_run_takes_the_equals_form_and_the_short_aliases()
    {
        using var dir = new TempDir();
        var (code, output, errors) = Run.Separately("train", "--epochs=1", "-b", "50", "--limit-train=300", "--limit-test", "100", "-s", "3", "-o", dir.File("run"));
        Assert.True(code == Cli.Ok, errors);
        Assert.Empty(errors);
        Assert.Contains("batch 50, 1 epoch, seed 3", output);
        Assert.True(File.Exists(Path.Combine(dir.File("run"), "model.safetensors")));
    }

    [Fact]
    public void Errors_go_to_stderr_and_results_to_stdout()
    {
        var (code, output, errors) = Run.Separately("export", "--params", "nowhere.safetensors", "--onnx", "m.onnx");
        Assert.Equal(Cli.BadInput, code);
        Assert.Empty(output);
        Assert.StartsWith("error: ", errors);
        var help = Run.Separately("train", "--help");
        Assert.Equal(Cli.Ok, help.Code);
        Assert.Empty(help.Errors);
        Assert.Contains("-e, --epochs N", help.Output);
        Assert.Contains("(default: 5)", help.Output);
        Assert.Contains("Example:", help.Output);
        var bare = Run.Separately();
        Assert.Equal(Cli.BadInput, bare.Code);
        Assert.Empty(bare.Output);
        Assert.Contains("Usage: purenet <command>", bare.Errors);
    }

    [Theory]
    [InlineData("check", "--limit-test")]
    [InlineData("search", "--limit-test")]
    [InlineData("evaluate", "--limit-train")]
    [InlineData("export", "--limit-test")]
    public void An_option_a_command_does_not_take_is_named_in_its_help_and_refused_as_such(string command, string option)
    {
        var note = Lines(Run.Separately(command, "--help").Output).Single(l => l.StartsWith("Not taken here: ", StringComparison.Ordinal));
        Assert.Contains(option, note);
        var (code, _, errors) = Run.Separately(command, option, "5");
        Assert.Equal(Cli.BadInput, code);
        Assert.Equal([$"error: {command}: option '{option}' is not taken by {command}. See 'purenet {command} --help'."], Lines(errors));
    }

    [Fact]
    public void Help_as_a_word_still_shows_the_usage_or_a_commands_help()
    {
        Assert.Equal(Run.Separately("--help"), Run.Separately("help"));
        Assert.Equal(Run.Separately("search", "--help"), Run.Separately("help", "search"));
        Assert.Equal(Cli.BadInput, Run.Separately("help", "fly").Code);
    }

    [Theory]
    [InlineData("trian", "train", 1)]
    [InlineData("train", "train", 0)]
    [InlineData("--epoch", "--epochs", 1)]
    [InlineData("abc", "xyz", 3)]
    [InlineData("", "ab", 2)]
    public void Edit_distance_counts_a_swap_of_neighbours_as_one(string a, string b, int expected) =>
        Assert.Equal(expected, Suggestion.Distance(a, b));

    [Fact]
    public void No_suggestion_when_nothing_is_near() =>
        Assert.Null(Suggestion.Nearest("fly", ["train", "evaluate", "check", "search", "export"]));
}

/// <summary>An --out that cannot take the run's files is refused before training starts.</summary>
public class OutputDirectoryTests
{
    [Fact]
    public void An_out_that_is_a_file_or_lies_under_a_file_is_refused_before_any_training()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "taken");
        File.WriteAllText(file, "not a directory");
        foreach (var (outDir, rule) in new[] { (file, "is a file"), (Path.Combine(file, "sub"), "cannot be written") })
        {
            var (code, output, errors) = Run.Separately("train", "--epochs", "1", "--limit-train", "100", "--limit-test", "50", "--out", outDir);
            Assert.Equal(Cli.BadInput, code);
            Assert.Contains($"--out '{outDir}' {rule}", errors);
            Assert.DoesNotContain("epoch 1", output);                     // refused before the first epoch
        }
        Assert.Equal("not a directory", File.ReadAllText(file));
    }

    [Fact]
    public void A_missing_out_directory_is_created_and_left_without_the_probe()
    {
        using var dir = new TempDir();
        var target = Path.Combine(dir.Path, "a", "b");
        Assert.Equal(target, OutputDirectory.Writable("train", target).ThrowIfFail());
        Assert.True(Directory.Exists(target));
        Assert.Empty(Directory.EnumerateFileSystemEntries(target));
    }
}
