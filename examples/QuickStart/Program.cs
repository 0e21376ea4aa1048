using PureNet;
using static PureNet.Fn;

// A function: mean squared error of a one-layer tanh model over an open batch.
var x = Variable("x", Dim.Batch, 3);
var y = Variable("y", Dim.Batch, 1);
var w = Variable("w", 3, 1);
Expr loss = Mean(Square(Tanh(MatMul(x, w)) - y));

Expr dw = Grad(loss, w);
Console.WriteLine($"dloss/dw =\n{dw}\n");

var step = ValueAndGrad(loss, w);
var xs = Tensor.Normal<double>(new Shape(8, 3), seed: 1);
var ys = Tensor.Normal<double>(new Shape(8, 1), seed: 2);
var ws = Tensor.Normal<double>(new Shape(3, 1), seed: 3);
var r = step.Invoke(("x", xs), ("y", ys), ("w", ws));
Console.WriteLine($"loss {r.Value:G6}, dw {r["w"]}");

GradCheck.Assert(loss, ("x", xs), ("y", ys), ("w", ws));
Console.WriteLine(GradCheck.Check(loss, ("x", xs), ("y", ys), ("w", ws)));
