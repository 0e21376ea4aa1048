using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using PureNet;
using PureNet.Testing;
using static PureNet.Fn;

namespace PureNet.Properties;

/// <summary>
/// Every op through its public <c>Eval</c>, called as a careless user would: the right call gives the plan's value;
/// a wrong output shape, a wrong number of inputs, an input of another rank or size, an allocator that returns the
/// wrong length all give a clear exception naming the op (or, for an input the rule still accepts, the asked-for
/// shape), and no call changes its inputs. A write outside a buffer would kill the test run, not fail one property.
/// </summary>
public class OpEvalProperties
{
    static int Cases => Math.Max(1, OpGradientProperties.Cases / 2);

    /// <summary>One op node of a sample's function or its gradient, with its inputs' values and its own.</summary>
    public sealed record Call(IOp Op, Tensor<double>[] Inputs, Tensor<double> Output)
    {
        public override string ToString() => $"{Op.Name}({string.Join(", ", Inputs.Select(x => x.Shape))}) → {Output.Shape}";
    }

    /// <summary>A wrong call: what is changed, and the call.</summary>
    public sealed record Mutation(string What, Call Call, Tensor<double>[] Inputs, Shape Output)
    {
        public override string ToString() => $"{What}: {Call.Op.Name}({string.Join(", ", Inputs.Select(x => x?.Shape))}) → {Output}";
    }

    /// <summary>Every op node in f and in the gradient of sum(f) with the values a plan computes for it.</summary>
    static Call[] Calls(GradSample s)
    {
        var wrt = Graph.TopoSort(s.F).OfType<Variable>().Where(v => s.Wrt.Length == 0 || s.Wrt.Contains(v.Name)).ToArray();
        var roots = wrt.Length == 0 ? [s.F] : new[] { s.F }.Concat(Grad(Sum(s.F), wrt)).ToArray();
        var nodes = Graph.TopoSort(roots).OfType<Apply>().ToArray();
        var exprs = nodes.SelectMany(n => n.Inputs).Concat(nodes).Distinct().ToArray();
        var values = EvaluateAll(Prelude.toSeq(exprs), s.Bindings).ToArray();
        var at = exprs.Select((e, i) => (e, i)).ToDictionary(p => p.e, p => values[p.i]);
        return [.. nodes.Select(n => new Call(n.Op, [.. n.Inputs.Map(x => at[x])], at[n]))];
    }

    static Gen<Shape> Other(Shape s) =>
        Gen.OneOf(
            s.Rank == 0 ? Gen.Constant(new Shape(2)) : Gen.Choose(0, s.Rank - 1).Select(a => new Shape(s.Select((d, i) => i == a ? d + 1 : d))),
            Gen.Constant(s.Insert(0, 2)),
            Gen.Constant(s.Rank == 0 ? new Shape(1, 1) : new Shape(s.Skip(1))),
            Gen.Constant(new Shape(1, 1)));

    static Tensor<double> Filled(Shape s) => Tensor.Full(s, 0.5);

    static Gen<Mutation> Mutations(Call c) =>
        Gen.OneOf(
            Other(c.Output.Shape).Where(o => o != c.Output.Shape).Select(o => new Mutation("output shape", c, c.Inputs, o)),
            c.Inputs.Length == 0
                ? Gen.Constant(new Mutation("one input more", c, [Filled(new Shape(2))], c.Output.Shape))
                : Gen.Elements(
                    new Mutation("one input fewer", c, c.Inputs.SkipLast(1).ToArray(), c.Output.Shape),
                    new Mutation("one input more", c, [.. c.Inputs, c.Inputs[0]], c.Output.Shape)),
            c.Inputs.Length == 0
                ? Gen.Constant(new Mutation("one input more", c, [Filled(new Shape(3))], c.Output.Shape))
                : from k in Gen.Choose(0, c.Inputs.Length - 1)
                  from s in Other(c.Inputs[k].Shape)
                  select new Mutation($"input {k} reshaped", c, c.Inputs.Select((x, i) => i == k ? Filled(s) : x).ToArray(), c.Output.Shape));

    static Gen<Call> CallsOf(OpCase c) =>
        from s in c.Samples
        let calls = Calls(s)
        from call in Gen.Elements(calls)
        select call;

    public static TheoryData<string> Names() => OpGradientProperties.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void The_right_call_gives_the_plans_value(string name) =>
        Check(CallsOf(OpCatalog.All.Single(c => c.Name == name)), call =>
        {
            var y = call.Op.Eval<double>(call.Inputs, call.Output.Shape);
            return y.Equals(call.Output) || AllClose(y, call.Output);
        });

    [Theory]
    [MemberData(nameof(Names))]
    public void A_wrong_call_is_refused_by_name_and_changes_nothing(string name) =>
        Check(from call in CallsOf(OpCatalog.All.Single(c => c.Name == name)) from m in Mutations(call) select m, m =>
        {
            var before = m.Inputs.Select(x => x.ToArray()).ToArray();
            var ex = Record.Exception(() => m.Call.Op.Eval<double>(m.Inputs, m.Output));
            var unchanged = m.Inputs.Zip(before).All(p => p.Item1.ToArray().SequenceEqual(p.Item2));
            // Inputs the rule still accepts for the same output (a sum over a grown axis, a bias as large as x) are a valid call.
            var accepted = ex is null && Accepts(m);
            Assert.True(unchanged, "an input changed");
            Assert.True(accepted || (ex is ArgumentException && ex.Message.StartsWith(m.Call.Op.Name + ":", StringComparison.Ordinal)),
                ex is null ? "no exception" : $"{ex.GetType().Name}: {ex.Message}");
            return true;
        });

    [Theory]
    [MemberData(nameof(Names))]
    public void An_allocator_of_the_wrong_length_is_refused_by_name(string name) =>
        Check(from call in CallsOf(OpCatalog.All.Single(c => c.Name == name)) from shortBy in Gen.Choose(-2, 2).Where(d => d != 0) select (call, shortBy), p =>
        {
            var (call, by) = p;
            var ex = Record.Exception(() => call.Op.Eval<double>(call.Inputs, call.Output.Shape, n => new double[Math.Max(0, n + by)]));
            // An op that shares its input's storage (reshape, stop_gradient) takes nothing from the allocator.
            Assert.True(ex is null || (ex is InvalidOperationException && ex.Message.StartsWith(call.Op.Name + ":", StringComparison.Ordinal)), $"{ex?.GetType().Name}: {ex?.Message}");
            return true;
        });

    /// <summary>The mutated inputs satisfy the op's own rule for the asked-for output: the call was valid after all.</summary>
    static bool Accepts(Mutation m)
    {
        try { return m.Call.Op.InferShape([.. m.Inputs.Select(x => x.Shape)]) == m.Output; }
        catch (ShapeException) { return false; }
    }

    static bool AllClose(Tensor<double> a, Tensor<double> b) =>
        a.Shape == b.Shape && a.ToArray().Zip(b.ToArray()).All(p => p.Item1.Equals(p.Item2) || Math.Abs(p.Item1 - p.Item2) <= 1e-12 * (1 + Math.Abs(p.Item2)));

    static void Check<TCase>(Gen<TCase> cases, Func<TCase, bool> property) =>
        GradProperties.Verify(Prop.ForAll(Arb.From(cases), property), Cases);
}
