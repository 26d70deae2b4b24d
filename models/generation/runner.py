"""Loading a causal LM and running packed forward passes over session caches.

The runner executes; it decides nothing (the scheduler does). One `forward` advances any mix of
sessions: a newcomer's prompt chunk, several sessions' next tokens, a session's speculative draft.
Each session contributes a `Segment`; all segments share one packed token row.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from models.generation import attention
from models.generation.kv_cache import KVLayout, SessionKVCache

logger = logging.getLogger(__name__)


class GaveWay(Exception):
    """A pass stopped between two decoder layers because its ``give_way`` said so: no cache
    grew (the layers that ran wrote past each cache's length, where positions are scratch)."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One session's part of a packed step.

    Attributes:
        cache: The session's cache; the new tokens go after its `length` tokens.
        token_ids: New tokens to run.
        n_logits: How many of the last new tokens need logits (1, or 1 + drafts to verify).
    """

    cache: SessionKVCache
    token_ids: tuple[int, ...]
    n_logits: int = 1


@dataclass(frozen=True, slots=True)
class LoadedModel:
    """What `load_causal_lm` returns.

    Attributes:
        model: The transformers model, in eval mode, on its device.
        tokenizer: Its tokenizer.
        device: Where it runs.
        dtype: Its activation dtype (float32 when quantized to int8).
        quantized: True when its linear layers are int8.
    """

    model: Any
    tokenizer: Any
    device: torch.device
    dtype: torch.dtype
    quantized: bool


def cpu_has_fast_bf16() -> bool:
    """True when the CPU computes bf16 natively (AVX512-BF16 or AMX), which makes bf16 faster.

    On AVX2-only CPUs bf16 is emulated: measured here, a 256-token prefill of a 896x4864 layer
    took 232 ms in bf16 against 30 ms in fp32.
    """
    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def resolve_dtype(device: torch.device, dtype: str | torch.dtype | None, quantize: str) -> torch.dtype:
    """The activation dtype: bf16 on CUDA, fp32 under int8, else bf16 where the CPU is fast at it.

    Raises:
        ValueError: An unknown dtype name.
    """
    if dtype is not None and dtype != "auto":
        resolved = getattr(torch, dtype) if isinstance(dtype, str) else dtype
        if not isinstance(resolved, torch.dtype):
            raise ValueError(f"unknown dtype {dtype!r}; use float32, bfloat16 or float16")
        return resolved
    if device.type == "cuda":
        return torch.bfloat16
    if quantize == "int8":
        return torch.float32
    return torch.bfloat16 if cpu_has_fast_bf16() else torch.float32


def resolve_quantize(device: torch.device, quantize: str) -> str:
    """``"auto"`` -> ``"int8"`` on x86 CPUs with the int8 kernels, else ``"none"``.

    Raises:
        ValueError: An unknown mode, or int8 asked for on a GPU.
    """
    from models.generation.quantize import int8_supported

    if quantize not in ("auto", "int8", "none"):
        raise ValueError(f"quantize must be 'auto', 'int8' or 'none', got {quantize!r}")
    if quantize == "auto":
        return "int8" if device.type == "cpu" and int8_supported() else "none"
    if quantize == "int8" and device.type != "cpu":
        raise ValueError("int8 quantization is a CPU path; on a GPU use bf16 (quantize='none')")
    return quantize


def load_causal_lm(
    source: Path, device: torch.device, dtype: str | torch.dtype | None, quantize: str
) -> LoadedModel:
    """Load a causal LM from a local folder or .gguf file, offline, ready for packed steps.

    Args:
        source: A Hugging Face model folder, or a .gguf file (slow: convert it once instead).
        device: Where to run.
        dtype: Activation dtype, or None/"auto" (see `resolve_dtype`).
        quantize: "auto", "int8" or "none" (see `resolve_quantize`).

    Returns:
        The model and tokenizer.

    Raises:
        FileNotFoundError: `source` does not exist.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from transformers import AutoModelForCausalLM, AutoTokenizer

    source = Path(source)
    if not source.exists():
        raise FileNotFoundError(f"no model at {source}")
    quantize = resolve_quantize(device, quantize)
    torch_dtype = resolve_dtype(device, dtype, quantize)
    if quantize == "int8":
        torch_dtype = torch.float32  # the int8 kernels take and return float32
    folder, extra = (source.parent, {"gguf_file": source.name}) if source.is_file() else (source, {})
    start = time.perf_counter()
    attention.register()
    tokenizer = AutoTokenizer.from_pretrained(str(folder), **extra)
    model = AutoModelForCausalLM.from_pretrained(
        str(folder), dtype=torch_dtype, attn_implementation=attention.ATTENTION_NAME, **extra
    )
    model.eval()
    if quantize == "int8":
        from models.generation.quantize import quantize_int8

        quantize_int8(model)
    model.to(device)
    logger.info(
        "Loaded %s on %s as %s%s (%.1f s)", source.name, device, str(torch_dtype).removeprefix("torch."),
        " + int8 weights" if quantize == "int8" else "", time.perf_counter() - start,
    )
    return LoadedModel(model, tokenizer, device, torch_dtype, quantize == "int8")


def kv_layout(model: Any, device: torch.device, dtype: torch.dtype) -> KVLayout:
    """The KV cache shape of a transformers decoder config."""
    config = model.config.get_text_config(decoder=True)
    n_heads = config.num_attention_heads
    head_dim = getattr(config, "head_dim", None) or config.hidden_size // n_heads
    n_kv = getattr(config, "num_key_value_heads", None) or n_heads
    return KVLayout(config.num_hidden_layers, n_kv, head_dim, dtype, device)


class ModelRunner:
    """Runs packed forward passes of a loaded model over session caches.

    Args:
        loaded: The model.
    """

    def __init__(self, loaded: LoadedModel) -> None:
        self.model = loaded.model
        self.device = loaded.device
        self.layout = kv_layout(loaded.model, loaded.device, loaded.dtype)
        config = loaded.model.config.get_text_config(decoder=True)
        self.max_positions = int(getattr(config, "max_position_embeddings", 0) or 1 << 30)
        #: Static-shape decoder (models.generation.cuda_graphs.StaticDecoder) for plain decode steps.
        self.static: Any = None
        #: One query at a time in attention (see models.generation.attention.segmented_attention).
        self.exact = False
        self._give_way: Callable[[], bool] | None = None
        #: Decoder layers that check ``give_way`` before they run (none: passes run whole).
        self.layers_checked = _check_before_layers(loaded.model, self._before_layer)

    def _before_layer(self, module: Any, args: Any) -> None:
        give_way = self._give_way
        if give_way is not None and give_way():
            raise GaveWay

    @torch.inference_mode()
    def forward(self, segments: Sequence[Segment],
                give_way: Callable[[], bool] | None = None) -> list[torch.Tensor]:
        """Run every segment's new tokens in one pass and extend each cache with them.

        Args:
            segments: At most one per session.
            give_way: Asked before each decoder layer; True stops the pass there (an idle-time
                prefill's pass, when a reply arrives: it waits one layer, not the whole pass).

        Returns:
            Per segment, float32 logits of shape (n_logits, vocab) for its last n_logits tokens.

        Raises:
            GaveWay: ``give_way`` said True; no cache grew.
        """
        if self.static is not None and all(len(s.token_ids) == 1 for s in segments):
            caches = [s.cache for s in segments]
            if self.static.accepts(caches):
                return self.static.step(caches, [s.token_ids[0] for s in segments])
        lengths = [len(segment.token_ids) for segment in segments]
        flat = [token for segment in segments for token in segment.token_ids]
        positions, keep, offset = [], [], 0
        for segment, length in zip(segments, lengths):
            start = segment.cache.length
            positions.extend(range(start, start + length))
            keep.extend(range(offset + length - segment.n_logits, offset + length))
            offset += length
        device = self.device
        input_ids = torch.tensor([flat], dtype=torch.long, device=device)  # (1, N)
        position_ids = torch.tensor([positions], dtype=torch.long, device=device)  # (1, N)
        cache = attention.SegmentedCache([s.cache for s in segments], lengths, self.exact)
        self._give_way = give_way
        try:
            with attention.kernels():
                out = self.model(
                    input_ids=input_ids,
                    position_ids=position_ids,
                    past_key_values=cache,
                    use_cache=False,
                    logits_to_keep=torch.tensor(keep, dtype=torch.long, device=device),
                )
        finally:
            self._give_way = None
        logits = out.logits[0].float()  # (sum of n_logits, vocab)
        for segment in segments:
            segment.cache.tokens.extend(segment.token_ids)
        return list(torch.split(logits, [s.n_logits for s in segments]))


def _check_before_layers(model: Any, check: Callable[[Any, Any], None]) -> int:
    """Call ``check`` before each of the model's decoder layers (a forward pre-hook), where
    its decoder keeps them as a `layers` list (Llama, Qwen2, Mistral...); returns how many."""
    get_decoder = getattr(model, "get_decoder", None)
    layers = getattr(get_decoder() if callable(get_decoder) else None, "layers", None)
    if not isinstance(layers, torch.nn.ModuleList):
        return 0
    for layer in layers:
        layer.register_forward_pre_hook(check)
    return len(layers)
