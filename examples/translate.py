"""Translation: an encoder–decoder LSTM (sequence to sequence) from Spanish to English.

Short pairs of the Tatoeba Spanish–English sentences (at most ``--max-words`` words
on each side) are split by Spanish sentence, so no held-out sentence is seen in
training. The encoder (Embedding → LSTM) reads the Spanish words; its final states
``h`` and ``c`` are the initial state of the decoder (Embedding → LSTM → Dense over
the English words), which learns with teacher forcing: its input is the reference
shifted right by ``[start]``. One functional model of two inputs, trained with
``fit``. Decoding is greedy, one word at a time, until ``[end]``. BLEU (sacrebleu) is
measured on the held-out sentences against all their English translations in the
corpus, and ten translations are printed beside their references.
Run: ``python examples/translate.py`` (``--limit 20000 --epochs 3`` for a quick run).

Measured with the default 8 epochs (21,714 pairs of at most 5 words; 5 min at one BLAS
thread): BLEU 35.6 on 1,053 held-out sentences ("¡Estás borracho!" → "you're drunk!", "Lo
logró." → "he did it."); after 3 epochs it was 14.2.
"""
from __future__ import annotations

import argparse
import re
from collections import defaultdict

import numpy as np

import neurona as nr
import neurona.functional as F
from neurona.datasets import load_translation_pairs
from neurona.layers import LSTM, Dense, Embedding, Input
from neurona.models import Model
from neurona.optimizers import Adam
from neurona.text import TextVectorization

START, END = "[start]", "[end]"
PUNCTUATION = re.compile(r"""([!"#$%&()*+,\-./:;<=>?@\\^_`{|}~¿¡])""")
DETOKENIZE = re.compile(r" ([.,!?;:])")


def standardize(text: str) -> str:
    """Lowercase; punctuation becomes tokens of its own ("¿dónde está?" → "¿ dónde está ?")."""
    return PUNCTUATION.sub(r" \1 ", text.lower())


def pairs(limit: int | None, max_words: int, seed: int) -> tuple[list, list, dict]:
    """Training and held-out ``(spanish, english)`` pairs, split by Spanish sentence; the references of each.

    5% of the distinct Spanish sentences (at most 2,000) are held out.
    """
    references: dict[str, list[str]] = defaultdict(list)
    for english, spanish in load_translation_pairs():
        if max(len(standardize(english).split()), len(standardize(spanish).split())) <= max_words:
            references[spanish].append(english)
    sources = list(references)
    order = np.random.default_rng(seed).permutation(len(sources))
    n_held_out = min(max(len(sources) // 20, 1), 2000)
    held_out = [sources[i] for i in order[:n_held_out]]
    train = [(sources[i], english) for i in order[n_held_out:] for english in references[sources[i]]][:limit]
    return train, [(spanish, references[spanish][0]) for spanish in held_out], references


def masked_cross_entropy(logits, targets):
    """Mean cross-entropy of the next English word over the positions that hold one (id > 0)."""
    mask = nr.tensor((np.asarray(targets) > 0).astype(logits.dtype))
    return F.sum(F.cross_entropy(logits, targets, reduction="none") * mask) / max(float(mask.numpy().sum()), 1.0)


def seq2seq(source_size: int, target_size: int, units: int, dim: int = 128) -> Model:
    """Encoder LSTM → (h, c) → decoder LSTM with teacher forcing → logits over the English words."""
    source = Input(shape=(None,), dtype="int64", name="spanish")
    _, h, c = LSTM(units, return_state=True, name="encoder")(Embedding(source_size, dim, mask_zero=True)(source))
    shifted = Input(shape=(None,), dtype="int64", name="english_shifted")
    decoded = LSTM(units, return_sequences=True, name="decoder")(
        Embedding(target_size, dim, mask_zero=True)(shifted), initial_state=[h, c])
    model = Model([source, shifted], Dense(target_size, name="words")(decoded))
    model.compile(optimizer=Adam(learning_rate=3e-3, clipnorm=1.0), loss=masked_cross_entropy)
    return model


def vectorizers(train: list, max_tokens: int, max_words: int) -> tuple[TextVectorization, TextVectorization]:
    """The Spanish and the English ``TextVectorization``, adapted on the training pairs (English with its markers)."""
    spanish = TextVectorization(max_tokens=max_tokens, standardize=standardize)
    english = TextVectorization(max_tokens=max_tokens, standardize=standardize, output_sequence_length=max_words + 8)
    spanish.adapt([s for s, _ in train])
    english.adapt([f"{START} {e} {END}" for _, e in train])
    return spanish, english


def train_model(train: list, spanish: TextVectorization, english: TextVectorization, units: int, epochs: int,
                verbose: int) -> Model:
    """The sequence-to-sequence model fitted with teacher forcing: input ``[start] w1 …``, target ``w1 … [end]``."""
    source = spanish([s for s, _ in train]).numpy()
    target = english([f"{START} {e} {END}" for _, e in train]).numpy()
    model = seq2seq(spanish.vocabulary_size(), english.vocabulary_size(), units)
    model.fit([source, target[:, :-1]], target[:, 1:], batch_size=64, epochs=epochs, verbose=verbose)
    return model


def translate(model: Model, source_ids: np.ndarray, vocabulary: list[str], max_length: int) -> list[str]:
    """Greedy decoding of a batch: the most probable next word, fed back, until ``[end]``."""
    prefix = np.full((len(source_ids), 1), vocabulary.index(START), dtype=np.int64)
    for _ in range(max_length):
        logits = model.predict([source_ids, prefix], batch_size=512)[:, -1]
        logits[:, :2] = -np.inf                                         # never padding or [UNK]
        prefix = np.concatenate([prefix, logits.argmax(axis=1)[:, None]], axis=1)
    texts = []
    for row in prefix[:, 1:]:
        words = [vocabulary[i] for i in row]
        texts.append(DETOKENIZE.sub(r"\1", " ".join(words[: words.index(END)] if END in words else words)))
    return texts


def corpus_bleu(hypotheses: list[str], references: list[list[str]]) -> float:
    """sacrebleu's corpus BLEU (13a tokens, case-insensitive), each hypothesis against all its references."""
    import sacrebleu

    streams = [[r[i] if i < len(r) else None for r in references] for i in range(max(map(len, references)))]
    return sacrebleu.corpus_bleu(hypotheses, streams, tokenize="13a", lowercase=True).score


def main(limit: int | None = None, max_words: int = 5, max_tokens: int = 5000, units: int = 256, epochs: int = 8,
         seed: int = 0, verbose: int = 0) -> dict:
    """Train, print BLEU and ten translations; return ``{"bleu", "translations", "references"}``."""
    nr.random.seed(seed)
    train, held_out, references = pairs(limit, max_words, seed)
    spanish, english = vectorizers(train, max_tokens, max_words)
    print(f"{len(train)} training pairs, {len(held_out)} held-out Spanish sentences; "
          f"{spanish.vocabulary_size()} Spanish and {english.vocabulary_size()} English words")
    model = train_model(train, spanish, english, units, epochs, verbose)
    hypotheses = translate(model, spanish([s for s, _ in held_out]).numpy(), english.get_vocabulary(), max_words + 6)
    refs = [references[s] for s, _ in held_out]
    bleu = corpus_bleu(hypotheses, refs)
    print(f"BLEU on {len(held_out)} held-out sentences: {bleu:.1f}")
    for (source_text, reference), hypothesis in list(zip(held_out, hypotheses))[:10]:
        print(f"  {source_text}\n    → {hypothesis}\n    reference: {reference}")
    return {"bleu": bleu, "translations": hypotheses, "references": refs}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="use this many training pairs (default: all)")
    parser.add_argument("--max-words", type=int, default=5, help="the longest sentence, in words, on either side")
    parser.add_argument("--max-tokens", type=int, default=5000, help="vocabulary size per language")
    parser.add_argument("--units", type=int, default=256)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    main(args.limit, args.max_words, args.max_tokens, args.units, args.epochs, args.seed, verbose=2)
