"""Reference trajectories of torch.optim in double, for OptimTests.Trajectories_equal_torch_optim.

Run with Debian's python3-torch:  /usr/bin/python3 torch_optim.py > torch_optim.json
The problem (data, initial values, loss) is defined by closed formulas so the C# test rebuilds it exactly.
"""
import json, math
import torch

torch.set_default_dtype(torch.float64)
N, D, K, STEPS = 4, 2, 3, 10
X = torch.tensor([[math.sin(1 + 2 * i + j) for j in range(D)] for i in range(N)])
Y = torch.tensor([[0.5 * math.cos(i + 3 * k) for k in range(K)] for i in range(N)])
W0 = [[0.1 * (3 * j + k) - 0.2 for k in range(K)] for j in range(D)]
B0 = [0.05 * k for k in range(K)]

CONFIGS = {
    "sgd": lambda p: torch.optim.SGD(p, lr=0.1),
    "momentum": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
    "nesterov": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True),
    "adagrad": lambda p: torch.optim.Adagrad(p, lr=0.1),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.01),
    "adam": lambda p: torch.optim.Adam(p, lr=0.01),
    "adamw": lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1),
}

out = {}
for name, make in CONFIGS.items():
    w = torch.tensor(W0, requires_grad=True)
    b = torch.tensor(B0, requires_grad=True)
    opt = make([w, b])
    steps = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = ((torch.tanh(X @ w + b) - Y) ** 2).mean()
        loss.backward()
        opt.step()
        steps.append({"w": w.detach().flatten().tolist(), "b": b.detach().tolist()})
    out[name] = steps
print(json.dumps({"torch": torch.__version__, "trajectories": out}, indent=1))
