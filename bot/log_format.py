"""Log lines for people or for a log pipeline, with emails and order numbers masked.

``SHOPDESK_LOG_FORMAT=json`` writes one JSON object per line: time, level, logger, message, and
the fields a record carries (``session_id``, ``channel``, ``action``, ``guard``, ``timings_ms``).
The text format puts those fields after the message as ``key=value``. Either way an email
becomes ``j***@example.com`` and a run of 6+ digits (an order number) keeps only its last three
(`bot.log_privacy.mask`, the one masking rule).
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

from bot.log_privacy import mask

#: Record attributes that belong to every record; anything else was passed as `extra`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message", "asctime", "color_message"}  # uvicorn's copy of the message with colour codes


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    return {key: value for key, value in vars(record).items()
            if key not in _STANDARD and not key.startswith("_")}


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_masked(item) for item in value]
    return value


class JsonFormatter(logging.Formatter):
    """One JSON object per record."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
                 + f".{int(record.msecs):03d}Z", "level": record.levelname,
                 "logger": record.name, "message": mask(record.getMessage())}
        entry.update(_masked(_fields(record)))
        if record.exc_info:
            entry["traceback"] = mask(self.formatException(record.exc_info))
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    """``time level logger: message key=value...``, masked."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = " ".join(f"{key}={json.dumps(value, default=str)}"
                          for key, value in _fields(record).items())
        return mask(f"{line} {extras}" if extras else line)


class _CurrentStderr(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (a test or an embedding program may
    swap it; a handler bound to the old, closed one would fail on every line)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def configure_logging(level: str, log_format: str) -> None:
    """Set up the root logger once (the CLI calls this).

    Raises:
        ValueError: An unknown format (not "text" or "json").
    """
    if log_format not in ("text", "json"):
        raise ValueError(f"SHOPDESK_LOG_FORMAT={log_format!r}: expected text or json")
    handler = _CurrentStderr()
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
