"""Does the embedder's TorchScript graph for lone queries give sentence-transformers' vectors?

    .venv/bin/python bench/query_graph_identity.py

Embeds every shopper text in bench/data (the questions of the store files, the turns of the
conversation suites), one at a time, with the graph (`retrieval.query_graph`, what the service
runs on CPU) and without it, and counts the vectors that differ in any bit. The graph is meant
to change no score and so no answer: the count should be 0.

The same for the intent and sentiment classifiers' graphs (`models.nlu.classifier_net`, what
the service runs for one text): each text's probabilities from the served predictor against the
eager int8 network's (given the attention mask), rows differing in any bit: 0 expected.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(Path(__file__).resolve().parent) in sys.path:  # never shadow packages with bench/ files
    sys.path.remove(str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from retrieval.embedder import Embedder  # noqa: E402


def shopper_texts(data: Path) -> list[str]:
    """Every question ("q") and shopper turn ("user", "before") under ``data``, each once."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("q", "user") and isinstance(value, str):
                    found.append(value)
                elif key == "before" and isinstance(value, list):
                    found.extend(v for v in value if isinstance(v, str))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted(data.rglob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    for path in sorted(data.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                walk(json.loads(line))
    return list(dict.fromkeys(t for t in found if t.strip()))


def main() -> int:
    texts = shopper_texts(ROOT / "bench" / "data")
    graph, eager = Embedder(script=True).load(), Embedder(script=False).load()
    if not graph.uses_graph:
        print("the graph could not be built here: the service runs sentence-transformers")
        return 1
    differ = [t for t in texts if not np.array_equal(graph.encode([t]), eager.encode([t]))]
    print(f"texts {len(texts)}; vectors differing in any bit: {len(differ)}")
    for text in differ[:10]:
        print(f"  differs: {text!r}")
    failed = bool(differ)
    for name in ("intent", "sentiment"):
        failed |= classifier_differs(name, texts) != 0
    return 1 if failed else 0


def classifier_differs(name: str, texts: list[str]) -> int:
    """Print and return how many texts' probabilities differ in any bit between the served
    predictor of the ``name`` model (its graph) and the eager int8 network."""
    from bot.settings import Settings
    from models.nlu.classifier_net import Predictor, clean_text, load_network, load_tokenizer
    from models.nlu.intent import load_predictor

    folder = getattr(Settings.from_env(), f"{name}_model_dir")
    served, manifest = load_predictor(folder)
    network = load_network(folder, len(manifest["labels"]), manifest["config"].get("pooling", "mean"))
    eager = Predictor(network, load_tokenizer(folder), served.max_length, quantize=served.quantized,
                      script=False)
    if served._graph is None:
        print(f"{name}: the graph could not be built here: the service runs the eager network")
        return 0
    cleaned = [c for c in (clean_text(t) for t in texts) if c]
    differ = sum(not np.array_equal(served.probabilities([t]), eager.probabilities([t])) for t in cleaned)
    print(f"{name} classifier: texts {len(cleaned)}; probabilities differing in any bit: {differ}")
    return differ


if __name__ == "__main__":
    raise SystemExit(main())
