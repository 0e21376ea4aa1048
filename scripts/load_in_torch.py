#!/usr/bin/python3
"""A PureNet model file in PyTorch, and a PyTorch model as a file PureNet reads.

Reads a model written by `purenet train` (safetensors: the tensors in F32 and, in __metadata__, the model kind, its
width and the preprocessing statistics), builds the same network as a torch.nn module (mlp, cnn or cnn-bn of
src/PureNet.Cli/Models/Network.cs), applies the preprocessing from the metadata and prints the test accuracy, which is
PureNet's. With --write-torch it also saves the module's state_dict under torch's own names, with the metadata
PureNet needs, for `purenet evaluate --params FILE --map torch`.

  /usr/bin/python3 scripts/load_in_torch.py runs/mlp/model.safetensors
  /usr/bin/python3 scripts/load_in_torch.py runs/mlp/model.safetensors --data /usr/share/datasets/fashion-mnist
  /usr/bin/python3 scripts/load_in_torch.py runs/mlp/model.safetensors --compare runs/mlp-eval/evaluation.json
  /usr/bin/python3 scripts/load_in_torch.py runs/mlp/model.safetensors --write-torch runs/mlp/torch.safetensors

The name map (PureNet ← torch; the same rules as `--map torch` in src/PureNet.Cli/Models/TensorMap.cs):
  dense  X.W [in, out]         ← X.weight [out, in], transposed (nn.Linear computes x·Wᵀ)
  conv   X.W [out, in, kh, kw] ← X.weight, as is (both NCHW / OIHW)
  bias   X.b                   ← X.bias
  norm   X.gamma, X.beta       ← X.weight, X.bias;  X.running_mean, X.running_var ← the same names
torch's BatchNorm num_batches_tracked has no PureNet counterpart: written, ignored when read.

Uses the `safetensors` module when it is installed; otherwise reads and writes the format itself (an 8-byte
little-endian header length, the JSON header, then the tensors' bytes).
"""
import argparse, gzip, json, os, struct, sys
import numpy as np
import torch
from torch import nn

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUBSET = os.path.join(REPO, "data", "fashion-mnist-subset")
SIDE = 28

# ---- safetensors ---------------------------------------------------------------------------------------------------

DTYPES = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2", "I8": "i1", "U8": "u1", "BOOL": "?"}

def read_safetensors(path):
    """(tensors by name as numpy arrays, __metadata__ as a dict of strings)."""
    try:
        from safetensors import safe_open
    except ImportError:
        return read_safetensors_plain(path)
    with safe_open(path, framework="np") as f:
        return {k: f.get_tensor(k) for k in f.keys()}, dict(f.metadata() or {})

def read_safetensors_plain(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: header length: expected 8 bytes, found a file of {len(data)} bytes")
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        raise ValueError(f"{path}: header length: expected at most {len(data) - 8}, found {n}")
    header = json.loads(data[8:8 + n].decode("utf-8"))
    body = memoryview(data)[8 + n:]
    metadata = header.pop("__metadata__", None) or {}
    tensors = {}
    for name, e in header.items():
        begin, end = e["data_offsets"]
        shape = tuple(e["shape"])
        if e["dtype"] == "BF16":   # numpy has no bfloat16: the upper half of a float32
            bits = np.frombuffer(body[begin:end], dtype="<u2").astype(np.uint32) << 16
            tensors[name] = bits.view(np.float32).reshape(shape)
        elif e["dtype"] in DTYPES:
            tensors[name] = np.frombuffer(body[begin:end], dtype=DTYPES[e["dtype"]]).reshape(shape).copy()
        else:
            raise ValueError(f"{path}: tensor '{name}' dtype: expected one of {', '.join(DTYPES)} or BF16, found {e['dtype']}")
    return tensors, metadata

def write_safetensors(path, tensors, metadata):
    """Writes numpy arrays (by name) and string metadata; through the safetensors module when it is installed."""
    tensors = {k: np.array(v, order="C") for k, v in tensors.items()}   # not ascontiguousarray: it makes a scalar [1]
    try:
        from safetensors.numpy import save_file
    except ImportError:
        return write_safetensors_plain(path, tensors, metadata)
    save_file(tensors, path, metadata=metadata)

def write_safetensors_plain(path, tensors, metadata):
    names = {np.dtype(v): k for k, v in DTYPES.items()}
    header, offset, blobs = {"__metadata__": metadata}, 0, []
    for name in sorted(tensors):
        t = tensors[name]
        blob = t.astype(t.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)

# ---- the networks of src/PureNet.Cli/Models/Network.cs ------------------------------------------------------------

class Mlp(nn.Module):
    """784-256-128-10 with ReLU, dropout after each hidden layer."""
    def __init__(self, dropout=0.0):
        super().__init__()
        self.l1, self.l2, self.l3 = nn.Linear(784, 256), nn.Linear(256, 128), nn.Linear(128, 10)
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        h1 = torch.relu(self.l1(x))
        h2 = torch.relu(self.l2(self.drop(h1)))
        return self.l3(self.drop(h2))

class Cnn(nn.Module):
    """conv 3×3 (8w) → [BN] → ReLU → max-pool 2 → conv 3×3 (16w) → [BN] → ReLU → max-pool 2 → dense 128 → [BN] → ReLU → dropout → dense 10.
    With batch norm the layers before it have no bias (PureNet's cnn-bn)."""
    def __init__(self, width=1, batch_norm=False, dropout=0.0):
        super().__init__()
        c1, c2, bias = 8 * width, 16 * width, not batch_norm
        self.conv1 = nn.Conv2d(1, c1, 3, padding=1, bias=bias)
        self.conv2 = nn.Conv2d(c1, c2, 3, padding=1, bias=bias)
        self.fc1 = nn.Linear(c2 * 7 * 7, 128, bias=bias)
        self.fc2 = nn.Linear(128, 10)
        norm = (lambda m: m) if batch_norm else (lambda m: nn.Identity())
        self.bn1, self.bn2, self.bn3 = norm(nn.BatchNorm2d(c1)), norm(nn.BatchNorm2d(c2)), norm(nn.BatchNorm1d(128))
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        x = x.reshape(-1, 1, SIDE, SIDE)
        a1 = torch.relu(self.bn1(self.conv1(x)))
        a2 = torch.relu(self.bn2(self.conv2(nn.functional.max_pool2d(a1, 2))))
        a3 = torch.relu(self.bn3(self.fc1(torch.flatten(nn.functional.max_pool2d(a2, 2), 1))))
        return self.fc2(self.drop(a3))

KINDS = ("mlp", "cnn", "cnn-bn")

def build(kind, width=1, dropout=0.0):
    if kind == "mlp":
        return Mlp(dropout)
    if kind in ("cnn", "cnn-bn"):
        return Cnn(width, kind == "cnn-bn", dropout)
    raise ValueError(f"__metadata__.purenet.model: expected one of {', '.join(KINDS)}, found '{kind}'")

def torch_names(module):
    """torch name → (PureNet name, transpose?) for every tensor of the module PureNet has too."""
    rules = {}
    for name, m in module.named_modules():
        if isinstance(m, nn.Linear):
            rules[f"{name}.weight"] = (f"{name}.W", True)
        elif isinstance(m, nn.Conv2d):
            rules[f"{name}.weight"] = (f"{name}.W", False)
        if isinstance(m, (nn.Linear, nn.Conv2d)) and m.bias is not None:
            rules[f"{name}.bias"] = (f"{name}.b", False)
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            rules.update({f"{name}.weight": (f"{name}.gamma", False), f"{name}.bias": (f"{name}.beta", False),
                          f"{name}.running_mean": (f"{name}.running_mean", False), f"{name}.running_var": (f"{name}.running_var", False)})
    return rules

def load_purenet(path):
    """The torch module (in eval mode) and the preprocessing of a PureNet model file."""
    tensors, meta = read_safetensors(path)
    if "purenet.model" not in meta:
        raise ValueError(f"{path}: __metadata__.purenet.model: expected one of {', '.join(KINDS)} (is this a purenet model?), found none")
    module = build(meta["purenet.model"], int(meta.get("purenet.width", "1")), float(meta.get("purenet.dropout", "0")))
    state = module.state_dict()
    for torch_name, (name, transpose) in torch_names(module).items():
        if name not in tensors:
            raise ValueError(f"{path}: tensor '{name}': expected it for torch's '{torch_name}' ({meta['purenet.model']}), found none")
        value = torch.from_numpy(np.array(tensors[name].T if transpose else tensors[name], dtype=np.float32, order="C"))
        if tuple(value.shape) != tuple(state[torch_name].shape):
            raise ValueError(f"{path}: tensor '{name}'{' transposed' if transpose else ''}: expected shape {list(state[torch_name].shape)} "
                             f"for torch's '{torch_name}', found {list(value.shape)}")
        state[torch_name] = value
    module.load_state_dict(state, strict=True)
    return module.eval(), preprocessing(path, meta), meta

def preprocessing(path, meta):
    if "purenet.preprocessing" not in meta:
        raise ValueError(f"{path}: __metadata__.purenet.preprocessing: expected {{\"scale\":255,\"std\":σ,\"mean\":[…]}}, found none")
    p = json.loads(meta["purenet.preprocessing"])
    return np.float32(p.get("scale", 255)), np.asarray(p["mean"], dtype=np.float32), np.float32(p["std"])

def normalize(pixels, pre):
    """(x/255 − μ) / σ in float32, operation for operation as Preprocessing.Apply does it, so the inputs are PureNet's bit for bit."""
    scale, mean, std = pre
    return (pixels.reshape(len(pixels), -1).astype(np.float32) / scale - mean) / std

# ---- data and evaluation ------------------------------------------------------------------------------------------

def idx(path):
    with (gzip.open(path) if path.endswith(".gz") else open(path, "rb")) as f:
        data = f.read()
    rank = data[3]
    dims = struct.unpack(">" + "i" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)

def idx_file(directory, stem):
    for name in (stem + ".gz", stem):
        if os.path.exists(os.path.join(directory, name)):
            return os.path.join(directory, name)
    raise FileNotFoundError(f"{directory}: expected {stem} or {stem}.gz, found neither")

def test_set(directory, limit=None):
    images = idx(idx_file(directory, "t10k-images-idx3-ubyte"))
    labels = idx(idx_file(directory, "t10k-labels-idx1-ubyte")).astype(np.int64)
    return (images[:limit], labels[:limit]) if limit else (images, labels)

def logits(module, x, batch=500):
    with torch.no_grad():
        return torch.cat([module(torch.from_numpy(x[i:i + batch])) for i in range(0, len(x), batch)]).numpy()

def predictions(z):
    """The arg-max of softmax, lowest index on ties, as PureNet's Predictions.Confusion picks it."""
    return np.argmax(torch.softmax(torch.from_numpy(z), dim=1).numpy(), axis=1)

def confusion(predicted, labels, classes=10):
    counts = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(counts, (labels, predicted), 1)
    return counts

def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("model", help="a model file written by purenet train")
    p.add_argument("--data", default=SUBSET, help="directory of the Fashion-MNIST IDX files (default: the embedded subset)")
    p.add_argument("--limit-test", type=int, help="only the first N test images")
    p.add_argument("--compare", metavar="JSON", help="evaluation.json of `purenet evaluate --out DIR`: the accuracy and confusion matrix must be equal")
    p.add_argument("--write-torch", metavar="FILE", help="also save the module's state_dict (torch names) with PureNet's metadata")
    a = p.parse_args()
    try:
        module, pre, meta = load_purenet(a.model)
        images, labels = test_set(a.data, a.limit_test)
    except (ValueError, KeyError, FileNotFoundError) as e:
        sys.exit(f"error: {e}")
    counts = confusion(predictions(logits(module, normalize(images, pre))), labels)
    accuracy = np.trace(counts) / counts.sum()
    source = "the embedded subset" if os.path.abspath(a.data) == SUBSET else a.data
    print(f"torch {torch.__version__}: test accuracy {accuracy:.4f} on {len(labels)} images of {source} — {meta['purenet.model']} ({a.model})")
    if a.compare:
        with open(a.compare) as f:
            theirs = json.load(f)
        same = theirs["accuracy"] == accuracy and np.array_equal(np.asarray(theirs["confusion"]), counts)
        print(f"purenet evaluate: accuracy {theirs['accuracy']:.4f}; accuracy and confusion matrix {'identical' if same else 'DIFFER'}")
        if not same:
            sys.exit(1)
    if a.write_torch:
        write_torch(a.write_torch, module, meta)
        print(f"wrote {a.write_torch} (torch names; purenet evaluate --params {a.write_torch} --map torch)")

def write_torch(path, module, meta):
    """The module's state_dict under torch's names, plus the metadata `purenet evaluate --map torch` reads."""
    keep = ("purenet.model", "purenet.width", "purenet.dropout", "purenet.l2", "purenet.preprocessing")
    state = {k: v.detach().cpu().numpy() for k, v in module.state_dict().items()}
    write_safetensors(path, state, {"format": "pt", **{k: meta[k] for k in keep if k in meta}})

if __name__ == "__main__":
    main()
