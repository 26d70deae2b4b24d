"""One query's MiniLM pass as a frozen TorchScript graph: the same vector, bit for bit, with
less Python.

A shopper's question is embedded alone on most search turns. Through sentence-transformers
that is ~110 Python module calls around a float32 BERT on ~15 tokens, a third of the pass's
CPU on one core (measured with `bench/understanding.py --clock cpu`). Tracing the BERT once
and freezing it without numeric rewrites runs the same operations from one graph.

This module imports torch at the top: import it lazily.
"""

from __future__ import annotations

import logging
import warnings

import numpy as np
import torch
from torch.nn import functional as F

logger = logging.getLogger(__name__)

#: Texts the graph is traced on and then checked against (any words: only the ids' shape matters).
_TRACE_TEXT = "a question to trace"
_CHECK_TEXTS = ("how long does a refund take after you receive the parcel back?", "hi",
                "was kostet der Versand nach Österreich")
#: The BERT's inputs for one unpadded text: no attention mask. Over an all-ones mask attention
#: adds 0 to every score, so no number changes, but the mask is built and turned into scores
#: in each layer (~10% of a short text's pass); the pooling still takes it from the features.
GRAPH_INPUTS = ("input_ids", "token_type_ids")


class QueryGraph:
    """Embeds one unpadded text as ``SentenceTransformer.encode(..., normalize_embeddings=True)``
    does: BERT (traced), then the model's own pooling and normalising modules, then
    ``encode``'s second normalisation (which moves the last float bit of some vectors).

    Build it with `QueryGraph.trace`, which returns None when the model cannot be served
    this way. ``inputs`` names the features the graph was traced with, in order.
    """

    def __init__(self, model, graph: torch.jit.ScriptModule,
                 inputs: tuple[str, ...] = GRAPH_INPUTS) -> None:
        self._model = model  # the SentenceTransformer: its tokenizer, pooling and normaliser
        self._graph = graph
        self._inputs = inputs

    @classmethod
    def trace(cls, model, inputs: tuple[str, ...] = GRAPH_INPUTS) -> "QueryGraph | None":
        """Trace and freeze ``model``'s BERT on one unpadded text and check it on others.

        Args:
            model: a loaded CPU SentenceTransformer of the Transformer, Pooling(, Normalize) form.
            inputs: the features given to the BERT (a bench passes the attention mask too, to
                time the graph as it was before session 18).

        Returns:
            The graph, or None (the eager model serves) when tracing fails or a checked
            vector differs from ``model.encode``'s in any bit: TorchScript is deprecated
            upstream, and a speed-up must never stop the service starting or change a score.
        """
        try:
            bert = model[0].auto_model
            example = _model_inputs(_features(model, _TRACE_TEXT), inputs)
            with warnings.catch_warnings(), torch.inference_mode():
                warnings.simplefilter("ignore")  # tracer notes on transformers' Python branches
                traced = torch.jit.trace(bert, example_kwarg_inputs=example, strict=False,
                                         check_trace=False)
                frozen = torch.jit.freeze(traced.eval(), optimize_numerics=False)
            graph = cls(model, frozen, inputs)
            for text in _CHECK_TEXTS:
                eager = model.encode([text], show_progress_bar=False, convert_to_numpy=True,
                                     normalize_embeddings=True)[0]
                if not np.array_equal(graph.embed(text), eager):
                    raise RuntimeError("the traced graph's vector differs from the model's")
            return graph
        except Exception as error:  # noqa: BLE001 - any tracing failure falls back to eager
            logger.warning("the embedder runs without TorchScript (%s: %s)", type(error).__name__, error)
            return None

    def embed(self, text: str) -> np.ndarray:
        """The unit float32 vector (dim,) of one text (already cut to the embedder's length)."""
        features = _features(self._model, text)
        inputs = _model_inputs(features, self._inputs)
        with torch.inference_mode(), torch.jit.optimized_execution(False):  # no shape re-compiles
            out = self._graph(**inputs)
            hidden = out["last_hidden_state"] if isinstance(out, dict) else out[0]  # (1, T, H)
            pooled = {"token_embeddings": hidden, "attention_mask": features["attention_mask"]}
            for module in list(self._model)[1:]:  # pooling, then the model's Normalize
                pooled = module(pooled)
            vector = F.normalize(pooled["sentence_embedding"], p=2, dim=1)  # as encode() does again
        return vector[0].numpy()


def _features(model, text: str) -> dict:
    """sentence-transformers' own tokenizing of one text, (1, T) tensors: one text, no padding."""
    preprocess = getattr(model, "preprocess", None)  # `tokenize` before sentence-transformers 6
    return preprocess(inputs=[text]) if preprocess is not None else model.tokenize([text])


def _model_inputs(features: dict, names: tuple[str, ...]) -> dict:
    return {name: features[name] for name in names if name in features}
