#!/usr/bin/python3
"""The PyTorch twin of `purenet train --model mlp` (or cnn / cnn-bn) for a side-by-side time per epoch.

Same network (784-256-128-10 ReLU; or the CNNs of src/PureNet.Cli/Models/Network.cs), same preprocessing
(per-pixel mean, one std, fitted on the training part), Adam lr 1e-3, batch 128, 10% held out, 2 threads.
Run with Debian's torch:  /usr/bin/python3 scripts/torch_fashion_mnist.py --data /usr/share/datasets/fashion-mnist --epochs 2
"""
import argparse, ctypes, ctypes.util, gzip, struct, time
import numpy as np
import torch
from torch import nn

def threads(n):
    torch.set_num_threads(n)
    # Debian's torch does not pass set_num_threads on to OpenBLAS; set it directly.
    for name in ("openblas", "openblas64_", "openblasp-r0.3.21"):
        path = ctypes.util.find_library(name)
        if path:
            lib = ctypes.CDLL(path)
            for fn in ("openblas_set_num_threads", "openblas_set_num_threads64_"):
                if hasattr(lib, fn):
                    getattr(lib, fn)(n)
                    return

def idx(path):
    with gzip.open(path) if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    rank = data[3]
    dims = struct.unpack(">" + "i" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)

def model(kind):
    if kind == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    bn = kind == "cnn-bn"
    def block(cin, cout):
        return [nn.Conv2d(cin, cout, 3, padding=1, bias=not bn)] + ([nn.BatchNorm2d(cout)] if bn else []) + [nn.ReLU(), nn.MaxPool2d(2)]
    return nn.Sequential(nn.Unflatten(1, (1, 28, 28)), *block(1, 8), *block(8, 16), nn.Flatten(),
                         nn.Linear(16 * 7 * 7, 128, bias=not bn), *([nn.BatchNorm1d(128)] if bn else []), nn.ReLU(), nn.Linear(128, 10))

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--model", default="mlp")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    threads(a.threads)
    torch.manual_seed(0)
    x = idx(f"{a.data}/train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255
    y = idx(f"{a.data}/train-labels-idx1-ubyte.gz").astype(np.int64)
    xt = idx(f"{a.data}/t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255
    yt = idx(f"{a.data}/t10k-labels-idx1-ubyte.gz").astype(np.int64)
    order = np.random.default_rng(0).permutation(len(x))
    val, tr = order[: len(x) // 10], order[len(x) // 10:]
    mean, std = x[tr].mean(0), (x[tr] - x[tr].mean(0)).std()
    norm = lambda v: torch.from_numpy((v - mean) / std)
    xtr, ytr, xv, yv, xte, yte = norm(x[tr]), torch.from_numpy(y[tr]), norm(x[val]), torch.from_numpy(y[val]), norm(xt), torch.from_numpy(yt)
    net = model(a.model)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(1, a.epochs + 1):
        start = time.perf_counter()
        net.train()
        perm = torch.randperm(len(xtr))
        for i in range(0, len(xtr), 128):
            idx_ = perm[i:i + 128]
            opt.zero_grad()
            loss = loss_fn(net(xtr[idx_]), ytr[idx_])
            loss.backward()
            opt.step()
        took = time.perf_counter() - start
        net.eval()
        with torch.no_grad():
            va = (net(xv).argmax(1) == yv).float().mean().item()
            te = (net(xte).argmax(1) == yte).float().mean().item()
        print(f"torch {torch.__version__} {a.model} epoch {epoch}: {took:.1f} s ({len(xtr) / took:.0f} img/s), val acc {va:.4f}, test acc {te:.4f}", flush=True)

if __name__ == "__main__":
    main()
