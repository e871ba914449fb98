"""Small developing stories, written for the fact tests (not the benchmark gold).

Each story is a few articles in the seed format, told by different outlets in their own ways,
with the facts a careful reader would line up. Kept apart from bench/facts (written by someone
else, against which newsdesk is measured) so the rules are shaped by these and only measured
there.
"""

from __future__ import annotations

from store.model import Article
from store.parse import parse_text


def article(
    title: str,
    published: str,
    source: str,
    lead: str,
    points: tuple[str, ...] = (),
    body: tuple[str, ...] = (),
) -> Article:
    """An article in the seed file format, parsed as an import would parse it."""
    lines = [title, "Category", "World", "Publication date", published, "", title]
    lines += [f"Source:\u00a0 {source}", "", lead, ""]
    if points:
        lines += ["Key points", ""] + [f"  • {p}" for p in points] + [""]
    if body:
        lines += ["The details", ""]
        for paragraph in body:
            lines += [paragraph, ""]
    return parse_text("\n".join(lines))


# Two waves of troops, a disputed first deployment, a total, another army's troops.
TROOPS = [
    article(
        "North Korea sends troops to Russia, Seoul says",
        "2024-11-04",
        "Wire A",
        "North Korea has sent about 11,000 troops to Russia, South Korea's spy agency said on "
        "Monday.",
        body=("Most of the soldiers are now in the Kursk region, the agency added.",),
    ),
    article(
        "US puts North Korean deployment higher",
        "2024-11-06",
        "Paper B",
        "Some 12,000 North Korean soldiers have been sent to Russia, US officials told reporters.",
    ),
    article(
        "Pyongyang reinforces its units in Kursk",
        "2025-02-27",
        "Agency C",
        "North Korea has sent between 1,000 and 3,000 additional troops to Russia since early "
        "February, the National Intelligence Service said on Thursday.",
        body=(
            "Pyongyang sent about 11,000 soldiers to fight for Moscow last year, according to "
            "the NIS.",
        ),
    ),
    article(
        "More North Korean soldiers arrive at the front",
        "2025-03-03",
        "Site D",
        "More than 1,000 new soldiers from North Korea have arrived since February, according "
        "to the NIS.",
        points=(
            "Russia has massed 50,000 Russian troops in the Kursk region.",
            "In all, about 14,000 North Korean troops have been sent so far, Seoul says.",
        ),
    ),
]
TROOPS_FACTS = {
    # (key, a distinctive qualifier or period part) -> (articles (column numbers), verdict)
    "first": ({0, 1, 2}, "conflict"),
    "additional": ({2, 3}, "agree"),
    "Russian": ({3}, "single"),
    "total": ({3}, "single"),
}

# Two fires at once, each with its acres; a toll revised upward over days; a same-day dispute.
FIRES = [
    article(
        "Two wildfires tear through the hills",
        "2025-01-08",
        "Wire A",
        "The Palisades fire has burned 2,900 acres and the Eaton fire about 10,600 acres, "
        "officials said.",
        points=("At least 2 people have died.", "More than 30,000 people were told to leave."),
    ),
    article(
        "Fires grow overnight",
        "2025-01-09",
        "Daily B",
        "The Palisades fire grew to 17,234 acres by Thursday morning, Cal Fire said.",
        body=(
            "Further east, the Eaton fire has scorched 10,600 acres. It has destroyed about "
            "1,000 structures.",
            "Five people have been killed, the county sheriff said.",
        ),
    ),
    article(
        "Death toll rises as fires burn on",
        "2025-01-11",
        "Broadcaster C",
        "At least 11 people have been killed, the Los Angeles County medical examiner said.",
        points=(
            "The Palisades fire stands at 23,713 acres.",
            "The Eaton fire has burned 14,117 acres.",
        ),
    ),
    article(
        "Bulletin: fires",
        "2025-01-11",
        "Bulletin D",
        "Eaton fire: about 14,100 acres. Palisades fire: about 23,700 acres. The sheriff "
        "reports 16 people killed, while the medical examiner says 11 people have died.",
    ),
]
# Palisades acres move up over days (revised); Eaton acres too; killed has a same-day dispute.
FIRES_ACRES = {"Palisades fire": "revised", "Eaton fire": "revised"}
