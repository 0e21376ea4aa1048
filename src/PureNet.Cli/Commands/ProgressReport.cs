using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace PureNet.Cli;

/// <summary>
/// Shows a fit as it runs: on a terminal a Spectre.Console progress bar (epoch, step, loss, the last epoch's training
/// accuracy, rate); always one plain
/// line per epoch, so redirected output (CI logs) shows progress too.
/// </summary>
public sealed class ProgressReport(Terminal terminal, int epochs, int batch, int trainCount)
{
    readonly Stopwatch clock = Stopwatch.StartNew();
    double epochStart;
    double? lastAccuracy;
    ProgressTask? task;

    /// <summary>Runs <paramref name="fit"/> with a live bar on a terminal, or directly when redirected.</summary>
    public T Run<T>(Func<Action<FitEvent>, T> fit)
    {
        if (!terminal.Interactive) return fit(Observe);
        return terminal.Console.Progress().AutoClear(true).HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                task = ctx.AddTask("training", maxValue: (double)epochs * ((trainCount + batch - 1) / batch));
                return fit(Observe);
            });
    }

    void Observe(FitEvent e)
    {
        switch (e)
        {
            case FitEvent.StepDone s when task is not null:
                var seconds = clock.Elapsed.TotalSeconds - epochStart;
                var rate = Math.Min(s.Step * batch, trainCount) / Math.Max(seconds, 1e-9);
                task.Description = string.Create(CultureInfo.InvariantCulture,
                    $"epoch {s.Epoch}/{epochs} step {s.Step}/{s.StepsInEpoch} loss {s.Loss:F4}{(lastAccuracy is { } acc ? $" acc {acc:F4}" : "")} {rate:F0} img/s");
                task.Increment(1);
                break;
            case FitEvent.EpochDone d:
                var r = d.Record;
                lastAccuracy = r.TrainAccuracy;
                var took = clock.Elapsed.TotalSeconds - epochStart;
                epochStart = clock.Elapsed.TotalSeconds;
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"epoch {r.Epoch}/{epochs}  loss {r.TrainLoss:F4}  acc {r.TrainAccuracy:F4}") +
                    (r.ValidationLoss is { } vl ? string.Create(CultureInfo.InvariantCulture, $"  | val loss {vl:F4}  val acc {r.ValidationAccuracy:F4}") : "") +
                    string.Create(CultureInfo.InvariantCulture, $"  | {took:F1} s, {trainCount / Math.Max(took, 1e-9):F0} img/s{(d.Improved ? "  *" : "")}");
                terminal.Line(line);
                break;
        }
    }
}
