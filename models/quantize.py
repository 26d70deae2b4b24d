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


def int8_supported() -> bool:
    """True when this PyTorch build has the x86 int8 kernels (fbgemm)."""
    return "fbgemm" in torch.backends.quantized.supported_engines


def quantize_int8(model: nn.Module) -> int:
    """Replace every nn.Linear of a float32 CPU model by an `Int8Linear`, in place.

    The output projection is quantized too: on a 0.5B model it is a quarter of the weights.

    Returns:
        How many layers were replaced.

    Raises:
        RuntimeError: The int8 kernels are missing, or the model is not float32 on CPU.
    """
    if not int8_supported():
        raise RuntimeError("int8 quantization needs PyTorch's fbgemm kernels (x86 CPU builds)")
    parameter = next(model.parameters())
    if parameter.device.type != "cpu" or parameter.dtype != torch.float32:
        raise RuntimeError("int8 quantization needs a float32 model on the CPU")
    replaced = 0
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if isinstance(child, nn.Linear):
                setattr(parent, name, Int8Linear(child))
                replaced += 1
    logger.info("Quantized %d linear layers to int8 (per-token activations)", replaced)
    return replaced
