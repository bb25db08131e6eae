#!/usr/bin/python3
"""Fine-tunes all-MiniLM-L6-v2 for moderation and writes it as the 8-bit ONNX model Parley runs.

Reads the rows ExportEncoderRows wrote (the heads' own training rows, tokenised by the encoder's
WordPiece tokenizer), trains the encoder with a 13-way multi-label head on its normalised mean
vector (the vector Parley's heads read), and writes the encoder's new weights into a copy of the
8-bit model langchain4j ships, quantised the way that model was (weights per column, symmetric,
range of -64 to 64; embeddings per tensor around 128). Same rows, same seed, same thread count: same
bytes, whose sha256 it prints.

Needs Debian's python3-torch and python3-onnx (apt-get install python3-torch python3-onnx).
Usage: finetune.py ROWS.tsv FP32.onnx INT8.onnx OUT.onnx OUT.patch [--epochs N] [--threads N]
"""
import argparse
import gzip
import hashlib
import math
import random
import struct
import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper

CATEGORIES = 13
HIDDEN = 384
HEADS = 12
LAYERS = 6
# the eleven weight matrices of a layer, by the name of the ONNX MatMul node that multiplies by them
MATMULS = {
    "attention/self/query": "q", "attention/self/key": "k", "attention/self/value": "v",
    "attention/output/dense": "o", "intermediate/dense": "i", "output/dense": "out",
}


def read_rows(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            split, dataset, language, request, weight, labels, ids = line.rstrip("\n").split("\t")
            rows.append((split, dataset, language, int(request), float(weight),
                         [int(c) for c in labels], [int(t) for t in ids.split()]))
    return rows


class Layer(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.q = torch.nn.Linear(HIDDEN, HIDDEN)
        self.k = torch.nn.Linear(HIDDEN, HIDDEN)
        self.v = torch.nn.Linear(HIDDEN, HIDDEN)
        self.o = torch.nn.Linear(HIDDEN, HIDDEN)
        self.ln1 = torch.nn.LayerNorm(HIDDEN, eps=1e-12)
        self.i = torch.nn.Linear(HIDDEN, 4 * HIDDEN)
        self.out = torch.nn.Linear(4 * HIDDEN, HIDDEN)
        self.ln2 = torch.nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x, mask_bias):
        b, t, _ = x.shape
        d = HIDDEN // HEADS

        def split(y):
            return y.view(b, t, HEADS, d).transpose(1, 2)

        scores = split(self.q(x)) @ split(self.k(x)).transpose(-1, -2) / math.sqrt(d) + mask_bias
        context = (scores.softmax(-1) @ split(self.v(x))).transpose(1, 2).reshape(b, t, HIDDEN)
        x = self.ln1(x + self.o(context))
        return self.ln2(x + self.out(torch.nn.functional.gelu(self.i(x))))


class Encoder(torch.nn.Module):
    def __init__(self, vocab):
        super().__init__()
        self.word = torch.nn.Embedding(vocab, HIDDEN)
        self.position = torch.nn.Embedding(512, HIDDEN)
        self.token_type = torch.nn.Embedding(2, HIDDEN)
        self.ln = torch.nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = torch.nn.ModuleList(Layer() for _ in range(LAYERS))

    def forward(self, ids, mask):
        t = ids.shape[1]
        x = self.word(ids) + self.position.weight[:t] + self.token_type.weight[0]
        x = self.ln(x)
        bias = (1.0 - mask[:, None, None, :].float()) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        m = mask[:, :, None].float()
        pooled = (x * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=-1)


def onnx_names(graph):
    """Maps this module's parameter names to the fp32 model's initializer names."""
    names = {"word.weight": "embeddings.word_embeddings.weight",
             "position.weight": "embeddings.position_embeddings.weight",
             "token_type.weight": "embeddings.token_type_embeddings.weight",
             "ln.weight": "embeddings.LayerNorm.weight", "ln.bias": "embeddings.LayerNorm.bias"}
    for n in range(LAYERS):
        p = f"encoder.layer.{n}."
        names.update({
            f"layers.{n}.q.bias": p + "attention.self.query.bias", f"layers.{n}.k.bias": p + "attention.self.key.bias",
            f"layers.{n}.v.bias": p + "attention.self.value.bias", f"layers.{n}.o.bias": p + "attention.output.dense.bias",
            f"layers.{n}.ln1.weight": p + "attention.output.LayerNorm.weight",
            f"layers.{n}.ln1.bias": p + "attention.output.LayerNorm.bias",
            f"layers.{n}.i.bias": p + "intermediate.dense.bias", f"layers.{n}.out.bias": p + "output.dense.bias",
            f"layers.{n}.ln2.weight": p + "output.LayerNorm.weight", f"layers.{n}.ln2.bias": p + "output.LayerNorm.bias"})
    for node in graph.node:
        if node.op_type != "MatMul" or not node.name.startswith("/encoder/layer."):
            continue
        layer = node.name.split("/")[2].split(".")[1]
        kind = "/".join(node.name.split("/")[3:-1])
        if kind in MATMULS:
            names[f"layers.{layer}.{MATMULS[kind]}.weight"] = node.input[1]
    return names


def load(fp32_path):
    model = onnx.load(fp32_path)
    weights = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    names = onnx_names(model.graph)
    encoder = Encoder(weights["embeddings.word_embeddings.weight"].shape[0])
    state = {}
    for param, name in names.items():
        value = torch.from_numpy(weights[name].copy())
        # ONNX multiplies x @ W; torch's Linear keeps W transposed
        state[param] = value.t().contiguous() if param.endswith(".weight") and param.split(".")[-2] in MATMULS.values() else value
    encoder.load_state_dict(state)
    return encoder, names


def varint(buf, pos):
    value, shift = 0, 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def fields(buf, start, end):
    """The fields of the protobuf message in buf[start:end]: (number, wire type, start, end) of each value."""
    pos = start
    while pos < end:
        tag, pos = varint(buf, pos)
        number, wire = tag >> 3, tag & 7
        if wire == 0:
            _, after = varint(buf, pos)
        elif wire == 1:
            after = pos + 8
        elif wire == 5:
            after = pos + 4
        elif wire == 2:
            length, pos = varint(buf, pos)
            after = pos + length
        else:
            raise ValueError(f"protobuf wire type {wire} at {pos}")
        yield number, wire, pos, after
        pos = after


def raw_data_ranges(buf):
    """Where each initializer's raw_data lies in an ONNX file: ModelProto.graph(7).initializer(5), TensorProto name(8), raw_data(9)."""
    ranges = {}
    for number, wire, start, end in fields(buf, 0, len(buf)):
        if number != 7 or wire != 2:
            continue
        for g_number, g_wire, g_start, g_end in fields(buf, start, end):
            if g_number != 5 or g_wire != 2:
                continue
            name, raw = None, None
            for t_number, t_wire, t_start, t_end in fields(buf, g_start, g_end):
                if t_number == 8:
                    name = bytes(buf[t_start:t_end]).decode("utf-8")
                elif t_number == 9:
                    raw = (t_start, t_end)
            if name is not None and raw is not None:
                ranges[name] = raw
    return ranges


def quantised_on(w, scale):
    # on the 8-bit model's own scales, so an unchanged weight keeps its byte and the patch stays small
    return np.clip(np.round(w / scale), -64, 64).astype(np.int8)


def quantised_embedding_on(e, scale):
    return np.clip(np.round(e / scale) + 128, 0, 255).astype(np.uint8)


def new_values(encoder, names, base):
    """The 8-bit model's initializers that the encoder's weights give, by initializer name."""
    state = {k: v.detach().numpy() for k, v in encoder.state_dict().items()}
    values = {}
    for param, name in names.items():
        value = state[param]
        if param.endswith(".weight") and param.split(".")[-2] in MATMULS.values():
            values[name + "_quantized"] = quantised_on(np.ascontiguousarray(value.T), base[name + "_scale"])
        elif name.startswith("embeddings.") and name.endswith("embeddings.weight"):
            values[name + "_quantized"] = quantised_embedding_on(value, base[name + "_scale"])
        else:
            values[name] = value.astype(np.float32)
    return values


PATCH_MAGIC = b"PEP1"


def patched(encoder, names, int8_path):
    """The 8-bit model with the encoder's weights, byte for byte, and the patch that turns one into the other."""
    with open(int8_path, "rb") as f:
        original = f.read()
    base = {i.name: numpy_helper.to_array(i) for i in onnx.load_from_string(original).graph.initializer}
    ranges = raw_data_ranges(original)
    result = bytearray(original)
    entries = []
    for name, value in sorted(new_values(encoder, names, base).items()):
        old = base[name]
        if name not in ranges or value.dtype != old.dtype or value.size != old.size:
            sys.exit(f"the 8-bit model's {name} is not raw {value.dtype} of {old.size} values")
        start, end = ranges[name]
        new = value.reshape(old.shape).tobytes()
        if new == original[start:end]:
            continue
        result[start:end] = new
        if value.dtype == np.float32:
            entries.append((name, 0, new))
        else:
            # a byte-wise difference: mostly zeros, which compress to little
            delta = ((np.frombuffer(new, np.uint8).astype(np.int16) - np.frombuffer(original[start:end], np.uint8)) % 256)
            entries.append((name, 1, delta.astype(np.uint8).tobytes()))
    result = bytes(result)
    body = bytearray(PATCH_MAGIC)
    body += hashlib.sha256(original).digest() + hashlib.sha256(result).digest()
    body += struct.pack(">i", len(entries))
    for name, kind, data in entries:
        encoded = name.encode("utf-8")
        body += struct.pack(">h", len(encoded)) + encoded + struct.pack(">bi", kind, len(data)) + data
    return result, gzip.compress(bytes(body), compresslevel=9, mtime=0), len(entries)


def batches(rows, size, rng):
    # similar lengths together, so a batch pads little; the order of batches is shuffled
    order = sorted(range(len(rows)), key=lambda r: (len(rows[r][6]), r))
    chunks = [order[i:i + size] for i in range(0, len(order), size)]
    rng.shuffle(chunks)
    return chunks


def tensors(rows, chunk):
    length = max(len(rows[r][6]) for r in chunk)
    ids = torch.zeros(len(chunk), length, dtype=torch.long)
    mask = torch.zeros(len(chunk), length, dtype=torch.long)
    for j, r in enumerate(chunk):
        tokens = rows[r][6]
        ids[j, :len(tokens)] = torch.tensor(tokens)
        mask[j, :len(tokens)] = 1
    labels = torch.tensor([rows[r][5] for r in chunk], dtype=torch.float32)
    return ids, mask, labels


def pr_auc(scores, labels):
    pairs = sorted(zip(scores, labels), key=lambda p: -p[0])
    positives = sum(labels)
    if positives == 0:
        return float("nan")
    hits, area = 0, 0.0
    for k, (_, label) in enumerate(pairs, 1):
        if label:
            hits += 1
            area += hits / k
    return area / positives


def report(encoder, head, rows, split, size=64):
    chosen = [r for r in range(len(rows)) if rows[r][0] == split]
    if not chosen:
        return
    encoder.eval()
    scores = []
    with torch.no_grad():
        for i in range(0, len(chosen), size):
            chunk = chosen[i:i + size]
            ids, mask, _ = tensors(rows, chunk)
            scores.extend(torch.sigmoid(head(encoder(ids, mask))).max(-1).values.tolist())
    encoder.train()
    harmful = [int(any(rows[r][5])) for r in chosen]
    for language in sorted({rows[r][2] for r in chosen}):
        picked = [k for k, r in enumerate(chosen) if rows[r][2] == language]
        s = [scores[k] for k in picked]
        y = [harmful[k] for k in picked]
        print(f"  {split} {language}: {len(picked)} rows, harmful-any PR-AUC {pr_auc(s, y):.3f}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows")
    parser.add_argument("fp32")
    parser.add_argument("int8")
    parser.add_argument("out")
    parser.add_argument("patch")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--limit", type=int, default=0, help="train on this many sampled rows an epoch (a trial run)")
    parser.add_argument("--leave-out", default="", help="sets not to train on, comma-separated (for cross-fitting)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)
    rng = random.Random(args.seed)

    rows = read_rows(args.rows)
    left_out = {name for name in args.leave_out.split(",") if name}
    train = [r for r in rows if r[0] == "train" and r[1] not in left_out]
    encoder, names = load(args.fp32)
    _, _, changed = patched(encoder, names, args.int8)
    if changed != 0:
        sys.exit(f"quantising the original weights changes {changed} of the 8-bit model's initializers")
    print(f"quantising the original weights gives the 8-bit model exactly; {len(train):,} training rows", flush=True)

    # the word vectors stay as they are: words the rows never use keep their meaning, and only the layers change
    encoder.word.weight.requires_grad_(False)
    head = torch.nn.Linear(HIDDEN, CATEGORIES)
    scale = torch.nn.Parameter(torch.tensor(8.0))
    optimiser = torch.optim.AdamW([
        {"params": [p for p in encoder.parameters() if p.requires_grad], "lr": args.lr},
        {"params": list(head.parameters()) + [scale], "lr": 1e-3}], weight_decay=0.01)
    # a row is drawn for an epoch with the chance of its weight: large sets count less per row, as for the heads
    epochs = []
    for _ in range(args.epochs):
        drawn = [r for r in train if rng.random() < r[4]]
        if args.limit:
            drawn = drawn[:args.limit]
        epochs.append((drawn, batches(drawn, args.batch, rng)))
    total = sum(len(chunks) for _, chunks in epochs)
    warmup = max(1, total // 20)
    step = 0
    for epoch, (drawn, chunks) in enumerate(epochs):
        print(f"epoch {epoch + 1}: {len(drawn):,} rows in {len(chunks):,} batches", flush=True)
        running = 0.0
        for k, chunk in enumerate(chunks):
            ids, mask, labels = tensors(drawn, chunk)
            rate = min(1.0, (step + 1) / warmup) * max(0.0, (total - step) / (total - warmup))
            for group, base in zip(optimiser.param_groups, (args.lr, 1e-3)):
                group["lr"] = base * rate
            logits = head(encoder(ids, mask) * scale)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(encoder.parameters(), 1.0)
            optimiser.step()
            step += 1
            running += loss.item()
            if (k + 1) % 50 == 0:
                print(f"  step {step}/{total}: loss {running / 50:.4f}", flush=True)
                running = 0.0
        for split in ("eval-written", "eval-hatecheck", "eval-toldbr"):
            report(encoder, head, rows, split)

    torch.save(encoder.state_dict(), args.out + ".pt")
    model, patch, changed = patched(encoder, names, args.int8)
    with open(args.out, "wb") as f:
        f.write(model)
    with open(args.patch, "wb") as f:
        f.write(patch)
    print(f"wrote {args.out} ({len(model):,} bytes, {changed} initializers changed), sha256 {hashlib.sha256(model).hexdigest()}")
    print(f"wrote {args.patch} ({len(patch):,} bytes), sha256 {hashlib.sha256(patch).hexdigest()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
