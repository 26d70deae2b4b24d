"""A trained sentence reranker, as bench/rerank.py measures it (not part of the product).

No pretrained cross-encoder ships offline, so one is fine-tuned from the MiniLM encoder of the
intent model (`models.nlu.classifier_net`, mean pooling, one output): the question and a sentence are read
together as one pair, which bridges gaps of meaning that separate sentence vectors miss ("changed
my mind" vs "without giving any reason"). It is trained listwise: each example is a question,
one sentence that answers it and sentences of the same store that do not (many sharing its
words), and the loss is the cross-entropy of the answering sentence among them.

This module imports torch lazily; a saved folder is `classifier_net`'s plus a ``manifest.json``.
Measured leave-one-store-out on the sample stores (bench/rerank.py, README): the cross-encoder
picked the answering sentence far less often than today's ranking (21% vs 69% of dev
questions); the fine-tuned sentence encoder ("bi") in today's formula picked it more often
(dev 73% vs 69%, held out 77% vs 69%). Nothing serves either yet.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

RECIPE_VERSION = 1


@dataclass(frozen=True, slots=True)
class RankingExample:
    """A question, a sentence that answers it, and sentences that do not."""

    question: str
    positive: str
    negatives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RerankConfig:
    """How the cross-encoder is trained."""

    epochs: int = 2
    negatives: int = 3  # drawn anew each epoch from an example's negatives: groups of 4 pairs
    examples_per_step: int = 8  # (8 x 4 = 32 pairs a step)
    learning_rate: float = 5e-5
    max_length: int = 64  # a question and one sentence; longer sentences are cut
    frozen_layers: int = 3  # the embeddings and the lowest encoder layers stay as pretrained
    seed: int = 13
    threads: int = 2
    #: "cross": the question and a sentence read together as one pair (a cross-encoder);
    #: "bi": the sentence encoder itself fine-tuned so that a question's vector meets its
    #: answer's, starting from today's similarity.
    mode: str = "cross"
    temperature: float = 0.05  # "bi": cosines divided by this before the cross-entropy


@dataclass(frozen=True, slots=True)
class RerankReport:
    """What a training did (or that it was skipped, the saved model being current)."""

    folder: Path
    skipped: bool
    examples: int
    seconds: float


def input_hash(examples: Sequence[RankingExample], config: RerankConfig, base_dir: Path) -> str:
    """Digest of everything the trained model depends on (threads excluded)."""
    digest = hashlib.sha256()
    recipe = {k: v for k, v in asdict(config).items() if k != "threads"}
    digest.update(json.dumps({"recipe": RECIPE_VERSION, "config": recipe,
                              "base": f"{Path(base_dir).parent.name}/{Path(base_dir).name}"},
                             sort_keys=True).encode())
    for e in examples:
        digest.update(json.dumps([e.question, e.positive, list(e.negatives)]).encode())
    return digest.hexdigest()


def train_reranker(examples: Sequence[RankingExample], out_dir: Path, base_dir: Path,
                   config: RerankConfig = RerankConfig(), *, force: bool = False,
                   progress: Callable[[str], None] | None = None) -> RerankReport:
    """Fine-tune the cross-encoder on ``examples`` and save it in ``out_dir`` (atomically).

    Args:
        examples: Questions with an answering sentence and non-answering ones.
        out_dir: The model folder; kept when its manifest says it is current.
        base_dir: The pretrained MiniLM folder.
        config: The recipe.
        force: Train even when the saved model is current.
        progress: Called with a line of progress now and then (epoch, step, loss, time).

    Returns:
        A `RerankReport`.

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
        return RerankReport(Path(out_dir), True, len(examples), 0.0)
    torch.set_num_threads(config.threads)
    rng = random.Random(config.seed)
    torch.manual_seed(config.seed)
    tokenizer = load_tokenizer(base_dir)
    if config.mode not in ("cross", "bi"):
        raise ValueError(f"mode must be 'cross' or 'bi', not {config.mode!r}")
    network = new_network(base_dir, 1, normalize=config.mode == "bi")
    _freeze(network, config.frozen_layers)
    network.train()
    steps = config.epochs * -(-len(examples) // config.examples_per_step)
    optimizer = torch.optim.AdamW([p for p in network.parameters() if p.requires_grad], lr=config.learning_rate, weight_decay=0.01)
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
            if progress and (step % 20 == 0 or step == steps):
                progress(f"reranker: epoch {epoch + 1}/{config.epochs}, step {step}/{steps}, "
                         f"loss {loss.item():.3f}, {time.perf_counter() - started:.0f} s")
    network.eval()
    _save_atomically(network, tokenizer, {"input_hash": wanted, "examples": len(examples),
                                          "mode": config.mode, "temperature": config.temperature,
                                          "recipe": RECIPE_VERSION, "max_length": config.max_length,
                                          "seconds": round(time.perf_counter() - started, 1)},
                     Path(out_dir))
    return RerankReport(Path(out_dir), False, len(examples), time.perf_counter() - started)


def _freeze(network, layers: int) -> None:
    """Keep the embeddings and the lowest ``layers`` encoder layers as pretrained: a few hundred
    examples cannot retrain them, and their backward pass is half a CPU step's time."""
    if layers <= 0:
        return
    for module in [network.encoder.embeddings, *network.encoder.encoder.layer[:layers]]:
        for parameter in module.parameters():
            parameter.requires_grad_(False)


def _group_loss(network, tokenizer, batch: Sequence[RankingExample], config: RerankConfig,
                rng: random.Random):
    """Cross-entropy of each example's answering sentence (slot 0) among its group."""
    import torch

    groups = []
    for e in batch:
        negatives = list(e.negatives)
        rng.shuffle(negatives)
        groups.append([e.positive] + negatives[:config.negatives])
    width = max(len(g) for g in groups)
    questions = [e.question for e, g in zip(batch, groups) for _ in g]
    sentences = [s for g in groups for s in g]
    logits = _pair_logits(network, tokenizer, questions, sentences, config.mode,
                          config.max_length, config.temperature)  # (B * group,)
    table = torch.full((len(groups), width), float("-inf"))
    start = 0
    for i, g in enumerate(groups):  # groups may be shorter than `width`: padded with -inf
        table[i, :len(g)] = logits[start:start + len(g)]
        start += len(g)
    return torch.nn.functional.cross_entropy(table, torch.zeros(len(groups), dtype=torch.long))


def _pair_logits(network, tokenizer, questions: Sequence[str], sentences: Sequence[str], mode: str,
                 max_length: int, temperature: float):
    """A score per (question, sentence) pair (P,): the cross-encoder's output, or the cosine of
    the two vectors over the temperature."""
    if mode == "cross":
        encoded = tokenizer(list(questions), list(sentences), truncation="only_second",
                            padding=True, max_length=max_length, return_tensors="pt")
        return network(encoded["input_ids"], encoded["attention_mask"])[:, 0]
    unique = list(dict.fromkeys(questions))
    texts = unique + list(sentences)
    encoded = tokenizer(texts, truncation=True, padding=True, max_length=max_length,
                        return_tensors="pt")
    vectors = network.embed(encoded["input_ids"], encoded["attention_mask"])  # (Q + P, H)
    asked = vectors[[unique.index(q) for q in questions]]  # (P, H)
    return (asked * vectors[len(unique):]).sum(-1) / temperature


class Reranker:
    """Scores sentences against a question with a trained cross-encoder.

    Args:
        folder: A folder written by `train_reranker`.
        threads: Torch threads for scoring (None: leave torch's setting).

    Example:
        >>> reranker = Reranker(folder); reranker.load()
        >>> reranker.scores("can i pay by card", ["We accept Visa.", "We ship daily."])
    """

    def __init__(self, folder: Path, threads: int | None = None) -> None:
        self.folder = Path(folder)
        self.threads = threads
        self._network = None
        self._tokenizer = None
        self.max_length = RerankConfig.max_length
        self.mode = "cross"
        self.temperature = 1.0

    @property
    def loaded(self) -> bool:
        return self._network is not None

    def load(self) -> "Reranker":
        """Read the weights (offline).

        Raises:
            FileNotFoundError: The folder holds no trained model.
        """
        from models.nlu.classifier_net import load_network, load_tokenizer
        from models.nlu.classifier_training import read_manifest

        manifest = read_manifest(self.folder)
        if manifest is None:
            raise FileNotFoundError(f"no trained reranker in {self.folder}")
        self.max_length = int(manifest.get("max_length", self.max_length))
        self.mode = manifest.get("mode", "cross")
        self.temperature = float(manifest.get("temperature", 1.0))
        self._tokenizer = load_tokenizer(self.folder)
        self._network = load_network(self.folder, 1, "mean", normalize=self.mode == "bi")
        return self

    def scores(self, question: str, sentences: Sequence[str]) -> np.ndarray:
        """One score per sentence (higher: answers better), shape (len(sentences),)."""
        import torch

        from models.nlu.classifier_net import clean_text

        if not sentences:
            return np.zeros(0, dtype=np.float32)
        if self._network is None:
            raise RuntimeError("Reranker.load() was not called")
        if self.threads:
            torch.set_num_threads(self.threads)
        with torch.inference_mode():
            logits = _pair_logits(self._network, self._tokenizer,
                                  [clean_text(question)] * len(sentences),
                                  [clean_text(s) for s in sentences], self.mode, self.max_length,
                                  self.temperature)
        return logits.numpy().astype(np.float32)
