"""Reference running statistics of torch.nn.BatchNorm1d/2d in double, for NormalizationTests.BatchNorm_running_statistics_equal_torch.

Run with Debian's python3-torch:  /usr/bin/python3 torch_batchnorm.py > torch_batchnorm.json
Three training-mode forward passes on batches given by closed formulas (so the C# test rebuilds them exactly); after
each, the running mean and variance (torch averages the unbiased batch variance) and the output.
"""
import json, math
import torch

torch.set_default_dtype(torch.float64)
STEPS = 3

def batch1d(t, n, c):
    return torch.tensor([[math.sin(1 + 0.7 * i + 1.3 * j + 2.1 * t) * (1 + j) + 0.5 * t for j in range(c)] for i in range(n)])

def batch2d(t, n, c, h, w):
    return torch.tensor([[[[math.cos(0.3 * a + 1.1 * b + 0.7 * y + 0.5 * x + 1.9 * t) * (1 + b) + 0.2 * t
                            for x in range(w)] for y in range(h)] for b in range(c)] for a in range(n)])

CASES = {
    "bn1d": (torch.nn.BatchNorm1d(3, momentum=0.1, eps=1e-5), lambda t: batch1d(t, 5, 3)),
    "bn2d": (torch.nn.BatchNorm2d(2, momentum=0.3, eps=1e-3), lambda t: batch2d(t, 4, 2, 3, 3)),
}

out = {}
for name, (bn, batch) in CASES.items():
    bn.train()
    steps = []
    for t in range(STEPS):
        y = bn(batch(t))
        steps.append({"running_mean": bn.running_mean.tolist(), "running_var": bn.running_var.tolist(),
                      "output": y.detach().flatten().tolist()})
    out[name] = steps

# The test must be able to tell the unbiased rule from the biased one.
b = batch1d(0, 5, 3)
assert abs(b.var(0, unbiased=True) - b.var(0, unbiased=False)).max() > 1e-3
print(json.dumps({"torch": torch.__version__, "cases": out}, indent=1))
