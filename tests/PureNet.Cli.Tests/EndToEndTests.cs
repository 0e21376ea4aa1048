using PureNet.Cli;

namespace PureNet.Cli.Tests;

/// <summary>train → evaluate → check on a small part of the embedded data, with exit codes and files checked.</summary>
public class EndToEndTests
{
    static readonly string[] Files =
    [
        "model.safetensors", "history.csv", "history.json", "curves.png", "confusion.png", "first-layer.png",
        "histograms-activations.png", "histograms-activation-gradients.png", "histograms-parameter-gradients.png",
    ];

    static void AssertOk((int Code, string Output) run) => Assert.True(run.Code == 0, run.Output);

    [Fact]
    public void Train_then_evaluate_then_check()
    {
        using var dir = new TempDir();
        var (code, output) = Run.QuickTrain(dir.File("run"));
        Assert.True(code == 0, output);
        Assert.Contains("epoch 1/2  loss ", output);
        Assert.Contains("epoch 2/2  loss ", output);
        Assert.Matches(@"test accuracy 0\.\d{4} on 100 test images", output);
        Assert.Equal(Files.Order(), Directory.GetFiles(dir.File("run")).Select(Path.GetFileName).Order());
        var keys = new List<string>();
        void Collect(System.Text.Json.JsonElement e)
        {
            if (e.ValueKind == System.Text.Json.JsonValueKind.Object)
                foreach (var p in e.EnumerateObject()) { keys.Add(p.Name); Collect(p.Value); }
            else if (e.ValueKind == System.Text.Json.JsonValueKind.Array)
                foreach (var item in e.EnumerateArray()) Collect(item);
        }
        Collect(System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("run"), "history.json"))).RootElement);
        Assert.Contains("best_epoch", keys);
        Assert.All(keys, k => Assert.Matches("^[a-z0-9]+(_[a-z0-9]+)*$", k));           // history.json's keys in one style
        var csv = File.ReadAllLines(Path.Combine(dir.File("run"), "history.csv"));
        Assert.Equal(HistoryFiles.CsvHeader, csv[0]);
        Assert.Equal(3, csv.Length);

        var model = Path.Combine(dir.File("run"), "model.safetensors");
        var (evalCode, evalOutput) = Run.Purenet("evaluate", "--params", model, "--limit-test", "100", "--out", dir.File("eval"));
        Assert.True(evalCode == 0, evalOutput);
        Assert.Matches(@"test accuracy 0\.\d{4} on 100 images of the embedded subset — mlp", evalOutput);
        Assert.Contains("per-class accuracy", evalOutput);
        Assert.Contains("Ankle boot", evalOutput);
        Assert.True(File.Exists(Path.Combine(dir.File("eval"), "confusion.png")));
        // evaluate agrees with the accuracy train reported on the same images
        var trained = System.Text.RegularExpressions.Regex.Match(output, @"test accuracy (0\.\d{4})").Groups[1].Value;
        Assert.Contains($"test accuracy {trained}", evalOutput);

        var (checkCode, checkOutput) = Run.Purenet("check", "--limit-train", "640", "--overfit-steps", "40", "--sweep", "1e-2,10", "--sweep-images", "640");
        Assert.True(checkCode == 0, checkOutput);
        foreach (var name in new[] { "initial loss ≈ ln 10", "loss rises with L2", "gradient check", "overfit 20 examples", "learning-rate sweep" })
            Assert.Contains($"PASS  {name}", checkOutput);
        Assert.Contains("all 5 checks passed", checkOutput);
    }

    [Fact]
    public void A_seeded_run_twice_writes_identical_files()
    {
        using var dir = new TempDir();
        AssertOk(Run.QuickTrain(dir.File("a"), "--seed", "7", "--dropout", "0.2", "--epochs", "1"));
        AssertOk(Run.QuickTrain(dir.File("b"), "--seed", "7", "--dropout", "0.2", "--epochs", "1"));
        foreach (var f in Files)
            Assert.True(File.ReadAllBytes(Path.Combine(dir.File("a"), f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir.File("b"), f))), $"{f} differs");
        AssertOk(Run.QuickTrain(dir.File("c"), "--seed", "8", "--dropout", "0.2", "--epochs", "1"));
        Assert.False(File.ReadAllBytes(Path.Combine(dir.File("a"), "model.safetensors")).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir.File("c"), "model.safetensors"))));
    }

    [Fact]
    public void A_run_that_fails_half_way_leaves_no_file_behind()
    {
        using var dir = new TempDir();
        var (code, output) = Run.QuickTrain(dir.File("run"), "--optimizer", "sgd", "--lr", "1e6");
        Assert.Equal(Cli.BadInput, code);
        Assert.Contains("error: Fit: the loss is", output);
        Assert.Contains("Nothing was written", output);
        Assert.DoesNotContain("   at ", output);
        Assert.False(Directory.Exists(dir.File("run")) && Directory.EnumerateFileSystemEntries(dir.File("run")).Any());
    }

    [Fact]
    public void Transfer_loads_matching_tensors_and_freezing_keeps_them()
    {
        using var dir = new TempDir();
        AssertOk(Run.QuickTrain(dir.File("base"), "--epochs", "1"));
        var baseModel = Path.Combine(dir.File("base"), "model.safetensors");
        var (code, output) = Run.QuickTrain(dir.File("tuned"), "--epochs", "1", "--seed", "3", "--init-from", baseModel, "--freeze", "l1.");
        Assert.True(code == 0, output);
        Assert.Contains("init-from", output);
        Assert.Contains("loaded 6 tensors", output);
        Assert.Contains("every parameter came from the file", output);       // not an empty "initialized" list
        Assert.Contains("frozen: l1.W, l1.b", output);
        var a = (SavedModel)ModelFile.Load(baseModel);
        var b = (SavedModel)ModelFile.Load(Path.Combine(dir.File("tuned"), "model.safetensors"));
        Assert.Equal(a.Values["l1.W"], b.Values["l1.W"]);
        Assert.NotEqual(a.Values["l2.W"], b.Values["l2.W"]);

        var (cnnCode, cnnOutput) = Run.QuickTrain(dir.File("none"), "--model", "cnn", "--epochs", "1", "--limit-train", "60", "--freeze", "l1.");
        Assert.Equal(Cli.BadInput, cnnCode);
        Assert.Contains("--freeze 'l1.' matches no parameter of cnn", cnnOutput);
    }

    [Fact]
    public void An_ensemble_averages_several_models()
    {
        using var dir = new TempDir();
        AssertOk(Run.QuickTrain(dir.File("a"), "--epochs", "1", "--seed", "1"));
        AssertOk(Run.QuickTrain(dir.File("b"), "--epochs", "1", "--seed", "2"));
        var (code, output) = Run.Purenet("evaluate", "--ensemble", Path.Combine(dir.File("a"), "model.safetensors"), Path.Combine(dir.File("b"), "model.safetensors"), "--limit-test", "100");
        Assert.True(code == 0, output);
        Assert.Contains("ensemble of 2", output);
        Assert.Equal(2, output.Split('\n').Count(l => l.StartsWith("  alone: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Evaluating_a_malformed_or_foreign_model_names_the_file_and_the_tensor()
    {
        using var dir = new TempDir();
        AssertOk(Run.QuickTrain(dir.File("run"), "--epochs", "1"));
        var model = Path.Combine(dir.File("run"), "model.safetensors");
        var file = (SafetensorsFile)Safetensors.Read(model);
        var without = dir.File("missing.safetensors");
        Safetensors.Write(without, file.Tensors.Where(t => t.Name != "l2.W"), file.Metadata);
        var (code, output) = Run.Purenet("evaluate", "--params", without, "--limit-test", "10");
        Assert.Equal(Cli.BadInput, code);
        Assert.Equal($"error: {without}: tensor 'l2.W': expected a tensor of shape [256, 128] (the model needs it), found none (missing).", output.Trim());

        var cut = dir.File("cut.safetensors");
        File.WriteAllBytes(cut, File.ReadAllBytes(model)[..^100]);
        (code, output) = Run.Purenet("evaluate", "--params", cut, "--limit-test", "10");
        Assert.Equal(Cli.BadInput, code);
        Assert.StartsWith($"error: {cut}: tensor '", output);
        Assert.Contains("(out of the file)", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public void Search_ranks_a_grid_by_validation_accuracy()
    {
        using var dir = new TempDir();
        var (code, output) = Run.Purenet("search", "--grid", "--lr-values", "1e-5,1e-2", "--l2-values", "0", "--epochs", "1", "--batch", "50", "--limit-train", "300", "--out", dir.Path);
        Assert.True(code == 0, output);
        Assert.Contains("grid of 2×1", output);
        var csv = File.ReadAllLines(Path.Combine(dir.Path, "search.csv"));
        Assert.Equal("rank,lr,l2,validation_accuracy,validation_loss,best_epoch", csv[0]);
        Assert.Equal(3, csv.Length);
        var accuracies = csv.Skip(1).Select(l => double.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(accuracies[0] >= accuracies[1]);
        Assert.StartsWith("1,0.01,", csv[1]);   // 1e-2 learns in one epoch, 1e-5 barely moves
    }
}
