"""The torch side of training: the fine-tune loop, the frozen baseline, and calibration.

Imported lazily by ``models.nlu.classifier_training`` (it imports torch at the top).
"""

from __future__ import annotations

import logging
import math
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn

from models.nlu.classifier_net import EncoderClassifier, Predictor, clean_text, load_tokenizer, new_network
from models.nlu.classifier_recipe import TrainConfig, choose_threshold, warmup_linear
from models.nlu.types import OOS_LABEL, LabeledText

logger = logging.getLogger(__name__)


def seed_everything(seed: int) -> None:
    """Fix Python's, numpy's and torch's random state for a reproducible run."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def fit(train: Sequence[LabeledText], labels: Sequence[str], base_dir: Path,
        config: TrainConfig, show_progress: bool) -> tuple[EncoderClassifier, object]:
    """Train a network on ``train``; returns it (eval mode) with its tokenizer."""
    if config.threads:
        torch.set_num_threads(config.threads)
    seed_everything(config.seed)
    tokenizer = load_tokenizer(base_dir)
    normalize = config.kind == "frozen-lr"
    network = new_network(base_dir, len(labels), config.pooling,
                          0.0 if normalize else config.dropout, normalize)
    index = {label: i for i, label in enumerate(labels)}
    texts = [clean_text(e.text) or "." for e in train]
    targets = [index[e.label] for e in train]
    if config.kind == "frozen-lr":
        _fit_frozen_head(network, tokenizer, texts, targets, config, show_progress)
    else:
        _fine_tune(network, tokenizer, texts, targets, config, show_progress)
    return network.eval(), tokenizer


def _batches(lengths: Sequence[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Length-bucketed batches in random order: shuffle, sort within pools of 50 batches, cut."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    pool = batch_size * 50
    batches = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lambda i: lengths[i])
        batches += [chunk[i:i + batch_size] for i in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def _fine_tune(network: EncoderClassifier, tokenizer, texts: list[str], targets: list[int],
               config: TrainConfig, show_progress: bool) -> None:
    from tqdm.auto import tqdm

    encoded = tokenizer(texts, truncation=True, max_length=config.max_length)["input_ids"]
    lengths = [len(ids) for ids in encoded]
    rng = random.Random(config.seed)
    steps_per_epoch = math.ceil(len(texts) / config.batch_size)
    total = steps_per_epoch * config.epochs
    optimizer = _optimizer(network, config)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: warmup_linear(step, total, config.warmup))
    loss_fn = nn.CrossEntropyLoss(weight=_class_weights(targets, network.head.out_features, config),
                                  label_smoothing=config.label_smoothing)
    pad = tokenizer.pad_token_id
    network.train()
    bar = tqdm(total=total, desc="fine-tuning", unit="step", disable=not show_progress)
    for epoch in range(config.epochs):
        running = 0.0
        for step, batch in enumerate(_batches(lengths, config.batch_size, rng), start=1):
            ids, mask = _pad([encoded[i] for i in batch], pad)
            logits = network(ids, mask)  # (B, C)
            loss = loss_fn(logits, torch.tensor([targets[i] for i in batch]))
            loss.backward()
            nn.utils.clip_grad_norm_(network.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            running += loss.item()
            bar.update(1)
            bar.set_postfix(epoch=epoch + 1, loss=f"{running / step:.3f}")
        logger.info("epoch %d/%d: mean loss %.4f", epoch + 1, config.epochs, running / max(1, step))
    bar.close()
    network.eval()


def _optimizer(network: EncoderClassifier, config: TrainConfig) -> torch.optim.Optimizer:
    if config.freeze_embeddings:
        network.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    decay, no_decay = [], []
    for param in network.encoder.parameters():
        if not param.requires_grad:
            continue
        # Biases and LayerNorm weights are not decayed (the usual BERT fine-tuning practice).
        (no_decay if param.ndim == 1 else decay).append(param)
    groups = [
        {"params": decay, "lr": config.lr, "weight_decay": config.weight_decay},
        {"params": no_decay, "lr": config.lr, "weight_decay": 0.0},
        {"params": list(network.head.parameters()), "lr": config.head_lr, "weight_decay": 0.0},
    ]
    return torch.optim.AdamW(groups)


def _class_weights(targets: list[int], n: int, config: TrainConfig) -> torch.Tensor | None:
    if not config.class_balance:
        return None
    counts = Counter(targets)
    weights = torch.tensor([len(targets) / (n * max(1, counts[i])) for i in range(n)])
    return weights / weights.mean()


def _pad(sequences: list[list[int]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(s) for s in sequences)
    ids = torch.full((len(sequences), width), pad_id, dtype=torch.long)  # (B, T)
    mask = torch.zeros((len(sequences), width), dtype=torch.long)  # (B, T)
    for row, seq in enumerate(sequences):
        ids[row, :len(seq)] = torch.tensor(seq)
        mask[row, :len(seq)] = 1
    return ids, mask


def _fit_frozen_head(network: EncoderClassifier, tokenizer, texts: list[str], targets: list[int],
                     config: TrainConfig, show_progress: bool) -> None:
    """The baseline: frozen normalised MiniLM embeddings + multinomial logistic regression."""
    features = embed(network, tokenizer, texts, config.max_length, show_progress)  # (N, H)
    y = torch.tensor(targets)
    linear = network.head
    optimizer = torch.optim.LBFGS(linear.parameters(), lr=1.0, max_iter=300,
                                  line_search_fn="strong_wolfe")
    # L2 strength as in scikit-learn's default (C=1): 0.5 * ||W||^2 / N per example.
    l2 = 1.0 / len(texts)

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(linear(features), y) + 0.5 * l2 * linear.weight.pow(2).sum()
        loss.backward()
        return loss

    with torch.enable_grad():
        optimizer.step(closure)


def embed(network: EncoderClassifier, tokenizer, texts: Sequence[str], max_length: int,
          show_progress: bool = False, batch_size: int = 64) -> torch.Tensor:
    """Pooled vectors (N, H) of ``texts`` without gradients."""
    from tqdm.auto import tqdm

    network.eval()
    out = torch.zeros(len(texts), network.head.in_features)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with torch.inference_mode():
        for start in tqdm(range(0, len(order), batch_size), desc="embedding",
                          disable=not show_progress):
            idx = order[start:start + batch_size]
            batch = tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                              max_length=max_length, return_tensors="pt")
            out[idx] = network.embed(batch["input_ids"], batch["attention_mask"])
    return out.clone()


def calibrate(network: EncoderClassifier, tokenizer, val: Sequence[LabeledText],
              labels: Sequence[str], config: TrainConfig) -> tuple[float, float]:
    """Choose the out-of-scope threshold on ``val``; returns (threshold, val accuracy with it).

    The model is calibrated as it will be served (quantized when ``config.quantize``).
    """
    import copy

    served = copy.deepcopy(network) if config.quantize else network
    predictor = Predictor(served, tokenizer, config.max_length, quantize=config.quantize)
    probs = predictor.probabilities([clean_text(e.text) or "." for e in val])  # (N, C)
    top = probs.argmax(axis=1)
    confidences = probs.max(axis=1).tolist()
    predicted = [labels[i] for i in top]
    gold = [e.label for e in val]
    threshold = choose_threshold(confidences, predicted, gold, config.oos_budget)
    final = [OOS_LABEL if c < threshold else p for p, c in zip(predicted, confidences)]
    accuracy = sum(p == g for p, g in zip(final, gold)) / max(1, len(gold))
    return threshold, accuracy

