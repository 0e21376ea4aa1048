using PureNet;
using static PureNet.Fn;
namespace PureNet.Tests;
public class ZzDebug
{
    [Fact] public void Dump()
    {
        var c1 = new Conv2D("c1", 1, 8, Kernel: 3, Padding: 1);
        var c2 = new Conv2D("c2", 8, 16, Kernel: 3, Padding: 1);
        var d = new Dense("d", 16 * 7 * 7, 10);
        var x = Variable("x", Dim.Batch, 1, 28, 28);
        var labels = Variable("labels", Dim.Batch);
        var (bn1, bn2) = (new BatchNorm("bn1", 8), new BatchNorm("bn2", 16));
        var h1 = Pooling.MaxPool2D(Activations.Relu(bn1.Apply(c1.Apply(x), true).Output), 2);
        var h2 = Pooling.MaxPool2D(Activations.Relu(bn2.Apply(c2.Apply(h1), true).Output), 2);
        var loss = Losses.SoftmaxCrossEntropyWithLabels(d.Apply(Flatten(h2)), labels);
        Expr[] ps = [.. c1.Parameters, .. c2.Parameters, .. d.Parameters, .. bn1.Parameters, .. bn2.Parameters];
        var grads = RawGrad(loss, ps);
        var plan = Plan.Compile([loss, .. grads]);
        var nodes = plan.Nodes.OfType<Apply>().ToList();
        var lines = nodes.Where(a => a.Op is TransposeOp || a.Op is BroadcastToOp && (a.Shape.HasBatch || a.Shape.Size > 100))
            .Select(a => $"{a.Op.Name} {a.Inputs[0].Shape} -> {a.Shape}  in: {(a.Inputs[0] is Apply ia ? ia.Op.Name : a.Inputs[0].GetType().Name)}; users: {string.Join(",", nodes.Where(u => u.Inputs.Any(i => ReferenceEquals(i, a))).Select(u => u.Op.Name))}");
        System.IO.File.WriteAllText("/tmp/dbg/plan.txt", string.Join("\n", lines));
    }
}
