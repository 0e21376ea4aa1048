using LanguageExt;

namespace PureNet;

/// <summary>
/// What one mode of a model computes from a batch: the scalar loss, optionally the output used for accuracy (scores or
/// logits [N, C], or one score [N] / [N, 1] whose sign is the class), and the new values of state variables by name
/// (e.g. BatchNorm's running statistics).
/// </summary>
public sealed record StepGraph(Expr Loss, Expr? Output = null, HashMap<string, Expr> NewState = default)
{
    public Expr Loss { get; } = Loss is { Shape: var s } && !s.HasBatch && s.Size == 1 ? Loss
        : throw new ShapeException($"StepGraph: the loss has shape {Loss?.Shape}; it must be a scalar (reduce it with Mean).");
}

/// <summary>
/// A trainable model for <see cref="Fit"/>: the input and target variables bound to each batch, the variables to
/// train, and its graph in training mode (dropout on, batch statistics) and in evaluation mode. Every other variable
/// the graphs read is state, bound from the state tree and replaced by <see cref="StepGraph.NewState"/> after each
/// step, except random-key variables (<see cref="Fn.KeyVariable"/>), which get a fresh key at every step.
/// </summary>
public sealed record Model(Variable Input, Variable Target, Seq<Variable> Parameters, StepGraph Train, StepGraph Eval)
{
    public Seq<Variable> Parameters { get; } = Parameters.IsEmpty
        ? throw new ArgumentException("Model: no parameters to train.", nameof(Parameters))
        : Parameters;

    /// <summary>A model from a function of the mode (true = training), called once for each mode.</summary>
    public static Model Of(Variable input, Variable target, Seq<Variable> parameters, Func<bool, StepGraph> graph) =>
        new(input, target, parameters, graph(true), graph(false));

    /// <summary>The variables that are neither input, target, parameter nor key: what the state tree must bind.</summary>
    public Seq<Variable> StateVariables()
    {
        var roots = new[] { Train.Loss, Eval.Loss }.Concat(new[] { Train.Output, Eval.Output }.OfType<Expr>()).Concat(Train.NewState.Values);
        var keys = Fn.KeyVariables([.. roots]).Map(v => v.Name).ToHashSet();
        var trained = Parameters.Map(p => p.Name).ToHashSet();
        return Prelude.toSeq(Graph.Variables(roots).Where(v => v.Name != Input.Name && v.Name != Target.Name && !trained.Contains(v.Name) && !keys.Contains(v.Name))
            .DistinctBy(v => v.Name)).Strict();
    }
}
