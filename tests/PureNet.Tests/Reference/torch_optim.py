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

def step_lr(make, step_size, gamma):
    """An optimizer whose lr follows torch.optim.lr_scheduler.StepLR (stepped after every optimizer step)."""
    def build(p):
        opt = make(p)
        return opt, torch.optim.lr_scheduler.StepLR(opt, step_size=step_size, gamma=gamma)
    return build

CONFIGS = {
    "sgd": lambda p: torch.optim.SGD(p, lr=0.1),
    "momentum": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
    "nesterov": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True),
    "adagrad": lambda p: torch.optim.Adagrad(p, lr=0.1),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.01),
    "adam": lambda p: torch.optim.Adam(p, lr=0.01),
    "adamw": lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1),
    # Options at parity with torch.optim (issue 19); each must move the trajectory (checked below).
    "momentum_step_lr": step_lr(lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), 3, 0.5),
    "nesterov_step_lr": step_lr(lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True), 3, 0.5),
    "sgd_dampening": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.3),
    "rmsprop_momentum": lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.9),
    "rmsprop_centered": lambda p: torch.optim.RMSprop(p, lr=0.01, centered=True),
    "rmsprop_centered_momentum": lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6, momentum=0.5, centered=True),
    # beta2 = 0.5 and a large rate make v shrink within ten steps, so amsgrad's max(v̂, v) differs from v.
    "adam_amsgrad": lambda p: torch.optim.Adam(p, lr=0.1, betas=(0.9, 0.5), amsgrad=True),
    "adam_beta2_half": lambda p: torch.optim.Adam(p, lr=0.1, betas=(0.9, 0.5)),
    "adamw_amsgrad": lambda p: torch.optim.AdamW(p, lr=0.1, betas=(0.9, 0.5), weight_decay=0.1, amsgrad=True),
    "adamw_no_decay": lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0),
    "adagrad_lr_decay": lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.05),
    "adagrad_initial_accumulator": lambda p: torch.optim.Adagrad(p, lr=0.1, initial_accumulator_value=0.2),
}

# A reference that equals its base trajectory would let a test pass while ignoring the option.
DIFFERS_FROM = {
    "momentum_step_lr": "momentum", "nesterov_step_lr": "nesterov", "sgd_dampening": "momentum",
    "rmsprop_momentum": "rmsprop", "rmsprop_centered": "rmsprop", "rmsprop_centered_momentum": "rmsprop_centered",
    "adam_amsgrad": "adam_beta2_half", "adamw_no_decay": "adamw",
    "adagrad_lr_decay": "adagrad", "adagrad_initial_accumulator": "adagrad",
}

out = {}
for name, make in CONFIGS.items():
    w = torch.tensor(W0, requires_grad=True)
    b = torch.tensor(B0, requires_grad=True)
    made = make([w, b])
    opt, scheduler = made if isinstance(made, tuple) else (made, None)
    steps = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = ((torch.tanh(X @ w + b) - Y) ** 2).mean()
        loss.backward()
        opt.step()
        if scheduler is not None:
            scheduler.step()
        steps.append({"w": w.detach().flatten().tolist(), "b": b.detach().tolist()})
    out[name] = steps

def distance(a, b):
    return max(abs(x - y) for sa, sb in zip(a, b) for k in ("w", "b") for x, y in zip(sa[k], sb[k]))

for name, base in DIFFERS_FROM.items():
    assert distance(out[name], out[base]) > 1e-4, f"{name} equals {base}: the option does not show"
print(json.dumps({"torch": torch.__version__, "trajectories": out}, indent=1))
