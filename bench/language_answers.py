"""Generated answers for shoppers of other languages: framed English (today) or the model
answering in the shopper's language, issue #14.

    .venv/bin/python bench/language_answers.py

For 15 policy questions (three per language: es, fr, de, pt, it) whose answers stand in the
demo store's pages as numbers (the return processing time, the email-list removal time, the
order cut-off hour), plays each through the real `DialogueService` (today: the generator
answers in the English of the facts, the guard checks it, the reply is framed in the shopper's
language). Then, with the same facts, asks the generator to answer in the shopper's language
and runs the same guard on it. Prints per way: generated turns, guard passed / replaced /
don't know, correct (every expected number in the reply as shown) and in the shopper's
language (py3langid, as the service reads it).
"""

from __future__ import annotations

import os
import sys
import uuid
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(Path(__file__).resolve().parent) in sys.path:  # never shadow packages with bench/ files
    sys.path.remove(str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

NAMES = {"es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese", "it": "Italian"}
# (language, question, numbers the answer must state): returns#3 "Please allow 10 to 14 days for
# Luma to process your return."; privacy#23 "3 business days" to leave the email list;
# shipping#1 orders "placed before 12:00 noon (PST)".
QUESTIONS = (
    ("es", "¿cuánto tardan en procesar mi devolución?", ("10", "14")),
    ("es", "¿en cuántos días me sacan de la lista de correos promocionales?", ("3",)),
    ("es", "¿hasta qué hora tengo que hacer el pedido para que cuente ese día?", ("12",)),
    ("fr", "combien de temps faut-il pour traiter mon retour ?", ("10", "14")),
    ("fr", "en combien de jours suis-je retiré de la liste des e-mails promotionnels ?", ("3",)),
    ("fr", "avant quelle heure dois-je commander pour que le délai de livraison compte ?", ("12",)),
    ("de", "Wie lange dauert die Bearbeitung meiner Rücksendung?", ("10", "14")),
    ("de", "Wie viele Tage dauert es, bis ich von der Werbe-E-Mail-Liste entfernt bin?", ("3",)),
    ("de", "Bis wann muss ich bestellen, damit die Lieferzeit gilt?", ("12",)),
    ("pt", "quanto tempo leva para processar minha devolução?", ("10", "14")),
    ("pt", "em quantos dias vocês me tiram da lista de e-mails promocionais?", ("3",)),
    ("pt", "até que horas preciso fazer o pedido para o prazo de entrega valer?", ("12",)),
    ("it", "quanto tempo ci vuole per elaborare il mio reso?", ("10", "14")),
    ("it", "in quanti giorni mi togliete dalla lista delle email promozionali?", ("3",)),
    ("it", "entro che ora devo ordinare perché valga il tempo di consegna?", ("12",)),
)


def main() -> None:
    import torch

    from bot.dialogue.grounding import guard
    from bot.dialogue.grounding.streaming import GenerationStream
    from bot.dialogue.language import languages
    from bot.service import build_dialogue_service
    from bot.settings import Settings
    from bot.types import ChannelMessage
    from models import ChatMessage, Fact

    torch.set_num_threads(min(2, torch.get_num_threads()))
    service = build_dialogue_service(replace(Settings.from_env(), redis_url="", rate_limit_per_minute=0))
    ways = {"framed": Counter(), "in language": Counter()}
    try:
        for language, question, numbers in QUESTIONS:
            session_id = f"lang-{uuid.uuid4().hex[:8]}"
            result = service.reply(ChannelMessage(session_id, question))
            if not result.guard:
                print(f"[{language}] code-written, not generated: {question!r}")
                continue
            entry = service.session(session_id).transcript[-2]
            facts = [Fact(i, t) for i, t in entry.facts]
            reading = service.understander.read(question, language)
            shown = result.reply.text
            _count(ways["framed"], result.guard, shown, numbers, languages.detect(shown, "?") == language)
            print(f"[{language}] {question!r}\n  framed ({result.guard}): {shown[:200]!r}")
            asked = ChatMessage("user", f"{question}\n(Answer in {NAMES[language]}.)")
            stream = GenerationStream(service.generator, f"{session_id}-l", [asked], facts,
                                      service.max_new_tokens, [])
            for _ in stream:
                pass
            verdict = guard.check(stream.text, facts, reading)
            outcome = "dont_know" if verdict.dont_know else "passed" if verdict.ok else f"replaced: {verdict.reason}"
            text = guard.strip_citations(stream.text)
            _count(ways["in language"], outcome, text, numbers, languages.detect(text, "?") == language)
            print(f"  in language ({outcome}): {text[:200]!r}")
    finally:
        service.close()
    for way, counts in ways.items():
        n = counts["turns"]
        print(f"{way:12s} generated turns {n}, guard passed {counts['passed']}, replaced {counts['replaced']}, "
              f"dont_know {counts['dont_know']}; correct {counts['correct']}/{n}; "
              f"passed and correct {counts['passed_correct']}/{n}; in the shopper's language "
              f"{counts['in_language']}/{n}")


def _count(counts: Counter, outcome: str, text: str, numbers: tuple[str, ...], in_language: bool) -> None:
    counts["turns"] += 1
    counts[outcome.split(":")[0]] += 1
    correct = all(n in text for n in numbers) and "I don't know" not in text
    counts["correct"] += correct
    counts["passed_correct"] += correct and outcome == "passed"
    counts["in_language"] += in_language


if __name__ == "__main__":
    main()
