"""Who an article credits with a number: "according to X", "X said", "citing X", "X's figures".

Why: a comparison that says "agree" or "conflict" must say who says what; two sources quoted
in one article are two claims, and "NIS", "the National Intelligence Service" and "South
Korea's spy agency" are one source written three ways. Names are folded through a lexicon
(``attribution.toml``, extended by the ``[attributions]`` table of config.toml); a source the
lexicon does not know is kept as written, without its article ("the").

A mention credits the numbers its clause states: "X said N" and "According to X, N" credit
what follows, "N, X said" and "N, according to X" what precedes. Pronouns and generic names
("it said", "the agency says", "officials said") take the nearest named source before them in
the article, when one exists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import attrgetter
from typing import Final

from store.figures.affix import starts_at
from store.figures.data_sources import data_mentions
from store.figures.mentions import Mention, gapped_rivals, originals, relayed_by_outlet
from store.figures.source_phrases import (
    COUNTS_ON_RE,
    MEASURED_RE,
    PUT_FORMS,
    PUT_NEAR_RE,
    TIME_AFTER_RE,
    WITH_NUMBER,
    credits_backward,
    number_after,
    object_after,
    subject_before,
)
from store.figures.source_words import (
    counted_after_number,
    in_common_nouns,
    opens_with_number,
    source_words,
)
from store.figures.sources import (
    DATA_WORDS,
    GENERIC_HEAD_SET,
    body_like,
    counted_word,
    is_generic,
    is_pronoun,
    names_body,
    thing_named,
)
from store.figures.speakers import speaker_body
from store.figures.words import find_words, vocabulary

# Verbs that report a number when their subject is a source.
_VERBS: Final = (
    "said|says|say|told|tells|estimated|estimates|estimate|reported|reports|believes|believe"
    "|believed|puts|put|claimed|claims|claim|announced|announces|confirmed|confirms|stated"
    "|warned|warns|added|adds|wrote|writes|counted|tallied|assessed|assesses|calculated"
    "|calculates|relayed|relays|recorded|insisted|insists|acknowledged|acknowledges|admitted"
    "|admits|noted|notes|cited|cites|testified|informed|informs|speaks|spoke|according"
    "|gave|gives|measured|measures|expect|expects|forecast|forecasts|predict|predicts"
    "|indicated|indicates|specified|specifies|declared|declares|registered|registers"
    "|posted|posts|tweeted|tweets|quoted|quotes|communicated|maintains|maintained|counts|logged"
    "|reckon|reckons|reckoned|shows|showed|received"
    "|spoken|stands|stood|repeated|repeats|reiterated|reiterates|reminded|recognised|recognises"
    "|recognized|recognizes|linked|published|publishes|precised|precises|think|thinks"
    "|given|identified|compiled|provided|supplied|polled|surveyed|communicates|fears"
    "|recalls|recalled"
)
# Verbs that credit only when they give a number: "X gave the number of 1,000", "X measured
# the quake at 7.4" ("Japan gave $5m" is an actor, not a source).
_GIVE_RE: Final = re.compile(
    r"\s+(?:(?:the|a|an|its|their)\s+)?(?:\w+\s+)?(?:number|numbers|figure|figures|toll"
    r"|estimate|estimates|count)\b"
)
_VERB_WORDS: Final = frozenset((*_VERBS.split("|"), "citing", "quoting"))
SAYING_WORDS: Final = _VERB_WORDS  # a sentence holding one may name its own source


# Verbs written before their subject after a comma (", said the ministry", ", informed on
# Wednesday the agency"); others after a comma close an appositive ("the HUR, puts").
# Verbs that credit only as ", indicated the DFF." (before them is often no source).
_INVERTED_ONLY: Final = frozenset(
    "indicated indicates specified specifies declared declares communicated maintains "
    "maintained repeated repeats reiterated reiterates reminded shows showed precised "
    "precises recalls recalled".split()
)
# "claimed" also names a deed: "the heatwave has claimed 38 lives", "claimed the lives of".
# Before a count of lives or victims it credits nobody.
_DEED_VERBS: Final = frozenset({"claimed", "claims", "claim"})
_DEED_AFTER_RE: Final = re.compile(
    r"\s+(?:(?:at\s+least|more\s+than|about|some|nearly|over|another)\s+)?"
    r"(?:the\s+lives\b|[\d,.]+\s+(?:more\s+)?(?:lives|life|victims)\b"
    r"|responsibility\b|(?:the|an|its)\s+(?:\w+\s+)?(?:attack|attacks|bombing|strike|hack|breach"
    r"|raid|theft)\b)"
)
# "The ministry specified that ...", "declared to journalists that ...": a saying verb.
_THAT_AFTER_RE: Final = re.compile(
    r"\s+(?:(?:on\s+[A-Z]?[a-z]+day|today|yesterday|again)\s+)?(?:to\s+(?:the\s+)?[a-z]+(?:\s+[a-z]+)?\s+|,?\s*for\s+(?:its|their|his|her)\s+part,?\s+)?"
    r"that\s"
)
# ", the Press Office specified." : a subject of a few words after a comma, then the verb
# (checked with the verb closing the clause: see ``find_mentions``).
_CLOSING_CREDIT_RE: Final = re.compile(r",\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,4}\s+$")
_QUOTED_AS: Final = frozenset({"quoted", "quotes", "cited", "cites"})
_AS_OPENER_RE: Final = re.compile(r"\W*as\s+")
# What the one quoted did with the number: "quoted X as saying / putting / expecting".
_QUOTED_AS_RE: Final = re.compile(
    r" as (?:saying|putting|estimating|expecting|giving|reporting|counting|forecasting)\b"
)
# A name right before an appositive role: "Ana Ruiz, the health minister, said".
_APPOSED_NAME_RE: Final = re.compile(r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}),\s*$")
_OPENERS: Final = frozenset("In On At After Before For From With By During Since".split())
_INVERTED: Final = frozenset(
    """
    said says added adds informed informs reported reports wrote writes noted notes stated
    announced confirmed explained indicated specified declared communicated repeated
    reiterated reminded precised communicates recalls recalled
    """.split()
)


def find_mentions(
    sentence: str, lower: str | None = None, vocab: frozenset[str] | None = None
) -> list[Mention]:
    """Every source named in a sentence, in order of position (``lower`` and ``vocab``: the
    sentence lowercased and its ``vocabulary``, when the caller has them)."""
    out: list[Mention] = []
    deeds: list[Mention] = []  # "Hospitals have admitted 463 patients": who did it
    if lower is None:
        lower = sentence.lower()
    if vocab is None:
        vocab = vocabulary(lower)
    if _SOURCE_WORDS.isdisjoint(vocab):
        if "(" not in sentence and not _dashed(sentence):
            return out
        vocab = frozenset()  # only a source in brackets or after a dash can be there
    for m in find_words(lower, _VERB_WORDS, vocab):
        word = m.word
        if m.start() and lower[m.start() - 1] == "-":
            continue  # "1 284 laboratory-confirmed cases": part of a compound, no verb
        if word in ("according", "citing", "quoting"):
            if word == "according":
                if not starts_at(sentence, " to ", m.end()):
                    continue
                name_at = m.end() + 4
            else:
                name_at = m.end() + 1
            got = object_after(sentence, name_at)
            if got is None:
                continue
            end, text = got
            at_start = not sentence[: m.start()].strip(" \"“'‘(")
            out.append(Mention(m.start(), end, text, at_start))
            continue
        if word in _INVERTED and _AS_OPENER_RE.fullmatch(lower, 0, m.start()):
            # "As informed the Ministry of Foreign Affairs, 4 300 rescuers ...": a credit of
            # what follows, the name after the verb.
            got = object_after(sentence, m.end() + 1)
            if got is not None:
                out.append(Mention(m.start(), got[0], got[1], True))
                continue
        if word in _INVERTED and sentence[: m.start()].rstrip(" \"”’'").endswith(","):
            # ", said the ministry.", ", informed on Wednesday the Defence Intelligence": the
            # name follows the verb (after a time) and ends the clause.
            skip = TIME_AFTER_RE.match(sentence, m.end())
            at = skip.end() if skip is not None else m.end()
            got = object_after(sentence, at)
            if (
                got is not None
                and (
                    got[1][:1].isupper()
                    or got[1].lower().startswith("the ")
                    or speaker_body(got[1])  # ", reminded a spokesman of the authority"
                )
                and credits_backward(sentence, got[0])
            ):
                out.append(Mention(m.start(), got[0], got[1], False))
                continue
        quoted_as = (
            _QUOTED_AS_RE.search(lower, m.end(), m.end() + 90) if word in _QUOTED_AS else None
        )
        if quoted_as is not None:
            # "Orbis Wire quoted a coast guard spokesman as saying that about 400 ...",
            # "quoted the underwriter as putting the value at €360m": the one quoted gives it
            at = quoted_as.start()
            got = object_after(sentence[:at], m.end() + 1)
            if got is not None:
                out.append(Mention(m.start(), quoted_as.end(), got[1], True))
                continue
        if word == "counts" and COUNTS_ON_RE.match(lower, m.end()) is not None:
            continue  # "The government counts on $38bn": relies on, counts nothing
        if word in WITH_NUMBER and not (
            sentence[m.start()].islower() and number_after(word, lower, m.end())
        ):
            continue  # "the toll stands at 40", "a fault linked to 12 injuries", "Published 19"
        if word in ("quoted", "quotes"):
            continue  # only "quoted X as saying" credits; "officials quoted in" is a participle
        if (
            word in _INVERTED_ONLY
            and _THAT_AFTER_RE.match(lower, m.end()) is None
            and not (
                _CLOSING_CREDIT_RE.search(lower, 0, m.start()) is not None
                and credits_backward(sentence, m.end())
            )
        ):
            # "Prices indicated a 5% rise": a source only when it follows the verb, or when
            # it closes the sentence after a comma ("..., the Press Office specified.")
            continue
        if word.endswith("ed") and _BE_AFTER_RE.match(lower, m.end()) is not None:
            continue  # "The highest temperature recorded was 44.5": a participle
        if _ARTICLE_BEFORE_RE.search(lower, max(0, m.start() - 6), m.start()):
            continue  # "damaged an estimated 12,000 homes": a participle, not a saying verb
        if word in _NOUN_FORMS and _NOUN_AFTER_RE.match(lower, m.end()) is not None:
            continue  # "Insurance claims from Monday's storm have risen to 52,300"
        if word in _NOUN_FORMS and lower.endswith("ing ", 0, m.start()):
            continue  # "will start taking claims", "filing reports": a noun after a verb
        if word in ("cited", "cites") and lower.endswith((", which ", ", who "), 0, m.start()):
            # "According to OPA, which cited the health ministry, 171 ...": the one cited
            got = object_after(sentence, m.end() + 1)
            if got is not None:
                out.append(Mention(m.start(), got[0], got[1], True))
            continue
        if word in _NOUN_FORMS and _NOUN_BEFORE_RE.search(lower, max(0, m.start() - 60), m.start()):
            continue  # "its own estimate is", "48,000 problem reports": a noun, not a verb
        if word in _DEED_VERBS and _DEED_AFTER_RE.match(sentence, m.end()) is not None:
            continue  # "the heatwave has claimed 38 lives"
        if starts_at(sentence, " by ", m.end()) and (word.endswith("ed") or word in _BY_ONLY):
            # "Cases reported by the ministry rose to 214": the agent after "by" gives it
            got = object_after(sentence, m.end() + 4)
            if got is not None:
                end, text = got
                cut = next((i for i, w in enumerate(text.split()) if w in _LEVEL_VERBS), None)
                if cut is not None:
                    text = " ".join(text.split()[:cut])
                    end = sentence.find(text, m.end()) + len(text)
                if text and not counted_word(text) and body_like(text):
                    # "the €1.2 billion claimed by the union": the number before it
                    after = _NUMBER_BEFORE_RE.search(lower, max(0, m.start() - 30), m.start())
                    out.append(Mention(m.start(), end, text, after is None))
            continue
        if word in _BY_ONLY:
            continue  # "the 312 given by the operator" only: "they were given 40 tents"
        subject = subject_before(sentence, m.start())
        if subject is None:
            continue
        start, text = subject
        if (
            word in PUT_FORMS
            and starts_at(lower, " at ", m.end())
            and not lower[:start].rstrip().endswith(("which", "that", "whom"))
        ):
            # "with peak winds put at 265 km/h", "Savings put at €14.2bn": a passive, the
            # thing put ("stocks, which the port authority put at 2.41m barrels": its object)
            continue
        if opens_with_number(text) or counted_after_number(sentence, start):
            # "Nineteen tornadoes now confirmed", "34 outbreaks confirmed": the things
            # counted, no source
            continue
        if text.startswith(("citing ", "quoting ")):
            continue  # "..., citing ministry estimates": a relay's object, no subject of a verb
        if counted_word(text):
            continue  # "Deaths recorded in hospitals reached 38": the thing counted
        if lower.endswith("its ", max(0, start - 4), start) and _STAFF_RE.fullmatch(text):
            # "its teams recorded 1,140 shells", "its observers counted": people of a body
            # named before, who speak for it ("its director Ana Ruiz said" names a person)
            start, text = start - 4, "it"
        if _PLACE_BEFORE_RE.search(sentence, max(0, start - 12), start) is not None:
            continue  # "In Varn counted 97 per cent": where, not who
        if (
            _WHEN_BEFORE_RE.search(lower, max(0, start - 24), start)
            and lower[m.end() : m.end() + 1] in ",.;"
        ):
            continue  # "... announced after the last polling stations reported,": when, not who
        if (not text[:1].isupper() or text.lower().startswith("the ")) and sentence[
            start + len(text) : m.start()
        ].strip() == ",":
            named = _APPOSED_NAME_RE.search(sentence, 0, start)
            if named is not None and named.group(1).split()[0] not in _OPENERS:
                # "Ana Ruiz, the health minister, said": the person, not the role
                start, text = named.start(1), named.group(1)
        end = m.end()
        if word in ("told", "tells"):
            recipient = object_after(sentence, end)
            if recipient is not None:
                end = recipient[0]
        if (
            word in ("put", "puts", "measured", "measures")
            and " at " not in sentence[m.end() : m.end() + 120]
            and not (word[0] == "m" and MEASURED_RE.match(lower, m.end()))
            and not (word[0] == "p" and PUT_NEAR_RE.search(lower, m.end(), m.end() + 60))
        ):
            continue  # ("a team measured winds of 305 km/h" gives the number it measured)
        if (
            word == "put"
            and _THING_PUT_RE.fullmatch(text)
            and GENERIC_HEAD_SET.isdisjoint(text.lower().split())
        ):
            continue  # "Recall bill put at about €95 million": a headline's passive
        if word in ("gave", "gives") and not _GIVE_RE.match(sentence, m.end()):
            continue
        # "DownTrack estimated 240 users": the number's hedge may take the verb in, and the
        # mention then ends where the verb starts, before it.
        stop = (
            m.start()
            if word.startswith("estimate") and _DIGIT_NEXT_RE.match(lower, m.end())
            else m.end()
        )
        mention = Mention(start, stop, text, not credits_backward(sentence, end))
        if (
            (word in _DEED_COUNT_VERBS or (word in _COMMON_DEED_VERBS and in_common_nouns(text)))
            and mention.forward
            and _COUNT_NEXT_RE.match(lower, m.end()) is not None
            and not names_body(text)
        ):
            deeds.append(mention)
        out.append(mention)
    out.extend(data_mentions(sentence, lower, vocab))
    if "(" in sentence:
        for paren in _PAREN_SOURCE_RE.finditer(sentence):
            # "Cases: 250 (health department)", "27 % (ministry), 70 % (GFL)"
            name = paren.group(1)
            if name[:1].isupper() or not GENERIC_HEAD_SET.isdisjoint(name.lower().split()):
                out.append(Mention(paren.start(1) - 1, paren.end(), name, False))
    if _dashed(sentence):
        dash = _DASH_CREDIT_RE.search(sentence)
        if dash is not None and body_like(dash.group(1)) and len(dash.group(1).split()) <= 5:
            # "Marsa cholera: 29 deaths, 1 400 cases - health ministry.": a bulletin's credit
            out.append(Mention(dash.start(1), dash.end(1), dash.group(1), False))
    if "from" in vocab and not _CAME_WORDS.isdisjoint(vocab):
        for came in _CAME_FROM_RE.finditer(lower):
            # "The figures for the injured (9,120) also came from the authority."
            got = object_after(sentence, came.end())
            if got is not None:
                out.append(Mention(came.start(), got[0], got[1], False))
    if deeds:
        # "Hospitals have admitted 463 patients ..., the ministry said": the one who closes
        # the sentence speaks; the subject of its reported clause only did what is counted.
        out = [x for x in out if x not in deeds or all(y.forward or y.start < x.end for y in out)]
    if out:
        out = _as_sources(out)
    if len(out) > 1 and "according" in vocab:
        out = relayed_by_outlet(sentence, out)
    if out and ", the " in sentence:
        out = gapped_rivals(sentence, out, GENERIC_HEAD_SET)
    if len(out) > 1:
        out.sort(key=_START)
    relayed = (  # "citing X", "quoting X", "according to X, which / who cited Y"
        "citing" in lower or "quoting" in lower or " which cite" in lower or " who cite" in lower
    )
    if out:
        out = [x for x in out if not thing_named(x.written)]  # "The storm puts the toll ..."
    return originals(sentence, out) if relayed else out


def _as_sources(mentions: list[Mention]) -> list[Mention]:
    """Mentions whose words can name a source, each written as the source (``source_words``):
    a reader would rather see no credit than "Monday evening" or "percent of polling
    stations" given as one."""
    out = []
    for mention in mentions:
        written = source_words(mention.written)
        if written == mention.written:
            out.append(mention)
        elif written:
            out.append(mention._replace(written=written))
    return out


_CAME_WORDS: Final = frozenset({"came", "come", "comes"})
# A thing named at a headline's start, one capital opening it: "Recall bill", "Damage".
_THING_PUT_RE: Final = re.compile(r"[A-Z][a-z-]+(?:\s+[a-z-]+){1,3}")
# Participles that credit only with their agent: "a shortfall identified by the ministry".
_BY_ONLY: Final = frozenset(
    {"given", "identified", "compiled", "provided", "supplied", "polled", "surveyed"}
)
# Verbs of what befell a count ("admitted 463 patients", "has recorded 2,301 cases"), whose
# subject gives the number only when no one else is named as saying it.
_DEED_COUNT_VERBS: Final = frozenset(
    {"admitted", "recorded", "registered", "confirmed", "logged", "received"}
)
# Verbs that are a deed only for a thing named in common nouns: "The waiting list counts
# 112 000 persons ..., informed the ministry" (but "Miradel Power counted 131,200 customers
# ..., VNA said": the company counted them, VNA relays).
_COMMON_DEED_VERBS: Final = frozenset({"counts", "counted", "lists", "listed"})
_COUNT_NEXT_RE: Final = re.compile(
    r"\s+(?:(?:at\s+least|more\s+than|about|some|nearly|over|almost|around|another)\s+)?\d"
)


_DIGIT_NEXT_RE: Final = re.compile(r"\s+\d")
# Every word a source is found by (one set test for a sentence that holds none of them).
_SOURCE_WORDS: Final = _VERB_WORDS | DATA_WORDS | _CAME_WORDS
# A body's own people or instruments, one lowercase plural ("teams", "observers", "sensors").
_STAFF_RE: Final = re.compile(r"[a-z]+s")
# A preposition of place right before a would-be subject: the name is where it happened.
_WHEN_BEFORE_RE: Final = re.compile(
    r"\b(?:after|before|when|once|until)\s+(?:all\s+|the\s+)?(?:\d[\d,.]*\s+)?$"
)
_PLACE_BEFORE_RE: Final = re.compile(r"(?:^|\s)(?:[Ii]n|[Aa]t|[Aa]cross|[Tt]hroughout)\s+$")


def _dashed(sentence: str) -> bool:
    return " - " in sentence or " – " in sentence or " — " in sentence


# A credit after a dash closing a bulletin line: "29 deaths, 1 400 cases - health ministry".
_DASH_CREDIT_RE: Final = re.compile(
    r"\d[^-–—]*\s[-–—]\s+((?:the\s+)?[A-Za-z][\w'’ .&-]{1,50}?)\.?\s*$"
)
_BE_AFTER_RE: Final = re.compile(
    r"\s+(?:on\s+[a-z]+day\s+|last\s+week\s+|earlier\s+)?(?:so\s+far\s+|to\s+date\s+)?"
    r"(?:was|were|is|are|stood|stands)\b"
)
# A number right before a participle: "the €1.2 billion claimed by", "300 deaths reported by".
_NUMBER_BEFORE_RE: Final = re.compile(r"\d[\d,.]*\s*(?:[a-z%]+\s+){0,2}$")
# "an estimated", "a reported": the verb is an adjective of what follows.
# "of confirmed cases", "the reported toll": no verb follows a preposition or an article.
_ARTICLE_BEFORE_RE: Final = re.compile(r"(?:^|\b)(?:an?|the|of|with|its|their)\s+$")
# Verb forms that are also nouns ("reports", "estimate"): a noun after a possessive ("its own
# estimate", "the company's first estimate") or a number ("48,000 problem reports").
_NOUN_FORMS: Final = frozenset(
    "reports estimate estimates claim claims forecast forecasts notes posts tweets quotes "
    "measures registers fears".split()
)
_NOUN_BEFORE_RE: Final = re.compile(
    r"(?:\b(?:its|their|his|her|our|my|your|whose|the|this|that|these|those)|\w['’]s?|\d)\s+"
    r"(?:(?:own|first|latest|new"
    r"|initial|earlier|official|preliminary|provisional|final|updated|previous|original|revised"
    r"|last|recent|daily|weekly|monthly|annual)\s+)*$"
    r"|\d\s+[a-z-]+\s+$"
    # "its insured-loss estimate", "a growth forecast": a noun of what is reckoned before it
    r"|\b[a-z]+-[a-z]+\s+$|\b(?:loss|damage|cost|growth|inflation|sales|revenue|profit|price"
    r"|deficit|turnout|crowd|casualty)\s+$"
)
# After a verb form that is also a noun: "Insurance claims from the storm have risen".
_NOUN_AFTER_RE: Final = re.compile(
    r"\s+(?:from|of|for|filed|have|has|had|were|are|is|was|rose|risen|reached|stand|stood"
    r"|totalled|totaled)\b"
)
# Verbs of a count's level, which end an agent read after "reported by".
_LEVEL_VERBS: Final = frozenset(
    """
    rose reached climbed stood stands totalled totaled hit increased fell jumped was were is
    are has have had numbered grew topped exceeded surpassed doubled
    """.split()
)
# A source in brackets right after a number: "250 (health department)".
_PAREN_SOURCE_RE: Final = re.compile(r"\d\s*%?\s*\(([A-Za-z][A-Za-z' .&-]{1,40})\)")
_CAME_FROM_RE: Final = re.compile(r"\b(?:came|come|comes)\s+from\s+")


_START = attrgetter("start")
# A quoted speaker's own words: "We have counted 41 bodies," said X. X gives the number.
_FIRST_PERSON: Final = frozenset({"we", "i"})
_QUOTE_CHARS: Final = "\"“”‘’' "


def credited(mentions: Sequence[Mention], pos: int) -> Mention | None:
    """The mention that credits the number at ``pos`` of its sentence, if any."""
    before = [x for x in mentions if x.end <= pos]
    after = [x for x in mentions if x.start >= pos]
    fwd = before[-1] if before and before[-1].forward else None
    back = after[0] if after and not after[0].forward else None
    if back is not None and is_pronoun(back.written) and len(after) > 1:
        # "3,140 jobs, more than it first announced, the agency CORPRESS reported": the
        # pronoun of a clause of comparison gives way to the name that closes the sentence
        back = next((x for x in after[1:] if not x.forward), back)
    if fwd is not None and back is not None:
        # "X puts the toll at 300, Y reported": X is who gave the number, Y relays it. A
        # pronoun says nothing of who: '"We have counted 41 bodies," said Erik Dahl'.
        if fwd.written.strip(_QUOTE_CHARS).lower() in _FIRST_PERSON and not is_generic(
            back.written
        ):
            return back
        return fwd
    if fwd is not None or back is not None:
        return fwd or back
    # A forward mention further back still credits what follows it when nothing intervenes.
    for x in reversed(before):
        if x.forward:
            return x
    if len(mentions) == 1:
        return mentions[0]
    return None


__all__ = [
    "SAYING_WORDS",
    "Mention",
    "credited",
    "find_mentions",
    "is_generic",
]
