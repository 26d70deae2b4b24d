"""Cutting articles into citable passages with stable ids.

A passage is what retrieval returns and the generator cites, so it should hold one idea: a
heading's section, cut at line boundaries when it is long, with tiny leftovers (a table's
footnotes) kept with the passage before them.
"""

from __future__ import annotations

import re
import unicodedata

from kb.html import Section, html_sections
from kb.types import ARTICLE_TYPES, AUDIENCES, Article, Passage

MAX_PASSAGE_CHARS = 900
MIN_PASSAGE_CHARS = 120


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Returns & Refunds" -> "returns-refunds"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "untitled"


def build_article(article_id: str, type_: str, title: str, sections: list[Section], *,
                  url: str = "", source: str = "", audience: str = "shopper") -> Article:
    """Make an article whose passages are ``{type}:{article_id}#{n}``, n counting from 1.

    Args:
        article_id: slug unique among articles of this type.
        type_: one of ARTICLE_TYPES.
        sections: heading-delimited text, in page order.

    Raises:
        ValueError: unknown type or an article without any text.
    """
    if type_ not in ARTICLE_TYPES:
        raise ValueError(f"unknown article type {type_!r}; expected one of {ARTICLE_TYPES}")
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; expected one of {AUDIENCES}")
    chunks = _merge_small(_split_long([_read_with_heading(s, sections[n - 1].path if n else None)
                                       for n, s in enumerate(sections)]))
    if not chunks:
        raise ValueError(f"article {article_id!r} has no text")
    passages = tuple(
        Passage(id=f"{type_}:{article_id}#{n}", article_id=article_id, type=type_, title=title,
                section=section.path, text=section.text, url=url, source=source,
                audience=audience)
        for n, section in enumerate(chunks, start=1)
    )
    return Article(article_id, type_, title, passages, url=url, source=source, audience=audience)


def article_from_html(article_id: str, type_: str, title: str, markup: str, **kwargs) -> Article:
    return build_article(article_id, type_, title, html_sections(markup), **kwargs)


def article_from_text(article_id: str, type_: str, title: str, text: str, **kwargs) -> Article:
    """Plain or Markdown text: "#"-style headings start sections."""
    return build_article(article_id, type_, title, markdown_sections(text), **kwargs)


#: An FAQ written as emphasised question lines, each over its answer ("**Do you rent tools?**"
#: then "No. We only sell tools."): the question heads its answer as a heading would, so that
#: the pair is one section and not one passage of every question and answer on the page.
_QUESTION_LINE = re.compile(r"^\s*(\*\*|__)([^*_\n]{3,200}\?)\1\s*$")
#: The same FAQ in plain text, each pair marked "Q: ..." over "A: ..." (or "Question:" over
#: "Answer:"): the question heads its answer, and the answer reads without its "A:" marker.
_Q_LINE = re.compile(r"^\s*(?:Q|Question)\s*[:.]\s*(\S.{2,199}\?)\s*$", re.I)
_A_MARK = re.compile(r"^\s*(?:A|Answer)\s*[:.]\s+", re.I)
#: Below every "#" heading: a question line is a sub-heading of the section it stands in.
_QUESTION_LEVEL = 7


def markdown_sections(text: str) -> list[Section]:
    sections: list[Section] = []
    headings: list[tuple[int, str]] = []
    lines: list[str] = []

    def flush() -> None:
        body = "\n".join(_unwrapped([line for line in lines if line.strip()])).strip()
        if body:
            sections.append(Section(tuple(h for _, h in headings), body))
        lines.clear()

    marked = False  # under a "Q:" line, whose answer starts "A:"
    for line in _titled(text).splitlines():
        match = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        question = _QUESTION_LINE.match(line)
        plain = None if match or question else _Q_LINE.match(line)
        if match or question or plain:
            flush()
            level = len(match.group(1)) if match else _QUESTION_LEVEL
            while headings and headings[-1][0] >= level:
                headings.pop()
            asked = question.group(2) if question else plain.group(1) if plain else None
            headings.append((level, match.group(2) if match else asked.strip()))
            marked = plain is not None
        else:
            lines.append(_A_MARK.sub("", line.rstrip()) if marked else line.rstrip())
    flush()
    return sections


def _titled(text: str) -> str:
    """A plain-text page's opening line, a few words alone above a blank line ("Frequently
    asked questions"), is its title, as a "#" line is Markdown's; it would otherwise be a
    passage of its own that says nothing."""
    lines = text.lstrip("\n").split("\n", 2)
    if len(lines) == 3 and not lines[1].strip() and _FRAGMENT.match(lines[0].strip()) \
            and not lines[0].lstrip().startswith(("#", "<", "|", "-", "*")):
        return f"# {lines[0].strip()}\n\n{lines[2]}"
    return text


#: A line that starts a block of its own: a list item, a table row, a quote, a numbered step.
_BLOCK_START = re.compile(r"^\s*(?:[-*+>|]\s|\d+[.)]\s|\|)")
#: Text editors wrap paragraphs at 60-100 characters; a shorter line is a line of its own
#: ("Monday 9-5" above "Tuesday 9-5" in a plain-text page).
_WRAP_WIDTH = 60


def _unwrapped(lines: list[str]) -> list[str]:
    """A Markdown or plain-text page's lines with hard-wrapped paragraphs joined: a line
    broken mid-sentence ("... the driver leaves a" / "card and takes the parcel ...") is one
    line, as Markdown reads it, so that the sentences of the passage are whole. A line ending a
    sentence or a lead-in, a short line and a list item, table row or quote that starts the
    next line keep their break."""
    out: list[str] = []
    for line in lines:
        before = out[-1] if out else ""
        if (len(before) >= _WRAP_WIDTH and not before.rstrip().endswith((".", "!", "?", ":", ";"))
                and not before.lstrip().startswith("|") and not _BLOCK_START.match(line)):
            out[-1] = f"{before.rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


def _split_long(sections: list[Section]) -> list[Section]:
    out = []
    for section in sections:
        if len(section.text) <= MAX_PASSAGE_CHARS:
            out.append(section)
            continue
        chunk: list[str] = []
        lead = ""  # the line introducing the list being read ("... are granted:")
        for line in _lines_within_limit(section.text):
            if chunk and len("\n".join(chunk + [line])) > MAX_PASSAGE_CHARS:
                out.append(Section(section.path, "\n".join(chunk)))
                # a list cut in two keeps its lead-in: "- CD, DVD ... that has been opened"
                # alone does not say that only a partial refund is granted
                chunk = [lead] if lead and line.startswith("- ") else []
            chunk.append(line)
            if not line.startswith("- "):
                lead = line if line.endswith(":") else ""
        if chunk:
            out.append(Section(section.path, "\n".join(chunk)))
    return out


def _lines_within_limit(text: str) -> list[str]:
    """Lines, with any single line longer than the limit cut at sentence ends."""
    out = []
    for line in text.split("\n"):
        while len(line) > MAX_PASSAGE_CHARS:
            cut = line.rfind(". ", 0, MAX_PASSAGE_CHARS)
            cut = cut + 1 if cut > 0 else MAX_PASSAGE_CHARS
            out.append(line[:cut].strip())
            line = line[cut:].strip()
        out.append(line)
    return [line for line in out if line]


# A fragment: a few words without a sentence's end ("With SSL", "About this services").
_FRAGMENT = re.compile(r"^\w[^\n.!?]{0,59}$")


def _read_with_heading(section: Section, before: tuple[str, ...] | None) -> Section:
    """A section that is a mere fragment is read as its heading's statement: under "Our secure
    payment", "With SSL" alone says nothing (and is too short to be a sentence); "Our secure
    payment: With SSL" answers "is it safe to pay on your site". A footnote continuing the
    text before it under the same heading ("*before tax") stays as it is."""
    if section.path and section.path != before and _FRAGMENT.match(section.text.strip()):
        return Section(section.path, f"{section.path[-1]}: {section.text.strip()}")
    return section


def _merge_small(sections: list[Section]) -> list[Section]:
    """Join short sections to the one before; a joined section keeps its heading as a line.

    A page whose facts stand in headings ("Using Visa/Mastercard/Paypal" over one short
    sentence) would lose them if only the text travelled.
    """
    out: list[Section] = []
    for section in sections:
        if out and len(section.text) < MIN_PASSAGE_CHARS and \
                len(out[-1].text) + len(section.text) <= MAX_PASSAGE_CHARS + MIN_PASSAGE_CHARS:
            heading = _new_heading(out[-1].path, section.path)
            if heading and section.text.startswith(f"{section.path[-1]}: "):
                heading = heading.rpartition(" > ")[0]  # a fragment already reads with its heading
            text = f"{heading}\n{section.text}" if heading else section.text
            out[-1] = Section(out[-1].path, out[-1].text + "\n" + text)
        else:
            out.append(section)
    return out


def _new_heading(before: tuple[str, ...], path: tuple[str, ...]) -> str:
    """The headings of ``path`` that ``before`` does not already show, joined by " > "."""
    shared = 0
    while shared < min(len(before), len(path)) and before[shared] == path[shared]:
        shared += 1
    return " > ".join(path[shared:])
