using LanguageExt;

namespace PureNet;

/// <summary>
/// What one mode of a model computes from a batch: the scalar loss, optionally the output used for accuracy (scores or
/// logits [N, C], or one score [N] / [N, 1] whose sign is the class), and the new values of state variables by name
/// (e.g. BatchNorm's running statistics).
/// </summary>
/// <param name="Loss">The scalar loss the step minimizes.</param>
/// <param name="Output">What accuracy is measured on (see <see cref="Metrics.Correct{T}"/>); null for none.</param>
/// <param name="NewState">The state variables' next values by name (<see cref="BatchNorm.Apply"/>'s second result); empty for none.</param>
/// <exception cref="ArgumentNullException"><paramref name="Loss"/> or a value of <paramref name="NewState"/> is null.</exception>
/// <exception cref="ShapeException"><paramref name="Loss"/> is not a scalar.</exception>
public sealed record StepGraph(Expr Loss, Expr? Output = null, HashMap<string, Expr> NewState = default)
{
    /// <summary>The scalar loss the step minimizes.</summary>
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
    /// <param name="input">The variable each batch's inputs bind, its first axis <see cref="Dim.Batch"/>.</param>
    /// <param name="target">The variable each batch's targets bind, its first axis <see cref="Dim.Batch"/>; named apart from the input.</param>
    /// <param name="parameters">The variables to train: at least one, each named once, neither the input nor the target.</param>
    /// <param name="train">The graph in training mode.</param>
    /// <param name="eval">The graph in evaluation mode.</param>
    /// <exception cref="ArgumentNullException">An argument or an element of <paramref name="parameters"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty or names a variable twice, the input and target share a name, or a parameter is the input or the target.</exception>
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

    /// <summary>The variable each batch's inputs bind.</summary>
    public Variable Input { get; }
    /// <summary>The variable each batch's targets bind.</summary>
    public Variable Target { get; }
    /// <summary>The variables to train, in the order given.</summary>
    public Seq<Variable> Parameters { get; }
    /// <summary>The graph in training mode: its loss is differentiated, its new state carried to the next step.</summary>
    public StepGraph Train { get; }
    /// <summary>The graph in evaluation mode (validation, <see cref="Fit.Evaluate{T}(Model, ParamTree{T}, Dataset{T}, int)"/>).</summary>
    public StepGraph Eval { get; }

    /// <summary>A model from a function of the mode (true = training), called once for each mode; <paramref name="parameters"/> as for the constructor.</summary>
    /// <param name="input">The variable each batch's inputs bind, its first axis <see cref="Dim.Batch"/>.</param>
    /// <param name="target">The variable each batch's targets bind, its first axis <see cref="Dim.Batch"/>.</param>
    /// <param name="parameters">The variables to train: at least one, each named once.</param>
    /// <param name="graph">Builds the step graph for a mode: <c>training =&gt; new StepGraph(loss, Output: logits)</c>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException">An argument or an element of <paramref name="parameters"/> is null, or <paramref name="graph"/> returns null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is empty or names a variable twice, the input and target share a name, or a parameter is the input or the target.</exception>
    public static Model Of(Variable input, Variable target, IEnumerable<Variable> parameters, Func<bool, StepGraph> graph)
    {
        Guard.NotNull(graph, "Model.Of");
        return new(input, target, parameters, graph(true), graph(false));
    }

    /// <summary>The variables that are neither input, target, parameter nor key: what the state tree must bind.</summary>
    /// <returns>Each state variable once, in first-use order.</returns>
    public Seq<Variable> StateVariables()
    {
        var roots = new[] { Train.Loss, Eval.Loss }.Concat(new[] { Train.Output, Eval.Output }.OfType<Expr>()).Concat(Train.NewState.Values);
        var keys = Fn.KeyVariables([.. roots]).Map(v => v.Name).ToHashSet();
        var trained = Parameters.Map(p => p.Name).ToHashSet();
        return Prelude.toSeq(Graph.Variables(roots).Where(v => v.Name != Input.Name && v.Name != Target.Name && !trained.Contains(v.Name) && !keys.Contains(v.Name))
            .DistinctBy(v => v.Name)).Strict();
    }
}
