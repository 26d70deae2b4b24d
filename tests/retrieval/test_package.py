import subprocess
import sys

import retrieval


def test_public_face():
    assert retrieval.__all__ == ["Retriever", "Hit", "Filters", "Embedder", "RetrievalError",
                                 "InvalidQuery", "UnknownFilter", "IndexNotBuilt",
                                 "DuplicateDocument", "EmbedderMismatch"]
    for name in retrieval.__all__:
        assert getattr(retrieval, name).__module__.startswith("retrieval.")
    for error in ("InvalidQuery", "UnknownFilter", "IndexNotBuilt", "DuplicateDocument",
                  "EmbedderMismatch"):
        assert issubclass(getattr(retrieval, error), retrieval.RetrievalError)
    for error in ("InvalidQuery", "UnknownFilter", "DuplicateDocument"):
        assert issubclass(getattr(retrieval, error), ValueError)
    # An index built by another model is "not built" for this one: same fix, same HTTP code.
    assert issubclass(retrieval.EmbedderMismatch, retrieval.IndexNotBuilt)


def test_import_loads_nothing_heavy():
    code = ("import sys, retrieval; "
            "print(sorted(m for m in ('torch', 'faiss', 'bm25s', 'sentence_transformers', "
            "'transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
