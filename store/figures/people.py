"""What befell a count of people, read from the words around it: "300 people were killed",
"claimed 38 lives", "22 of them seriously", "rescue workers" (no people rescued), "emergency
personnel" (no troops outside a war).

Kept apart from ``store.figures.claims`` (which builds a claim from every figure) because
these rules only ever turn a count of people, or of something an event befell, into the key
of what happened to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from store.figures import qualifiers as ql
from store.figures.lexicon import EVENT_GROUPS, Lexicon
from store.figures.readings import event_phrase
from store.model import Figure

STEM = 5  # words are compared by their first letters: "evacuation" and "evacuated" agree

# Keys that name people in general: the fact is what their sentence says happened to them.
GENERIC_KEYS: Final = frozenset(
    """
    people person persons individual individuals other others resident residents inhabitant
    inhabitants local locals citizen citizens member members number figure total count tally
    estimate
    """.split()
)
# Keys of people an event can happen to: "two soldiers it captured" are prisoners.
PEOPLE_KEYS: Final = GENERIC_KEYS | frozenset(
    {"troops", "civilians", "worker", "child", "man", "woman"}
)


@lru_cache(maxsize=8)
def stem_groups(lexicon: Lexicon) -> dict[str, str]:
    """Stem -> synonym group for every single plain word of the lexicon ("evacu" ->
    displaced); a stem two groups share names neither. Words with a hyphen or a digit are
    names of models ("straight-six", "v8"): their first letters ("strai") would match
    ordinary words ("Strait")."""
    out: dict[str, str] = {}
    shared: set[str] = set()
    for key, words in lexicon.groups.items():
        for word in [key, *words]:
            if len(word) >= 4 and word.isalpha() and not _compound_person(word):
                stem = word.lower()[:STEM]
                if out.setdefault(stem, key) != key:
                    shared.add(stem)  # "custody" and "customers": the stem tells neither
    for stem in shared:
        del out[stem]
    return out


def _compound_person(word: str) -> bool:
    """Whether a word is a noun compounded with "-men"/"-members" ("servicemen",
    "servicemembers", "policemen"):
    its first letters are another noun's ("service", "police"), which names no people, and
    it has no inflections for a stem to catch (both numbers are listed)."""
    return len(word) > STEM + 2 and word.lower().endswith(("men", "man", "members", "member"))


# Verbs people do (not undergo) that end in neither "-ed" nor a lexicon word.
_ACTION_VERBS: Final = frozenset(
    """
    took take takes live lives came come went go turned turn joined join gathered watched
    attended signed mourned held hold ran run fled left
    """.split()
)


_BE = frozenset("is are was were be been being".split())
# Participles that say how a count is known, with its event after them ("412 persons are
# considered missing", "20 feared dead").
_STATUS_VERBS: Final = frozenset(
    "considered believed feared presumed thought reported listed declared confirmed "
    "registered recorded estimated said".split()
)


# Verbs whose object is what befell their subject, not what it did: "received injuries",
# "suffered burns", "sustained fractures" say the people were hurt.
_UNDERGO_VERBS: Final = frozenset(
    "received receive receives suffered suffer suffers sustained sustain sustains incurred "
    "underwent undergo".split()
)


def own_verb(low: str, prev: str = "") -> bool:
    """Whether a word right of a count of people is their own verb (an action of theirs:
    "attended", "watched", "took"), not a passive ("were treated") nor how they are known
    ("are considered missing")."""
    if low in _ACTION_VERBS:
        return True
    if low in _UNDERGO_VERBS:
        return False  # "78 persons received injuries": what follows befell them
    return len(low) >= 6 and low.endswith("ed") and prev not in _BE and low not in _STATUS_VERBS


_LEAVE_VERBS: Final = frozenset("left leave leaving abandoned abandon quit deserted".split())
_HOMES: Final = frozenset("home homes house houses housing".split())


def left_home(right: Sequence[str]) -> str:
    """ "displaced" when people are said to leave their homes ("12,000 residents have left
    their homes", "had to abandon their houses"): whatever the verb, they are displaced."""
    lows = [w.lower() for w in right[:6]]
    for i, word in enumerate(lows[:4]):
        if word in _LEAVE_VERBS and _HOMES.intersection(lows[i + 1 : i + 3]):
            return "displaced"
    return ""


_RECEIVE_VERBS: Final = frozenset("received receive receives got get gets".split())
_OBJECT_SKIP: Final = frozenset("their the a an new own".split())


def received_things(right: Sequence[str]) -> str:
    """The things a count of people received, one each, when the words after it say so:
    "the first 410,000 clients received letters" counts letters sent, "300 students got
    scholarships" scholarships given; "" when no plural noun follows the verb."""
    lows = [w.lower() for w in right[:7]]
    for i, word in enumerate(lows[:4]):
        if word in _RECEIVE_VERBS:
            j = i + 1
            while j < len(lows) and lows[j] in _OBJECT_SKIP:
                j += 1
            # "got reminder texts": the head is the last noun of the object
            while j + 1 < len(lows) and right[j].isalpha() and _plural_noun(right[j + 1]):
                j += 1
            if j < len(lows) and _plural_noun(right[j]):
                return right[j].lower()
            return ""
    return ""


def _plural_noun(raw: str) -> bool:
    word = raw.lower()
    return (
        word.isalpha()
        and len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and raw[:1].islower()
    )


_VOTER_STATES: Final = frozenset("registered eligible entitled allowed able enrolled".split())


def voters(right: Sequence[str]) -> bool:
    """Whether people are counted as voters: "6.1 million Kestovians were registered to
    vote", "some 40 million are eligible to vote" are the registered voters."""
    lows = [w.lower() for w in right[:6]]
    for i in range(1, len(lows) - 2):
        if lows[i] in _VOTER_STATES and lows[i + 1] == "to" and lows[i + 2] == "vote":
            return lows[i - 1] in _BE or lows[i - 1] in _VOTER_STATES or i == 1
    return False


# What an idiom says people were (on board), which an event after it overrides: "all 180
# people on board were killed" counts the dead.
_STATES: Final = frozenset({"passenger"})
# "nearly 4,000 killed and wounded": one count of both, the casualties.
BOTH_EVENTS: Final = frozenset({"killed", "injured", "casualties"})
# Verbs that only carry an event noun after them ("suffered injuries", "sustained burns").
_SUFFERED: Final = frozenset({"suffered", "suffer", "suffers", "sustained", "sustain", "sustains"})


def _suffered(right: Sequence[str], groups: dict[str, str]) -> str:
    """The event a verb that only carries it names, after the counted words: "31 police
    officers suffered injuries", "12 sustained serious burns" ("" when none follows within
    three words)."""
    lows = [w.lower() for w in right[:7]]
    at = next((i for i, w in enumerate(lows[:4]) if w in _SUFFERED), -1)
    if at < 0:
        return ""
    for low in lows[at + 1 : at + 4]:
        group = groups.get(low[:STEM]) if len(low) >= 4 else None
        if group in EVENT_GROUPS:
            return group
    return ""


def resolve_event(key: str, right: Sequence[str], lexicon: Lexicon) -> str:
    """The event a count of people went through, when the words right after it say so:
    "4,000 killed and wounded" -> casualties, "two soldiers it captured" -> prisoners."""
    groups = stem_groups(lexicon)
    found: list[str] = []
    joined = False  # two events written as one pair: "killed and wounded"
    event = ""
    if key in PEOPLE_KEYS or key in lexicon.people_keys:
        event = event_phrase(right) or left_home(right) or _suffered(right, groups)
        if event and event not in _STATES:
            return event  # "160,000 residents have lost their homes"
    low = ""
    for word in right[:6]:  # "two servicemen of the army, captured last week"
        prev, low = low, word.lower()
        if low in ("and", "or"):
            if not found:
                break  # "15,000 troops and 300 killed": the event is another count's
            joined = True
            continue
        group = groups.get(low[:STEM]) if len(low) >= 4 else None
        if group in EVENT_GROUPS:
            found.append(group)
            if joined:
                break
        elif found or own_verb(low, prev):
            break  # "2 million people watched the rescue": not the rescued
    if joined and len(set(found) & BOTH_EVENTS) >= 2:
        return "casualties"
    if event and not found:
        return event  # "283 people on board": where they were, when nothing befell them
    if found and key in PEOPLE_KEYS:
        return found[0]
    return key


# Words of the troops group that name soldiers only among soldiers: "emergency personnel",
# "fire fighters", "security forces", "a task force".
_SOMETIMES_TROOPS: Final = frozenset({"personnel", "fighters", "fighter", "forces", "force"})
_SINGULAR_ROLES: Final = {
    "forces": "force",
    "fighters": "fighter",
    "workers": "worker",
    "crews": "crew",
    "teams": "team",
    "volunteers": "volunteer",
    "officers": "officer",
    "officials": "official",
    "employees": "employee",
    "members": "member",
    "specialists": "specialist",
    "experts": "expert",
    "responders": "responder",
    "medics": "medic",
}
# Words that make a sentence military: then "personnel" or "fighters" are soldiers.
_MILITARY: Final = frozenset(
    """
    troops soldiers soldier army armies military armed war wars front frontline battle battles
    brigade brigades battalion battalions regiment regiments division navy naval marines
    defence defense combat invasion offensive artillery militia militias rebel rebels
    insurgents insurgent mercenaries mercenary deployment deployments contingent drafted
    conscripts reservists paramilitary jihadist jihadists occupation enemy
    """.split()
)


def military(figure: Figure, left: Sequence[str], right: Sequence[str]) -> bool:
    """Whether a count keyed as troops is of soldiers: it names them with a word that only
    names soldiers, or its sentence speaks of war (an army, a front, a deployment)."""
    words = figure.counts.lower().split()
    if not words or _SOMETIMES_TROOPS.isdisjoint(words):
        return True
    if not _MILITARY.isdisjoint(w.lower() for w in figure.sentence.split()):
        return True
    return bool(figure.qualifier and ql.parse(figure.qualifier).actor)


# Nouns of people by their work: the word before them says what work ("rescue workers").
ROLE_NOUNS: Final = frozenset(
    """
    personnel workers worker staff crews crew teams team volunteers officers officials
    employees members specialists experts responders medics
    """.split()
)


def civil_key(counts: str) -> str:
    """The key of people a troops word names outside a war: its own singular word."""
    words = counts.lower().split()
    last = words[-1] if words else "personnel"
    return _SINGULAR_ROLES.get(last, last)


# Verbs right before a count of people (or of lives) that say what happened to them.
_VERB_EVENTS: Final = {
    "claimed": "killed",
    "claiming": "killed",
    "claims": "killed",
    "took": "killed",
    "cost": "killed",
    "sickened": "case",
    "sickening": "case",
    "infected": "case",
    "infecting": "case",
    "hospitalised": "hospitalised",
    "hospitalized": "hospitalised",
    "evacuated": "displaced",
    "evacuating": "displaced",
    "saved": "rescued",
    "trapped": "trapped",
    "trapping": "trapped",
    "stranded": "trapped",
    "saving": "rescued",
}
LIFE_KEYS: Final = frozenset({"life", "lives"})
NUMBER_WORDS: Final = frozenset(
    """
    one two three four five six seven eight nine ten eleven twelve dozen dozens hundred
    hundreds thousand thousands million millions billion billions trillion
    """.split()
)


def deed_verb(left: Sequence[str]) -> bool:
    """Whether a verb of a deed stands right before the count ("pulled 14 miners alive"),
    not a verb of being ("the 9 miners remain alive")."""
    last = left[-1].lower() if left else ""
    return (last.endswith("ed") and len(last) > 4) or last in ("found", "brought", "dug", "got")


# Helpers between a count of people and the participle said of them ("were", "have been").
_PASSIVE_HELPERS: Final = frozenset(
    "were was have has had been being are is more also then later all".split()
)
_IRREGULAR_DEEDS: Final = frozenset("taken brought dug found got gotten freed drawn".split())


def done_alive(right: Sequence[str]) -> bool:
    """Whether the words after a count of people say a deed brought them out alive, in the
    passive: "nine miners were pulled out alive", "3 climbers more were brought down alive",
    "were dug from the rubble alive". The active form is ``deed_verb`` on the left; a verb
    of being ("remain alive") is no deed."""
    lows = [w.lower() for w in right[:10]]
    if "alive" not in lows:
        return False
    i = 0
    while i < 2 and i < len(lows) and lows[i] not in _PASSIVE_HELPERS:
        i += 1  # the counted noun itself ("nine miners were ...")
    start = i
    while i < len(lows) and lows[i] in _PASSIVE_HELPERS:
        i += 1
    if i == start or i >= len(lows):
        return False  # no helper: "9 miners remain alive", "12 pulled alive" is no passive
    verb = lows[i]
    if not (verb in _IRREGULAR_DEEDS or (verb.endswith("ed") and len(verb) > 4)):
        return False
    return lows.index("alive") - i <= 5


def verb_before(left: Sequence[str]) -> str:
    """The event a verb right before a count of people names ("the heatwave has claimed 38
    lives", "claimed the lives of 38 people", "the outbreak sickened 214 people")."""
    lows = [w.lower() for w in left[-4:]]
    if lows[-3:-1] == ["the", "lives"] and lows[-1] == "of" and len(lows) == 4:
        return _VERB_EVENTS.get(lows[0], "")
    return _VERB_EVENTS.get(lows[-1], "") if lows else ""


_SEVERITY = frozenset({"seriously", "critically", "severely", "gravely", "badly", "serious"})
_SUBSET_SKIP: Final = frozenset(
    "were are was is remain remained remains still now being with".split()
)


def subset_event(right: Sequence[str], lexicon: Lexicon) -> str:
    """What happened to a part of a count, written right after "of them" ("22 of them
    seriously", "of whom 12 were critically hurt"): the first event word of its clause."""
    for word in right[:4]:
        low = word.lower()
        if low in _SUBSET_SKIP:
            continue
        if low in _SEVERITY:
            return "critical condition"  # "22 of them seriously"
        group = lexicon.group_of(low) if len(low) >= 4 else None
        if group in EVENT_GROUPS:
            return group
        if group is None:
            return ""
    return ""
