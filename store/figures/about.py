"""What a figure is about: its qualifier, its period and who it is credited to (issue 11).

Called once per article after extraction (``annotate``). Why after and not inside the
extractor: everything here reads the sentence around a number the extractor has already found
(and the article's publication date), so one pass over the figures, reading each sentence
once, costs a fraction of the extraction and leaves the extractor's hot loop alone.

Each sentence holding a figure is split into words once; a figure then looks at the words of
its own clause just left and right of the number (``store.figures.qualifiers``), at the time
expressions of its sentence (``store.figures.periods``) and at the sources it names
(``store.figures.attribution``). A figure said in several places takes, field by field, what
its first place that says anything gives.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from store.figures import events as ev
from store.figures import periods as pd
from store.figures import qualifiers as ql
from store.figures.actors import may_name_actor
from store.figures.article_sources import ArticleSources
from store.figures.attribution import credited, find_mentions
from store.figures.clause import around
from store.figures.credits import credit_article, owner_before
from store.figures.sentences import points_back, sentence_bounds
from store.figures.sources import AttributionLexicon, default_attributions
from store.figures.words import vocabulary
from store.model import PART_BODY, PART_KEY_POINT, PART_LEAD, Article, Figure

_NEEDS_WAVE, _NEEDS_SCOPE, _NEEDS_RATE, _NEEDS_ACTOR = 1, 2, 4, 8
_NAMES_EVENTS: Final = 16  # (not a reader: the sentence may name an event)
# Each word some reader looks for -> the readers (bits above) it wakes: one look-up per word
# of a sentence tells all of them, where a set test per reader cost a method call each.
_WORD_NEEDS: Final[dict[str, int]] = {}
for _words, _bit in (
    (ql.WAVE_WORDS, _NEEDS_WAVE),
    (ql.SCOPE_WORDS, _NEEDS_SCOPE),
    (ql.RATE_WORDS, _NEEDS_RATE),
    (ev.EVENT_WORDS, _NAMES_EVENTS),
):
    for _word in _words:
        _WORD_NEEDS[_word] = _WORD_NEEDS.get(_word, 0) | _bit


class _Sentence:
    """A sentence holding figures, read once for the sources it names and its times."""

    __slots__ = (
        "part",
        "offset",
        "text",
        "mentions",
        "times",
        "needs",
        "names_events",
        "event",
        "opens_total",
        "_inert",
    )

    def __init__(self, part: str, offset: int, text: str, pub: date | None) -> None:
        self.part, self.offset, self.text = part, offset, text
        lower = text.lower()
        vocab = vocabulary(lower)
        self.mentions = find_mentions(text, lower, vocab)
        self.times = pd.time_mentions(text, pub, lower, vocab)
        needs = 0
        for word in vocab:
            needs |= _WORD_NEEDS.get(word, 0)
        if may_name_actor(text, lower, vocab):
            needs |= _NEEDS_ACTOR
        self.needs = needs & ~_NAMES_EVENTS
        self.names_events = bool(needs & _NAMES_EVENTS)
        self.event: str | None = None  # the event of its figures when it names none itself
        self.opens_total = lower[:12].startswith(_TOTAL_OPENERS)
        self._inert: frozenset[str] | None = None

    def inert_capitals(self) -> frozenset[str]:
        """Capitalised words of this sentence that name no side (``ql.inert_capitals``)."""
        if self._inert is None:
            self._inert = ql.inert_capitals(self.text.lower())
        return self._inert


class _Article(ArticleSources):
    """What annotating one article shares between its figures."""

    def __init__(
        self, article: Article, lexicon: AttributionLexicon, texts: dict[str, str] | None
    ) -> None:
        self.pub = pd.published_date(article.published)
        self.lexicon = lexicon
        if texts is None:
            texts = {p: article.part_text(p) for p in (PART_KEY_POINT, PART_LEAD, PART_BODY)}
        self.texts = texts
        self.sentences: dict[tuple[str, int], _Sentence] = {}
        # The same sentences per part, in the order of ``sentences``: what ``sentence_at``
        # scans (an article's figures sit in a dozen sentences over three parts).
        self._in_part: dict[str, list[_Sentence]] = {}
        self._named: list[tuple[tuple[int, int], str, str]] | None = None
        self._title = article.title
        self._outlet = article.source
        self._title_event: str | None = None
        self._events: dict[tuple[str, int], list[ev.NamedEvent]] = {}
        self._names: frozenset[str] | None = None
        self._acronyms: dict[str, str] | None = None
        self._resolved: dict[tuple[str, int, str], str] = {}
        self._event_places: dict[str, str] | None = None
        self._next_credit: dict[tuple[str, int], str] = {}
        self._may_events: bool | None = None

    def title_event(self) -> str:
        """The one named event of the title ("" when none or several), given to sentences
        that name none only when the text names two events: then it says which of them the
        article is about. With one event there is nothing to tell apart, and a title's name
        for it ("Quake", an outlet's own name) would only keep its figures from other
        outlets' rows."""
        if self._title_event is None:
            names = {
                e.name for e in ev.named_events(self._title, lambda: "\n".join(self.texts.values()))
            }
            one = next(iter(names)) if len(names) == 1 else ""
            self._title_event = one if one and self.event_places() else ""
        return self._title_event

    def sentence_at(self, part: str, start: int, known: str) -> _Sentence | None:
        """The sentence around ``start`` of ``part``; ``known`` is the extractor's sentence when
        ``start`` is the figure's own place."""
        text = self.texts.get(part, "")
        if not text or start >= len(text):
            return None
        in_part = self._in_part.setdefault(part, [])
        for sentence in in_part:
            if sentence.offset <= start < sentence.offset + len(sentence.text):
                return sentence
        at = -1
        if known:
            at = text.find(known, max(0, start - len(known)), start + len(known))
            if not (at != -1 and at <= start < at + len(known)):
                at = -1
        if at == -1:
            known, at = sentence_bounds(text, start)
        sentence = _Sentence(part, at, known, self.pub)
        old = self.sentences.get((part, at))
        if old is None:
            in_part.append(sentence)
        else:  # a sentence read again from the same offset takes the old one's place
            in_part[in_part.index(old)] = sentence
        self.sentences[(part, at)] = sentence
        return sentence

    def event_of(self, sentence: _Sentence, pos: int) -> str:
        """The named event a figure at ``pos`` of ``sentence`` belongs to: named in its
        sentence (nearest before the number, else after), else, when the sentence points back
        ("It has destroyed...", "The blaze has..."), in the sentence before in its paragraph,
        else in the title.

        Read lazily: most sentences name no event, and scanning whole articles for one cost
        more than the rest of the pass. Without an event of its own, a sentence gives all its
        figures one answer, kept on the sentence."""
        if sentence.names_events:
            inside = self._named_events_of(sentence.part, sentence.offset, sentence.text)
            if inside:
                before = [e for e in inside if e.start < pos]
                return before[-1].name if before else inside[0].name
        if sentence.event is None:
            sentence.event = self._event_before(sentence)
        return sentence.event

    def _event_before(self, sentence: _Sentence) -> str:
        """The event of a sentence that names none: the one before when it points back."""
        if not points_back(sentence.text):
            return self.title_event()
        text = self.texts[sentence.part]
        lo = sentence.offset
        base = max(text.rfind("\n", 0, lo) + 1, lo - 300)
        if base < lo:
            back = text[base:lo].rstrip()
            cut = max(back.rfind(". ", 0, len(back) - 1), back.rfind("? ", 0, len(back) - 1))
            if cut != -1:
                base, back = base + cut + 1, back[cut + 1 :]
            earlier = self._named_events_of(sentence.part, base, back)
            if earlier:
                return earlier[-1].name
        return self.title_event()

    def _named_events_of(self, part: str, offset: int, text: str) -> list[ev.NamedEvent]:
        """The named events of ``text`` (at ``offset`` of ``part``), offsets into ``text``;
        the whole article tells a name from a capitalised word opening a sentence."""
        key = (part, offset)
        got = self._events.get(key)
        if got is None:
            got = self._events[key] = ev.named_events(text, self._whole)
        return got

    def is_name(self, word: str) -> bool:
        """Whether ``word`` is written capitalised mid-sentence somewhere in the article (a
        name, not a common word that happens to open a sentence)."""
        if self._names is None:
            self._names = frozenset(
                w.removesuffix("'s").removesuffix("’s")
                for w in _MID_CAPITAL_RE.findall(self._whole())
            )
        return word in self._names

    def _whole(self) -> str:
        return "\n".join((self._title, *self.texts.values()))

    def may_name_events(self) -> bool:
        """Whether the article could name an event at all (a substring scan, once)."""
        if self._may_events is None:
            # (one lowercased copy of the whole article: fewer scans than one per part)
            self._may_events = ev.may_name_events("\n".join(self.texts.values()).lower())
        return self._may_events

    def event_places(self) -> dict[str, str]:
        """Place -> named event when the article names two or more events named after places
        (``ev.events_by_place``); read once per article, only when asked."""
        if self._event_places is None:
            self._event_places = {}
            if self.may_name_events():
                self._event_places = ev.events_by_place(
                    self._named_events_of(part, -1, text) for part, text in self.texts.items()
                )
        return self._event_places

    def event_by_place(self, text: str) -> str:
        """The named event whose place ``text`` (the clause right of a number) names first:
        "2,300 near Dry Creek" counts the Dry Creek fire's evacuees."""
        places = self.event_places()
        return ev.event_at_place(text, places) if places else ""


# A clause of its own after a number, whose subject speaks only of what follows: ", and
# analysts expect", ", which the ministry does not expect", ", while the union says".
_NEW_CLAUSE_RE: Final = re.compile(
    r",\s+(?:and|but|while|whereas|which|although|though"
    r"|(?:(?:hours|days|weeks|minutes)\s+)?(?:after|before))\s"
)
_MID_CAPITAL_RE = re.compile(r"(?<=[a-z0-9,;] )[A-Z][\w'’-]+")
_PLACE_REACH: Final = 60  # characters right of a number read for a place
_TOTAL_OPENERS: Final = ("in all,", "in total,", "overall,", "altogether,", "all told,")


def annotate(
    figures: list[Figure],
    article: Article,
    lexicon: AttributionLexicon | None = None,
    texts: dict[str, str] | None = None,
) -> list[Figure]:
    """``figures`` of ``article`` with qualifier, period and attribution filled in.

    Two passes: the sentences of every place first (so that the sources named anywhere before
    a pronoun are known), then each figure. ``texts`` are the article's part texts by part
    (``Article.part_text`` of each part) when the caller has them: the body is joined from
    its sections on every call.
    """
    if not figures:
        return figures
    lex = lexicon if lexicon is not None else default_attributions()
    doc = _Article(article, lex, texts)
    placed: list[list[tuple[str, _Sentence, int, int]]] = []
    for fig in figures:
        here: list[tuple[str, _Sentence, int, int]] = []
        for part, start, end in fig.places or ((fig.part, fig.start, fig.end),):
            own = part == fig.part and start == fig.start
            sentence = doc.sentence_at(part, start, fig.sentence if own else "")
            if sentence is not None:
                pos = max(0, start - sentence.offset)
                stop = max(pos, min(len(sentence.text), end - sentence.offset))
                here.append((part, sentence, pos, stop))
        placed.append(here)
    out: list[Figure] = []
    for fig, here in zip(figures, placed, strict=True):
        qualifier = period = attribution = ""
        relayed = False  # whether ``attribution`` came through an outlet's "citing"
        for part, sentence, pos, stop in here:
            q, p, a = _about_place(fig, part, sentence, pos, stop, doc)
            qualifier = qualifier or q
            period = period or p
            cites = "citing" in sentence.text or "quoting" in sentence.text
            if a and (not attribution or (not relayed and cites)):
                # A repeat that names who an outlet cites ("Pacific Newswire, citing the
                # DFF, reported") beats one that names only the outlet.
                relayed = bool(attribution) or cites
                attribution = a
            if qualifier and period and attribution and (relayed or len(here) == 1):
                break
        if qualifier or period or attribution:
            fig = _with_about(fig, qualifier, period, attribution)
        out.append(fig)
    return credit_article(out)


def _with_about(fig: Figure, qualifier: str, period: str, attribution: str) -> Figure:
    """A copy of ``fig`` with the three fields set.

    ``dataclasses.replace`` rebuilds the frozen dataclass through keyword arguments and 16
    ``object.__setattr__`` calls; copying its ``__dict__`` costs a tenth of that, and this
    runs for most figures of every imported article.
    """
    values = fig.__dict__.copy()
    values["qualifier"], values["period"], values["attribution"] = qualifier, period, attribution
    new = object.__new__(Figure)
    object.__setattr__(new, "__dict__", values)
    return new


def _about_place(
    fig: Figure, part: str, sentence: _Sentence, pos: int, stop: int, doc: _Article
) -> tuple[str, str, str]:
    """(qualifier, period, attribution) read at one place of a figure.

    Each reader runs only when its sentence holds a word it looks for (``_Sentence.needs``):
    most sentences hold none of them, and the readers are the bulk of the pass.
    """
    needs = sentence.needs
    wave = scope = rate = actor = ""
    if needs:
        w, base = around(sentence.text, pos, stop)
        if needs & _NEEDS_WAVE:
            wave = ql.wave_of(w)
        if needs & _NEEDS_SCOPE:
            scope = ql.scope_of(w)
        if needs & _NEEDS_RATE:
            rate = ql.rate_of(w)
            if rate == "per group" and fig.unit != "count":
                rate = ""  # "waves of up to 4 metres": a measure, not a group's size
        if (needs & _NEEDS_ACTOR or fig.counts[:1].isupper()) and ql.may_hold_side(
            w, fig.counts, sentence.inert_capitals()
        ):
            mentions = sentence.mentions

            def is_source(index: int) -> bool:
                """Whether left word ``index`` lies inside a named source ("Seoul says")."""
                if not mentions:
                    return False
                at = base
                for word in w.left[: index + 1]:
                    at = sentence.text.find(word, at)
                return any(m.start <= at < m.end for m in mentions)

            actor = ql.actor_of(w, fig.counts, fig.key, is_source, doc.is_name)
    if not actor:
        # A sentence naming no event gives all its figures the one answer kept on it.
        event = sentence.event
        if event is None or sentence.names_events:
            event = doc.event_of(sentence, pos)
        actor = event
        # Two fires burning at once: "11,870 near Pinecrest, about 2,300 near Dry Creek".
        # A place is capitalised: three windows in four hold no capital at all, and the
        # place test reads only the words before capitals.
        after = sentence.text[pos : pos + _PLACE_REACH]
        if after.lower() != after and ev.names_place(after) and doc.may_name_events():
            actor = doc.event_by_place(after) or actor
    period = ""
    if sentence.times:
        time = pd.nearest_mention(sentence.text, sentence.times, pos, stop)
        if time is not None:
            period = time.period
            if time.running:
                scope = ql.TOTAL
    attribution = ""
    mentions = sentence.mentions
    if mentions:
        # A lone mention credits every figure of its sentence (``credited``'s last rule).
        mention = mentions[0] if len(mentions) == 1 else credited(mentions, pos)
        if mention is not None and mention.start < pos < mention.end:
            mention = None  # "X, which has 4,800 employees, said ...": X's description
        if mention is not None and mention.forward and mention.start >= pos:
            if ";" in sentence.text[pos : mention.start] or _NEW_CLAUSE_RE.search(
                sentence.text, pos, mention.start
            ):
                # "Thousands marched; police counted 60,000": not the thousands; "The club has
                # 21,400 members, and trust officials say most signed": a clause of its own
                mention = None
        if mention is not None:
            attribution = doc.resolve(mention, part, sentence.offset + mention.start)
    if not attribution and not sentence.mentions:
        attribution = doc.next_credit(part, sentence)  # "... 40 died. X said in a statement."
    owner = owner_before(sentence.text, pos) if not fig.counts else None
    if owner is not None:
        attribution = doc.resolve(owner, part, sentence.offset + owner.start)
    if not scope and sentence.opens_total:
        scope = ql.TOTAL  # "In all, 14,000 troops have been sent."
    if wave == ql.ADDITIONAL and scope == ql.TOTAL:
        wave = ""  # "1,000 more, bringing the total to 12,000": the total is the figure
    if not (wave or scope or rate or actor):
        return "", period, attribution
    return ql.Qualifier(wave, scope, rate, actor).text(), period, attribution
