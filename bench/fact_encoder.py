"""A sentence encoder fine-tuned to put a shopper's question next to the sentence that answers
it, as bench/rerank.py measures it (not part of the product: measured end to end, it did not
help; README).

Fact selection ranks a store's sentences by the cosine of MiniLM vectors (plus a few rules).
MiniLM does not bridge a shopper's words to a page's ("changed my mind" / "without giving any
reason"), so the same MiniLM is fine-tuned on pairs of questions and answering sentences
(models/data/rerank/pairs.jsonl), starting from today's similarity: each example is a question,
one sentence that answers it and sentences of the same store that do not (many sharing its
words), and the loss is the cross-entropy of the answering sentence's cosine (over a
temperature) among them.

`train_fact_encoder` trains and saves it (skipped when the saved one was trained from the same
inputs); `FactEncoder` loads it offline and encodes like `retrieval.Embedder` (``encode``,
``encode_query``, ``encode_queries``), so `FactSelector` takes either. A saved folder is
`models.nlu.classifier_net`'s plus a ``manifest.json``. This module imports torch lazily.
"""

from __future__ import annotations

import functools
import hashlib
import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

RECIPE_VERSION = 2
_QUERY_CACHE = 256


@dataclass(frozen=True, slots=True)
class RankingExample:
    """A question, a sentence that answers it, and sentences that do not."""

    question: str
    positive: str
    negatives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FactEncoderConfig:
    """How the encoder is fine-tuned."""

    epochs: int = 2
    negatives: int = 3  # drawn anew each epoch from an example's negatives: groups of 4
    examples_per_step: int = 8  # (8 x 4 sentences and 8 questions a step)
    learning_rate: float = 5e-5
    max_length: int = 64  # tokens of a question or a sentence; longer sentences are cut
    frozen_layers: int = 3  # the embeddings and the lowest encoder layers stay as pretrained
    seed: int = 13
    threads: int = 2
    temperature: float = 0.05  # cosines are divided by this before the cross-entropy


@dataclass(frozen=True, slots=True)
class FactEncoderReport:
    """What a training did (or that it was skipped, the saved model being current)."""

    folder: Path
    skipped: bool
    examples: int
    seconds: float


def input_hash(examples: Sequence[RankingExample], config: FactEncoderConfig, base_dir: Path) -> str:
    """A digest of everything the trained weights depend on (not the thread count)."""
    digest = hashlib.sha256()
    recipe = {k: v for k, v in asdict(config).items() if k != "threads"}
    digest.update(json.dumps({"recipe": RECIPE_VERSION, "config": recipe,
                              "base": f"{Path(base_dir).parent.name}/{Path(base_dir).name}"},
                             sort_keys=True).encode())
    for e in examples:
        digest.update(json.dumps([e.question, e.positive, list(e.negatives)]).encode())
    return digest.hexdigest()


def train_fact_encoder(examples: Sequence[RankingExample], out_dir: Path, base_dir: Path,
                       config: FactEncoderConfig = FactEncoderConfig(), *, force: bool = False,
                       progress: Callable[[str], None] | None = None) -> FactEncoderReport:
    """Fine-tune the encoder of ``base_dir`` on ``examples`` and save it in ``out_dir`` (atomically).

    Args:
        examples: Questions with an answering sentence and non-answering ones.
        out_dir: The model folder; kept when its manifest says it is current.
        base_dir: The pretrained MiniLM folder.
        config: The recipe.
        force: Train even when the saved model is current.
        progress: Called with a line of progress now and then (epoch, step, loss, time).

    Returns:
        A `FactEncoderReport`.

    Raises:
        ValueError: No example has a negative.
    """
    import torch

    from models.nlu.classifier_net import load_tokenizer, new_network
    from models.nlu.classifier_training import _save_atomically, read_manifest

    started = time.perf_counter()
    examples = [e for e in examples if e.negatives]
    if not examples:
        raise ValueError("no ranking example has a negative sentence")
    wanted = input_hash(examples, config, base_dir)
    manifest = read_manifest(Path(out_dir))
    if not force and manifest and manifest.get("input_hash") == wanted:
        return FactEncoderReport(Path(out_dir), True, len(examples), 0.0)
    torch.set_num_threads(config.threads)
    rng = random.Random(config.seed)
    torch.manual_seed(config.seed)
    tokenizer = load_tokenizer(base_dir)
    network = new_network(base_dir, 1, normalize=True)
    _freeze(network, config.frozen_layers)
    network.train()
    steps = config.epochs * -(-len(examples) // config.examples_per_step)
    optimizer = torch.optim.AdamW([p for p in network.parameters() if p.requires_grad],
                                  lr=config.learning_rate, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(  # linear warm-up for a tenth, then decay
        optimizer, lambda s: min(1.0, (s + 1) / max(1, steps // 10)) * max(0.0, 1 - s / steps))
    step = 0
    for epoch in range(config.epochs):
        order = list(examples)
        rng.shuffle(order)
        for start in range(0, len(order), config.examples_per_step):
            loss = _group_loss(network, tokenizer, order[start:start + config.examples_per_step],
                               config, rng)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            if progress and (step % 10 == 0 or step == steps):
                progress(f"fact encoder: epoch {epoch + 1}/{config.epochs}, step {step}/{steps}, "
                         f"loss {loss.item():.3f}, {time.perf_counter() - started:.0f} s")
    network.eval()
    _save_atomically(network, tokenizer, {"input_hash": wanted, "examples": len(examples),
                                          "recipe": RECIPE_VERSION, "max_length": config.max_length,
                                          "seconds": round(time.perf_counter() - started, 1)},
                     Path(out_dir))
    return FactEncoderReport(Path(out_dir), False, len(examples), time.perf_counter() - started)


def _freeze(network, layers: int) -> None:
    """Keep the embeddings and the lowest ``layers`` encoder layers as pretrained: a few hundred
    examples cannot retrain them, and their backward pass is half a CPU step's time."""
    if layers <= 0:
        return
    for module in [network.encoder.embeddings, *network.encoder.encoder.layer[:layers]]:
        for parameter in module.parameters():
            parameter.requires_grad_(False)


def _group_loss(network, tokenizer, batch: Sequence[RankingExample], config: FactEncoderConfig,
                rng: random.Random):
    """Cross-entropy of each example's answering sentence (slot 0) among its group."""
    import torch

    groups = []
    for e in batch:
        negatives = list(e.negatives)
        rng.shuffle(negatives)
        groups.append([e.positive] + negatives[:config.negatives])
    width = max(len(g) for g in groups)
    questions = [e.question for e in batch]
    sentences = [s for g in groups for s in g]
    vectors = _embed(network, tokenizer, questions + sentences, config.max_length)  # (B + S, H)
    asked = vectors[[i for i, g in enumerate(groups) for _ in g]]  # (S, H): each one's question
    logits = (asked * vectors[len(batch):]).sum(-1) / config.temperature  # (S,)
    table = torch.full((len(groups), width), float("-inf"))
    start = 0
    for i, g in enumerate(groups):  # groups may be shorter than `width`: padded with -inf
        table[i, :len(g)] = logits[start:start + len(g)]
        start += len(g)
    return torch.nn.functional.cross_entropy(table, torch.zeros(len(groups), dtype=torch.long))


def _embed(network, tokenizer, texts: Sequence[str], max_length: int):
    """Unit sentence vectors (N, H) of the network (mean pooling, normalised)."""
    from models.nlu.classifier_net import clean_text

    encoded = tokenizer([clean_text(t) for t in texts], truncation=True, padding=True,
                        max_length=max_length, return_tensors="pt")
    return network.embed(encoded["input_ids"], encoded["attention_mask"])


class FactEncoder:
    """Encodes questions and sentences with a trained fact encoder, as `retrieval.Embedder` does.

    Args:
        folder: A folder written by `train_fact_encoder`.
        batch_size: Texts per forward pass.

    Example:
        >>> encoder = FactEncoder(folder).load()
        >>> encoder.encode(["We accept Visa."]) @ encoder.encode_query("can i pay by card")
    """

    def __init__(self, folder: Path, batch_size: int = 64) -> None:
        self.folder = Path(folder)
        self.batch_size = batch_size
        self.max_length = FactEncoderConfig.max_length
        self._network = None
        self._tokenizer = None
        self._query = functools.lru_cache(maxsize=_QUERY_CACHE)(self._encode_one)

    @staticmethod
    def trained(folder: Path) -> bool:
        """``folder`` holds a trained encoder (its manifest is written last)."""
        from models.nlu.classifier_training import read_manifest

        return read_manifest(Path(folder)) is not None

    def load(self) -> "FactEncoder":
        """Read the weights (offline); returns self.

        Raises:
            FileNotFoundError: The folder holds no trained encoder.
        """
        from models.nlu.classifier_net import load_network, load_tokenizer
        from models.nlu.classifier_training import read_manifest

        manifest = read_manifest(self.folder)
        if manifest is None:
            raise FileNotFoundError(f"no trained fact encoder in {self.folder}")
        self.max_length = int(manifest.get("max_length", self.max_length))
        self._tokenizer = load_tokenizer(self.folder)
        self._network = load_network(self.folder, 1, "mean", normalize=True)
        return self

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit float32 vectors, shape (len(texts), 384).

        Raises:
            RuntimeError: ``load()`` was not called.
        """
        import torch

        if self._network is None:
            raise RuntimeError("FactEncoder.load() was not called")
        texts = list(texts)
        if not texts:
            return np.zeros((0, self._network.encoder.config.hidden_size), dtype=np.float32)
        with torch.inference_mode():
            parts = [_embed(self._network, self._tokenizer, texts[i:i + self.batch_size],
                            self.max_length).numpy() for i in range(0, len(texts), self.batch_size)]
        return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        """One question's vector (384,), read-only; the last few are remembered (a turn ranks
        sentences for the same question several times)."""
        return self._query(text)

    def encode_queries(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Each question's vector, as ``encode_query`` gives it."""
        return [self._query(text) for text in texts]

    def _encode_one(self, text: str) -> np.ndarray:
        vector = self.encode([text])[0]
        vector.flags.writeable = False
        return vector
