"""Cutting a long reply into messages a platform accepts, at paragraph, sentence or word ends."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?\u2026][)\]\"'\u201d]*\s")


def split_text(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` UTF-16 code units each.

    Each cut falls at the last paragraph break, line break or sentence end in the piece's second
    half, else at its last space; a word longer than ``limit`` is cut inside. Whitespace around
    the cuts is dropped. Lengths count UTF-16 units, as Telegram does, so an emoji counts 2 and
    the pieces also fit limits counted in characters.

    Args:
        text: The reply.
        limit: The platform's longest message (4096 for WhatsApp and Telegram, 2000 for Messenger).

    Returns:
        The pieces in order; [] for blank text.

    Raises:
        ValueError: ``limit`` is below 2 (an emoji would not fit).
    """
    if limit < 2:
        raise ValueError(f"limit must be >= 2, got {limit}")
    pieces = []
    rest = text.strip()
    while rest:
        fits = _fitting_prefix(rest, limit)
        if fits == len(rest):
            pieces.append(rest)
            break
        cut = _cut(rest, fits)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return pieces


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units (characters outside the BMP count 2)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _fitting_prefix(text: str, limit: int) -> int:
    """How many characters of ``text`` fit in ``limit`` UTF-16 units."""
    units = 0
    for i, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return i
    return len(text)


def _cut(text: str, fits: int) -> int:
    """Where to end the piece that starts ``text``: at most ``fits`` characters, never 0."""
    window = text[:fits + 1]  # a boundary right after the last fitting character counts too
    half = fits // 2
    for boundary in ("\n\n", "\n"):
        at = window.rfind(boundary, 0, fits + 1)
        if at >= half:
            return at
    ends = [m.end() - 1 for m in _SENTENCE_END.finditer(window)]
    ends = [end for end in ends if half <= end <= fits]
    if ends:
        return ends[-1]
    space = max(window.rfind(" ", 0, fits + 1), window.rfind("\t", 0, fits + 1))
    if space > 0:
        return space
    cut = fits
    if cut > 1 and "\ud800" <= text[cut - 1] <= "\udbff":
        cut -= 1  # never strand half of a surrogate pair (only in text that came in broken)
    return max(cut, 1)
