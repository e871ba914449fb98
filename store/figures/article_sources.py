"""Who an article's sentences credit, by the names the article itself gives: a pronoun or
"the ministry" takes the source named before it, "DFF" the name the article spelled out, a
speaker the body it speaks for, the article's own outlet nobody; a sentence naming none that
goes on with the count of the one before it ("A further 24 ambulances were sent") that one's.

Kept apart from ``store.figures.about`` (which reads what a figure is about) as a mixin of its
per-article state: resolving a mention walks the sources of the whole article, which is its
own subject with its own rules.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from store.figures.attribution import SAYING_WORDS, find_mentions, is_generic
from store.figures.body_kinds import BODY_KINDS, NAMED_AS_KIND, other_body, outlet_for_body
from store.figures.credits import credit_after
from store.figures.mentions import Mention
from store.figures.sentences import sentence_bounds
from store.figures.source_words import source_words
from store.figures.sources import (
    GENERIC_HEADS,
    PRONOUNS,
    AttributionLexicon,
    acronym_of,
    described_words,
    is_pronoun,
)
from store.figures.speakers import speaker_body
from store.figures.words import vocabulary
from store.model import PART_BODY, PART_KEY_POINT, PART_LEAD

if TYPE_CHECKING:
    from store.figures.about import _Sentence

# Heads of generic names that are a body or people speaking (not a pronoun, not the data
# itself): with no named source before them they are the source as written.
_BODY_HEADS: Final = GENERIC_HEADS - frozenset(
    "statement report count tally figures data estimate estimates assessment".split()
)
# A sentence opening with who acts: "The Varna Coast Guard gave...", "The ministry said...".
# Capitalised words (with "of", "and", "for" inside) or "the" and one lowercase body noun,
# then a lowercase word (its verb).
_OPENING_SUBJECT_RE: Final = re.compile(
    r"(?:^|[.!?][\"”’)]*\s+|\n)(?:The\s+|the\s+)?(?P<name>(?!(?:The|A|An)\s)[A-Z][\w'’&-]*"
    r"(?:\s+(?:of\s+|and\s+|for\s+)?"
    r"[A-Z][\w'’&-]*)*|(?<=[Tt]he )[a-z]+)\s+(?:also\s+|has\s+|have\s+|had\s+)?[a-z]+"
)
# A sentence opening with a body's numbers: "The exchange's tally", "The ministry's figures".
_OPENING_OWNER_RE: Final = re.compile(r"\s*[Tt]he\s+([a-z]+)['’]s\s+[a-z]+")
# A wire dateline opening a lead: the place, the date and the outlet in brackets, then a dash.
_DATELINE_RE: Final = re.compile(r"[^.()\n]{2,60}\([^()\n]{1,30}\)\s*[-–—]\s+")

# People named by their office, one per place ("the governor of Marrit"): a bare "the
# governor" is the one of the place last named with it.
_ROLES: Final = frozenset(
    "governor mayor prefect premier president minister sheriff commissioner chief".split()
)
_ROLE_OF_RE: Final = re.compile(
    r"\b((?i:governor|mayor|prefect|premier|president|minister|sheriff|commissioner|chief))"
    r"\s+of\s+"
    r"(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)


def _sentence_before(text: str, lo: int, start: int) -> tuple[str, int] | None:
    """The sentence (text, start) that ends right before ``start`` in a paragraph opening at
    ``lo``, None when ``start`` opens the paragraph."""
    stop = start - 1
    while stop >= lo and text[stop].isspace():
        stop -= 1
    return sentence_bounds(text, stop) if stop >= lo else None


def _goes_on(sentence: str) -> bool:
    """Whether a sentence naming no source goes on with what the one before it reported (a
    further number, a part of it, the rest of it, where it stands there), rather than
    telling a new development or holding a verb of saying of its own."""
    lower = sentence.lower()
    vocab = vocabulary(lower)
    if _GOES_ON_WORDS.isdisjoint(vocab) or not SAYING_WORDS.isdisjoint(vocab):
        return False  # (one set test spares most sentences the pattern below)
    return _GOES_ON_RE.search(lower) is not None and _LATER_RE.match(sentence) is None


# Words by which a sentence goes on with the count of the one before it: "A further 24
# ambulances were sent", "Seven of them were critical", "350 of its rescuers", "3 workers
# more were freed", "17 remain trapped there", "In total 62 crews worked".
_NUMBER: Final = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# Words each shape of ``_GOES_ON_RE`` needs one of (the pattern reads the sentence lowercased).
_GOES_ON_WORDS: Final = frozenset(
    {"further", "them", "those", "these", "its", "their", "more", "total", "all", "there"}
)
_GOES_ON_RE: Final = re.compile(
    rf"\ba\s+further\s+{_NUMBER}\b|\b{_NUMBER}\s+of\s+(?:them|those|these|its|their)\b"
    rf"|\b{_NUMBER}\s+(?:[a-z]+\s+)?more\b|^in\s+(?:total|all)\b"
    r"|\sthere(?=[.,;]|\s+(?:on|since|overnight|now)\b)"
)
# A sentence opening on a later time tells a new development: "Hours later the commission
# ordered a further 388 boxes reopened".
_LATER_RE: Final = re.compile(r"(?i)^(?:[\w-]+\s+){0,2}later\b|^(?:meanwhile|since\s+then)\b")


# A name of capitalised words, "of"/"and"/"for" inside: "Civil Aviation Authority", "Ministry of
# Mines and Energy" ("The" opening a sentence is no part of it).
_CAPITALISED_RE: Final = re.compile(
    r"(?!The )[A-Z][\w'’&-]*(?: +(?:(?:of|and|for) +(?:the +)?)?(?!The )[A-Z][\w'’&-]*)+"
)
# A person's name: two or three capitalised words ("Ilse Marov"), none of them a word bodies
# end with ("Estrand Bank", "Meridian Wire", "Harlow Securities").
_PERSON_RE: Final = re.compile(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}")
_BODY_ENDS: Final = GENERIC_HEADS | frozenset(
    """
    bank wire news press times post herald party capital securities motors mining airlines
    air telecom insurance group university centre center network today daily online radio
    union commission board bureau police court guard forces
    """.split()
)


def _is_person(name: str) -> bool:
    """Whether a shown name reads as a person's ("he"/"she" stands for one)."""
    return (
        _PERSON_RE.fullmatch(name) is not None
        and _BODY_ENDS.isdisjoint(name.lower().split())
        and name.split()[-1].lower() not in BODY_KINDS
    )


READING_ORDER: Final = (PART_LEAD, PART_KEY_POINT, PART_BODY)
RANK: Final = {part: rank for rank, part in enumerate(READING_ORDER)}


def place(item: tuple[tuple[int, int], Mention]) -> tuple[int, int]:
    """The sort key of a (place, mention) pair: its place."""
    return item[0]


class ArticleSources:
    """The sources an article names and how its mentions resolve to them; mixed into the
    per-article state of ``store.figures.about``, which sets these fields."""

    lexicon: AttributionLexicon
    texts: dict[str, str]
    sentences: dict[tuple[str, int], _Sentence]
    _outlet: str
    _named: list[tuple[tuple[int, int], str, str]] | None
    _acronyms: dict[str, str] | None
    _resolved: dict[tuple[str, int, str], str]
    _next_credit: dict[tuple[str, int], str]

    def named_sources(self) -> list[tuple[tuple[int, int], str, str]]:
        """Sources named in the sentences read so far (every sentence holding a figure), in
        reading order: lead, key points, body."""
        if self._named is None:
            # Sorted on the place only: two mentions of one sentence may start at the same
            # word ("Coinbase reported ... and said ..."), and mentions do not compare.
            found = sorted(
                (
                    ((RANK[s.part], s.offset + m.start), m)
                    for s in self.sentences.values()
                    for m in s.mentions
                ),
                key=place,
            )
            self._named = []
            for where, mention in found:
                written = speaker_body(mention.written) or mention.written
                if not is_generic(written):
                    name = self.lexicon.fold(written)
                    if name:
                        self._named.append((where, written.lower(), name))
        return self._named

    def resolve(self, mention: Mention, part: str, at: int) -> str:
        """The shown name of a mention; pronouns and generic names take the nearest named
        source before them, preferring one written with the same head word ("the agency"
        after "South Korea's spy agency"); "" when there is none. An acronym the article
        spelled out ("the Department of Forestry and Fire (DFF)") takes the full name, and a
        source that is the article's own outlet is no source ("Pacific Newswire reported" in
        its own article).

        Kept per mention: the figures of one sentence usually share the one that credits
        them, and resolving walks the article's named sources."""
        key = (part, at, mention.written)
        got = self._resolved.get(key)
        if got is None:
            # An owner read before a number ("Monday's 44.6C") must name a source too.
            name = self._name_of(mention, part, at) if source_words(mention.written) else ""
            got = self._resolved[key] = "" if self.is_outlet(name) else name
        return got

    def _name_of(self, mention: Mention, part: str, at: int) -> str:
        body = speaker_body(mention.written)
        if body:
            # "a spokesperson for the ministry": the ministry speaks.
            mention = mention._replace(written=body)
        if not is_generic(mention.written):
            name = self.lexicon.fold(mention.written)
            name = self.acronyms().get(name, name)
            return self._role_near(name, part, at) or self._longest(name)
        here = (RANK[part], at)
        words = mention.written.lower().split()
        head = words[-1] if words else ""
        if len(words) == 1 and head in ("it", "they"):
            own = self._own_subject(part, at)
            if own:
                return own  # "The Civic Alliance also disputes the count: it says 150,000"
        if len(words) == 1 and head in PRONOUNS:
            near = self._said_before(part, at, head)
            if near:
                return near  # "..., Telvora said. The company blamed ... In all, ..., it said."
        if "same" in words[:-1]:
            # "according to the same source", "the same report said": the one the sentence
            # before credits
            text = self.texts.get(part, "")
            return self.previous_credit(part, sentence_bounds(text, at)[1])
        described = described_words(words[:-1])
        if described:
            # "the construction ministry", "the sheriff's office": a generic name that says
            # which one. It is a named source written with those words, else itself.
            found = [
                (written, name)
                for _where, written, name in self.named_sources()
                if all(any(w.startswith(d) for w in written.split()) for d in described)
                and (
                    head in written.split()
                    or (head not in NAMED_AS_KIND and not other_body(head, written))
                )
            ]  # ("the health ministry" is no "Regional Health Trust")
            if found:
                # one of the country itself before one a possessive places abroad
                # ("Baltoria's health ministry")
                home = [
                    name for written, name in found if "'s" not in written and "’s" not in written
                ]
                return (home or [found[0][1]])[0]
            return mention.written
        nearest = same_head = ""
        # "Corvair says 28,000; the regulator says 45,000": a body named in the same sentence
        # is another source, unless written with the same head ("the Port Authority ... the
        # authority"); a pronoun may stand for it ("X said 10 died; it later said 12").
        text = self.texts.get(part, "")
        opens = (RANK[part], sentence_bounds(text, at)[1])
        paragraph = (RANK[part], text.rfind("\n", 0, at) + 1)
        # Of the names with its head, the one of its own paragraph, else the one the article
        # names most often ("the Ministry of Defence" three times, "the Ministry of Defence of
        # Kalvoria" once, then "The Ministry specified"), the nearest of those.
        times: dict[str, int] = {}
        last = (-1, -1)
        for where, written, name in self.named_sources():
            if where >= here:
                break
            if where >= opens and head not in PRONOUNS and head not in written.split():
                continue
            if outlet_for_body(head, name):
                continue  # "Kalpress, quoting the company": an outlet is no company
            # (an acronym is the kind of body it stands for: "VPHI" is an institute)
            full = self.acronyms().get(name, written).lower()
            nearest = "" if other_body(head, full) or head in NAMED_AS_KIND else name
            if head in ("he", "she") and _is_person(name):
                same_head = name  # "Ilse Marov said ... the bank warned ...; she said": a person
            elif head and head in written.split():
                times[name] = times.get(name, 0) + 1
                same_head, last = name, where
        if times and last < paragraph:
            same_head = max(times, key=lambda n: (times[n], n == same_head))
        if not same_head and head in BODY_KINDS:
            same_head = self._head_in_text(head, part, at)
        if not same_head and part == PART_KEY_POINT and head not in PRONOUNS:
            # A key point sums up the body: "the ministry says" there is the ministry the
            # body names ("Kalvoria's Defence Ministry said ..."), when none came before.
            same_head = next(
                (n for w, wr, n in self.named_sources() if w > here and head in wr.split()), ""
            )
        best = same_head or nearest
        if not best and len(words) == 1 and head in PRONOUNS:
            # "The Coast Guard gave an update. It said 41 died": the subject before it
            best = self._antecedent(part, at)
        if not best and head in _BODY_HEADS:
            # "the army said" with no army named before: the army is still who speaks, as
            # the article first described it ("the health ministry", then "the ministry")
            for where, m in self._described():
                if where < here and m.written.lower().split()[-1:] == [head]:
                    return m.written
            return self.lexicon.fold(mention.written)
        return best

    def _head_in_text(self, head: str, part: str, at: int) -> str:
        """The name last written before ``at`` with ``head`` capitalised in it ("the Civil
        Aviation Authority" for "the authority"), in the article's text: the sentence that
        names it often holds no figure ("Corvair cancelled flights, according to the Civil
        Aviation Authority."); "" when there is none."""
        found = ""
        word = head.capitalize()
        for name in READING_ORDER[: RANK[part] + 1]:
            text = self.texts.get(name, "")
            stop = at if name == part else len(text)
            if text.find(word, 0, stop) < 0:
                continue  # (the word is in no name of this part: no pattern to run)
            for m in _CAPITALISED_RE.finditer(text, 0, stop):
                words = m.group().split()
                if word in words[1:] or (word == words[0] and len(words) > 2):
                    found = m.group()
        if not found:
            return ""
        named = self.lexicon.fold(found)
        return self._longest(self.acronyms().get(named, named))

    def _said_before(self, part: str, at: int, pronoun: str) -> str:
        """The source the nearest sentence before ``at`` in its paragraph names (a sentence
        with no number included: "Error messages appeared at 07:40, Telvora said. The
        company blamed an update. In all, 61,800 merchants were affected, it said."); a
        person for "he"/"she"; "" when neither its own sentence before it nor
        the three before that names one."""
        text = self.texts.get(part, "")
        lo = text.rfind("\n", 0, at) + 1
        before, end = sentence_bounds(text, at)
        before = before[: at - end]  # its own sentence first, up to the pronoun
        for _ in range(4):
            for m in reversed(find_mentions(before)):
                if is_pronoun(m.written):
                    continue
                name = self.resolve(m, part, end + m.start)
                if name and (_is_person(name) or pronoun not in ("he", "she")):
                    return name
            prior = _sentence_before(text, lo, end)
            if prior is None:
                return ""
            before, end = prior
        return ""

    def _described(self) -> list[tuple[tuple[int, int], Mention]]:
        """Generic mentions that say which body they are ("the health ministry"), in
        reading order."""
        found = [
            ((RANK[s.part], s.offset + m.start), m)
            for s in self.sentences.values()
            for m in s.mentions
            if is_generic(m.written) and described_words(m.written.lower().split()[:-1])
        ]
        found.sort(key=place)
        return found

    def _antecedent(self, part: str, at: int) -> str:
        """The source a pronoun at ``at`` of ``part`` points back to when no sentence read so
        far names one: the body or person opening a sentence before it in its paragraph (or
        the paragraph before), "the ministry" of "The ministry said 41 died. It added..."
        included. Rare (a pronoun with nothing named before it), so read from the text."""
        text = self.texts.get(part, "")
        lo = text.rfind("\n", 0, max(0, text.rfind("\n", 0, at)))
        backs = [text[max(lo + 1, at - 400) : at]]
        if part != PART_LEAD:
            backs.append(self.texts.get(PART_LEAD, "")[-400:])  # "It said" opening the body
        found = ""
        for back in backs:
            for m in _OPENING_SUBJECT_RE.finditer(back):
                name = m.group("name")
                words = name.split()
                if len(words) >= 2 or not is_generic(name) or words[0].lower() in _BODY_HEADS:
                    found = name
            if found:
                break
        if not found:
            return ""
        name = self.lexicon.fold(found)
        return name if is_generic(found) else self._longest(self.acronyms().get(name, name))

    def _own_subject(self, part: str, at: int) -> str:
        """The name opening the sentence a pronoun at ``at`` of ``part`` stands in, as its
        subject ("The Civic Alliance also disputes ...: it says"); "" when the sentence opens
        otherwise."""
        text = self.texts.get(part, "")
        start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1)
        if start == 1 and not text.startswith(". "):
            start = 0
        dateline = _DATELINE_RE.match(text, start, at)
        if dateline is not None:
            start = dateline.end()  # "SELMAR, March 9 (CP) - Vantor Devices sold ..., it said"
        owner = _OPENING_OWNER_RE.match(text, start, at)
        if owner is not None:
            # "The exchange's tally of stolen coins stands at about 18,000, it said": the one
            # whose tally it is speaks, a body named before
            generic = Mention(start, owner.end(1), f"the {owner.group(1)}", False)
            return self._name_of(generic, part, start)
        m = _OPENING_SUBJECT_RE.match(text[start:at])
        if m is None:
            return ""
        rank = RANK[part]
        if any((rank, start) <= where < (rank, at) for where, _, _ in self.named_sources()):
            return ""  # "..., the institute said, but it forecast": the source named between
        found = m.group("name")
        if is_generic(found) or not found[:1].isupper():
            return ""
        name = self.lexicon.fold(found)
        return self._longest(self.acronyms().get(name, name)) if name else ""

    def is_outlet(self, name: str) -> bool:
        """Whether ``name`` is the article's own outlet."""
        if not name or not self._outlet:
            return False
        return self.lexicon.fold(self._outlet) == name or self._outlet.lower().startswith(
            name.lower()
        )

    def _role_near(self, name: str, part: str, at: int) -> str:
        """Which one a bare office is ("the governor"): the nearest "governor of <place>"
        written before it in the same part, "" when there is none.

        Why the text and not the sources read: the one that says which governor is often a
        sentence with no figure ("The governor of Marrit, Pavo Kestrel, contested the
        count."), and an article of two provinces names both governors."""
        if name.lower() not in _ROLES:
            return ""
        last = ""
        for m in _ROLE_OF_RE.finditer(self.texts.get(part, ""), 0, at):
            if m.group(1).lower() == name.lower():
                last = f"{m.group(1)} of {m.group(2)}"
        return self.lexicon.fold(last) if last else ""

    def _longest(self, name: str) -> str:
        """The fullest name the article gives a source: "Sheriff's Office" after "Tolan County
        Sheriff's Office" is the county's."""
        if not name:
            return name
        tail, head = " " + name.lower(), name.lower() + " of "
        whole = " of " in name  # "Ministry of Defence" is whole: not "... of Kalvoria"
        for _, _written, full in self.named_sources():
            if len(full) > len(name) and full.lower().endswith(tail):
                return full
            if not whole and full.lower().startswith(head):
                return full  # "Sheriff's Office of Tolan"
        return name

    def acronyms(self) -> dict[str, str]:
        """Acronyms the article spelled out for its sources: "DFF" -> "Department of
        Forestry and Fire" (the lexicon's names win)."""
        if self._acronyms is None:
            self._acronyms = {}
            for sentence in self.sentences.values():
                for mention in sentence.mentions:
                    pair = acronym_of(mention.written)
                    if pair is not None and not self.lexicon.knows(pair[0]):
                        self._acronyms.setdefault(pair[0], pair[1])
        return self._acronyms

    def next_credit(self, part: str, sentence: _Sentence) -> str:
        """The source a sentence naming none is credited to: the one a short sentence right
        after it credits backwards (``credit_after``), else the one the sentence before it in
        its paragraph credits (``previous_credit``); resolved like any mention, kept per
        sentence."""
        key = (part, sentence.offset)
        got = self._next_credit.get(key)
        if got is None:
            found = credit_after(self.texts[part], sentence.offset + len(sentence.text))
            got = self.resolve(found[0], part, found[1]) if found is not None else ""
            if not got and _goes_on(sentence.text):
                got = self.previous_credit(part, sentence.offset)
            self._next_credit[key] = got
        return got

    def previous_credit(self, part: str, offset: int, depth: int = 0) -> str:
        """The one source the sentence before ``offset`` in its paragraph credits ("..., the
        service said. A further 24 ambulances were sent."): a sentence that names no source
        goes on with what the one before it reported. "" when the sentence opens its
        paragraph, or the one before names no source or two."""
        text = self.texts.get(part, "")
        prior = _sentence_before(text, text.rfind("\n", 0, offset) + 1, offset)
        if prior is None:
            return ""
        before, at = prior
        if not before or at >= offset:
            return ""
        mentions = find_mentions(before)
        if not mentions:
            return ""
        names = {self.resolve(m, part, at + m.start) for m in mentions}
        names.discard("")
        return next(iter(names)) if len(names) == 1 else ""
