"""The one place that reads configuration: ``SHOPDESK_*`` environment variables.

Only the app factory and the CLI build ``Settings``; libraries take explicit arguments.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Mapping

PREFIX = "SHOPDESK_"


class SettingsError(ValueError):
    """A ``SHOPDESK_*`` variable holds a value that cannot be used; the message names it."""


@dataclass(frozen=True, slots=True)
class Settings:
    # Where built artefacts live: converted model weights, the search index, trained models.
    data_dir: Path = Path(".shopdesk")
    # Device for models: "auto" picks CUDA when present, else CPU.
    device: str = "auto"
    # Redis for sessions; empty means the embedded in-memory store.
    redis_url: str = ""
    # HTTP service address.
    host: str = "127.0.0.1"
    port: int = 8000
    # Store data to serve: "demo" (the shipped Luma store) or a folder in the import format.
    store: str = "demo"
    # Above this many documents the dense index is approximate (HNSW) instead of exact.
    ann_threshold: int = 20_000
    # Documents returned by a search when the caller does not say.
    search_k: int = 10
    # Logging level for the CLI and the service.
    log_level: str = "INFO"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Build settings from ``SHOPDESK_<FIELD>`` variables, each optional.

        Raises:
            SettingsError: a variable is set to a value of the wrong kind.
        """
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            key = PREFIX + f.name.upper()
            if key not in environ:
                continue
            values[f.name] = _cast(key, environ[key], f.default)
        return cls(**values)


def _cast(key: str, raw: str, default: object) -> object:
    if isinstance(default, bool):
        if raw.lower() in ("1", "true", "yes", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "off", ""):
            return False
        raise SettingsError(f"{key}={raw!r}: expected true or false")
    if isinstance(default, int):
        try:
            value = int(raw)
        except ValueError:
            raise SettingsError(f"{key}={raw!r}: expected an integer") from None
        if value <= 0:
            raise SettingsError(f"{key}={raw!r}: expected a positive integer")
        return value
    if isinstance(default, Path):
        if not raw.strip():
            raise SettingsError(f"{key} is empty: expected a folder path")
        return Path(raw).expanduser()
    return raw
