"""Sources named in a sentence (``Mention``) and the relays between them: an outlet "citing"
or "quoting" a body, or saying what the one named "according to" at the end counted, passes
its numbers on; the body is who gave them.

Kept apart from ``attribution`` (which finds the mentions) so each stays readable: these
rules run only on sentences that name two sources.
"""

from __future__ import annotations

import re
from operator import attrgetter
from typing import Final, NamedTuple

from store.figures.source_phrases import TIME_AFTER_RE
from store.figures.source_words import outlet_like


class Mention(NamedTuple):
    """A source named in a sentence: its span, the name as written, and which way it credits.

    ``forward`` mentions ("X said ...", "According to X, ...") credit numbers after them;
    the others ("..., X said", "..., according to X") numbers before them. A named tuple:
    one is built for most sentences holding a figure, a third of the cost of a dataclass.
    """

    start: int
    end: int
    written: str
    forward: bool


_START = attrgetter("start")
# "Reuters, quoting the ministry, said"; "according to VNA, which cited the ministry" (a
# mention that starts at "cited" is only ever that relative clause's: ``attribution``).
_RELAY_WORDS: Final = ("citing", "quoting", "cited ", "cites ")
_RELATIVES: Final = frozenset({"which", "who"})
_RELAY_ADVERBS: Final = frozenset({"again", "also", "once again"})  # "said, again citing"


def originals(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """Who gave a number rather than who relays it: "VNA reported, citing the Chamber of
    Commerce" and "Lindorpress, citing Lindoran intelligence, says" credit the cited source."""
    cited = [
        m for m in mentions if sentence[m.start : m.start + 7].lower().startswith(_RELAY_WORDS)
    ]
    if not cited:
        return mentions
    out: list[Mention] = []
    for mention in mentions:
        if mention in cited:
            continue
        source = next(
            (
                c
                for c in cited
                if mention.start <= c.start < mention.end  # inside the relay's subject
                or 0 <= c.start - mention.end <= 3  # right after it: "VNA reported, citing"
                or sentence[mention.end : c.start].strip(" ,").lower() in _RELAY_ADVERBS
                or sentence[mention.end : c.start].strip(" ,").lower() in _RELATIVES
                # "Citing figures from the rescue service, the Herald said 16 ...": the
                # citing phrase opens the sentence right before the relay's subject
                or (c.start == 0 and not sentence[c.end : mention.start].strip(" ,"))
                or time_between(sentence, mention.end, c.start)  # "reported on Monday, citing"
                or (  # "X reported that ..., citing Y.": the citing closes the clause X reports
                    mention.forward
                    and len(mentions) == 2
                    and c.end >= len(sentence.rstrip(" .")) - 1
                    and (
                        sentence[mention.end : mention.end + 6].lower() == " that "
                        # "The agency put the bill at €42m, citing ministry estimates."
                        or mention.start == 0
                    )
                )
            ),
            None,
        )
        if source is not None:
            # (a citing that closes the reported clause leaves the numbers between them out)
            end = mention.end if source.start - mention.end > 24 else max(mention.end, source.end)
            mention = Mention(mention.start, end, source.written, mention.forward)
        out.append(mention)
    used = {m.written for m in out}
    out.extend(c for c in cited if c.written not in used)
    out.sort(key=lambda x: x.start)
    return out


def relayed_by_outlet(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """ "Ardpress said the petition had drawn 300,000 signatures, according to Citizens for a
    Vote": an outlet that says what the one named at the end counted relays it, as "citing"
    would say (the one named at the end is no outlet itself)."""
    last = max(mentions, key=_START)
    if last.forward or outlet_like(last.written) or last.end < len(sentence.rstrip(' ."”')) - 1:
        return mentions
    if not sentence.lower().startswith("according", last.start):
        return mentions
    return [
        m._replace(written=last.written) if m.forward and outlet_like(m.written) else m
        for m in mentions
    ]


def time_between(sentence: str, end: int, start: int) -> bool:
    """Whether only a time ("on Thursday", "late on Monday", "earlier") and a comma lie
    between a relaying outlet's verb and the source it cites."""
    if not 0 < start - end <= 24:
        return False
    gap = TIME_AFTER_RE.match(sentence, end)
    return gap is not None and gap.end() > end and not sentence[gap.end() : start].strip(" ,")


# A gapped clause that gives a rival body's number: "the police counted 6 500 participants,
# the organisers 12 000" (the verb and the thing are the first clause's).
_GAPPED_SOURCE_RE: Final = re.compile(
    r", (?P<name>the (?P<head>[a-z]+))(?= (?:about |some |nearly |around |more than |at least "
    r"|over |almost )?\d[\d ,.]*\s*(?:[.;]|$))"
)


def gapped_rivals(sentence: str, mentions: list[Mention], heads: frozenset[str]) -> list[Mention]:
    """``mentions`` with the body of each gapped rival clause added: the one that counted the
    first number credits it ahead of its clause, and a body named where that clause's subject
    stood ("the organisers", a word of ``heads``) credits the number of its own clause."""
    out = list(mentions)
    for m in _GAPPED_SOURCE_RE.finditer(sentence):
        if m.group("head") not in heads:
            continue
        before = [x for x in mentions if x.end <= m.start()]
        if before and before[-1].forward and not any(x.start >= m.start() for x in mentions):
            out.append(Mention(m.start("name"), m.end("name"), m.group("name"), True))
    return out
