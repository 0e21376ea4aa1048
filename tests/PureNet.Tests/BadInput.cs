namespace PureNet.Tests;

/// <summary>One adversarial call: what it must throw and what its message must name (the function, the value, the rule).</summary>
public sealed record BadCase(string Name, Action Call, Type Expected, params string[] Fragments)
{
    public override string ToString() => Name;
}

/// <summary>The shared assertion of the BadInput* suites.</summary>
internal static class BadInput
{
    /// <summary>Exception types that mean "crashed inside" rather than "refused at the boundary".</summary>
    static readonly Type[] Crashes =
    [
        typeof(NullReferenceException), typeof(IndexOutOfRangeException), typeof(InvalidCastException),
        typeof(OverflowException), typeof(OutOfMemoryException), typeof(DivideByZeroException), typeof(KeyNotFoundException),
        typeof(ArrayTypeMismatchException), typeof(StackOverflowException),
    ];

    /// <summary>Runs the call: it must throw <see cref="BadCase.Expected"/> (or a subtype), nothing from inside, and name every fragment.</summary>
    public static Exception Check(BadCase c)
    {
        var ex = Record.Exception(c.Call);
        Assert.True(ex is not null, $"{c.Name}: expected {c.Expected.Name}, but the call returned normally.");
        Assert.False(Crashes.Any(t => t.IsInstanceOfType(ex)) || ex.GetType().Namespace?.StartsWith("LanguageExt") == true,
            $"{c.Name}: crashed inside with {ex.GetType().Name}: {ex.Message}");
        Assert.True(c.Expected.IsInstanceOfType(ex), $"{c.Name}: expected {c.Expected.Name}, got {ex.GetType().Name}: {ex.Message}");
        foreach (var f in c.Fragments)
            Assert.True(ex.Message.Contains(f, StringComparison.Ordinal), $"{c.Name}: the message does not name \"{f}\":\n{ex.Message}");
        if (ex is ArgumentNullException n) Assert.False(string.IsNullOrEmpty(n.ParamName), $"{c.Name}: ArgumentNullException without a parameter name.");
        return ex;
    }

    public static TheoryData<string> Names(IEnumerable<BadCase> cases)
    {
        var names = cases.Select(c => c.Name).ToArray();
        var repeated = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new InvalidOperationException($"BadInput: case name '{repeated.Key}' is used twice.");
        return [.. names];
    }

    public static void Run(IEnumerable<BadCase> cases, string name) => Check(cases.Single(c => c.Name == name));

    /// <summary>A refusal (ArgumentException family) naming all fragments.</summary>
    public static BadCase Arg(string name, Action call, params string[] fragments) => new(name, call, typeof(ArgumentException), fragments);
    public static BadCase ShapeErr(string name, Action call, params string[] fragments) => new(name, call, typeof(ShapeException), fragments);
    public static BadCase Null(string name, Action call, params string[] fragments) => new(name, call, typeof(ArgumentNullException), fragments);
}
