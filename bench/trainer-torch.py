"""PyTorch reference for the trainer benchmark: the same Fashion-MNIST MLP and recipes on one CPU thread.

Run by `npm run bench:trainer`; alone:

    /usr/bin/python3 bench/trainer-torch.py --epochs 20 --samples 60000 --test-samples 10000 --folder DIR

Model 784-256-128-10: Linear → BatchNorm1d → ReLU → Dropout(0.2) → Linear → ReLU → Dropout(0.2) → Linear,
Adam 1e-3, batch 128, 90/10 train/validation split of the training images (seeded), pixels
standardised with the training pixels' mean and standard deviation. Recipes, as Basin runs them:
  single   constant rate; the epoch with the lowest validation loss is kept
  swa      averaging from epoch 15 of 20 (0-based; min(round(0.75·E), E−1) for E epochs) with SWALR(5e-4, 2 epochs,
           cos), then update_bn
  snapshot 5 cosine cycles from 2e-3 stepped per batch, a snapshot at each cycle end; the ensemble
           averages the members' softmax probabilities
Prints one JSON object: training samples per second (steady epochs) and test accuracy per recipe.
"""

import argparse
import copy
import gzip
import json
import math
import os
import time

import numpy as np
import torch
from torch import nn
from torch.optim.swa_utils import SWALR, AveragedModel, update_bn

BATCH = 128


def read_idx(folder, name):
    raw = os.path.join(folder, name)
    if os.path.exists(raw):
        with open(raw, "rb") as f:
            data = f.read()
    else:
        with gzip.open(raw + ".gz", "rb") as f:
            data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, samples, test_samples):
    x = read_idx(folder, "train-images-idx3-ubyte")[:samples].reshape(-1, 784).astype(np.float32)
    y = read_idx(folder, "train-labels-idx1-ubyte")[:samples].astype(np.int64)
    xt = read_idx(folder, "t10k-images-idx3-ubyte")[:test_samples].reshape(-1, 784).astype(np.float32)
    yt = read_idx(folder, "t10k-labels-idx1-ubyte")[:test_samples].astype(np.int64)
    order = np.random.default_rng(0).permutation(len(x))
    cut = int(round(0.9 * len(x)))
    train, val = order[:cut], order[cut:]
    mean, sd = x[train].mean(), x[train].std()
    scale = lambda a: torch.from_numpy((a - mean) / sd)
    return (scale(x[train]), torch.from_numpy(y[train])), (scale(x[val]), torch.from_numpy(y[val])), (scale(xt), torch.from_numpy(yt))


def model():
    return nn.Sequential(
        nn.Linear(784, 256),
        nn.BatchNorm1d(256),
        nn.ReLU(),
        nn.Dropout(0.2),
        nn.Linear(256, 128),
        nn.ReLU(),
        nn.Dropout(0.2),
        nn.Linear(128, 10),
    )


def batches(x, y, shuffle):
    order = torch.randperm(len(x)) if shuffle else torch.arange(len(x))
    for start in range(0, len(x), BATCH):
        rows = order[start : start + BATCH]
        yield x[rows], y[rows]


@torch.no_grad()
def probabilities(net, x):
    net.eval()
    return torch.cat([torch.softmax(net(xb), 1) for xb, _ in batches(x, torch.zeros(len(x)), False)])


def val_loss(net, data):
    p = probabilities(net, data[0])
    return float(nn.functional.nll_loss(torch.log(p.clamp_min(1e-7)), data[1]))


def accuracy(p, y):
    return float((p.argmax(1) == y).float().mean())


def train_epochs(net, train, epochs, optimizer, on_batch=None, on_epoch=None):
    rates = []
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        started = time.perf_counter()
        for xb, yb in batches(train[0], train[1], True):
            optimizer.zero_grad()
            loss_fn(net(xb), yb).backward()
            optimizer.step()
            if on_batch:
                on_batch()
        rates.append(len(train[0]) / (time.perf_counter() - started))
        if on_epoch:
            on_epoch(epoch)
    return rates


def single(train, val, test, epochs):
    net = model()
    best = {"loss": math.inf, "state": None}

    def keep_best(_epoch):
        loss = val_loss(net, val)
        if loss < best["loss"]:
            best.update(loss=loss, state=copy.deepcopy(net.state_dict()))

    rates = train_epochs(net, train, epochs, torch.optim.Adam(net.parameters(), lr=1e-3), on_epoch=keep_best)
    net.load_state_dict(best["state"])
    return rates, accuracy(probabilities(net, test[0]), test[1])


def swa(train, val, test, epochs):
    net = model()
    averaged = AveragedModel(net)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    start = min(round(epochs * 0.75), epochs - 1)
    scheduler = SWALR(optimizer, swa_lr=5e-4, anneal_epochs=2, anneal_strategy="cos")

    def average(epoch):
        if epoch >= start:
            averaged.update_parameters(net)
            scheduler.step()

    train_epochs(net, train, epochs, optimizer, on_epoch=average)
    update_bn(([xb] for xb, _ in batches(train[0], train[1], False)), averaged)
    return accuracy(probabilities(averaged, test[0]), test[1])


def snapshot(train, val, test, epochs, cycles=5):
    net = model()
    optimizer = torch.optim.Adam(net.parameters(), lr=2e-3)
    steps = math.ceil(len(train[0]) / BATCH)
    cycle = math.ceil(epochs / cycles)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=cycle * steps)
    members = []

    def snap(epoch):
        if (epoch + 1) % cycle == 0 or epoch + 1 == epochs:
            members.append(probabilities(net, test[0]))

    train_epochs(net, train, epochs, optimizer, on_batch=scheduler.step, on_epoch=snap)
    return accuracy(torch.stack(members).mean(0), test[1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--samples", type=int, default=60000)
    parser.add_argument("--test-samples", type=int, default=10000)
    parser.add_argument("--folder", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    train, val, test = load(args.folder, args.samples, args.test_samples)
    rates, single_accuracy = single(train, val, test, args.epochs)
    steady = rates[1:] or rates
    result = {
        "samplesPerSecond": sum(steady) / len(steady),
        "single": single_accuracy,
        "swa": swa(train, val, test, args.epochs),
        "snapshot": snapshot(train, val, test, args.epochs),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
