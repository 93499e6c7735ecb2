#!/usr/bin/env python3
"""Peer reference for `wayfinder bench convnet`: the same fixed 6-layer conv net in PyTorch (CPU).

3x3 convolutions without bias, 36 filters, strides 1,1,2,1,2,1, each followed by batch norm and ReLU; layer 3 reads
the concatenation of layer 0 and layer 2 (zero-padded to 28x28, centred), layer 5 that of layer 2 and layer 4; then
global average pooling, a dense layer and softmax cross-entropy; Adam (lr 1e-3), float32, NCHW. Needs Debian's
python3-torch (benchmark only, never a Wayfinder dependency). Prints "RESULT [images/s per timed epoch]".
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Layer(nn.Module):
    def __init__(self, cin, stride):
        super().__init__()
        self.conv = nn.Conv2d(cin, 36, 3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(36)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


def pad_to(x, h, w):
    dh, dw = h - x.shape[2], w - x.shape[3]
    return F.pad(x, (dw // 2, dw - dw // 2, dh // 2, dh - dh // 2))


class Net(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.l = nn.ModuleList([Layer(1, 1), Layer(36, 1), Layer(36, 2), Layer(72, 1), Layer(36, 2), Layer(72, 1)])
        self.out = nn.Linear(36, classes)

    def forward(self, x):
        o0 = self.l[0](x)
        o1 = self.l[1](o0)
        o2 = self.l[2](o1)
        o3 = self.l[3](torch.cat([o0, pad_to(o2, o0.shape[2], o0.shape[3])], 1))
        o4 = self.l[4](o3)
        o5 = self.l[5](torch.cat([pad_to(o2, o4.shape[2], o4.shape[3]), o4], 1))
        return self.out(o5.mean((2, 3)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--images", type=int, default=1024)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--size", type=int, default=28)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    x = torch.rand(a.images, 1, a.size, a.size)
    y = torch.randint(0, 10, (a.images,))
    net = Net(10)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)

    def epoch():
        for i in range(0, a.images, a.batch):
            opt.zero_grad()
            loss = F.cross_entropy(net(x[i:i + a.batch]), y[i:i + a.batch])
            loss.backward()
            opt.step()

    epoch()  # warm-up
    out = []
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        epoch()
        out.append(a.images / (time.perf_counter() - t0))
    print("RESULT [" + ", ".join("%.3f" % v for v in out) + "] torch " + torch.__version__)


if __name__ == "__main__":
    main()
