using System.Reflection;
using LanguageExt;
using PureNet;

namespace PureNet.Tests;

/// <summary>
/// Every public method and constructor of the library, called with one reference argument null at a time (the others
/// valid samples): each must refuse with an ArgumentException (usually ArgumentNullException), never crash inside.
/// </summary>
public class BadInputNulls
{
    static readonly Type[] Crashes = [typeof(NullReferenceException), typeof(IndexOutOfRangeException), typeof(InvalidCastException), typeof(KeyNotFoundException)];

    /// <summary>A valid value of a parameter type, or null when there is no obvious one (then that call is skipped).</summary>
    static object? Sample(Type t) => t switch
    {
        _ when t == typeof(Expr) || t == typeof(Variable) => Fn.Variable("x", 2, 3),
        _ when t == typeof(Constant) => Fn.Const(Tensor.Zeros<double>(new Shape(2, 3))),
        _ when t == typeof(Shape) => new Shape(2, 3),
        _ when t == typeof(Axes) => new Axes(1),
        _ when t == typeof(Tensor<double>) => Tensor.Ones<double>(new Shape(2, 3)),
        _ when t == typeof(string) => "x",
        _ when t == typeof(int) => 1,
        _ when t == typeof(long) => 1L,
        _ when t == typeof(double) => 0.5,
        _ when t == typeof(bool) => false,
        _ when t == typeof(Rng) => Rng.FromSeed(1),
        _ when t == typeof(int[]) => new[] { 0, 1 },
        _ when t == typeof(Expr[]) => new Expr[] { Fn.Variable("x", 2, 3) },
        _ when t == typeof(Tensor<double>[]) => new[] { Tensor.Ones<double>(new Shape(2, 3)) },
        _ when t == typeof(string[]) => Array.Empty<string>(),
        _ when t == typeof(Func<Expr, Expr>) => (Func<Expr, Expr>)(x => x),
        _ when t == typeof(Func<Expr, Expr>[]) => new Func<Expr, Expr>[] { x => x },
        _ when t == typeof(Func<double, double>) => (Func<double, double>)(x => x * x),
        _ when t == typeof(Func<Tensor<double>, double>) => (Func<Tensor<double>, double>)(x => x.Span[0]),
        _ when t == typeof(HashMap<string, Tensor<double>>) => HashMap<string, Tensor<double>>.Empty.Add("x", Tensor.Ones<double>(new Shape(2, 3))),
        _ when t == typeof((string, Tensor<double>)[]) => new[] { ("x", Tensor.Ones<double>(new Shape(2, 3))) },
        _ when t == typeof(Seq<Expr>) => Prelude.Seq1<Expr>(Fn.Variable("x", 2, 3)),
        _ when t == typeof(IdxArray) => new IdxArray(IdxType.UInt8, [1], new byte[1]),
        _ when t == typeof(IEnumerable<SafetensorsTensor>) => new[] { SafetensorsTensor.From("w", Tensor.Ones<double>(new Shape(2))) },
        _ when t == typeof(Map<string, string>) => Map<string, string>.Empty,
        _ when t == typeof(IReadOnlyList<int>) => new[] { 0 },
        _ when t == typeof(Tensor<float>) => Tensor.Ones<float>(new Shape(2, 3)),
        // Training: a 2 → 3 classifier on eight examples, and what its calls take
        _ when t == typeof(Model) => BadInputTraining.Classifier().Model,
        _ when t == typeof(ParamTree<double>) => BadInputTraining.Classifier().Init,
        _ when t == typeof(Dataset<double>) => BadInputTraining.Eight(),
        _ when t == typeof(IGradientTransform) => new Sgd(0.1),
        _ when t == typeof(FitOptions) => new FitOptions(1, 4),
        _ when t == typeof(StepGraph) => new StepGraph(Fn.Scalar(0)),
        _ when t == typeof(IEnumerable<Variable>) => new[] { Fn.Variable("w", 2) },
        _ when t == typeof(Func<bool, StepGraph>) => (Func<bool, StepGraph>)(_ => new StepGraph(Fn.Scalar(0))),
        _ when t == typeof(IEnumerable<Dimension>) => new Dimension[] { new Dimension.Uniform("a", 0, 1) },
        _ when t == typeof(IEnumerable<(string, double[])>) => new[] { ("a", new[] { 1.0 }) },
        _ when t == typeof(Func<Map<string, double>, double>) => (Func<Map<string, double>, double>)(_ => 0),
        _ when t == typeof(double[]) => new[] { 1.0 },
        _ when t == typeof(IEnumerable<Trial>) => new[] { new Trial(0, Map<string, double>.Empty, 1) },
        _ when t == typeof(IEnumerable<int>) => new[] { 1 },
        _ when t == typeof(Action<Stream>) => (Action<Stream>)(_ => { }),
        _ when t.IsEnum => Enum.GetValues(t).GetValue(0),
        _ when Nullable.GetUnderlyingType(t) is not null => null,
        _ => null,
    };

    /// <summary>
    /// Functions in files being rewritten by the variable-identity work (Reverse.cs, Graph.cs): their null checks belong
    /// there. Remove a name here once its file checks its arguments; the test then covers it.
    /// </summary>
    static readonly System.Collections.Generic.HashSet<string> OwnedElsewhere = [];

    static bool Nullable_(Type t) => !t.IsValueType || Nullable.GetUnderlyingType(t) is not null;

    /// <summary>Public methods of the layers under test (Training included; not Optim, which has its own suite), closed over double.</summary>
    static IEnumerable<(string Name, MethodBase Method, object? Target)> Methods()
    {
        Type[] owners =
        [
            typeof(Expr), typeof(Graph), typeof(Reverse), typeof(Plan), typeof(Tensor), typeof(Tensor<double>), typeof(Shape), typeof(Axes), typeof(Broadcast), typeof(Interop), typeof(Fn),
            typeof(Print), typeof(Numeric), typeof(GradCheck), typeof(Activations), typeof(Losses), typeof(Normalization),
            typeof(Regularizers), typeof(Init), typeof(Fans), typeof(Pooling), typeof(LayerCombinators),
            typeof(Dense), typeof(Conv2D), typeof(BatchNorm), typeof(RnnCell),
            typeof(Idx), typeof(Safetensors), typeof(SafetensorsTensor), typeof(SafetensorsFile), typeof(LabeledImages), typeof(FileBytes), typeof(AtomicFile), typeof(Onnx),
            typeof(Fit), typeof(Metrics), typeof(Search), typeof(Perceptron), typeof(Shuffle), typeof(Dataset<double>), typeof(Model), typeof(StepGraph),
            typeof(PlaResult), typeof(SearchResult), typeof(Dimension.Uniform), typeof(Dimension.LogUniform), typeof(Dimension.Choice),
        ];
        var instances = new Dictionary<Type, object>
        {
            [typeof(Tensor<double>)] = Tensor.Ones<double>(new Shape(2, 3)), [typeof(Shape)] = new Shape(2, 3), [typeof(Axes)] = new Axes(1),
            [typeof(Dense)] = new Dense("d", 3, 4), [typeof(Conv2D)] = new Conv2D("c", 1, 2, 1), [typeof(BatchNorm)] = new BatchNorm("bn", 3),
            [typeof(RnnCell)] = new RnnCell("r", 3, 3),
            [typeof(LabeledImages)] = new LabeledImages(1, 1, 2, new byte[2], new byte[] { 0, 1 }),
            [typeof(SafetensorsTensor)] = SafetensorsTensor.From("w", Tensor.Ones<double>(new Shape(2))),
            [typeof(SafetensorsFile)] = new SafetensorsFile([SafetensorsTensor.From("w", Tensor.Ones<double>(new Shape(2)))], Map<string, string>.Empty),
            [typeof(Dataset<double>)] = BadInputTraining.Eight(), [typeof(Model)] = BadInputTraining.Classifier().Model,
            [typeof(PlaResult)] = new PlaResult(Tensor.Ones<double>(new Shape(3)), 0, 0, 1, true, [0]),
            [typeof(SearchResult)] = new SearchResult([new Trial(0, Map<string, double>.Empty, 1)], true),
        };
        foreach (var type in owners)
            foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (m.IsSpecialName && !m.Name.StartsWith("op_")) continue;            // property getters: no arguments to check
                if (m.Name is "Equals" or "GetHashCode" or "ToString" or "Deconstruct" or "<Clone>$" or "PrintMembers" or "op_Equality" or "op_Inequality") continue;
                var method = m.IsGenericMethodDefinition
                    ? m.GetGenericArguments().Length == 1 ? m.MakeGenericMethod(typeof(double)) : m.MakeGenericMethod(typeof(double), typeof(float))
                    : m;
                object? target = null;
                if (!m.IsStatic && !instances.TryGetValue(type, out target)) continue;
                yield return ($"{type.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})", method, target);
            }
        // Constructors of the Training records, which check their arguments where a user builds them (the copy constructor is the record's own).
        foreach (var type in owners.Where(TrainingRecords.Contains))
            foreach (var c in type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Where(c => !c.GetParameters().Any(p => p.ParameterType == type)))
                yield return ($"new {type.Name}({string.Join(", ", c.GetParameters().Select(p => p.ParameterType.Name))})", c, null);
    }

    static readonly Type[] TrainingRecords =
        [typeof(Dataset<double>), typeof(Model), typeof(StepGraph), typeof(PlaResult), typeof(SearchResult), typeof(Dimension.Uniform), typeof(Dimension.LogUniform), typeof(Dimension.Choice)];

    static object? Call(MethodBase method, object? target, object?[] args) => method is ConstructorInfo c ? c.Invoke(args) : method.Invoke(target, args);

    static IEnumerable<string> Calls() =>
        from m in Methods()
        where !OwnedElsewhere.Contains(m.Name[..m.Name.IndexOf('(')])
        from i in Enumerable.Range(0, m.Method.GetParameters().Length)
        where Nullable_(m.Method.GetParameters()[i].ParameterType) && Nullable.GetUnderlyingType(m.Method.GetParameters()[i].ParameterType) is null
        select $"{m.Name} #{i}";

    public static TheoryData<string> Names() => [.. Calls().Distinct()];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_null_argument_is_refused_by_name(string name)
    {
        var at = name.LastIndexOf(" #", StringComparison.Ordinal);
        var (method, target) = Methods().Where(m => m.Name == name[..at]).Select(m => (m.Method, m.Target)).First();
        var i = int.Parse(name[(at + 2)..]);
        var ps = method.GetParameters();
        var args = ps.Select((p, k) => k == i ? null : Sample(p.ParameterType)).ToArray();
        for (var k = 0; k < ps.Length; k++)
            if (k != i && args[k] is null && !Nullable_(ps[k].ParameterType)) return;   // no valid sample for another argument: nothing to learn
        var ex = Record.Exception(() => Call(method, target, args));
        if (ex is TargetInvocationException { InnerException: { } inner }) ex = inner;
        if (ex is null) return;   // null is a documented default for this parameter (e.g. axes: all, options: default)
        Assert.False(Crashes.Any(c => c.IsInstanceOfType(ex)), $"{name}: crashed inside with {ex.GetType().Name}: {ex.Message}");
        Assert.True(ex is ArgumentException or InvalidOperationException or NotSupportedException, $"{name}: threw {ex.GetType().Name}: {ex.Message}");
    }

    /// <summary>Every double argument NaN and every int argument −1 (one at a time): a refusal or a value, never a crash inside.</summary>
    [Theory]
    [MemberData(nameof(OddNumbers))]
    public void An_odd_number_is_refused_or_computed_never_a_crash(string name)
    {
        var at = name.LastIndexOf(" #", StringComparison.Ordinal);
        var (method, target) = Methods().Where(m => m.Name == name[..at]).Select(m => (m.Method, m.Target)).First();
        var i = int.Parse(name[(at + 2)..]);
        var ps = method.GetParameters();
        var args = ps.Select((p, k) => k != i ? Sample(p.ParameterType) : p.ParameterType == typeof(double) ? double.NaN : (object)(-1)).ToArray();
        for (var k = 0; k < ps.Length; k++)
            if (k != i && args[k] is null && !Nullable_(ps[k].ParameterType)) return;
        var ex = Record.Exception(() => Call(method, target, args));
        if (ex is TargetInvocationException { InnerException: { } inner }) ex = inner;
        if (ex is null) return;
        Assert.False(Crashes.Any(c => c.IsInstanceOfType(ex)) || ex is OverflowException or OutOfMemoryException, $"{name}: crashed inside with {ex.GetType().Name}: {ex.Message}");
        Assert.True(ex is ArgumentException or InvalidOperationException or NotSupportedException, $"{name}: threw {ex.GetType().Name}: {ex.Message}");
    }

    public static TheoryData<string> OddNumbers() =>
    [
        .. (from m in Methods()
            where !OwnedElsewhere.Contains(m.Name[..m.Name.IndexOf('(')])
            from i in Enumerable.Range(0, m.Method.GetParameters().Length)
            let t = m.Method.GetParameters()[i].ParameterType
            where t == typeof(double) || t == typeof(int)
            select $"{m.Name} #{i}").Distinct(),
    ];

    /// <summary>Every op record's shape rule, given the wrong number of inputs or inputs of odd ranks: a ShapeException naming the op, never a crash.</summary>
    [Theory]
    [MemberData(nameof(ShapeRuleCalls))]
    public void Every_shape_rule_refuses_odd_inputs_by_name(string name)
    {
        var at = name.LastIndexOf(" #", StringComparison.Ordinal);
        var type = typeof(IOp).Assembly.GetTypes().Single(t => t.Name == name[..at]);
        var op = (IOp)Construct(type)!;
        var inputs = OddInputs[int.Parse(name[(at + 2)..])];
        var ex = Record.Exception(() => op.InferShape(inputs));
        if (ex is null) return;   // e.g. an elementwise rule takes any rank
        Assert.False(Crashes.Any(c => c.IsInstanceOfType(ex)) || ex is ArgumentOutOfRangeException { ParamName: "index" }, $"{name}: crashed inside with {ex.GetType().Name}: {ex.Message}");
        Assert.True(ex is ArgumentException, $"{name}: threw {ex.GetType().Name}: {ex.Message}");
        Assert.Contains(op.Name, ex.Message);
    }

    static readonly Shape[][] OddInputs =
    [
        [],
        [Shape.Scalar],
        [new Shape(2, 3)],
        [new Shape(2, 3), new Shape(3)],
        [new Shape(5), new Shape(5), new Shape(5), new Shape(5)],
        [new Shape(Dim.Batch, 2, 2, 2, 2, 2)],
    ];

    /// <summary>An op record with sample attributes (the first constructor whose parameters all have samples).</summary>
    static object? Construct(Type t) =>
        t.GetConstructors().Select(c => (c, args: c.GetParameters().Select(p => Sample(p.ParameterType)).ToArray()))
            .Where(x => x.args.Zip(x.c.GetParameters()).All(a => a.Item1 is not null || !a.Item2.ParameterType.IsValueType))
            .Select(x => Invoked(() => x.c.Invoke(x.args))).FirstOrDefault(o => o is not null);

    /// <summary>A constructor that refuses its sample arguments (a null list) gives no op to try.</summary>
    static object? Invoked(Func<object> construct)
    {
        try { return construct(); }
        catch (TargetInvocationException) { return null; }
    }

    public static TheoryData<string> ShapeRuleCalls() =>
    [
        .. from t in typeof(IOp).Assembly.GetTypes()
           where t.IsPublic && !t.IsAbstract && typeof(IOp).IsAssignableFrom(t) && Construct(t) is not null
           from i in Enumerable.Range(0, OddInputs.Length)
           select $"{t.Name} #{i}",
    ];
}
