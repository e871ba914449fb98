"""Who-said-it rules of the credits13 branch: each credit names a body or a person, or nobody."""

from __future__ import annotations

import pytest

from store.figures import extract_article
from store.model import Article, Section


def _credits(lead: str, body: tuple[str, ...] = ("No more.",)) -> list[str]:
    got = extract_article(Article(title="t", lead=lead, sections=[Section("", list(body))]))
    return [f.attribution.removeprefix("the ") for f in got]


@pytest.mark.parametrize(
    ("sentence", "credited"),
    [
        (
            "The storm killed 31 people, according to the balance updated on Tuesday by "
            "the Coast Guard.",
            "Coast Guard",
        ),
        (
            "Sales fell 4%, according to the figures released this week by Dorvan Statistics.",
            "Dorvan Statistics",
        ),
        (
            "Exports fell 9%, according to a statement issued late on Monday by the Grain Board.",
            "Grain Board",
        ),
    ],
)
def test_what_a_body_made_public_credits_the_body(sentence: str, credited: str) -> None:
    assert _credits(sentence) == [credited]
