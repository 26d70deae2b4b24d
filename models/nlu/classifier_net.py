"""The network behind the intent and sentiment classifiers: a BERT encoder, pooling and a head.

The encoder is MiniLM-L6 (the BERT of all-MiniLM-L6-v2). It was trained with mean pooling,
so mean pooling is the default: a new head on top of it starts from sentence vectors that
already separate topics, which lets a few CPU epochs suffice. CLS pooling is kept as an option.

A saved model folder holds ``config.json`` (the encoder), ``model.safetensors`` (encoder and
head), the tokenizer files and a ``manifest.json`` written by the trainer.

This module imports torch and transformers at the top: import it lazily.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import torch
from torch import nn

logger = logging.getLogger(__name__)

WEIGHTS_FILE = "model.safetensors"
#: Characters kept from a message before tokenising: 64 tokens never need more, and a 50 KB
#: paste must not cost a 50 KB tokenisation.
MAX_CHARS = 1000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_SPACE = re.compile(r"\s+")


def clean_text(text: str, max_chars: int = MAX_CHARS) -> str:
    """Make any string safe to tokenise: no lone surrogates or control characters, bounded.

    Args:
        text: The raw message.
        max_chars: Characters kept (the rest cannot reach a 64-token model anyway).

    Returns:
        The cleaned, whitespace-collapsed, truncated text (possibly empty).

    Raises:
        TypeError: ``text`` is not a ``str`` (bytes must be decoded by the caller).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    # Keep a margin before cleaning so a long run of junk cannot hide the cut.
    text = text[: max_chars * 2]
    # Lone surrogates (from bad decoding) make the Rust tokenizer raise.
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = _CONTROL.sub(" ", text)
    return _SPACE.sub(" ", text).strip()[:max_chars]


class EncoderClassifier(nn.Module):
    """Encoder -> pooled sentence vector -> dropout -> linear head.

    Args:
        encoder: A transformers BERT model (no pooler needed).
        num_labels: Classes of the head.
        pooling: ``"mean"`` over non-padding tokens, or ``"cls"``.
        dropout: Dropout before the head while training.
        normalize: L2-normalise the pooled vector (the frozen-embedding baseline uses it).
    """

    def __init__(self, encoder: nn.Module, num_labels: int, pooling: str = "mean",
                 dropout: float = 0.1, normalize: bool = False) -> None:
        super().__init__()
        if pooling not in ("mean", "cls"):
            raise ValueError(f"pooling must be 'mean' or 'cls', not {pooling!r}")
        self.encoder = encoder
        self.pooling = pooling
        self.normalize = normalize
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(encoder.config.hidden_size, num_labels)

    def embed(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Pooled sentence vectors (B, H)."""
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.pool(hidden, attention_mask)

    def pool(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """The sentence vectors (B, H) of the encoder's token vectors ``hidden`` (B, T, H)."""
        if self.pooling == "cls":
            pooled = hidden[:, 0]  # (B, H)
        else:
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)  # (B, T, 1)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)  # (B, H)
        if self.normalize:
            pooled = nn.functional.normalize(pooled, dim=-1)
        return pooled

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Logits (B, num_labels)."""
        return self.head(self.dropout(self.embed(input_ids, attention_mask)))


def new_network(base_dir: Path, num_labels: int, pooling: str = "mean", dropout: float = 0.1,
                normalize: bool = False) -> EncoderClassifier:
    """A network with the pretrained encoder of ``base_dir`` and a fresh head."""
    from transformers import AutoModel

    with _quiet_transformers():
        # The unused pooler weights make transformers print a load report; it is expected.
        encoder = AutoModel.from_pretrained(str(base_dir), add_pooling_layer=False)
    return EncoderClassifier(encoder, num_labels, pooling, dropout, normalize)


@contextmanager
def _quiet_transformers() -> Iterator[None]:
    from transformers.utils import logging as hf_logging

    level = hf_logging.get_verbosity()
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(level)
        if bars:
            hf_logging.enable_progress_bar()


def load_tokenizer(folder: Path):
    """The fast tokenizer saved in ``folder``."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(folder))


def save_network(network: EncoderClassifier, tokenizer, folder: Path) -> None:
    """Write the encoder config, all weights (safetensors) and the tokenizer into ``folder``."""
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    network.encoder.config.save_pretrained(str(folder))
    state = {k: v.detach().contiguous().cpu() for k, v in network.state_dict().items()}
    save_file(state, str(folder / WEIGHTS_FILE))
    tokenizer.save_pretrained(str(folder))


def load_network(folder: Path, num_labels: int, pooling: str,
                 normalize: bool = False) -> EncoderClassifier:
    """Rebuild a saved network from ``folder`` (offline, no download)."""
    from safetensors.torch import load_file
    from transformers import AutoConfig, AutoModel

    config = AutoConfig.from_pretrained(str(folder))
    with _quiet_transformers():
        encoder = AutoModel.from_config(config, add_pooling_layer=False)
    network = EncoderClassifier(encoder, num_labels, pooling, 0.0, normalize)
    network.load_state_dict(load_file(str(folder / WEIGHTS_FILE)))
    return network.eval()


class Predictor:
    """Runs a trained network on texts: cleaning, tokenising, batching, softmax.

    Args:
        network: The trained network (put in eval mode here).
        tokenizer: Its tokenizer.
        max_length: Tokens kept per text; longer texts are truncated.
        device: Torch device name.
        quantize: Apply dynamic int8 quantization to the Linear layers (CPU only): about
            twice as fast for one query, with accuracy checked by the evaluation command.
        script: Run a quantized network as a frozen TorchScript graph (`_script`): the same
            operations, same probabilities bit for bit, without Python's ~110 module calls per
            forward: 1.7 ms instead of 4.8 ms of CPU for a 10-token message.
        cache_size: Keep this many short texts' probabilities (quantized only, where a text's
            probabilities do not depend on its batch), keyed by their token ids: the model's
            own input, so a hit is exactly what the forward would give. 0: no cache.
    """

    def __init__(self, network: EncoderClassifier, tokenizer, max_length: int,
                 device: str = "cpu", quantize: bool = False, script: bool = True,
                 cache_size: int = 0) -> None:
        network = network.eval().to(device)
        self.quantized = quantize and device == "cpu"
        if self.quantized:
            network = _quantize(network)
        self.network = network
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.device = device
        self._graph = _script(network, tokenizer) if self.quantized and script else None
        self._cache = _ProbabilityCache(cache_size if self.quantized else 0)

    def probabilities(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Class probabilities (N, C) for already-cleaned, non-empty texts.

        A quantized network runs one text at a time: dynamic int8 quantization scales each
        activation tensor by its own range, so batch neighbours and padding would change a
        text's probabilities, and the served answer (one message) must be the evaluated one.
        """
        if not texts:
            return np.zeros((0, self.network.head.out_features), dtype=np.float32)
        if self.quantized:
            return np.stack([self._one(text) for text in texts])
        # Similar lengths together: less padding, same results.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.network.head.out_features), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                idx = order[start:start + batch_size]
                batch = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                       max_length=self.max_length, return_tensors="pt")
                logits = self.network(batch["input_ids"].to(self.device),
                                      batch["attention_mask"].to(self.device))
                out[idx] = torch.softmax(logits.float(), dim=-1).cpu().numpy()
        return out

    def _one(self, text: str) -> np.ndarray:
        ids = self.tokenizer(text, truncation=True, max_length=self.max_length)["input_ids"]
        key = tuple(ids)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        input_ids = torch.tensor([ids], device=self.device)  # (1, T)
        mask = torch.ones_like(input_ids)  # (1, T): one text, no padding
        with torch.inference_mode():
            if self._graph is not None:
                with torch.jit.optimized_execution(False):  # no shape-specialised re-compiles
                    logits = self._graph(input_ids, mask)
            else:
                logits = self.network(input_ids, mask)
        probs = torch.softmax(logits.float(), dim=-1)[0].cpu().numpy()  # (C,)
        self._cache.put(key, probs)
        return probs


class _ProbabilityCache:
    """A bounded LRU of short texts' probabilities by token ids (thread-safe; read-only rows).

    Only texts of at most `MAX_TOKENS` tokens are kept: "hi", "thanks", "yes" come back often in
    real traffic, a long question seldom comes back word for word.
    """

    MAX_TOKENS = 16

    def __init__(self, size: int) -> None:
        self.size = size
        self._rows: OrderedDict[tuple[int, ...], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[int, ...]) -> np.ndarray | None:
        if not self.size:
            return None
        with self._lock:
            row = self._rows.get(key)
            if row is not None:
                self._rows.move_to_end(key)
            return row

    def put(self, key: tuple[int, ...], row: np.ndarray) -> None:
        if not self.size or len(key) > self.MAX_TOKENS:
            return
        row.flags.writeable = False  # shared between callers
        with self._lock:
            self._rows[key] = row
            if len(self._rows) > self.size:
                self._rows.popitem(last=False)


class _Unpadded(nn.Module):
    """``network`` for one unpadded text: its encoder is given no attention mask.

    Over an all-ones mask attention adds 0 to every score, so no number changes, but the mask
    is built and turned into scores in each layer, ~10% of a short text's pass. The mask still
    weighs the pooling, as in ``network``.
    """

    def __init__(self, network: EncoderClassifier) -> None:
        super().__init__()
        self.network = network

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Logits (1, num_labels) of one text's ids (1, T); ``attention_mask`` is all ones."""
        hidden = self.network.encoder(input_ids=input_ids).last_hidden_state  # (1, T, H)
        return self.network.head(self.network.dropout(self.network.pool(hidden, attention_mask)))


def _script(network: EncoderClassifier, tokenizer) -> torch.jit.ScriptModule | None:
    """``network`` traced on one unpadded text and frozen, without numeric rewrites; None
    (the eager network serves) when tracing fails or the graph disagrees with the network:
    TorchScript is deprecated upstream, and a speed-up must never stop the service starting.

    The trace runs the encoder with no attention mask (`_Unpadded`), so the graph serves
    unpadded single texts only, which is how a quantized network runs; the sequence length
    stays free.
    """
    import warnings

    ids = tokenizer("a message to trace", return_tensors="pt")["input_ids"]  # (1, T)
    check = tokenizer("a longer message, to check the traced graph against", return_tensors="pt")
    try:
        with warnings.catch_warnings(), torch.inference_mode(), _quiet_transformers():
            warnings.simplefilter("ignore")  # tracer notes on transformers' Python branches
            traced = torch.jit.trace(_Unpadded(network), (ids, torch.ones_like(ids)),
                                     check_trace=False)
            graph = torch.jit.freeze(traced.eval(), optimize_numerics=False)
            mask = torch.ones_like(check["input_ids"])
            with torch.jit.optimized_execution(False):  # as it is served
                logits = graph(check["input_ids"], mask)
            if not torch.equal(logits, network(check["input_ids"], mask)):
                raise RuntimeError("the traced graph's logits differ from the network's")
            return graph
    except Exception as error:  # noqa: BLE001 - any tracing failure falls back to eager
        logger.warning("NLU runs without TorchScript (%s: %s)", type(error).__name__, error)
        return None


def _quantize(network: EncoderClassifier) -> EncoderClassifier:
    import warnings

    with warnings.catch_warnings():
        # torch announces the move of this API to torchao; the eager API still works in 2.x.
        warnings.simplefilter("ignore")
        from torch.ao.quantization import quantize_dynamic

        return quantize_dynamic(network, {nn.Linear}, dtype=torch.qint8)
