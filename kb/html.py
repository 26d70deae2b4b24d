"""HTML to plain text, and HTML pages to heading-delimited sections.

Store content (Magento descriptions, CMS pages) arrives as HTML. Retrieval and the generator
want plain sentences, with list items and table rows kept on lines of their own, and links
kept as "text (url)" so nothing a shopper may need is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "table", "tr", "caption", "thead", "tbody",
               "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
_SKIP_TAGS = {"script", "style", "head"}
# Magento CMS directives such as {{store url="contact"}} or {{widget ...}}.
_DIRECTIVE = re.compile(r"\{\{[^}]*\}\}")


@dataclass(frozen=True, slots=True)
class Section:
    """Text under one heading; ``path`` lists the enclosing headings, outermost first."""

    path: tuple[str, ...]
    text: str


class _TextExtractor(HTMLParser):
    """Collects text into sections split at h1-h4, with block tags as line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[tuple[tuple[str, ...], list[str]]] = [((), [])]
        self._headings: list[tuple[int, str]] = []
        self._heading_level = 0
        self._heading_text: list[str] = []
        self._table: list[list[str]] | None = None  # rows of cells while inside a <table>
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._table_title = ""
        self._skip = 0
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _HEADINGS:
            self._heading_level = _HEADINGS[tag]
            self._heading_text = []
        elif tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            # In-page anchors and template directives mean nothing outside the page.
            self._href = None if not href or href.startswith("#") or "{{" in href else href
            self._link_text = []
        elif tag == "table":
            self._table = []
        elif tag == "caption" and self._table is not None:
            self._caption = []
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []
        elif tag == "li":
            self._emit("\n- ")
        elif tag in _BLOCK_TAGS:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _HEADINGS and self._heading_level:
            self._close_heading()
        elif tag in ("td", "th") and self._cell is not None and self._table:
            self._table[-1].append(normalize_space("".join(self._cell)))
            self._cell = None
        elif tag == "caption" and self._caption is not None:
            self._table_title = normalize_space("".join(self._caption))
            self._caption = None
        elif tag == "table" and self._table is not None:
            self._close_table()
        elif tag == "a" and self._href is not None:
            if self._href not in "".join(self._link_text):
                self._emit(f" ({self._href})")
            self._href = None
        elif tag in _BLOCK_TAGS:
            self._emit("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._heading_level:
            self._heading_text.append(data)
            return
        if self._href is not None:
            self._link_text.append(data)
        self._emit(data)

    def _emit(self, text: str) -> None:
        if self._caption is not None:
            self._caption.append(text)
        elif self._cell is not None:
            self._cell.append(" " if text.isspace() else text)
        else:
            self.sections[-1][1].append(text)

    def _close_table(self) -> None:
        """A table becomes a section of its own, so a price table is one citable passage."""
        rows, self._table = self._table or [], None
        title, self._table_title = self._table_title or "Table", ""
        path = tuple(t for _, t in self._headings)
        if path and path[-1] == title:
            title += " table"
        self.sections.append((path + (title,), [_render_table([r for r in rows if any(r)])]))
        self.sections.append((path, []))

    def _close_heading(self) -> None:
        title = normalize_space(" ".join(self._heading_text))
        level, self._heading_level = self._heading_level, 0
        if not title:
            return
        while self._headings and self._headings[-1][0] >= level:
            self._headings.pop()
        self._headings.append((level, title))
        self.sections.append((tuple(t for _, t in self._headings), []))


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: tags removed, entities decoded, blocks on their own lines.

    Headings are kept as lines of text. Links become "text (href)".
    """
    return "\n\n".join(
        (" ".join(s.path[-1:]) + "\n" + s.text).strip() if s.path else s.text
        for s in html_sections(markup)
    ).strip()


def html_sections(markup: str) -> list[Section]:
    """Split an HTML page at its h1-h4 headings into sections of plain text.

    Empty sections (a heading directly followed by a sub-heading) are dropped.
    """
    parser = _TextExtractor()
    parser.feed(_DIRECTIVE.sub("", markup))
    parser.close()
    out = []
    for path, parts in parser.sections:
        text = _tidy("".join(parts))
        if text:
            out.append(Section(path, text))
    return out


class _TitleFinder(HTMLParser):
    """Collects the text of the page's <title> and of its first <h1>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.h1: list[str] = []
        self._in: str | None = None
        self._seen: set[str] = set()

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("title", "h1") and tag not in self._seen:
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._seen.add(tag)
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title.append(data)
        elif self._in == "h1":
            self.h1.append(data)


def html_title(markup: str) -> str | None:
    """The page's title: its ``<title>``, else its first ``<h1>``, else None.

    An article's first heading is often a section name ("Overview"), not the page's name.
    """
    finder = _TitleFinder()
    finder.feed(_DIRECTIVE.sub("", markup))
    finder.close()
    for parts in (finder.title, finder.h1):
        title = normalize_space("".join(parts))
        if title:
            return title
    return None


def _render_table(rows: list[list[str]]) -> str:
    """One line per body row, each value labelled with its column header.

    "Up to $200: STANDARD 5-7 day shipping $16; PRIORITY 2-3 day shipping $26; ..." keeps a
    price table readable when it is cut into passages or read by a model.
    """
    if not rows:
        return ""
    header, body = rows[0], rows[1:]
    if not body:
        return "; ".join(header)
    lines = []
    for row in body:
        label, cells = row[0], row[1:]
        pairs = [f"{h} {c}".strip() for h, c in zip(header[1:], cells)] + cells[len(header) - 1:]
        lines.append(f"{label}: " + "; ".join(pairs))
    return "\n".join(lines)


def normalize_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _tidy(text: str) -> str:
    lines = (normalize_space(line) for line in text.replace("\u00a0", " ").split("\n"))
    kept = [line for line in lines if line]
    return "\n".join(kept)
