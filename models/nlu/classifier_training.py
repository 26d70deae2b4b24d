"""Fine-tuning the MiniLM BERT encoder and a classification head on labelled texts.

The recipe (``RECIPE_VERSION``), used for intents and for sentiment:
- hold out a stratified ``val_fraction`` of the examples (seeded) for the threshold;
- fine-tune encoder and head with AdamW, linear warm-up then linear decay, dynamic padding,
  length-bucketed shuffled batches, a fixed seed;
- out-of-scope: rows labelled ``oos`` train an explicit class, and on top of it a prediction
  whose top probability is below a threshold is out-of-scope. The threshold is the one that
  maximises out-of-scope recall on the validation part while losing at most ``oos_budget``
  of its in-scope accuracy (0.0 when the validation part has no ``oos`` rows);
- save weights (safetensors), tokenizer, labels, threshold and a manifest whose
  ``input_hash`` covers the examples and the recipe, so an unchanged re-run is a no-op.

    report = train_text_classifier(examples, Path("out"), locate_minilm(), TrainConfig())
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import random
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from models.nlu import classifier_fit
from models.nlu.classifier_recipe import TrainConfig
from models.nlu.types import LabeledText

logger = logging.getLogger(__name__)

RECIPE_VERSION = "finetune-3"
MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True, slots=True)
class TrainReport:
    """What a training run produced (or found already up to date)."""

    out_dir: Path
    skipped: bool  # True: the saved model already matched the inputs
    labels: tuple[str, ...]
    threshold: float
    val_accuracy: float  # on the validation part, after the threshold
    val_size: int
    train_size: int
    seconds: float


# --- data ---------------------------------------------------------------------------------------


def read_labeled_csv(path: Path, label_column: str = "intent") -> list[LabeledText]:
    """Read a CSV with columns ``text`` and ``label_column``; blank rows are skipped.

    Raises:
        ValueError: a column is missing or the file has no rows.
    """
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = {"text", label_column} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing column(s) {sorted(missing)}; need text,{label_column}")
        rows = [LabeledText(r["text"].strip(), r[label_column].strip()) for r in reader
                if (r["text"] or "").strip() and (r[label_column] or "").strip()]
    if not rows:
        raise ValueError(f"{path}: no labelled rows")
    return rows


def write_labeled_csv(path: Path, examples: Sequence[LabeledText], label_column: str = "intent") -> None:
    """Write examples as a ``text,<label_column>`` CSV."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", label_column])
        writer.writerows([e.text, e.label] for e in examples)


def stratified_split(examples: Sequence[LabeledText], fraction: float,
                     seed: int) -> tuple[list[LabeledText], list[LabeledText]]:
    """Split into (keep, held_out) with about ``fraction`` of each label held out.

    Labels with a single example stay in ``keep``.
    """
    by_label: dict[str, list[LabeledText]] = defaultdict(list)
    for example in examples:
        by_label[example.label].append(example)
    rng = random.Random(seed)
    keep, held = [], []
    for label in sorted(by_label):
        group = by_label[label][:]
        rng.shuffle(group)
        n_held = min(len(group) - 1, max(1, round(len(group) * fraction)))
        held += group[:n_held]
        keep += group[n_held:]
    return keep, held


def input_hash(examples: Sequence[LabeledText], config: TrainConfig, base_dir: Path,
               always_train: Sequence[LabeledText] = ()) -> str:
    """Hash of everything a trained model depends on: examples, recipe, config, base model.

    Args:
        examples: The examples (split into training and validation parts by the trainer).
        config: The recipe's hyper-parameters (``threads`` excluded).
        base_dir: The pretrained encoder folder; its package and folder name are hashed.
        always_train: Examples that only ever train (see ``train_text_classifier``).

    Returns:
        A sha256 hex digest.
    """
    base = f"{Path(base_dir).parent.name}/{Path(base_dir).name}"
    examples = list(examples) + [LabeledText("", "--always-train--")] + list(always_train)
    digest = hashlib.sha256()
    # Threads change the speed, not the model: a busy machine must not trigger a retrain.
    recipe = {k: v for k, v in asdict(config).items() if k != "threads"}
    head = {"recipe": RECIPE_VERSION, "config": recipe, "base": base}
    digest.update(json.dumps(head, sort_keys=True).encode())
    for example in examples:
        digest.update(f"{example.label}\t{example.text}\n".encode("utf-8", "replace"))
    return digest.hexdigest()


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of a saved model, or None when there is none (or it is unreadable)."""
    try:
        return json.loads((folder / MANIFEST_FILE).read_text())
    except (OSError, ValueError):
        return None


def is_current(folder: Path, wanted_hash: str) -> bool:
    """True when ``folder`` holds a complete model trained from inputs hashing to ``wanted_hash``."""
    from models.nlu.classifier_net import WEIGHTS_FILE

    manifest = read_manifest(folder)
    return bool(manifest and manifest.get("input_hash") == wanted_hash
                and (folder / WEIGHTS_FILE).is_file())


# --- training --------------------------------------------------------------------------------------


def train_text_classifier(examples: Sequence[LabeledText], out_dir: Path, base_dir: Path,
                          config: TrainConfig = TrainConfig(), *, force: bool = False,
                          show_progress: bool = False,
                          extra_manifest: dict[str, Any] | None = None,
                          always_train: Sequence[LabeledText] = ()) -> TrainReport:
    """Fine-tune (or fit the frozen baseline) on ``examples`` and save the model in ``out_dir``.

    Args:
        examples: Labelled texts; ``oos`` marks out-of-scope rows. At least two labels.
        out_dir: Folder to write (replaced atomically when done).
        base_dir: The pretrained encoder folder (``locate_minilm()``).
        config: The recipe's hyper-parameters.
        force: Retrain even if ``out_dir`` already holds a model of the same inputs.
        show_progress: Show a progress bar on stderr.
        extra_manifest: More facts to record in the manifest (e.g. the data's origin).
        always_train: Examples added to the training part after the validation split, so the
            validation numbers stay about ``examples`` alone (e.g. auxiliary data).

    Returns:
        A TrainReport; ``skipped`` is True when nothing had to be done.

    Raises:
        ValueError: fewer than two labels, or an invalid config.
    """
    started = time.perf_counter()
    labels = tuple(sorted({e.label for e in list(examples) + list(always_train)}))
    if len(labels) < 2:
        raise ValueError(f"need at least two labels to train, got {list(labels)}")
    wanted = input_hash(examples, config, base_dir, always_train)
    if not force and is_current(out_dir, wanted):
        manifest = read_manifest(out_dir) or {}
        logger.info("model in %s is up to date (input hash %s)", out_dir, wanted[:12])
        return TrainReport(out_dir, True, tuple(manifest.get("labels", labels)),
                           float(manifest.get("threshold", 0.0)),
                           float(manifest.get("val_accuracy", 0.0)),
                           int(manifest.get("val_size", 0)), int(manifest.get("train_size", 0)),
                           time.perf_counter() - started)
    train, val = stratified_split(examples, config.val_fraction, config.seed)
    train += list(always_train)
    logger.info("training %s on %d examples (%d labels), validating on %d",
                config.kind, len(train), len(labels), len(val))
    network, tokenizer = classifier_fit.fit(train, labels, base_dir, config, show_progress)
    threshold, val_accuracy = classifier_fit.calibrate(network, tokenizer, val, labels, config)
    manifest = {
        "format": 1, "recipe_version": RECIPE_VERSION, "kind": config.kind,
        "input_hash": wanted, "labels": list(labels), "threshold": threshold,
        "val_accuracy": val_accuracy, "val_size": len(val), "train_size": len(train),
        "label_counts": dict(Counter(e.label for e in examples)), "config": asdict(config),
        "base_model": f"{base_dir.parent.name}/{base_dir.name}", "train_seconds": round(time.perf_counter() - started, 1),
        **(extra_manifest or {}),
    }
    _save_atomically(network, tokenizer, manifest, out_dir)
    seconds = time.perf_counter() - started
    logger.info("saved %s: val accuracy %.4f, threshold %.4f, %.0f s", out_dir, val_accuracy,
                threshold, seconds)
    return TrainReport(out_dir, False, labels, threshold, val_accuracy, len(val), len(train),
                       seconds)


def _save_atomically(network, tokenizer, manifest: dict[str, Any], out_dir: Path) -> None:
    from models.nlu.classifier_net import save_network

    out_dir = Path(out_dir)
    staging = out_dir.with_name(out_dir.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    save_network(network, tokenizer, staging)
    # The manifest goes last: a folder without one is never taken as current.
    (staging / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    old = out_dir.with_name(out_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out_dir.exists():
        out_dir.rename(old)
    staging.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)
