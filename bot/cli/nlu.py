"""The NLU subcommands of ``shopdesk``: train-intent, eval-intent, train-sentiment, nlu.

    shopdesk train-intent                                 # the default model, into the data dir
    shopdesk train-intent --train FILE.csv --out DIR      # any text,intent CSV ("oos" rows too)
    shopdesk eval-intent --model DIR --test FILE.csv --json
    shopdesk nlu "do you have waterproof jackets under $80?"

They parse arguments and call the package faces; ``ensure_nlu_models`` is the setup step.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

from bot.settings import Settings


def register_nlu_commands(sub: argparse._SubParsersAction) -> None:
    """Add the NLU subcommands to the ``shopdesk`` parser."""
    cmd = sub.add_parser("train-intent", help="fine-tune the intent classifier (skipped if current)")
    cmd.add_argument("--train", type=Path, help="CSV with columns text,intent (default: the store's data)")
    cmd.add_argument("--out", type=Path, help="model folder (default: <data dir>/models/intent)")
    cmd.add_argument("--epochs", type=int)
    cmd.add_argument("--max-length", type=int)
    cmd.add_argument("--batch-size", type=int)
    cmd.add_argument("--lr", type=float)
    cmd.add_argument("--seed", type=int)
    cmd.add_argument("--baseline", action="store_true",
                     help="frozen MiniLM embeddings + logistic regression instead of a fine-tune")
    _common_train_args(cmd)
    cmd.set_defaults(func=_train_intent)

    cmd = sub.add_parser("eval-intent", help="accuracy, macro-F1, out-of-scope and latency of a model")
    cmd.add_argument("--model", type=Path, help="model folder (default: the trained default model)")
    cmd.add_argument("--test", type=Path, help="CSV text,intent (default: the default held-out set)")
    cmd.add_argument("--threshold", type=float, help="override the calibrated oos threshold")
    cmd.add_argument("--latency-queries", type=int, default=200, help="0 skips the latency")
    cmd.add_argument("--no-quantize", action="store_true", help="serve in fp32 instead of int8")
    cmd.add_argument("--threads", type=int, default=None, help="torch CPU threads")
    cmd.add_argument("--json", action="store_true")
    cmd.set_defaults(func=_eval_intent)

    cmd = sub.add_parser("train-sentiment", help="fine-tune the sentiment model on the store's reviews")
    cmd.add_argument("--out", type=Path, help="model folder (default: <data dir>/models/sentiment)")
    _common_train_args(cmd)
    cmd.set_defaults(func=_train_sentiment)

    cmd = sub.add_parser("nlu", help="show intent, entities and sentiment of a message")
    cmd.add_argument("text")
    cmd.set_defaults(func=_nlu)


def _common_train_args(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--threads", type=int, default=None,
                     help="torch CPU threads (default: 1 on a busy machine, else all cores)")
    cmd.add_argument("--force", action="store_true", help="retrain even if up to date")
    cmd.add_argument("--no-progress", action="store_true")


def choose_threads(requested: int | None) -> int:
    """Threads for training: as asked, else 1 when the machine is busy, else all cores.

    Measured on the 2-core machines: with other jobs running, 2 threads trained 2-3x slower
    than 1 (the threads wait on each other); on an idle machine 2 are faster.
    """
    if requested:
        return requested
    cores = os.cpu_count() or 1
    return 1 if os.getloadavg()[0] >= cores / 2 else cores


def _train_intent(args: argparse.Namespace, settings: Settings) -> int:
    from models.assets import locate_minilm
    from models.nlu.classifier_recipe import TrainConfig
    from models.nlu.classifier_training import train_text_classifier

    config = TrainConfig()
    overrides = {"epochs": args.epochs, "max_length": args.max_length, "seed": args.seed,
                 "batch_size": args.batch_size, "lr": args.lr}
    config = replace(config, **{k: v for k, v in overrides.items() if v is not None},
                     threads=choose_threads(args.threads),
                     kind="frozen-lr" if args.baseline else "finetune")
    if args.train is not None:
        try:
            examples, origin = _read_csv(args.train), {"data": str(args.train)}
        except DataFileError as exc:
            _say(f"shopdesk: {exc}")
            return 2
        out = args.out or Path(args.train).with_suffix("")
    else:
        examples, origin = _default_examples(settings), {"data": f"default:{settings.store}"}
        out = args.out or settings.intent_model_dir
    _say(f"train-intent: {len(examples)} examples -> {out} ({config.kind}, "
         f"{config.threads} thread(s), load average {_loadavg()})")
    report = train_text_classifier(examples, out, locate_minilm(), config, force=args.force,
                                   show_progress=not args.no_progress, extra_manifest=origin)
    _print_train_report(report)
    return 0


class DataFileError(ValueError):
    """A --train/--test CSV cannot be read; the message names the file and what is wrong."""


def _read_csv(path: Path):
    from models.nlu.classifier_training import read_labeled_csv

    try:
        return read_labeled_csv(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise DataFileError(f"cannot read {path}: {exc}") from exc


def _default_dataset(settings: Settings):
    """The store's own intent data: its catalog, categories and pages fill the templates."""
    from bot.nlu.training_data import DEMO_STORE_NAME, default_intent_dataset
    from kb import KnowledgeBase

    name = DEMO_STORE_NAME if settings.store == "demo" else None
    return default_intent_dataset(KnowledgeBase.load(settings.store), name)


def _default_examples(settings: Settings):
    return list(_default_dataset(settings).train)


def _default_heldout(settings: Settings):
    return list(_default_dataset(settings).heldout)


def _print_train_report(report) -> None:
    if report.skipped:
        _say(f"up to date: {report.out_dir} (inputs unchanged; --force retrains)")
        return
    _say(f"trained {len(report.labels)} labels on {report.train_size} examples in "
         f"{report.seconds:.0f} s; validation ({report.val_size}): accuracy "
         f"{100 * report.val_accuracy:.2f}%, oos threshold {report.threshold:.4f}; "
         f"load average {_loadavg()}")


def _eval_intent(args: argparse.Namespace, settings: Settings) -> int:
    import torch

    from models import IntentClassifier
    from models.nlu.intent_eval import evaluate_intents, format_report
    if args.threads:
        torch.set_num_threads(args.threads)
    model = args.model or settings.intent_model_dir
    try:
        examples = _read_csv(args.test) if args.test else _default_heldout(settings)
    except DataFileError as exc:
        _say(f"shopdesk: {exc}")
        return 2
    classifier = IntentClassifier.load(model, threshold=args.threshold,
                                       quantize=False if args.no_quantize else None)
    report = evaluate_intents(classifier, examples, latency_queries=args.latency_queries)
    if args.json:
        payload = {"model": str(model), "test": str(args.test or "default held-out"),
                   "threshold": classifier.threshold, "threads": torch.get_num_threads(),
                   "load_average": _loadavg(), **report.to_dict()}
        print(json.dumps(payload, indent=2))
    else:
        print(f"model {model}  test {args.test or 'default held-out'}  "
              f"threshold {classifier.threshold:.4f}  threads {torch.get_num_threads()}  "
              f"load average {_loadavg()}")
        print(format_report(report))
    return 0


def _train_sentiment(args: argparse.Namespace, settings: Settings) -> int:
    report = ensure_sentiment_model(settings, out=args.out, force=args.force,
                                    threads=choose_threads(args.threads),
                                    show_progress=not args.no_progress)
    _print_train_report(report)
    _report_sentiment(report.out_dir)
    return 0


def _report_sentiment(folder: Path) -> None:
    """Held-out accuracy on reviews (from the manifest) and on held-out chat messages."""
    from bot.nlu.training_data import sentiment_chat_examples
    from models import SentimentClassifier
    from models.nlu.intent_eval import score

    model = SentimentClassifier.load(folder)
    _, chat = sentiment_chat_examples()
    predicted = [s.label for s in model.predict_batch([e.text for e in chat])]
    scores = score([e.label for e in chat], predicted)
    # Without reviews the validation part is chat messages (see ensure_sentiment_model).
    what = "reviews" if model.manifest.get("chat_examples") else "chat messages (no reviews)"
    _say(f"sentiment held-out accuracy: {what} {100 * model.manifest['val_accuracy']:.2f}% "
         f"({model.manifest['val_size']}); held-out chat messages {100 * scores['accuracy']:.2f}% "
         f"(macro-F1 {100 * scores['macro_f1']:.2f}%, {len(chat)} messages)")


def ensure_intent_model(settings: Settings, *, force: bool = False, threads: int | None = None,
                        show_progress: bool = True, config=None):
    """Train the store's intent model unless the saved one matches its inputs; returns the
    report. ``config`` (a ``TrainConfig``) replaces the default recipe, e.g. a quick one."""
    from models.assets import locate_minilm
    from models.nlu.classifier_recipe import TrainConfig
    from models.nlu.classifier_training import train_text_classifier

    config = replace(config or TrainConfig(), threads=choose_threads(threads))
    return train_text_classifier(_default_examples(settings), settings.intent_model_dir,
                                 locate_minilm(), config, force=force, show_progress=show_progress,
                                 extra_manifest={"data": f"default:{settings.store}"})


def ensure_sentiment_model(settings: Settings, *, out: Path | None = None, force: bool = False,
                           threads: int | None = None, show_progress: bool = True):
    """Train the sentiment model on the store's reviews unless it is up to date.

    A store without reviews trains on the shipped chat messages (their own part held out for
    the reported accuracy) and on messages in its own words (`sentiment_store_examples`), so
    sentiment still works and a plain question in the store's words is not read as angry.
    """
    from bot.nlu.training_data import (DEMO_STORE_NAME, sentiment_chat_examples,
                                       sentiment_examples, sentiment_store_examples)
    from kb import KnowledgeBase
    from models.assets import locate_minilm
    from models.nlu.sentiment import SENTIMENT_CONFIG, train_sentiment

    kb = KnowledgeBase.load(settings.store)
    examples = sentiment_examples(kb)
    config = replace(SENTIMENT_CONFIG, threads=choose_threads(threads))
    chat, _ = sentiment_chat_examples()
    if not examples:
        own = sentiment_store_examples(kb, DEMO_STORE_NAME if settings.store == "demo" else None)
        _say(f"[nlu] the store has no reviews: sentiment learns from the shipped chat "
             f"messages ({len(chat)}) and {len(own)} in the store's own words (its questions "
             "as neutral, fed-up messages naming its goods as negative)")
        examples, chat = chat, own
    return train_sentiment(examples, out or settings.sentiment_model_dir, locate_minilm(), config,
                           force=force, show_progress=show_progress, chat_examples=chat)


def ensure_nlu_models(settings: Settings, show_progress: bool = True) -> None:
    """The setup step: train the intent and sentiment models for the configured store when
    missing or stale (its own catalog and pages: a changed store retrains)."""
    _say(f"[nlu] intent model for store {settings.store} -> {settings.intent_model_dir} "
         "(a full training takes minutes on a CPU)")
    _print_train_report(ensure_intent_model(settings, show_progress=show_progress))
    _say(f"[nlu] sentiment model -> {settings.sentiment_model_dir}")
    _print_train_report(ensure_sentiment_model(settings, show_progress=show_progress))


def _nlu(args: argparse.Namespace, settings: Settings) -> int:
    from bot.nlu.training_data import catalog_items
    from kb import KnowledgeBase
    from models import EntityExtractor, IntentClassifier, SentimentClassifier

    kb = KnowledgeBase.load(settings.store)
    started = time.perf_counter()
    result = IntentClassifier.load(settings.intent_model_dir).predict(args.text)
    entities = EntityExtractor(catalog_items(kb)).extract(args.text)
    sentiment = SentimentClassifier.load(settings.sentiment_model_dir).predict(args.text)
    print(json.dumps({"intent": asdict(result), "entities": asdict(entities),
                      "sentiment": asdict(sentiment),
                      "seconds_with_loading": round(time.perf_counter() - started, 2)},
                     indent=2, ensure_ascii=False))
    return 0


def _loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
