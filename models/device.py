"""Choosing the torch device."""

from __future__ import annotations


def resolve_device(name: str = "auto") -> str:
    """``"auto"`` -> ``"cuda"`` when a GPU is visible, else ``"cpu"``; other names pass through.

    Raises:
        ValueError: "cuda" was asked for and no GPU is visible.
    """
    import torch

    if name == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise ValueError(f"device {name!r} requested but no CUDA GPU is visible")
    return name
