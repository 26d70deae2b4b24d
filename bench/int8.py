"""CPU weight products of the generator: where a decode step's time goes, and the alternatives.

Run: .venv/bin/python bench/int8.py [--model DIR] [--threads 2] [--rounds 5]

1. The default model quantized to int8 twice, with the projections that share an input run as
   one product (`models.generation.quantize.SharedInputProjections`, the default) and as separate layers:
   bit-identical logits?, decode ms/token (transformers' own cache, 1 new token over 300), and a
   300-token prefill.
2. One token through every weight product of the model, as the int8 kernel the generator uses
   and as PyTorch's 4-bit kernel (`_weight_int4pack_mm_for_cpu`, groups of 128, bf16 input),
   random weights of the model's real shapes: decode on a CPU reads every weight once per token,
   so this is the floor that the weight format sets.
All ratios are within this run; the load average is printed (these CPUs may be shared).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import warnings
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch  # noqa: E402

import models.generation.quantize as quantize  # noqa: E402
from models.assets import prepare_assets  # noqa: E402

warnings.filterwarnings("ignore")  # the quantized-tensor constructors' deprecation notices


def timed(fn, repeat: int) -> float:
    """Median seconds of `repeat` calls after one warm-up call."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def load_int8(folder: Path, fused: bool):
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(str(folder), dtype=torch.float32).eval()
    share = quantize._share_inputs
    if not fused:
        quantize._share_inputs = lambda model: 0
    try:
        quantize.quantize_int8(model)
    finally:
        quantize._share_inputs = share
    return model


@torch.inference_mode()
def bench_fusion(folder: Path, rounds: int) -> None:
    from transformers import DynamicCache

    print("\n== 1. Shared-input projections as one int8 product vs separate layers ==")
    separate, fused = load_int8(folder, fused=False), load_int8(folder, fused=True)
    prompt = torch.randint(1000, 5000, (1, 300), generator=torch.Generator().manual_seed(0))
    same = torch.equal(separate(prompt[:, :40]).logits, fused(prompt[:, :40]).logits)
    print(f"bit-identical logits: {same}")
    steps = {}
    for name, model in (("separate", separate), ("fused", fused)):
        cache = DynamicCache()
        model(prompt, past_key_values=cache, use_cache=True)

        def step(model=model, cache=cache):
            model(torch.tensor([[1234]]), past_key_values=cache, use_cache=True)
            cache.crop(-1)  # back to the 300 prompt tokens

        steps[name] = (step, lambda model=model: model(prompt))
    # Alternate the two, round after round: a slow spell of this shared machine hits both.
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in steps}
    for _ in range(rounds):
        for name, (step, prefill) in steps.items():
            samples[name].append((timed(step, 10), timed(prefill, 1)))
    print("model      decode ms/token  prefill 300 tokens   (median of rounds)")
    medians = {}
    for name, rows in samples.items():
        medians[name] = tuple(statistics.median(column) for column in zip(*rows))
        print(f"{name:9}  {medians[name][0] * 1e3:15.1f}  {medians[name][1] * 1e3:15.0f} ms")
    (d0, p0), (d1, p1) = medians["separate"], medians["fused"]
    print(f"fused / separate: decode {d1 / d0:.2f}x, prefill {p1 / p0:.2f}x")


@torch.inference_mode()
def bench_formats(folder: Path) -> None:
    from transformers import AutoConfig

    config = AutoConfig.from_pretrained(str(folder))
    hidden, inner, layers = config.hidden_size, config.intermediate_size, config.num_hidden_layers
    head_dim = getattr(config, "head_dim", None) or hidden // config.num_attention_heads
    kv = config.num_key_value_heads * head_dim
    shapes = [(hidden, hidden + 2 * kv), (hidden, hidden), (hidden, 2 * inner),
              (inner, hidden)] * layers
    head = (hidden, config.vocab_size)
    print(f"\n== 2. One token through all weight products ({len(shapes)} layer products + "
          f"lm_head {head[1]}x{head[0]}), random weights ==")
    rows = {}
    for name, todo in (("layers", shapes), ("lm_head", [head])):
        int8 = [quantize.Int8Linear(torch.nn.Linear(i, o, bias=False)) for i, o in todo]
        inputs = {i: torch.randn(1, i) for i, _ in todo}
        t8 = timed(lambda: [layer(inputs[layer.in_features]) for layer in int8], 5)
        packed = []
        for i, o in todo:
            q = torch.randint(0, 16, (o, i), dtype=torch.int32)
            packed.append((i, torch.ops.aten._convert_weight_to_int4pack_for_cpu(q, 1),
                           torch.randn(i // 128, o, 2).bfloat16()))
        bf16 = {i: x.bfloat16() for i, x in inputs.items()}
        t4 = timed(lambda: [torch.ops.aten._weight_int4pack_mm_for_cpu(bf16[i], p, 128, s)
                            for i, p, s in packed], 5)
        rows[name] = (t8, t4)
        print(f"{name:8} int8 {t8 * 1e3:6.1f} ms   int4 {t4 * 1e3:6.1f} ms   int4/int8 "
              f"{t4 / t8:.2f}x")
    weights = sum(i * o for i, o in shapes) + head[0] * head[1]
    total8 = rows["layers"][0] + rows["lm_head"][0]
    print(f"int8 weights {weights / 1e6:.0f} MB per token: {weights / total8 / 1e9:.1f} GB/s read")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="model folder (default: the Qwen generator)")
    parser.add_argument("--data-dir", type=Path, default=Path(".shopdesk"))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5, help="alternations of the two models")
    args = parser.parse_args()
    if not quantize.int8_supported():
        raise SystemExit("this PyTorch build has no x86 int8 kernels")
    torch.set_num_threads(args.threads)
    folder = args.model or prepare_assets(args.data_dir).generator_dir
    print(f"model {folder}  threads {args.threads}  load average "
          f"{Path('/proc/loadavg').read_text().split()[:3]}")
    bench_fusion(folder, args.rounds)
    bench_formats(folder)


if __name__ == "__main__":
    main()
