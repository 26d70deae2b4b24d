"""Converting a GGUF causal LM to a dense safetensors folder, once, so it loads in a second.

Nothing heavy is imported at module level: torch and transformers load inside the conversion.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from models.asset_files import (fingerprint, make_publishable, read_json, remove_stale_partials,
                                sha256_file, write_json_atomic)
from models.errors import AssetNotFound, ConversionFailed

if TYPE_CHECKING:
    import torch

logger = logging.getLogger(__name__)

_CONVERSION_STAMP = "shopdesk-conversion.json"


def convert_gguf_to_safetensors(
    gguf_path: Path,
    out_dir: Path,
    *,
    dtype: torch.dtype | str = "bfloat16",
    show_progress: bool = False,
) -> Path:
    """Convert a GGUF causal LM to a dense safetensors folder that loads in about a second.

    transformers parses and dequantizes the whole GGUF on load (30-70 s for the 0.5B Qwen on two
    cores, most of it reading the 150k-token vocabulary metadata twice); this pays that once.
    The folder holds config.json, generation_config.json, model.safetensors, tokenizer.json,
    tokenizer_config.json and chat_template.jinja, and loads with
    `AutoModelForCausalLM.from_pretrained(out_dir)` and `AutoTokenizer.from_pretrained(out_dir)`.
    It is written to a temporary folder and renamed into place. A stamp inside it records the
    GGUF's sha256, size and mtime and the dtype; when those still match, nothing is redone.

    Args:
        gguf_path: The .gguf file (llama or qwen2 architecture, with a chat template).
        out_dir: The folder to create or replace.
        dtype: Torch dtype of the saved weights, as a `torch.dtype` or its name.
        show_progress: Let transformers show its progress bars on stderr.

    Returns:
        `out_dir`.

    Raises:
        AssetNotFound: `gguf_path` does not exist, or `accelerate` is not installed.
        ConversionFailed: The GGUF has no chat template, or the saved folder lacks it.
    """
    gguf_path, out_dir = Path(gguf_path), Path(out_dir)
    if not gguf_path.is_file():
        raise AssetNotFound(f"The model file {gguf_path.name}", path=gguf_path)
    dtype_name = str(dtype).removeprefix("torch.")
    stamp_path = out_dir / _CONVERSION_STAMP
    source = fingerprint(gguf_path)
    if _conversion_is_current(stamp_path, gguf_path, source, dtype_name):
        logger.info("Converted model %s is up to date, skipped", out_dir.name)
        return out_dir
    if importlib.util.find_spec("accelerate") is None:
        # transformers refuses GGUF loading without it, with a message that names no version.
        raise AssetNotFound("The `accelerate` package (needed to read GGUF files)", "accelerate")

    logger.info(
        "Converting %s to %s safetensors in %s (about a minute)...",
        gguf_path.name,
        dtype_name,
        out_dir,
    )
    start = time.perf_counter()
    sha256 = sha256_file(gguf_path)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(out_dir)
    tmp_dir = Path(
        tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.", suffix=".partial")
    )
    try:
        _export_dense(gguf_path, tmp_dir, dtype_name, show_progress)
        stamp = {"dtype": dtype_name, "sha256": sha256, "source": source}
        write_json_atomic(tmp_dir / _CONVERSION_STAMP, stamp)
        make_publishable(tmp_dir)
        _swap_in_dir(tmp_dir, out_dir)
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise
    logger.info(
        "Converted %s into %s (%.1f s)", gguf_path.name, out_dir, time.perf_counter() - start
    )
    return out_dir


def _conversion_is_current(
    stamp_path: Path, gguf_path: Path, source: dict[str, int], dtype_name: str
) -> bool:
    stamp = read_json(stamp_path)
    if stamp is None or stamp.get("dtype") != dtype_name:
        return False
    if stamp.get("source") == source:
        return True
    # Re-assembly rewrites identical bytes with a new mtime: a 1 s hash beats a 1 min conversion.
    if stamp.get("sha256") != sha256_file(gguf_path):
        return False
    write_json_atomic(stamp_path, {**stamp, "source": source})
    return True


def _export_dense(gguf_path: Path, out_dir: Path, dtype_name: str, show_progress: bool) -> None:
    """Load the GGUF fully dequantized and save model and tokenizer into `out_dir`."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig

    torch_dtype = getattr(torch, dtype_name, None)
    if not isinstance(torch_dtype, torch.dtype):
        raise ValueError(f"dtype must name a torch dtype such as 'bfloat16', got {dtype_name!r}")
    folder, name = str(gguf_path.parent), gguf_path.name
    with _transformers_progress(show_progress):
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
        if not tokenizer.chat_template:
            # Checked before the slow model load: every ShopDesk prompt goes through it.
            raise ConversionFailed(
                gguf_path, "the file carries no chat template; use an instruct model."
            )
        # dequantize=True: were the `kernels` package ever installed, transformers would
        # otherwise keep some weights packed, and those cannot be saved as safetensors.
        model = AutoModelForCausalLM.from_pretrained(
            folder,
            gguf_file=name,
            dtype=torch_dtype,
            quantization_config=GgufConfig(dequantize=True),
        )
        # save_pretrained refuses a model still marked as GGUF-quantized; its weights are dense now.
        model.hf_quantizer = None
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        model.save_pretrained(out_dir)
        tokenizer.save_pretrained(out_dir)
    _check_saved_chat_template(gguf_path, out_dir)


def _check_saved_chat_template(gguf_path: Path, out_dir: Path) -> None:
    # transformers 5 writes it to chat_template.jinja; older layouts keep it in tokenizer_config.
    if (out_dir / "chat_template.jinja").is_file():
        return
    config = read_json(out_dir / "tokenizer_config.json") or {}
    if not config.get("chat_template"):
        raise ConversionFailed(gguf_path, "the saved tokenizer lost its chat template.")


@contextmanager
def _transformers_progress(enabled: bool) -> Iterator[None]:
    """Switch transformers' own progress bars on or off, and back as they were."""
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    (hf_logging.enable_progress_bar if enabled else hf_logging.disable_progress_bar)()
    try:
        yield
    finally:
        (hf_logging.enable_progress_bar if was_enabled else hf_logging.disable_progress_bar)()


def _swap_in_dir(new_dir: Path, out_dir: Path) -> None:
    """Put `new_dir` at `out_dir`, replacing what is there.

    `os.replace` cannot overwrite a non-empty folder, so the old one steps aside first; if the run
    dies between the two renames, `out_dir` is simply missing and the next run converts again.
    """
    old = out_dir.with_name(f".{out_dir.name}.old.partial")
    if old.exists():
        shutil.rmtree(old)
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(new_dir, out_dir)
    shutil.rmtree(old, ignore_errors=True)
