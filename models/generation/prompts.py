"""Every piece of prompt text the reply generator sends: rules, facts block, chat template.

A prompt is the system turn (the store assistant's rules, plus optional store notes), the past
turns exactly as they were first shown, and the newest user turn carrying its facts:

    <|im_start|>system\\n{RULES}<|im_end|>\\n
    <|im_start|>user\\nFacts:\\n[1] ...\\n[2] ...\\n\\nQuestion: {text}<|im_end|>\\n   <- turn 1
    <|im_start|>assistant\\n{reply 1, citing [1]}<|im_end|>\\n
    <|im_start|>user\\nFacts:\\n[3] ...\\n[1] (as given above)\\n\\nQuestion: ...   <- newest
    <|im_start|>assistant\\n

Facts sit inside the user turn they were retrieved for, never before the history, and a past turn
renders from its own `ChatMessage` (content and facts) and the turns before it alone. So turn
N+1's text starts with turn N's text, byte for byte, and the session's cached tokens stay a
prefix of the next prompt. Facts are numbered for the model (see `models.generation.citations`); a fact
seen earlier in the kept conversation is referred to by its number instead of being repeated.

Rendering is a pure function of the messages: the same conversation always gives the same text,
whether or not a cache exists, so losing a cache costs time and never changes a reply.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from models.generation.citations import Citations
from models.generation.errors import MalformedChat, PromptTooLong
from models.generation.types import CHAT_ROLES, ChatMessage, Fact

logger = logging.getLogger(__name__)

# Measured with bench/grounding.py on the 0.5B default model: numbered facts and worked examples
# took fact citations from 1/9 to 8/9 answers, without losing correct refusals. Issue #15: with
# one "yes" example only, the model echoed the question ("Yes, I can pick up my order") and said
# "I don't know" where a fact says no ("We do not price match"); the examples now show a "no",
# a thing asked for in other words than the fact's, and the store speaking as "we".
SYSTEM_RULES = """\
You are a customer-service assistant for an online store.
Answer the customer's question using only the numbered facts in their message.
- Say what the facts say: the amount, the time, the condition, or "No" when a fact says not.
- Speak for the store: "we" is the store, "you" is the customer.
- End each sentence with the number of the fact it comes from, in square brackets, like [1].
- One to three short sentences.
- Never give a price, number or date that is not in the facts.
- If the facts do not say, answer exactly: "I don't know. I can connect you with a human agent."

Example:
Facts:
[1] Our shop is open Monday to Saturday.
[2] We do not repair bicycles.
[3] The Trail Lamp is made of recycled aluminium.
Question: can i come by on a saturday?
Answer: Yes, our shop is open Monday to Saturday [1].
Question: can u fix my bike?
Answer: No, we do not repair bicycles [2].
Question: what is that lamp made of
Answer: The Trail Lamp is made of recycled aluminium [3].
Question: Do you sell helmets?
Answer: I don't know. I can connect you with a human agent."""

# Product copy drafts for store staff (the agent panel): the same rules and facts block, these
# notes as the system turn's store notes, and one request as the user's turn. Tried on the demo
# catalog with the 0.5B model: asked for a description "with its fact numbers", it copied the
# facts block line by line; told it writes page copy, it writes its own sentences (uncited, so
# the caller checks and cites them sentence by sentence).
COPYWRITING_NOTES = "Today you write product copy for the store's own web pages, not a chat answer."
PRODUCT_DESCRIPTION_REQUEST = ("Describe the {name} for its product page in two or three "
                               "sentences of your own words.")
PRODUCT_TAGLINE_REQUEST = "Write a one-sentence marketing line for the {name}, under 15 words."

STORE_NOTES_HEADER = "Store notes:"
FACTS_HEADER = "Facts:"
NO_FACTS = "Facts: none."
SHOWN_ABOVE = "(as given above)"
QUESTION_HEADER = "Question:"

# Text a shopper types must never open or close a turn: with these markers intact, a message
# could forge a system turn. The look-alike keeps the text readable.
_TURN_MARKERS = ("<|", "|>")
_MARKER_SUBSTITUTES = ("<\u2223", "\u2223>")


@dataclass(frozen=True, slots=True)
class Prompt:
    """A rendered prompt.

    Attributes:
        text: What the tokenizer encodes (special markers included).
        dropped_messages: Oldest messages left out to fit the context budget.
        citations: The facts' numbering, to turn the reply's [n] back into fact ids.
        turns: The ``(role, text)`` turns `text` lays out, system turn first: what a chat API
            (an OpenAI-compatible server applying the same template) is sent instead of `text`.
    """

    text: str
    dropped_messages: int
    citations: Citations = Citations()
    turns: tuple[tuple[str, str], ...] = ()


# --- the parts of a turn -------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Neutralise chat-template markers inside shopper or knowledge-base text."""
    for marker, substitute in zip(_TURN_MARKERS, _MARKER_SUBSTITUTES):
        text = text.replace(marker, substitute)
    return text


def render_facts(facts: Sequence[Fact], citations: Citations, shown: Collection[str] = ()) -> str:
    """The facts block: one ``[n] text`` line per fact, or a line saying there are none.

    Args:
        facts: The turn's facts.
        citations: The conversation's numbering of facts.
        shown: Ids whose text an earlier kept turn already shows; they are referred to, not
            repeated (follow-up questions often retrieve the same passages).
    """
    if not facts:
        return NO_FACTS
    lines = [FACTS_HEADER]
    for fact in facts:
        # One line per fact keeps the number next to its words, which is what the model copies.
        text = SHOWN_ABOVE if fact.id in shown else " ".join(clean_text(fact.text).split())
        lines.append(f"[{citations.label(fact.id)}] {text}")
    return "\n".join(lines)


def render_system(notes: str | None = None) -> str:
    """The system turn's text: the rules, then the store's own notes when given."""
    if not notes or not notes.strip():
        return SYSTEM_RULES
    return f"{SYSTEM_RULES}\n\n{STORE_NOTES_HEADER}\n{clean_text(notes.strip())}"


def render_turns(messages: Sequence[ChatMessage]) -> tuple[list[tuple[str, str]], Citations]:
    """``(role, text)`` of each user/assistant message, and the facts' numbering.

    Facts are numbered in order of first appearance and a fact's text is shown only the first
    time. Past replies cite fact ids; they are shown with the numbers the model wrote. A turn's
    text depends only on the turns before it, so an earlier turn renders the same whatever
    follows it.
    """
    seen: list[str] = []  # fact ids in order of first appearance so far
    turns = []
    for message in messages:
        if message.role == "user":
            shown = set(seen)
            seen += [fact.id for fact in message.facts if fact.id not in shown]
            facts = render_facts(message.facts, Citations.numbering(seen), shown)
            text = f"{facts}\n\n{QUESTION_HEADER} {clean_text(message.content)}"
        else:
            text = Citations.numbering(seen).to_labels(clean_text(message.content))
        turns.append((message.role, text))
    return turns, Citations.numbering(seen)


# --- chat templates ------------------------------------------------------------------------------


class ChatTemplate:
    """How a model wants turns laid out. `render` is the one required verb."""

    #: Text that ends an assistant turn; generation stops on it.
    end_of_turn: str = ""

    def render(self, turns: Sequence[tuple[str, str]]) -> str:
        """Lay out ``(role, text)`` turns and open the assistant's turn.

        Returns:
            The prompt text, ending where the model starts writing the reply.
        """
        raise NotImplementedError

    def piece_lengths(
        self, turns: Sequence[tuple[str, str]], count: Callable[[str], int]
    ) -> list[int] | None:
        """Token counts of each turn's text, when turns are independent pieces; else None."""
        return None


@dataclass(frozen=True, slots=True)
class ChatMLTemplate(ChatTemplate):
    """ChatML, the template of Qwen2.5 and SmolLM2: each turn is a self-contained piece."""

    begin: str = "<|im_start|>"
    end: str = "<|im_end|>"

    @property
    def end_of_turn(self) -> str:  # type: ignore[override]
        return self.end

    def turn(self, role: str, text: str) -> str:
        return f"{self.begin}{role}\n{text}{self.end}\n"

    def render(self, turns: Sequence[tuple[str, str]]) -> str:
        return "".join(self.turn(role, text) for role, text in turns) + f"{self.begin}assistant\n"

    def piece_lengths(
        self, turns: Sequence[tuple[str, str]], count: Callable[[str], int]
    ) -> list[int]:
        # Special markers delimit every piece, so token counts add up exactly.
        return [count(self.turn(role, text)) for role, text in turns]


class TokenizerTemplate(ChatTemplate):
    """Any other model: its own chat template, as shipped in its folder.

    Turns are rendered together, so a template that rewrites earlier turns (some insert dates)
    costs cache reuse but never correctness.
    """

    def __init__(self, tokenizer: Any, end_of_turn: str) -> None:
        self._tokenizer = tokenizer
        self.end_of_turn = end_of_turn

    def render(self, turns: Sequence[tuple[str, str]]) -> str:
        conversation = [{"role": role, "content": text} for role, text in turns]
        return self._tokenizer.apply_chat_template(
            conversation, tokenize=False, add_generation_prompt=True
        )


def template_for(tokenizer: Any) -> ChatTemplate:
    """Pick the layout for a tokenizer: ChatML when its template is ChatML, else its own.

    Raises:
        MalformedChat: The tokenizer has no chat template (not an instruct model).
    """
    source = getattr(tokenizer, "chat_template", None) or ""
    if "<|im_start|>" in source and "<|im_end|>" in source:
        return ChatMLTemplate()
    if not source:
        raise MalformedChat("the model has no chat template; use an instruct/chat model")
    eos = tokenizer.eos_token or ""
    logger.info("Model template is not ChatML; using the tokenizer's own chat template")
    return TokenizerTemplate(tokenizer, eos)


# --- checking and building a conversation --------------------------------------------------------


def validate(messages: Sequence[ChatMessage], facts: Sequence[Fact]) -> None:
    """Check that a conversation can be answered.

    Raises:
        MalformedChat: Empty conversation, a non-ChatMessage item, an unknown role, a system
            message after the first, facts on an assistant turn, a conversation that does not
            end with a non-empty user turn, or facts given twice for the newest turn.
    """
    if not messages:
        raise MalformedChat("the conversation is empty: send at least one user message")
    for index, message in enumerate(messages):
        if not isinstance(message, ChatMessage):
            raise MalformedChat(f"message {index} is a {type(message).__name__}, not ChatMessage")
        if message.role not in CHAT_ROLES:
            raise MalformedChat(f"message {index} has unknown role {message.role!r}")
        if message.role == "system" and index != 0:
            raise MalformedChat(f"message {index}: a system message may only come first")
        if message.facts and message.role != "user":
            raise MalformedChat(f"message {index}: only user turns carry facts")
        if not all(isinstance(fact, Fact) for fact in message.facts):
            raise MalformedChat(f"message {index}: facts must be Fact objects")
    last = messages[-1]
    if last.role != "user":
        raise MalformedChat("the conversation must end with the customer's message")
    if not last.content.strip():
        raise MalformedChat("the customer's newest message is empty")
    if facts and last.facts:
        raise MalformedChat("facts given twice: both as an argument and on the newest message")
    if not all(isinstance(fact, Fact) for fact in facts):
        raise MalformedChat("facts must be Fact objects")


def attach_facts(messages: Sequence[ChatMessage], facts: Sequence[Fact]) -> list[ChatMessage]:
    """The conversation with `facts` attached to the newest user turn."""
    *history, last = messages
    if facts:
        last = ChatMessage(last.role, last.content, tuple(facts))
    return [*history, last]


def history_turns(messages: Sequence[ChatMessage]) -> list[tuple[str, str]]:
    """The ``(role, text)`` turns of a conversation's finished exchanges, system turn first, as
    every later turn's prompt starts with them (`build_prompt` lays them out the same): what an
    idle-time prefill runs into a session's cache before the shopper's next message.

    Raises:
        MalformedChat: A non-ChatMessage item, an unknown role, a system message after the
            first, facts on an assistant turn, or a conversation not ending with a reply.
    """
    for index, message in enumerate(messages):
        if not isinstance(message, ChatMessage) or message.role not in CHAT_ROLES:
            raise MalformedChat(f"message {index} is not a system, user or assistant ChatMessage")
        if message.role == "system" and index != 0:
            raise MalformedChat(f"message {index}: a system message may only come first")
        if message.facts and message.role != "user":
            raise MalformedChat(f"message {index}: only user turns carry facts")
    system, body = _split_system(messages)
    if body and body[-1].role != "assistant":
        raise MalformedChat("a history to prefill ends with a reply")
    kept, _ = render_turns(body)
    return [("system", system), *kept]


def render_history(messages: Sequence[ChatMessage], template: ChatMLTemplate) -> str:
    """`history_turns` laid out in ChatML, no assistant turn opened. Raises as it does."""
    return "".join(template.turn(role, text) for role, text in history_turns(messages))


def _split_system(messages: Sequence[ChatMessage]) -> tuple[str, list[ChatMessage]]:
    """The system turn's text and the user/assistant messages."""
    if messages and messages[0].role == "system":
        return render_system(messages[0].content), list(messages[1:])
    return render_system(None), list(messages)


def build_prompt(
    messages: Sequence[ChatMessage],
    facts: Sequence[Fact],
    *,
    template: ChatTemplate,
    count_tokens: Callable[[str], int],
    budget_tokens: int,
    reserve_tokens: int,
    drop_step: int = 4,
) -> Prompt:
    """Render a conversation, dropping the oldest exchanges until it fits the budget.

    Exchanges (a user turn and the replies after it) are dropped in blocks of `drop_step`
    counted from the start of the conversation, so the kept history starts at the same turn for
    several turns in a row and the session's cache stays reusable between the jumps. The system
    turn and the newest user turn are always kept.

    Args:
        messages: The validated conversation (see `validate`).
        facts: Facts for the newest user turn.
        template: The model's chat template.
        count_tokens: Counts the tokens of a text, special markers included.
        budget_tokens: Context budget: prompt plus reply.
        reserve_tokens: Room to leave for the reply (max_new_tokens).
        drop_step: Exchanges dropped at a time.

    Returns:
        The prompt and how many messages were left out.

    Raises:
        PromptTooLong: The system turn and the newest exchange alone exceed the budget.
    """
    system, body = _split_system(attach_facts(messages, facts))
    starts = [i for i, message in enumerate(body) if message.role == "user"]
    step = max(1, drop_step)
    # Where the kept history may begin: everything, then every drop_step-th exchange, then
    # only the newest exchange.
    firsts = sorted({0, *starts[step : len(starts) - 1 : step], starts[-1]})
    counts: dict[str, int] = {}  # most turns render the same for every candidate: count once
    limit, needed = budget_tokens - reserve_tokens, 0
    for first in firsts:
        kept, citations = render_turns(body[first:])
        turns = [("system", system), *kept]
        text = template.render(turns)
        needed = _count(template, turns, text, count_tokens, counts)
        if needed <= limit:
            if first:
                logger.info("Dropped the %d oldest messages to fit %d tokens", first, limit)
            return Prompt(text=text, dropped_messages=first, citations=citations,
                          turns=tuple(turns))
    raise PromptTooLong(needed + reserve_tokens, budget_tokens)


def _count(
    template: ChatTemplate,
    turns: Sequence[tuple[str, str]],
    text: str,
    count_tokens: Callable[[str], int],
    memo: dict[str, int],
) -> int:
    """Tokens of a rendered prompt, summed per turn when the template allows it."""

    def counted(piece: str) -> int:
        if piece not in memo:
            memo[piece] = count_tokens(piece)
        return memo[piece]

    lengths = template.piece_lengths(turns, counted)
    if lengths is None:
        return count_tokens(text)
    return sum(lengths) + counted(template.render([]))
