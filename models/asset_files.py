"""Asset files: stamps that record what a product was made from, and atomic publishing.

Each prepared model (the joined GGUF, the converted folder) carries a small JSON stamp with the
sizes, mtimes and hashes of its inputs, so a second ``prepare_assets`` only stats files. A
product is written beside its final name and renamed into place, so a killed run never leaves
a half-written file under that name.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any


def fingerprint(path: Path) -> dict[str, int]:
    """Size and mtime: enough to tell that a file was not touched since it was hashed."""
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def read_json(path: Path) -> dict[str, Any] | None:
    """The file's JSON, or None when it is missing or damaged (a damaged stamp counts as none)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON so that readers see the old file or the new one, never a part."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def sha256_file(path: Path) -> str:
    """The file's sha256, as hex."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def make_publishable(path: Path) -> None:
    """Give a temp file or folder the permissions of a normal new one.

    mkstemp/mkdtemp create owner-only entries; the server may run as another user than setup.
    """
    umask = os.umask(0)
    os.umask(umask)
    entries = [path, *path.iterdir()] if path.is_dir() else [path]
    for entry in entries:
        os.chmod(entry, (0o777 if entry.is_dir() else 0o666) & ~umask)


def remove_stale_partials(out_path: Path) -> None:
    """Delete the temporary files and folders that earlier runs left beside ``out_path``."""
    # A killed run (SIGKILL, power loss) cannot clean up after itself; its 455 MB would linger.
    for stale in out_path.parent.glob(f".{out_path.name}.*.partial"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)
