"""Reference gradients of a model that needs sin: batch norm (training mode) over an NCHW input whose statistics depend
on sin of the input, for ForwardModeTests.A_model_that_needs_sin_has_torchs_gradient.

Run with Debian's python3-torch:  /usr/bin/python3 torch_sin_batchnorm.py > torch_sin_batchnorm.json
Inputs are closed formulas (the C# test rebuilds them exactly): x [4, 2, 3, 3], gamma and beta [2], weights [4, 2, 3, 3].
loss = sum(tanh(bn(x * sin(x))) * weights).
"""
import json, math
import torch

torch.set_default_dtype(torch.float64)
N, C, H, W = 4, 2, 3, 3

def value(k, a, b):
    return math.sin(a * k + b) * 1.5

x = torch.tensor([value(k, 0.37, 0.2) for k in range(N * C * H * W)]).reshape(N, C, H, W).requires_grad_()
weights = torch.tensor([value(k, 0.91, 1.3) for k in range(N * C * H * W)]).reshape(N, C, H, W)
bn = torch.nn.BatchNorm2d(C, momentum=0.1, eps=1e-5)
with torch.no_grad():
    bn.weight.copy_(torch.tensor([1.2, 0.7]))
    bn.bias.copy_(torch.tensor([0.1, -0.3]))
bn.train()
loss = (torch.tanh(bn(x * torch.sin(x))) * weights).sum()
loss.backward()
print(json.dumps({"torch": torch.__version__, "loss": loss.item(), "x": x.grad.flatten().tolist(),
                  "gamma": bn.weight.grad.tolist(), "beta": bn.bias.grad.tolist()}, indent=1))
