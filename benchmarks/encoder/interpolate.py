#!/usr/bin/python3
"""Moves a fine-tuned encoder part of the way back to all-MiniLM-L6-v2 and writes it as Parley runs it.

A fine-tune of one epoch learns the open sets' label habits along with what harm means (naming a
group leans harmful in davidson's tweets), and each run lands somewhere else. Averaging its
weights with the original's (weight-space ensembling, "WiSE-FT", Wortsman et al. 2022) keeps much
of what it learned and forgets part of what was peculiar to the run. The share is fixed before
measuring, never chosen on the held-out sets.

Reads the fine-tune's state (finetune.py writes it beside its model as OUT.onnx.pt), writes the
8-bit model and the patch as finetune.py does, and prints their sha256. Same inputs, same bytes.
Given several fine-tunes (--tuned, e.g. the same rows with other seeds), it first averages them
with equal shares ("model soup", Wortsman et al. 2022): each run's own noise partly cancels.
Usage: interpolate.py --tuned A.onnx.pt [--tuned B.onnx.pt ...] FP32.onnx INT8.onnx OUT.onnx OUT.patch [--share 0.5]
"""
import argparse
import hashlib

import torch

from finetune import load, patched


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tuned", action="append", required=True, help="a fine-tuned state; give several to average them with equal shares")
    parser.add_argument("fp32")
    parser.add_argument("int8")
    parser.add_argument("out")
    parser.add_argument("patch")
    parser.add_argument("--share", type=float, default=0.5, help="the fine-tune's share of each weight")
    args = parser.parse_args()
    if not 0.0 < args.share <= 1.0:
        parser.error("--share must be in (0, 1]")
    encoder, names = load(args.fp32)
    original = {k: v.clone() for k, v in encoder.state_dict().items()}
    tuned = {k: torch.zeros_like(v) for k, v in original.items()}
    for path in args.tuned:
        state = torch.load(path, map_location="cpu", weights_only=True)
        if state.keys() != original.keys():
            parser.error(f"{path} is not a state of this encoder")
        for k in tuned:
            tuned[k] += state[k]
    tuned = {k: v / len(args.tuned) for k, v in tuned.items()}
    encoder.load_state_dict({k: (1.0 - args.share) * original[k] + args.share * tuned[k] for k in original})
    model, patch, changed = patched(encoder, names, args.int8)
    with open(args.out, "wb") as f:
        f.write(model)
    with open(args.patch, "wb") as f:
        f.write(patch)
    print(f"wrote {args.out} ({len(model):,} bytes, {changed} initializers changed, share {args.share} "
          f"of {len(args.tuned)} fine-tune(s)), "
          f"sha256 {hashlib.sha256(model).hexdigest()}")
    print(f"wrote {args.patch} ({len(patch):,} bytes), sha256 {hashlib.sha256(patch).hexdigest()}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
