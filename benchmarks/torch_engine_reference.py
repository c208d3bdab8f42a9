#!/usr/bin/env python3
"""PyTorch eager reference for `ablate bench engine`: the same fixed model, batch and timing.

Decoder-only transformer, byte vocabulary 256, context 128, width d, 4 layers,
heads max(1, d/32), FFN 4d with tanh-GELU, pre-LN LayerNorm with biases, learned positional
embedding, untied head without bias, Linear layers with biases, AdamW lr 1e-3, batch 16 of
random tokens. 5 warm-up steps, then 20 timed training steps and 20 timed forward passes;
tokens/s from the medians. Usage: python3 torch_engine_reference.py [--dims 64,128] [--threads 2]
"""
import argparse, json, statistics, time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.fc1 = nn.Linear(d, 4 * d)
        self.fc2 = nn.Linear(4 * d, d)

    def forward(self, x):
        B, T, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=2)
        shape = (B, T, self.heads, d // self.heads)
        q, k, v = (t.view(shape).transpose(1, 2) for t in (q, k, v))
        a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.proj(a.transpose(1, 2).reshape(B, T, d))
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x)), approximate="tanh"))


class LM(nn.Module):
    def __init__(self, d, vocab=256, context=128, depth=4):
        super().__init__()
        self.tok = nn.Embedding(vocab, d)
        self.pos = nn.Embedding(context, d)
        self.blocks = nn.ModuleList(Block(d, max(1, d // 32)) for _ in range(depth))
        self.ln_f = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab, bias=False)

    def forward(self, idx):
        x = self.tok(idx) + self.pos(torch.arange(idx.shape[1]))
        for b in self.blocks:
            x = b(x)
        return self.head(self.ln_f(x))


def measure(d, batch=16, context=128, warmup=5, timed=20):
    torch.manual_seed(0)
    model = LM(d)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    x = torch.randint(0, 256, (batch, context))
    y = torch.randint(0, 256, (batch, context))

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x).view(-1, 256), y.view(-1))
        loss.backward()
        opt.step()

    for _ in range(warmup):
        step()
    steps = []
    for _ in range(timed):
        t0 = time.perf_counter(); step(); steps.append(time.perf_counter() - t0)
    forwards = []
    with torch.no_grad():
        for _ in range(2):
            model(x)
        for _ in range(timed):
            t0 = time.perf_counter(); model(x); forwards.append(time.perf_counter() - t0)
    n = batch * context
    return {"d": d, "threads": torch.get_num_threads(), "params": sum(p.numel() for p in model.parameters()),
            "train_tokens_per_s": n / statistics.median(steps), "infer_tokens_per_s": n / statistics.median(forwards)}


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--dims", default="64,128,256,512")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    print(json.dumps([measure(int(d)) for d in args.dims.split(",")], indent=1))
