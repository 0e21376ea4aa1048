#!/usr/bin/python3
"""PureNet and PyTorch (CPU) side by side, in one run, on the same workloads and thread count.

Usage:  /usr/bin/python3 tests/PureNet.Benchmarks/compare.py [threads]      (default 2)

PureNet runs `PureNet.Benchmarks side-by-side` (built in Release) with DOTNET_PROCESSOR_COUNT=threads.
PyTorch runs in a child process with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment (this
machine may set them, which slows OpenBLAS by up to 2.6x), then OPENBLAS_CORETYPE set to the fastest kernel that
computes correctly on this CPU (fastest_coretype: auto-detection falls back to a slow generic kernel on CPUs newer
than OpenBLAS 0.3.21), OpenBLAS's thread count set through
openblas_set_num_threads (Debian's torch does not pass torch.set_num_threads on), and the BLAS core it ran printed.
Timing: a 3 s warm-up, then the median of 7 rounds of >= 40 ms, on both sides; the two sides run alternately `rounds` times
(default 2) and each keeps its best, which damps noise from other processes. Ratios below 1 mean PureNet is faster.
Cold rows: each side in a fresh process, the mean of its first 40 training steps (JIT and first-touch included),
and that against its own warm step.
Usage with rounds:  compare.py [threads] [rounds]
"""
import ctypes
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# The same list as GemmShapes.cs: name, m, k, n, A transposed, B transposed.
GEMMS = [
    ("n256", 256, 256, 256, False, False), ("n512", 512, 512, 512, False, False),
    ("n1024", 1024, 1024, 1024, False, False), ("n2048", 2048, 2048, 2048, False, False),
    ("mlp_fwd_128x784x256", 128, 784, 256, False, False),
    ("mlp_fwd_128x256x128", 128, 256, 128, False, False),
    ("mlp_bwd_dW_784x128x256", 784, 128, 256, True, False),
    ("mlp_bwd_dH_128x128x256", 128, 128, 256, False, True),
]
TINY_OPS, LONG_CHAIN = 1000, 10_000


def median_ms(f, rounds=7, warmup=3.0):
    start = time.perf_counter()
    i = 0
    while i < 3 or time.perf_counter() - start < warmup:  # 3 s by default, as long as the .NET side (its JIT needs the time to reach tier 1)
        f()
        i += 1
    t = time.perf_counter()
    f()
    once = max(time.perf_counter() - t, 1e-7) * 1000
    per_round = max(1, int(40 / once))
    samples = []
    for _ in range(rounds):
        t = time.perf_counter()
        for _ in range(per_round):
            f()
        samples.append((time.perf_counter() - t) * 1000 / per_round)
    return statistics.median(samples)


def openblas():
    for name in ("libopenblas.so.0", "libopenblasp.so.0", "libblas.so.3"):
        try:
            lib = ctypes.CDLL(name)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            return lib
        except (OSError, AttributeError):
            continue
    return None


def torch_side(threads):
    import torch
    import torch.nn.functional as F
    blas = openblas()
    if blas is not None:
        blas.openblas_set_num_threads(threads)
    torch.set_num_threads(threads)
    out = {"blas": (blas.openblas_get_corename().decode() + " / " + blas.openblas_get_config().decode()) if blas else "no OpenBLAS found",
           "torch": torch.__version__}
    g = torch.Generator().manual_seed(1)
    for name, m, k, n, ta, tb in GEMMS:
        a = torch.rand(k, m, generator=g).t() if ta else torch.rand(m, k, generator=g)
        b = torch.rand(n, k, generator=g).t() if tb else torch.rand(k, n, generator=g)
        c = torch.empty(m, n)
        out["sgemm_" + name] = median_ms(lambda: torch.mm(a, b, out=c))

    def model_times(model, x, labels, key):
        def step():
            for p in model.parameters():
                p.grad = None
            F.cross_entropy(model(x), labels).backward()

        def forward():
            with torch.no_grad():
                F.cross_entropy(model(x), labels)
        out[key + "_step"] = median_ms(step)
        out[key + "_forward"] = median_ms(forward)

    torch.manual_seed(1)
    mlp = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    model_times(mlp, torch.randn(128, 784), torch.arange(128) % 10, "mlp")
    cnn = torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(8, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(784, 10))
    model_times(cnn, torch.randn(64, 1, 28, 28), torch.arange(64) % 10, "cnn")

    def chain(n):
        x = torch.tensor(0.5, requires_grad=True)
        y = x
        for i in range(n):
            y = y * 1.0001 if i % 2 == 0 else torch.tanh(y)
        y.backward()
    out["tiny_op_us"] = median_ms(lambda: chain(TINY_OPS)) * 1000 / TINY_OPS
    out["chain10k_build_compile"] = median_ms(lambda: chain(LONG_CHAIN), rounds=3)
    print(json.dumps(out))


def torch_models():
    import torch
    torch.manual_seed(1)
    mlp = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    cnn = torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(8, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(784, 10))
    return {"mlp": (mlp, torch.randn(128, 784), torch.arange(128) % 10), "cnn": (cnn, torch.randn(64, 1, 28, 28), torch.arange(64) % 10)}


def torch_cold(threads, which):
    """A fresh process's first 40 training steps: mean with and without the first (as PureNet's `cold`)."""
    import torch
    import torch.nn.functional as F
    blas = openblas()
    if blas is not None:
        blas.openblas_set_num_threads(threads)
    torch.set_num_threads(threads)
    model, x, labels = torch_models()[which]
    times = []
    for _ in range(40):
        t = time.perf_counter()
        for p in model.parameters():
            p.grad = None
        F.cross_entropy(model(x), labels).backward()
        times.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"all": statistics.mean(times), "rest": statistics.mean(times[1:])}))


def purenet_cold(threads, which):
    dll = os.path.join(HERE, "bin", "Release", "net10.0", "PureNet.Benchmarks.dll")
    env = dict(os.environ, DOTNET_PROCESSOR_COUNT=str(threads), DOTNET_TieredPGO="1")
    text = subprocess.run(["dotnet", dll, "cold", which], check=True, capture_output=True, text=True, env=env).stdout
    # "first 40 mean 6.581 ms (without the first 3.966), warm ..."
    words = text.replace("(", " ").replace(")", " ").replace(",", " ").split()
    mean = float(words[words.index("mean") + 1])
    rest = float(words[words.index("without") + 3])
    return {"all": mean, "rest": rest}


def purenet_side(threads):
    project = os.path.join(HERE, "PureNet.Benchmarks.csproj")
    subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", "-nologo", project], check=True, stdout=subprocess.DEVNULL)
    dll = os.path.join(HERE, "bin", "Release", "net10.0", "PureNet.Benchmarks.dll")
    env = dict(os.environ, DOTNET_PROCESSOR_COUNT=str(threads), DOTNET_TieredPGO="1")
    text = subprocess.run(["dotnet", dll, "side-by-side", str(threads)], check=True, capture_output=True, text=True, env=env).stdout
    rows = {}
    for line in text.splitlines():
        key, value, note = (line.split("\t") + ["", ""])[:3]
        rows[key] = (value, note)
    return rows


def fastest_coretype(env):
    """The OpenBLAS kernel that gives PyTorch its fastest correct SGEMM here: auto-detection falls back to the generic
    Prescott kernel on CPUs newer than OpenBLAS 0.3.21, which would flatter every GEMM-bound ratio 4-6x. Asks the
    project's picker (../shared/tools/pick_openblas_coretype.py beside the clone), which tries SapphireRapids,
    Cooperlake, SkylakeX, Zen and Haswell on a short SGEMM, checks the result, and prints the fastest ('' = auto)."""
    picker = os.path.join(os.path.dirname(ROOT), "shared", "tools", "pick_openblas_coretype.py")
    if not os.path.exists(picker):
        print(f"note: {picker} not found; PyTorch runs on the kernel OpenBLAS detects", file=sys.stderr)
        return ""
    out = subprocess.run(["/usr/bin/python3", picker], env=env, capture_output=True, text=True, timeout=900)
    sys.stderr.write(out.stderr)
    return out.stdout.strip()


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--torch":
        torch_side(int(sys.argv[2]))
        return
    if len(sys.argv) > 3 and sys.argv[1] == "--torch-cold":
        torch_cold(int(sys.argv[2]), sys.argv[3])
        return
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    coretype = fastest_coretype(env)
    if coretype:
        env["OPENBLAS_CORETYPE"] = coretype
    ours, theirs = None, None
    for _ in range(rounds):
        mine = purenet_side(threads)
        other = json.loads(subprocess.run(["/usr/bin/python3", os.path.abspath(__file__), "--torch", str(threads)],
                                          check=True, capture_output=True, text=True, env=env).stdout)
        if ours is None:
            ours, theirs = mine, other
            continue
        for key, (value, note) in mine.items():
            try:
                better = float(value) > float(ours[key][0]) if key.endswith("gflops") or key.endswith("pct_of_peak") else float(value) < float(ours[key][0])
            except ValueError:
                better = False
            if better:
                ours[key] = (value, note)
        for key, value in other.items():
            if isinstance(value, float) and value < theirs[key]:
                theirs[key] = value
    peak = float(ours["fma_peak_gflops"][0])
    print(f"date {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; cpu {ours['cpu'][0]} ({ours['cpu'][1]}); threads {threads}")
    print(f"FMA peak (float, measured in this run): {peak:.0f} GFLOP/s; best of {rounds} alternating runs per side")
    print(f"single-thread SGEMM n=512: {float(ours['sgemm_1thread_n512_pct_of_peak'][0]):.0f}% of one core's peak ({ours['sgemm_1thread_n512_pct_of_peak'][1]})")
    print(f"PyTorch {theirs['torch']}, BLAS: {theirs['blas']}")
    unset = [k for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ]
    print(f"unset for the PyTorch side: {', '.join(unset) if unset else 'nothing was set'}; "
          f"OPENBLAS_CORETYPE chosen: {coretype or '(auto-detection was fastest)'}")
    print()
    print(f"{'workload':34} {'PureNet':>12} {'PyTorch':>12} {'ratio':>7}  notes")
    for key in [k for k in ours if k.startswith("sgemm_") and k in theirs] + ["mlp_step", "mlp_forward", "cnn_step", "cnn_forward", "tiny_op_us", "chain10k_build_compile"]:
        mine, note = float(ours[key][0]), ours[key][1]
        other = theirs[key]
        unit = "µs" if key.endswith("_us") else "ms"
        if key.startswith("sgemm_"):
            shape = next(g for g in GEMMS if "sgemm_" + g[0] == key)
            flops = 2.0 * shape[1] * shape[2] * shape[3]
            note = f"PureNet {flops / mine / 1e6:.0f} GFLOP/s = {100 * flops / mine / 1e6 / peak:.0f}% of peak; PyTorch {flops / other / 1e6:.0f} GFLOP/s = {100 * flops / other / 1e6 / peak:.0f}%"
        if key == "chain10k_build_compile":
            note += "; PyTorch: eager forward + backward of the chain"
        print(f"{key:34} {mine:10.3f}{unit} {other:10.3f}{unit} {mine / other:7.2f}  {note}")
    # Cold: each side in fresh processes, the first 40 training steps (best of `rounds` alternations).
    for which in ("mlp", "cnn"):
        mine, other = None, None
        for _ in range(rounds):
            m = purenet_cold(threads, which)
            o = json.loads(subprocess.run(["/usr/bin/python3", os.path.abspath(__file__), "--torch-cold", str(threads), which],
                                          check=True, capture_output=True, text=True, env=env).stdout)
            mine = m if mine is None or m["all"] < mine["all"] else mine
            other = o if other is None or o["all"] < other["all"] else other
        warm = float(ours[which + "_step"][0])
        print(f"{which + '_step_cold_first40':34} {mine['all']:10.3f}ms {other['all']:10.3f}ms {mine['all'] / other['all']:7.2f}  "
              f"a fresh process's first 40 steps; PureNet {mine['all'] / warm:.1f}x its warm step ({mine['rest'] / warm:.1f}x without the first call), "
              f"PyTorch {other['all'] / theirs[which + '_step']:.1f}x ({other['rest'] / theirs[which + '_step']:.1f}x)")


if __name__ == "__main__":
    main()
