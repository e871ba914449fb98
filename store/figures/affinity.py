"""How likely two claims state the same fact: a weighted sum over what the comparison reads.

Why weights and not more word rules: rules written from one story's sentences fixed that
story and moved no other (the held-out and blind stories barely changed over a session of
them). The fields a claim already carries (counted key, wave, scope, actor, place, period,
the verb said of the thing, the words around the number) each say a little about whether two
claims are one fact; how much each says is fitted across the gold stories of
``bench/facts`` by ``bench/fit_alignment.py`` (logistic regression on pairs of figures,
checked by leaving one story out) rather than chosen by hand.

The value is never a feature: two outlets giving different numbers for one fact must still
land in one row, or the comparison could never show a conflict.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from store.figures.claims import Claim
from store.figures.lexicon import default_lexicon
from store.figures.people import GENERIC_KEYS
from store.figures.places import WHOLE

# Feature names, in the order of ``features`` and ``WEIGHTS``.
FEATURES: Final = (
    "bias",
    "key_same",
    "key_generic",
    "key_groups_differ",
    "key_other_differ",
    "words_rare",
    "words_none",
    "counts_jaccard",
    "sentence_rare",
    "aspect_same",
    "aspect_differ",
    "wave_same",
    "wave_one",
    "scope_same",
    "scope_one",
    "actor_same",
    "actor_one",
    "place_same",
    "place_one",
    "period_same",
    "period_one",
    "same_day",
    "same_article",
    "source_same",
    "measure",
    "measure_key_differ",
    "names_same",
    "names_differ",
    "names_one",
    "key_cross",
    "names_cross",
    "place_absent",
)

# Fitted by bench/fit_alignment.py on the 62 stories of bench/facts (L2 penalty 20).
WEIGHTS: Final[tuple[float, ...]] = (
    -2.237,  # bias
    1.955,  # key_same
    0.173,  # key_generic
    -1.354,  # key_groups_differ
    -0.774,  # key_other_differ
    1.330,  # words_rare
    -0.609,  # words_none
    0.098,  # counts_jaccard
    2.110,  # sentence_rare
    0.563,  # aspect_same
    -0.252,  # aspect_differ
    0.456,  # wave_same
    -0.722,  # wave_one
    0.312,  # scope_same
    -0.071,  # scope_one
    0.461,  # actor_same
    -0.281,  # actor_one
    1.307,  # place_same
    -0.072,  # place_one
    0.468,  # period_same
    -0.182,  # period_one
    0.225,  # same_day
    -0.851,  # same_article
    0.846,  # source_same
    0.652,  # measure
    1.132,  # measure_key_differ
    -0.177,  # names_same
    -1.071,  # names_differ
    -0.496,  # names_one
    0.491,  # key_cross
    0.473,  # names_cross
    -0.529,  # place_absent
)

# Two rows merge while the mean score over the pairs of claims across them is above this
# (chosen with the weights, by leaving one story out: see bench/fit_alignment.py).
THRESHOLD: Final = -1.5

_SHORT: Final = 4  # words shorter than this say little about what a sentence is about


@lru_cache(maxsize=8192)
def _tokens(text: str) -> frozenset[str]:
    """The longer words of a text, lowercased and cut to their first five letters."""
    out: set[str] = set()
    word: list[str] = []
    for ch in text.lower() + " ":
        if ch.isalpha():
            word.append(ch)
            continue
        if len(word) >= _SHORT:
            out.add("".join(word[:5]))
        word = []
    return frozenset(out)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)  # the union's size from the parts: no second set built per pair
    return shared / (len(a) + len(b) - shared)


def _weighed(shared: frozenset[str], rarity: Mapping[str, float], both: float) -> float:
    """The Jaccard index of two sets of words with each word weighed by its rarity: what the
    shared words weigh over what the union weighs (``both``: the two sets' summed weights)."""
    if not shared:
        return 0.0
    inter = 0.0
    for word in shared:
        inter += rarity.get(word, 1.0)
    union = both - inter
    return inter / union if union > 0 else 0.0


def _both_one(a: str, b: str) -> tuple[float, float]:
    """(both state it alike, only one states it): a field two claims share, or one lacks."""
    if a and b:
        return (1.0 if a == b else 0.0), 0.0
    return 0.0, (1.0 if a or b else 0.0)


@dataclass(frozen=True)
class Rarity:
    """How much a shared word says that two claims state one fact: the log of how rare it is
    among the claims being compared (its inverse document frequency).

    Why: every sentence of a story about a bird flu says "birds", "culled" and "outbreaks";
    what tells one fact from another is the rarer word, "weekend" or "intercepted" or
    "Orsenna". Weighing the words two claims share by their rarity in the comparison, instead
    of counting them alike, gained 6 rows of 1,389 on the dev gold (6-fold) and a point of
    verdicts. Words are counted per claim, a sentence's words once per sentence (a sentence
    with three numbers is one sentence). Read from the claims alone, never their values."""

    words: Mapping[str, float]
    sentence: Mapping[str, float]

    @staticmethod
    def of(claims: Sequence[Claim]) -> Rarity:
        words: dict[str, int] = {}
        sentence: dict[str, int] = {}
        sentences: set[str] = set()
        for claim in claims:
            for word in claim.words:
                words[word] = words.get(word, 0) + 1
            if claim.figure.sentence not in sentences:
                sentences.add(claim.figure.sentence)
                for word in _tokens(claim.figure.sentence):
                    sentence[word] = sentence.get(word, 0) + 1
        n, m = len(claims) + 1, len(sentences) + 1
        return Rarity(
            {w: math.log(n / k) for w, k in words.items()},
            {w: math.log(m / k) for w, k in sentence.items()},
        )


# No comparison to weigh words in (a pair read on its own): every word weighs the same.
EVEN: Final = Rarity({}, {})


@dataclass(frozen=True)
class Profile:
    """What the features read of one claim, worked out once per claim rather than per pair."""

    key: str
    generic: bool  # no key, or one of the people nouns that take their sentence's thing
    grouped: bool  # a key of the lexicon's synonym groups
    words: frozenset[str]
    counts: frozenset[str]
    sentence: frozenset[str]
    aspect: str
    wave: str
    scope: str
    actor: str
    place: str
    period: str
    published: str
    article: int
    source: str
    measure: bool
    names: frozenset[str]
    prefixes: frozenset[str]  # the sentence's longer words cut to three and four letters
    rarity: Rarity
    words_weight: float  # the summed rarity of ``words``
    sentence_weight: float  # the summed rarity of ``sentence``


def _prefixes(tokens: frozenset[str]) -> frozenset[str]:
    """What a key is looked up in (``key_cross``): each word's first four letters, and its
    first three for the short keys ("job" in "jobs", "loss" in "losses")."""
    return frozenset(t[:4] for t in tokens) | frozenset(t[:3] for t in tokens)


def profile(claim: Claim, rarity: Rarity = EVEN) -> Profile:
    """The profile of a claim (see ``Profile``), its words weighed by ``rarity``."""
    key = claim.key
    sentence = _tokens(claim.figure.sentence)
    return Profile(
        key,
        not key or key in GENERIC_KEYS,
        key in default_lexicon().groups,
        claim.words,
        _tokens(claim.figure.counts),
        sentence,
        claim.aspect,
        claim.wave,
        claim.scope,
        claim.actor,
        "" if claim.place == WHOLE else claim.place,
        claim.figure.period,
        claim.published,
        claim.article,
        claim.figure.attribution.lower(),
        claim.unit != "count",
        claim.names,
        _prefixes(sentence),
        rarity,
        sum(rarity.words.get(w, 1.0) for w in claim.words),
        sum(rarity.sentence.get(w, 1.0) for w in sentence),
    )


def features(a: Profile, b: Profile) -> list[float]:
    """The feature vector of a pair of claims, in the order of ``FEATURES``."""
    generic = a.generic or b.generic
    differ = a.key != b.key
    same_key = not differ and not generic
    groups_differ = not generic and differ and a.grouped and b.grouped
    other_differ = not generic and differ and not groups_differ
    wave = _both_one(a.wave, b.wave)
    scope = _both_one(a.scope, b.scope)
    actor = _both_one(a.actor, b.actor)
    place = _both_one(a.place, b.place)
    period = _both_one(a.period, b.period)
    shared_names = bool(a.names & b.names)
    # Keys outlets chose differently for one thing ("close" and "slide" of a share price,
    # "job" and "loss" of job losses): one key is a word of the other's sentence.
    cross = other_differ or groups_differ
    cross = cross and (a.key[:4] in b.prefixes or b.key[:4] in a.prefixes)
    return [
        1.0,
        1.0 if same_key else 0.0,
        1.0 if generic else 0.0,
        1.0 if groups_differ else 0.0,
        1.0 if other_differ else 0.0,
        _weighed(a.words & b.words, a.rarity.words, a.words_weight + b.words_weight),
        0.0 if a.words & b.words else 1.0,
        _jaccard(a.counts, b.counts),
        _weighed(a.sentence & b.sentence, a.rarity.sentence, a.sentence_weight + b.sentence_weight),
        1.0 if a.aspect and a.aspect == b.aspect else 0.0,
        1.0 if a.aspect and b.aspect and a.aspect != b.aspect else 0.0,
        wave[0],
        wave[1],
        scope[0],
        scope[1],
        actor[0],
        actor[1],
        place[0],
        place[1],
        period[0],
        period[1],
        1.0 if a.published and a.published == b.published else 0.0,
        1.0 if a.article == b.article else 0.0,
        1.0 if a.source and a.source == b.source else 0.0,
        1.0 if a.measure else 0.0,
        1.0 if a.measure and differ else 0.0,
        1.0 if shared_names else 0.0,
        1.0 if a.names and b.names and not shared_names else 0.0,
        1.0 if bool(a.names) != bool(b.names) else 0.0,
        1.0 if cross else 0.0,
        # "Dalmeria's toll" and "the toll, 140 of them in Dalmeria": the names near one
        # number are all words of the other's sentence, wherever they stand in it
        1.0 if (a.names and a.names <= b.sentence) or (b.names and b.names <= a.sentence) else 0.0,
        # "41,000 doses in Karsenne" and a sentence that never names Karsenne: most often
        # the count of another place (the parallel facts a story counts the same way)
        1.0 if _place_absent(a, b) or _place_absent(b, a) else 0.0,
    ]


def _place_absent(a: Profile, b: Profile) -> bool:
    """Whether ``a`` has a place that ``b``'s sentence does not name at all."""
    return bool(a.place) and a.place[:5].lower() not in b.sentence


def score(a: Profile, b: Profile, weights: tuple[float, ...] | None = None) -> float:
    """The log-odds that two claims state one fact (above 0: more likely than not), with the
    fitted weights or ``weights``."""
    if weights is None:
        weights = WEIGHTS
    values = features(a, b)
    total = 0.0
    for i in range(len(values)):
        total += weights[i] * values[i]
    return total
