"""A cnn-bn trained by PyTorch, saved under torch's own names, for TorchMapTests: PureNet must read it through
`--map torch` and compute the logits and the test accuracy recorded here.

Run with Debian's python3-torch (from this directory):  /usr/bin/python3 torch_cnn_bn.py
Writes torch_cnn_bn.safetensors (the module's state_dict, BatchNorm's num_batches_tracked included, and in
__metadata__ the model kind and the preprocessing PureNet needs) and torch_cnn_bn.json (torch's logits of the first 8
test images of the embedded subset and its accuracy on all 1,000). The network and the writer are
scripts/load_in_torch.py's.
"""
import json, os, sys
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
import load_in_torch as lit

torch.manual_seed(0)
torch.set_num_threads(2)
train_x = lit.idx(os.path.join(lit.SUBSET, "train-images-idx3-ubyte.gz"))
train_y = torch.from_numpy(lit.idx(os.path.join(lit.SUBSET, "train-labels-idx1-ubyte.gz")).astype(np.int64))
test_x, test_y = lit.test_set(lit.SUBSET)

# Preprocessing.Fit's statistics: the per-pixel mean image of x/255 and one std of the centred pixels.
scaled = train_x.reshape(len(train_x), -1).astype(np.float32) / np.float32(255)
mean = scaled.astype(np.float64).mean(0)
std = max(np.sqrt(((scaled - mean) ** 2).mean()), 1e-6)
pre = {"scale": 255, "std": float(np.float32(std)), "mean": [float(m) for m in mean.astype(np.float32)]}
meta = {"purenet.model": "cnn-bn", "purenet.width": "1", "purenet.preprocessing": json.dumps(pre)}
pre_tuple = lit.preprocessing("torch_cnn_bn", meta)

net = lit.build("cnn-bn")
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
x = torch.from_numpy(lit.normalize(train_x, pre_tuple))
for epoch in range(2):
    net.train()
    order = torch.randperm(len(x))
    for i in range(0, len(x), 128):
        batch = order[i:i + 128]
        opt.zero_grad()
        torch.nn.functional.cross_entropy(net(x[batch]), train_y[batch]).backward()
        opt.step()
net.eval()

z = lit.logits(net, lit.normalize(test_x, pre_tuple))
correct = int((lit.predictions(z) == test_y).sum())
lit.write_torch(os.path.join(HERE, "torch_cnn_bn.safetensors"), net, {**meta, "format": "pt"})
with open(os.path.join(HERE, "torch_cnn_bn.json"), "w") as f:
    json.dump({"torch": torch.__version__, "images": len(test_y), "correct": correct, "accuracy": correct / len(test_y),
               "logits": [[float(v) for v in row] for row in z[:8]]}, f, indent=1)
print(f"torch {torch.__version__}: cnn-bn test accuracy {correct / len(test_y):.4f} on {len(test_y)} images; "
      f"{os.path.getsize(os.path.join(HERE, 'torch_cnn_bn.safetensors'))} bytes")
