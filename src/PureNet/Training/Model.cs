using LanguageExt;

namespace PureNet;

/// <summary>
/// What one mode of a model computes from a batch: the scalar loss, optionally the output used for accuracy (scores or
/// logits [N, C], or one score [N] / [N, 1] whose sign is the class), and the new values of state variables by name
/// (e.g. BatchNorm's running statistics).
/// </summary>
public sealed record StepGraph(Expr Loss, Expr? Output = null, HashMap<string, Expr> NewState = default)
{
    public Expr Loss { get; } = Guard.NotNull(Loss, "StepGraph") is { Shape: var s } && !s.HasBatch && s.Size == 1 ? Loss
        : throw new ShapeException($"StepGraph: the loss has shape {Loss.Shape}; it must be a scalar (reduce it with Mean).");

    /// <summary>The new state's expressions, each present: a null one would fail inside the compiler.</summary>
    public HashMap<string, Expr> NewState { get; } = NewState.Find(kv => kv.Value is null).Match(
        kv => throw new ArgumentNullException(nameof(NewState), $"StepGraph: the new value of state '{kv.Key}' is null."), () => NewState);
}

/// <summary>
/// A trainable model for <see cref="Fit"/>: the input and target variables bound to each batch, the variables to
/// train, and its graph in training mode (dropout on, batch statistics) and in evaluation mode. Every other variable
/// the graphs read is state, bound from the state tree and replaced by <see cref="StepGraph.NewState"/> after each
/// step, except random-key variables (<see cref="Fn.KeyVariable"/>), which get a fresh key at every step.
/// </summary>
public sealed record Model
{
    /// <summary>
    /// The model's parts; <paramref name="parameters"/> is any enumerable (so <c>[w, b]</c> means what it says), at
    /// least one variable, each named once.
    /// </summary>
    public Model(Variable input, Variable target, IEnumerable<Variable> parameters, StepGraph train, StepGraph eval)
    {
        const string function = "Model";
        Input = Guard.NotNull(input, function);
        Target = Guard.NotNull(target, function);
        var ps = Guard.NoNulls(parameters, function);
        if (ps.Length == 0) throw new ArgumentException($"{function}: no parameters to train; give at least one variable.", nameof(parameters));
        Guard.UniqueNames(ps.Select(p => p.Name), function, "parameters", nameof(parameters));
        if (input.Name == target.Name) throw new ArgumentException($"{function}: input and target are both named '{input.Name}'; each batch binds them apart.", nameof(target));
        if (ps.FirstOrDefault(p => p.Name == input.Name || p.Name == target.Name) is { } bound)
            throw new ArgumentException($"{function}: parameter '{bound.Name}' is also the {(bound.Name == input.Name ? "input" : "target")}; the data bind it, so it cannot be trained.", nameof(parameters));
        Parameters = Prelude.toSeq(ps).Strict();
        Train = Guard.NotNull(train, function);
        Eval = Guard.NotNull(eval, function);
    }

    public Variable Input { get; }
    public Variable Target { get; }
    public Seq<Variable> Parameters { get; }
    public StepGraph Train { get; }
    public StepGraph Eval { get; }

    /// <summary>A model from a function of the mode (true = training), called once for each mode; <paramref name="parameters"/> as for the constructor.</summary>
    public static Model Of(Variable input, Variable target, IEnumerable<Variable> parameters, Func<bool, StepGraph> graph)
    {
        Guard.NotNull(graph, "Model.Of");
        return new(input, target, parameters, graph(true), graph(false));
    }

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
