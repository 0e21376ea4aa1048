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

    /// <summary>The bindings for one batch: parameters (or a look-ahead point), state, the batch, and the keys.</summary>
    public HashMap<string, Tensor<T>> Bind<T>(ParamTree<T> at, ParamTree<T> state, Dataset<T> batch, Seq<Tensor<T>> keys) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var b = state.Fold(at.Tensors, (m, k, v) => m.AddOrUpdate(k, v))
            .AddOrUpdate(Model.Input.Name, batch.X).AddOrUpdate(Model.Target.Name, batch.Y);
        return Keys.Zip(keys).Fold(b, (m, kv) => m.AddOrUpdate(kv.Item1.Name, kv.Item2));
    }

    /// <summary>Checks, before any step runs, that the initial tree binds every parameter and state variable with its shape and the data fit the input and target.</summary>
    public void CheckAgainst<T>(ParamTree<T> initial, Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var v in Model.Parameters.Concat(Model.StateVariables()))
        {
            if (!initial.Contains(v.Name))
                throw new ArgumentException($"Fit: the initial tree has no '{v.Name}' {v.Shape} (a {(Model.Parameters.Exists(p => p.Name == v.Name) ? "parameter" : "state variable")}); it holds [{string.Join(", ", initial.Names)}].", nameof(initial));
            if (initial[v.Name].Shape != v.Shape)
                throw new ShapeException($"Fit: '{v.Name}' is declared {v.Shape} but the initial tree holds {initial[v.Name].Shape}.");
        }
        foreach (var n in Model.Train.NewState.Keys)
            if (!initial.Contains(n))
                throw new ArgumentException($"Fit: the model updates state '{n}', which the initial tree does not hold.", nameof(initial));
        CheckData(data);
    }

    /// <summary>Checks that the data's examples fit the model's input and target; <paramref name="source"/> names who gave them.</summary>
    public void CheckData<T>(Dataset<T> data, string source = "Fit") where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckRows(source, "input", Model.Input, data.X);
        CheckRows(source, "target", Model.Target, data.Y);
    }

    static void CheckRows<T>(string source, string what, Variable v, Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ok = v.Shape.Rank == t.Rank && v.Shape[0] == Dim.Batch && v.Shape.Skip(1).SequenceEqual(t.Shape.Skip(1));
        if (!ok) throw new ShapeException($"{source}: the {what} variable '{v.Name}' is {v.Shape} (first axis the batch) but the data's {what}s are {t.Shape}.");
    }
}
