"""PyTorch side of the trainer throughput benchmark: the MLP and the small CNN of `npm run bench:trainer`.

Run by bench/trainer-throughput.ts with OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 (one thread
for real: torch.set_num_threads(1) alone does not limit Debian's OpenBLAS); alone:

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \
        /usr/bin/python3 bench/trainer-torch-throughput.py --model mlp --epochs 3 --samples 6000 --folder DIR

MLP 784-256-128-10: Linear → BatchNorm1d → ReLU → Dropout(0.2) → Linear → ReLU → Dropout(0.2) → Linear.
CNN: Conv2d 3×3×16 (same) → ReLU → MaxPool 2 → Conv2d 3×3×32 (same) → ReLU → MaxPool 2 → Linear 10.
Adam 1e-3, batch 128, on the seeded 90% training split of trainer-torch.py. With --until-stdin-closes it trains
on (at least --epochs epochs) until its stdin closes, which is how the benchmark runs it at the same time as Basin. Prints one JSON object: training
samples per second over the steady epochs (all but the first).
"""

import argparse
import importlib.util
import json
import os
import sys
import threading

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("trainer_torch", os.path.join(HERE, "trainer-torch.py"))
reference = importlib.util.module_from_spec(spec)
spec.loader.exec_module(reference)


def cnn():
    return nn.Sequential(
        nn.Unflatten(1, (1, 28, 28)),
        nn.Conv2d(1, 16, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(32 * 7 * 7, 10),
    )


def rate(net, train, epochs, until_stdin_closes):
    """Mean samples/s over the epochs after the first; with until_stdin_closes, keeps training
    (at least `epochs` epochs) until the parent closes stdin, so it runs exactly alongside Basin."""
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    closed = threading.Event()
    if until_stdin_closes:
        threading.Thread(target=lambda: (sys.stdin.read(), closed.set()), daemon=True).start()
    rates = []
    while len(rates) < epochs or (until_stdin_closes and not closed.is_set()):
        rates += reference.train_epochs(net, train, 1, optimizer)
    steady = rates[1:] or rates
    return sum(steady) / len(steady)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=60000)
    parser.add_argument("--folder", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--model", choices=["mlp", "cnn"], required=True)
    parser.add_argument("--until-stdin-closes", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    train, _val, _test = reference.load(args.folder, args.samples, 1)
    net = reference.model() if args.model == "mlp" else cnn()
    print(json.dumps({"samplesPerSecond": rate(net, train, args.epochs, args.until_stdin_closes)}))


if __name__ == "__main__":
    main()
