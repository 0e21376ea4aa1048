using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// A model's two plans, compiled once per fit: training (loss, gradients, output and new state together, so the
/// forward pass is shared) and evaluation (loss and output).
/// </summary>
internal sealed record CompiledModel(Model Model, ValueAndGradFunction? TrainStep, Plan Eval, Seq<string> StateNames, Seq<Variable> Keys)
{
    /// <summary>The training step, which <see cref="Of"/> compiled unless asked for evaluation only.</summary>
    public ValueAndGradFunction Train => TrainStep ?? throw new InvalidOperationException("CompiledModel: compiled for evaluation only.");

    /// <summary>Compiles the evaluation plan, and the training step unless <paramref name="evaluationOnly"/> (building gradients is the costly part).</summary>
    public static CompiledModel Of(Model m, bool detectAnomaly = false, bool evaluationOnly = false)
    {
        var stateNames = Prelude.toSeq(m.Train.NewState.Keys.OrderBy(k => k, StringComparer.Ordinal)).Strict();
        // Aux outputs: the output (for accuracy) first, then the new state in name order.
        var train = evaluationOnly ? null : Fn.ValueAndGrad(m.Train.Loss, m.Parameters, [.. OutputOf(m.Train), .. stateNames.Map(n => m.Train.NewState[n])], detectAnomaly);
        var eval = Plan.Compile([m.Eval.Loss, .. OutputOf(m.Eval)]);
        var keys = Fn.KeyVariables([m.Train.Loss, m.Eval.Loss, .. OutputOf(m.Train), .. OutputOf(m.Eval)]);
        return new(m, train, eval, stateNames, keys);
    }

    static Expr[] OutputOf(StepGraph g) => g.Output is { } o ? [o] : [];

    /// <summary>The bindings for one batch: parameters (or a look-ahead point), state, the batch, and the keys (one per <see cref="Keys"/>, in order).</summary>
    public HashMap<string, Tensor<T>> Bind<T>(ParamTree<T> at, ParamTree<T> state, Dataset<T> batch, IReadOnlyList<Tensor<T>> keys) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var b = state.Fold(at.Tensors, (m, k, v) => m.AddOrUpdate(k, v))
            .AddOrUpdate(Model.Input.Name, batch.X).AddOrUpdate(Model.Target.Name, batch.Y);
        for (var i = 0; i < Keys.Count; i++) b = b.AddOrUpdate(Keys[i].Name, keys[i]);
        return b;
    }

    /// <summary>
    /// Checks, before any step runs, that the initial tree binds every parameter and state variable with its shape and
    /// the data fit the input and target; <paramref name="source"/> names the user's call ("Fit.Run", "Fit.Evaluate"),
    /// <paramref name="dataSource"/> (by default the same) the data in the data's errors.
    /// </summary>
    public void CheckAgainst<T>(ParamTree<T> initial, Dataset<T> data, string source, string? dataSource = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var v in Model.Parameters.Concat(Model.StateVariables()))
        {
            if (!initial.Contains(v.Name))
                throw new ArgumentException($"{source}: the initial tree has no '{v.Name}' {v.Shape} (a {(Model.Parameters.Exists(p => p.Name == v.Name) ? "parameter" : "state variable")}); it holds [{string.Join(", ", initial.Names)}].", nameof(initial));
            if (initial[v.Name].Shape != v.Shape)
                throw new ShapeException($"{source}: '{v.Name}' is declared {v.Shape} but the initial tree holds {initial[v.Name].Shape}.");
        }
        foreach (var n in Model.Train.NewState.Keys)
            if (!initial.Contains(n))
                throw new ArgumentException($"{source}: the model updates state '{n}', which the initial tree does not hold.", nameof(initial));
        CheckData(data, dataSource ?? source);
    }

    /// <summary>
    /// Checks, once, that the data's examples fit the model: shapes against the input and target variables, and every
    /// target value against what reads it (labels of a cross-entropy, the accuracy's rule). <paramref name="source"/>
    /// names who gave the data and <paramref name="rows"/> what a row index counts, so an error points at a row of the
    /// user's data, not of a shuffled batch.
    /// </summary>
    public void CheckData<T>(Dataset<T> data, string source, string rows = "data row") where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckRows(source, "input", Model.Input, data.X);
        CheckRows(source, "target", Model.Target, data.Y);
        foreach (var classes in LabelClasses)
            Metrics.CheckTargets(Metrics.Scoring.Labels, classes, data.Y, source, rows);
        foreach (var output in new[] { Model.Train.Output, Model.Eval.Output }.OfType<Expr>())
        {
            var (kind, classes) = Metrics.Rule(output.Shape, Model.Target.Shape, $"{source}: the model's output against its target");
            Metrics.CheckTargets(kind, classes, data.Y, source, rows);
        }
    }

    /// <summary>
    /// The class counts of the nodes that read the target variable as labels and check them only when a batch is
    /// evaluated: the fused softmax cross-entropy (labels second, classes the logits' last axis) and check_labels (as
    /// in OneHot). Checking the data against them once up front names the data row, where the node could only name a
    /// position in a shuffled batch.
    /// </summary>
    IEnumerable<int> LabelClasses =>
        Graph.TopoSort(Model.Train.Loss, Model.Eval.Loss).OfType<Apply>()
            .Select(a => a.Op switch
            {
                CheckLabelsOp c when IsTarget(a.Inputs[0]) => c.Classes,
                SoftmaxCrossEntropyOp when IsTarget(a.Inputs[1]) => a.Inputs[0].Shape[^1],
                _ => 0,
            })
            .Where(c => c > 0).Distinct();

    bool IsTarget(Expr e) => e is Variable v && v.Name == Model.Target.Name;

    static void CheckRows<T>(string source, string what, Variable v, Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (v.Shape.Rank == 0 || v.Shape[0] != Dim.Batch)
            throw new ShapeException($"{source}: the model's {what} variable '{v.Name}' is {v.Shape}, without the batch axis first; " +
                $"declare it with Dim.Batch as its first axis (e.g. Variable(\"{v.Name}\", Dim.Batch, ...)) so it binds batches of any size (the data's {what}s are {t.Shape}).");
        var ok = v.Shape.Rank == t.Rank && v.Shape.Skip(1).SequenceEqual(t.Shape.Skip(1));
        if (!ok) throw new ShapeException($"{source}: the {what} variable '{v.Name}' is {v.Shape} (first axis the batch) but the data's {what}s are {t.Shape}.");
    }
}
