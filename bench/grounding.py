"""Grounding quality of the reply generator on the demo store's real policies and products.

Run: .venv/bin/python bench/grounding.py [--model DIR] [--show]

A fixed set of shopper questions, each with the facts retrieval would give it (real passages and
products of the shipped Luma store). Answerable questions carry the fact that answers them;
unanswerable ones carry related but useless facts, or none. Reported rates:
- cites a given fact id: the reply contains [id] for an id it was given (answerable questions);
- answer found: the reply contains the expected key phrase (answerable questions);
- unsupported number: the reply states a number or price absent from the facts and question;
- says it doesn't know / offers a human: on unanswerable questions.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from kb import KnowledgeBase  # noqa: E402
from models.assets import prepare_assets  # noqa: E402
from models.generation.generator import Generator  # noqa: E402
from models.generation.types import ChatMessage, Fact, GeneratorOptions  # noqa: E402

PASSAGE_CHARS = 500  # retrieval snippets; product documents are given whole


@dataclass(frozen=True)
class Case:
    question: str
    fact_ids: tuple[str, ...]
    expect: str | None  # regex the answer must contain; None: the facts do not answer it


CASES = [
    Case("How long do I have to return an item?",
         ("policy:returns-and-replacements#1", "policy:shipping-and-delivery#1"), r"30 days"),
    Case("How much is standard shipping on a $120 order?",
         ("policy:shipping-and-delivery#2", "policy:shipping-and-delivery#1"), r"\$16"),
    Case("Is shipping free if I spend more than $50?",
         ("promotion:spend-50-or-more-shipping-is-free#1", "policy:shipping-and-delivery#1"),
         r"(?i)free"),
    Case("Do you have the Chaz Kangeroo Hoodie in XL?", ("product:MH01", "product:MH02"),
         r"(?i)\byes\b|\bXL\b"),
    Case("How much does the Chaz Kangeroo Hoodie cost?", ("product:MH01", "product:MH02"),
         r"\$52"),
    Case("Is there a discount on men's pants?",
         ("promotion:20-off-all-womens-and-mens-pants#1", "promotion:20-off-ever-200-plus-purchase#1"),
         r"20\s?%"),
    Case("What do I get if I return a gift?",
         ("policy:returns-and-replacements#2", "policy:returns-and-replacements#1"),
         r"(?i)gift card"),
    Case("Can I return clothes I have already worn?",
         ("policy:returns-and-replacements#1", "policy:returns-and-replacements#3"),
         r"(?i)\bno\b|unworn|cannot|can't|defective"),
    Case("On which days do you deliver?", ("policy:shipping-and-delivery#1",), r"(?i)weekday"),
    Case("What warranty comes with the Didi Sport Watch?", ("product:24-WG02",), r"1-year"),
    Case("Do you offer gift wrapping?",
         ("policy:returns-and-replacements#2", "policy:shipping-and-delivery#1"), None),
    Case("Can I pay with Bitcoin?", ("policy:privacy-policy#2",), None),
    Case("Do you have a store in Paris?", ("page:about-us#1",), None),
    Case("Is the Didi Sport Watch waterproof?", ("product:24-WG02",), None),
    Case("What is the capital of France?", (), None),
]

DONT_KNOW = re.compile(r"(?i)don.?t know|do not know|not sure|no information|not (?:in|listed|"
                       r"mentioned|available)|cannot find|can.?t find|unable to|human|agent|"
                       r"representative|connect you|colleague")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".0") or "0" for n in NUMBER.findall(text)}


def facts_for(kb: KnowledgeBase, ids: tuple[str, ...]) -> tuple[Fact, ...]:
    documents = {d.id: d for d in kb.documents()}
    out = []
    for fact_id in ids:
        text = " ".join(documents[fact_id].text.split())
        out.append(Fact(fact_id, text if fact_id.startswith("product:") else text[:PASSAGE_CHARS]))
    return tuple(out)


def score(case: Case, facts: tuple[Fact, ...], reply: str) -> dict[str, bool]:
    # Ids are not numbers: strip the citations before looking for unsupported numbers.
    cited = {i for i in re.findall(r"\[([^\]]+)\]", reply)}
    plain = re.sub(r"\[[^\]]*\]", " ", reply)
    supported = numbers(" ".join(f.text for f in facts) + " " + case.question)
    return {
        "cites": bool(cited & {f.id for f in facts}),
        "found": bool(case.expect and re.search(case.expect, plain)
                      and not DONT_KNOW.search(plain)),
        "unsupported_number": bool(numbers(plain) - supported),
        "declines": bool(DONT_KNOW.search(plain)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path)
    parser.add_argument("--data-dir", type=Path, default=Path(".shopdesk"))
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--quantize", default="auto", choices=["auto", "int8", "none"])
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--max-new-tokens", type=int, default=80)
    parser.add_argument("--show", action="store_true", help="print every reply")
    args = parser.parse_args()
    model = args.model or prepare_assets(args.data_dir).generator_dir
    kb = KnowledgeBase.demo()
    g = Generator(model, device=args.device, quantize=args.quantize,
                  options=GeneratorOptions(num_threads=args.threads)).load()
    answerable, unanswerable, unsupported = [], [], 0
    for index, case in enumerate(CASES):
        facts = facts_for(kb, case.fact_ids)
        reply = g.generate(f"q{index}", [ChatMessage("user", case.question)], facts,
                           max_new_tokens=args.max_new_tokens).text
        s = score(case, facts, reply)
        unsupported += s["unsupported_number"]
        (answerable if case.expect else unanswerable).append(s)
        if args.show:
            flags = " ".join(k for k, v in s.items() if v)
            print(f"- {case.question}\n  -> {reply!r}\n  [{flags}]")
    g.close()
    rate = lambda rows, key: f"{sum(r[key] for r in rows)}/{len(rows)}"  # noqa: E731
    print(f"\nmodel {model} ({args.quantize})")
    print(f"answerable   ({len(answerable)}): cites a given fact id {rate(answerable, 'cites')}, "
          f"answer found {rate(answerable, 'found')}")
    print(f"unanswerable ({len(unanswerable)}): says it doesn't know / offers a human "
          f"{rate(unanswerable, 'declines')}")
    print(f"all          ({len(CASES)}): states a number absent from the facts {unsupported}"
          f"/{len(CASES)}")


if __name__ == "__main__":
    sys.exit(main())
