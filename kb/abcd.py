"""Loader for the ABCD retail agent guidelines (kb/data/abcd_policies, ASAPP, MIT licence)."""

from __future__ import annotations

import json
from pathlib import Path

from kb.html import Section, normalize_space
from kb.passages import build_article, slugify
from kb.types import Article


def load_abcd_guidelines(path: Path) -> list[Article]:
    """ABCD (ASAPP, MIT) agent guidelines: one policy article per subflow, its steps as text.

    These are instructions for support agents (how to verify a purchase, refund methods...),
    marked ``audience="agent"``: they guide agents and the agent panel, and are kept out of
    shopper-facing search, where they would outrank the store's own policies.
    """
    flows = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for flow, body in flows.items():
        for subflow, spec in body.get("subflows", {}).items():
            lines = list(spec.get("instructions", [])[:1])
            for action in spec.get("actions", []):
                lines.append(action["text"])
                lines += [f"- {sub}" for sub in action.get("subtext", [])]
            lines += spec.get("instructions", [])[1:]
            title = f"{flow}: {subflow}"
            section = Section((body.get("description", ""),) if body.get("description") else (),
                              "\n".join(normalize_space(line) for line in lines if line))
            out.append(build_article(slugify(f"agent {flow} {subflow}"), "policy", title,
                                     [section], source="abcd", audience="agent"))
    return out
