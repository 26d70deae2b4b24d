"""Int8 weights for CPU decode, with each token's activations quantized on their own.

Decode on a CPU is bound by the bytes of weights read per token, so int8 weights make it about
twice as fast as fp32 (see shared/MODELS.md). PyTorch's `quantize_dynamic` quantizes the
activations of a whole call with one scale: one outlier token (the first token of a prompt often
has huge activations) then crushes the precision of every other token in a prefill, and a token's
output depends on which other tokens or sessions share the call. Here every token (row) gets its
own scale, and the int8 product is exact integer arithmetic, so a row's output is the same alone,
in a prefill chunk or in a batch of sessions: cached and uncached runs stay comparable.

Activations use 7 bits: on CPUs without VNNI the int8 kernel adds pairs of u8*s8 products in
int16, which saturates with 8-bit activations.
"""

from __future__ import annotations

import logging
import warnings

import torch
from torch import nn

logger = logging.getLogger(__name__)

_ACTIVATION_MAX = 63.0  # 7-bit signed range, stored as unsigned with zero point 64
_ACTIVATION_ZERO_POINT = 64


def _pack(weight: torch.Tensor) -> torch.ScriptObject:
    """(out, in) float weight -> fbgemm-packed int8, one scale per output channel."""
    scales = (weight.abs().amax(dim=1) / 127.0).clamp_min(1e-12)
    with warnings.catch_warnings():
        # The quantized-tensor constructors warn that they are deprecated; the kernels are not.
        warnings.simplefilter("ignore")
        qweight = torch.quantize_per_channel(
            weight, scales.double(), torch.zeros_like(scales, dtype=torch.long), 0, torch.qint8
        )
        return torch.ops.quantized.linear_prepack(qweight, None)


def _int8_matmul(x: torch.Tensor, packed: torch.ScriptObject, out_features: int) -> torch.Tensor:
    """(..., in) float -> (..., out) float32 through int8 weights, each row quantized alone."""
    shape = x.shape
    rows = x.reshape(-1, shape[-1]).float()  # (N, in)
    scale = rows.abs().amax(dim=1, keepdim=True).clamp_min(1e-8) / _ACTIVATION_MAX  # (N, 1)
    # Each row is pre-scaled into [-63, 63], so one per-call scale of 1.0 quantizes every row
    # with its own effective scale; the output is scaled back per row.
    out = torch.ops.quantized.linear_with_input_q_dq_qweight_dq_output_fp32(
        rows / scale, 1.0, _ACTIVATION_ZERO_POINT, packed
    )
    return (out * scale).reshape(*shape[:-1], out_features)


class Int8Linear(nn.Module):
    """A Linear layer with int8 per-output-channel weights and per-token 7-bit activations.

    Args:
        linear: The float layer to replace; its weight is quantized and then dropped.
    """

    def __init__(self, linear: nn.Linear) -> None:
        super().__init__()
        self.in_features, self.out_features = linear.in_features, linear.out_features
        self._packed = _pack(linear.weight.detach().float())  # weight: (out, in)
        bias = linear.bias.detach().float().clone() if linear.bias is not None else None
        self.register_buffer("bias", bias, persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(..., in_features) float32 -> (..., out_features) float32."""
        out = _int8_matmul(x, self._packed, self.out_features)
        return out + self.bias if self.bias is not None else out

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, int8"


class SharedInputProjections(nn.Module):
    """Several Linear layers that read the same input, run as one wider int8 product.

    A decoder layer feeds one tensor to q, k and v, and another to gate and up. One product of
    the concatenated weights reads that input once, quantizes it once and makes one kernel call
    instead of three or two; per-output-channel weight scales and per-row activation scales make
    every output column bit-identical to its own layer's. The model's code still calls each
    projection by name: each name becomes a `ProjectionSlice` that returns its columns of the
    shared product, computed when the first member sees a new input.

    Args:
        linears: The float layers, all with the same `in_features`.
    """

    def __init__(self, linears: list[nn.Linear]) -> None:
        super().__init__()
        weight = torch.cat([linear.weight.detach().float() for linear in linears])
        has_bias = any(linear.bias is not None for linear in linears)
        # skip_init: a plain nn.Linear would first fill its weight with random numbers (+4 s at
        # start-up for the 0.5B model) only for them to be replaced.
        fused = nn.utils.skip_init(nn.Linear, weight.shape[1], weight.shape[0], bias=has_bias)
        fused.weight = nn.Parameter(weight, requires_grad=False)
        if has_bias:
            fused.bias = nn.Parameter(torch.cat([
                linear.bias.detach().float() if linear.bias is not None
                else torch.zeros(linear.out_features) for linear in linears]), requires_grad=False)
        self.product = Int8Linear(fused)
        self.members = len(linears)
        # (input, output, members served): the input is held so that `is` cannot match a new
        # tensor at a recycled address; the entry is dropped once every member has its part.
        self._last: tuple[torch.Tensor, torch.Tensor, int] | None = None

    def columns(self, x: torch.Tensor, start: int, end: int) -> torch.Tensor:
        last = self._last
        if last is None or last[0] is not x:
            last = (x, self.product(x), 0)
        served = last[2] + 1
        self._last = None if served == self.members else (last[0], last[1], served)
        return last[1][..., start:end]


class ProjectionSlice(nn.Module):
    """One projection of a `SharedInputProjections` group, standing where its Linear stood."""

    def __init__(self, group: SharedInputProjections, start: int, end: int) -> None:
        super().__init__()
        self.group, self.start, self.end = group, start, end
        self.in_features, self.out_features = group.product.in_features, end - start

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.group.columns(x, self.start, self.end)

    def extra_repr(self) -> str:
        return f"columns {self.start}:{self.end} of a shared int8 product"


#: Projections that decoder layers (Llama, Qwen2, Mistral...) apply to the same input.
SHARED_INPUT_GROUPS = (("q_proj", "k_proj", "v_proj"), ("gate_proj", "up_proj"))


def _share_inputs(model: nn.Module) -> int:
    """Replace each complete group of `SHARED_INPUT_GROUPS` by slices of one product."""
    grouped = 0
    for parent in list(model.modules()):
        for names in SHARED_INPUT_GROUPS:
            linears = [getattr(parent, name, None) for name in names]
            if not all(isinstance(linear, nn.Linear) for linear in linears):
                continue
            if len({linear.in_features for linear in linears}) != 1:
                continue
            group, start = SharedInputProjections(linears), 0
            for name, linear in zip(names, linears):
                setattr(parent, name, ProjectionSlice(group, start, start + linear.out_features))
                start += linear.out_features
            grouped += 1
    return grouped


def int8_supported() -> bool:
    """True when this PyTorch build has the x86 int8 kernels (fbgemm)."""
    return "fbgemm" in torch.backends.quantized.supported_engines


def quantize_int8(model: nn.Module) -> int:
    """Replace every nn.Linear of a float32 CPU model by an `Int8Linear`, in place.

    The output projection is quantized too: on a 0.5B model it is a quarter of the weights.
    Projections that share an input become one product (`SharedInputProjections`).

    Returns:
        How many Linear layers were left (each shared group counts once).

    Raises:
        RuntimeError: The int8 kernels are missing, or the model is not float32 on CPU.
    """
    if not int8_supported():
        raise RuntimeError("int8 quantization needs PyTorch's fbgemm kernels (x86 CPU builds)")
    parameter = next(model.parameters())
    if parameter.device.type != "cpu" or parameter.dtype != torch.float32:
        raise RuntimeError("int8 quantization needs a float32 model on the CPU")
    grouped = _share_inputs(model)
    replaced = 0
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if isinstance(child, nn.Linear):
                setattr(parent, name, Int8Linear(child))
                replaced += 1
    logger.info("Quantized %d linear layers to int8 (per-token activations), %d groups of "
                "projections sharing an input fused", replaced, grouped)
    return replaced
