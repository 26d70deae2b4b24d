import numpy as np

from retrieval import Embedder
from retrieval.query_graph import QueryGraph

# Shopper phrasings of several lengths, languages and scripts, a bare greeting, an empty
# message and one past the 128-token cut: the graph must give each the eager vector exactly.
TEXTS = [
    "do you ship to canada",
    "hi",
    "",
    "how long does a refund take after you receive the parcel back?",
    "¿tenéis miel de manuka? 🍯",
    "Kann ich eine getragene Jacke innerhalb von 30 Tagen zurückgeben?",
    "est-ce que la livraison est gratuite au-dessus de 50 € ?",
    "returns " * 200,
]


def test_lone_queries_embed_as_sentence_transformers_does_bit_for_bit(embedder):
    assert embedder._graph is not None  # the speed-up is in use on CPU
    for text in TEXTS:
        eager = embedder._model.encode([text[: embedder.max_chars]], show_progress_bar=False,
                                       convert_to_numpy=True, normalize_embeddings=True)
        served = embedder.encode([text])
        assert served.shape == (1, 384) and served.dtype == np.float32
        assert np.array_equal(served, eager), text


def test_batches_and_the_option_off_keep_the_eager_path(embedder):
    off = Embedder(script=False).load()
    assert off._graph is None
    texts = ["free shipping over $100", "hi"]
    assert np.array_equal(embedder.encode(texts), off.encode(texts))
    assert np.array_equal(embedder.encode_query("where is my order"),
                          off.encode_query("where is my order"))


def test_a_model_that_cannot_be_traced_leaves_the_eager_path():
    assert QueryGraph.trace(object()) is None


def _attention_masks(graph) -> list[str]:
    return [node.inputsAt(3).type().kind() for node in graph.graph.nodes()
            if node.kind() == "aten::scaled_dot_product_attention"]


def test_the_graph_gives_the_bert_no_attention_mask_and_the_same_vectors(embedder):
    # an unpadded text's all-ones mask changes no number (attention adds 0 to each score) but
    # is built and applied in every layer: left out, the vectors stay those of a masked graph
    masks = _attention_masks(embedder._graph._graph)
    assert masks and set(masks) == {"NoneType"}
    masked = QueryGraph.trace(embedder._model, ("input_ids", "attention_mask", "token_type_ids"))
    assert masked is not None and set(_attention_masks(masked._graph)) != {"NoneType"}
    for text in TEXTS:
        text = text[: embedder.max_chars]
        assert np.array_equal(embedder._graph.embed(text), masked.embed(text)), text
