#!/usr/bin/python3
"""torch.optim.Adam.step and SGD(momentum).step over the MLP 784-256-128-10's parameters (235,146 floats), CPU, float32.

Usage: /usr/bin/python3 tests/PureNet.Benchmarks/optim_step.py [threads]   (default 1)
Prints the median over 7 rounds of >= 40 ms each, after warm-up (the same timing as compare.py).
"""
import sys

import compare   # the timing loop shared with the side-by-side script (same folder)
import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(threads)
torch.manual_seed(1)
shapes = [(784, 256), (256,), (256, 128), (128,), (128, 10), (10,)]


def median_ms(f, rounds=7):
    return compare.median_ms(f, rounds, warmup=0.3)


for name, make in [("AdamStep", lambda p: torch.optim.Adam(p, lr=1e-3)),
                   ("AdamStep(foreach)", lambda p: torch.optim.Adam(p, lr=1e-3, foreach=True)),
                   ("MomentumStep", lambda p: torch.optim.SGD(p, lr=1e-2, momentum=0.9))]:
    params = [torch.nn.Parameter(torch.randn(s) * 0.05) for s in shapes]
    for p in params:
        p.grad = torch.randn(p.shape) * 1e-3
    opt = make(params)
    opt.step()
    print(f"torch {torch.__version__} {name}: {median_ms(opt.step) * 1000:.1f} us ({threads} threads)")
