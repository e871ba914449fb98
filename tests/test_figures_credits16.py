"""Who-said-it rules of the sixteenth session, learnt from stories scored blind: the verbs of
translated bulletins ("informed today the X", "the X precised"), the body that closes a
sentence speaking for the clause it reports, and names that are no names."""

from __future__ import annotations

import pytest

from store.figures import extract_article
from store.figures.attribution import find_mentions
from store.figures.source_phrases import object_after
from store.figures.source_words import source_words
from store.figures.sources import clean_written
from store.model import Article, Figure, Section


def _figures(lead: str, body: str = "No more.") -> list[Figure]:
    return extract_article(Article(title="t", lead=lead, sections=[Section("", [body])]))


def _credits(lead: str) -> list[str]:
    return [f.attribution.removeprefix("the ") for f in _figures(lead)]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "The number of flooded homes in Varsk rose from 310 to 455, informed today the "
            "Water Management Agency.",
            "Water Management Agency",
        ),
        ("Altogether 27 people were evacuated by boat, the Fire Service precised.", "Fire Service"),
        (
            "The Teachers' Union repeated on Monday that some 1,900 posts are vacant.",
            "Teachers' Union",
        ),
    ],
)
def test_the_verbs_of_translated_bulletins_credit_the_body_after_or_before_them(
    sentence: str, source: str
) -> None:
    assert _credits(sentence) == [source]


def test_the_body_closing_a_sentence_speaks_for_the_place_that_recorded_the_count() -> None:
    got = _credits(
        "Clinics have admitted 212 children since Sunday, 18 of whom need oxygen, the "
        "health department said."
    )
    assert got == ["health department", "health department"]
    got = _credits("Norvale has recorded 640 cases this year, according to the Disease Bureau.")
    assert got == ["Disease Bureau"]
    # a body that counts is still the one who gives its own count
    got = _credits("The Disease Bureau has recorded 640 cases, the Harbour Post reported.")
    assert got == ["Disease Bureau"]


def test_a_relaying_outlet_that_cited_someone_gives_way_to_them() -> None:
    got = _credits(
        "According to Velnews, which cited the energy regulator, 84,000 homes lost power."
    )
    assert got == ["energy regulator"]


def test_a_pronoun_of_a_comparison_gives_way_to_the_name_closing_the_sentence() -> None:
    got = _credits(
        "The bank will shut 140 branches, more than it first announced, the news agency "
        "Teltra reported on Friday."
    )
    assert got == ["Teltra"]


def test_a_verb_after_an_article_or_a_preposition_is_an_adjective() -> None:
    # "confirmed" is no verb of "the number of", so the name before "put" stays whole
    got = _credits(
        "The National Institute of Animal Health put the number of confirmed outbreaks at 38."
    )
    assert got == ["National Institute of Animal Health"]


def test_a_clause_of_modals_and_a_noun_after_a_gerund_name_nobody() -> None:
    assert _credits("The €9 million fund that Kelvar set up will start taking claims soon.") == [""]


def test_the_one_a_number_was_given_by_gives_it() -> None:
    assert _credits("That is far above the 312 given by the ferry operator.") == ["ferry operator"]


def test_analysts_at_a_firm_who_think_a_number_give_it() -> None:
    got = _credits("Analysts at Brenner Capital think the loss is closer to €7 million.")
    assert got == ["Brenner Capital"]


def test_what_an_outlet_is_written_before_its_name_is_no_part_of_it() -> None:
    assert clean_written("Local news site Harbour Today") == "Harbour Today"
    assert clean_written("the Corvenian news agency CORPRESS") == "CORPRESS"
    # a body with a lowercase word inside keeps its name
    assert clean_written("Agency for Coastal Safety") == "Agency for Coastal Safety"


def test_figures_carried_by_an_outlet_belong_to_their_owner() -> None:
    got = _credits("Ilsk has 1,286 cases, according to the institute's figures carried by CPA.")
    assert got == ["institute"]


def _keys(lead: str) -> list[str]:
    return [f.key for f in _figures(lead)]


def test_job_losses_count_jobs() -> None:
    assert _keys("The carmaker's plan foresees 4,100 job losses.") == ["job"]


def test_a_market_that_closed_the_session_is_what_the_change_is_of() -> None:
    assert _keys("Velmar shares ended the session down 6.4%.") == ["share"]
    assert _keys("The index closed the week 2.1% higher.") == ["index"]


def test_an_outlet_that_says_what_the_one_named_at_the_end_counted_relays_it() -> None:
    got = _credits(
        "Velpress said the petition had drawn 41,000 signatures, according to Parents for "
        "Safe Roads."
    )
    assert got == ["Parents for Safe Roads"]
    # a body that says it is no relay
    got = _credits("The ministry said 41 schools had shut, according to Velpress.")
    assert got == ["ministry"]


def test_a_generic_company_is_never_the_outlet_named_before_it() -> None:
    got = _figures(
        "Dunmore Chips said it would cut 900 jobs, the news site Techwire reported.",
        "Kalpress, quoting the company, put the figure on Tuesday at 1,385.",
    )
    assert [f.attribution for f in got] == ["Dunmore Chips", "Dunmore Chips"]


def test_a_clause_of_a_law_or_a_schedule_is_no_source() -> None:
    got = _credits("Prosecutors will seek terms of 6 to 9 years, according to Article 214.")
    assert got == [""]
    assert _credits("About 410 000 households get water according to a schedule.") == [""]


def test_a_body_s_own_count_is_the_body_s() -> None:
    assert clean_written("own election commission") == "election commission"


def test_a_shortfall_identified_by_a_body_is_credited_to_it() -> None:
    assert _credits(
        "The dispute is over a €4.2bn shortfall identified by the Finance Ministry."
    ) == ["Finance Ministry"]


def test_a_clause_of_its_own_after_a_number_credits_only_what_follows_it() -> None:
    got = _credits(
        "The league has 112 clubs, and officials said they expected more to join next year."
    )
    assert got == [""]
    got = _credits("A grant of €800m will follow in October, which the ministry does not expect.")
    assert got == [""]
    # the clause's own number is still its speaker's
    got = _credits("The league has 112 clubs, and officials said 9 more would join.")
    assert got == ["", "officials"]


def test_a_name_set_after_a_generic_one_between_commas_is_the_source() -> None:
    got = _credits(
        "The fair drew some 61,000 visitors, according to its organiser, Harbour Events, "
        "which said all stands were sold."
    )
    assert got == ["Harbour Events"]


def test_an_outlet_again_citing_a_body_s_figures_relays_them() -> None:
    got = _figures(
        "The Vaskorian Health Institute (VHI) counts 131 cases.",
        "More than 40 of the cases are in Dravik, the local paper said, again "
        "citing institute figures.",
    )
    assert [f.attribution for f in got] == ["Vaskorian Health Institute"] * 2


def test_a_generic_firm_is_not_an_institute_written_as_its_acronym() -> None:
    got = _figures(
        "The Vaskorian Health Institute (VHI) counts 131 cases.",
        "VHI said 12 remain in hospital. The firm said 8,600 packs were recalled.",
    )
    assert got[-1].attribution not in ("VHI", "Vaskorian Health Institute")


def test_a_bulletin_s_dateline_and_its_evening_credit_are_read_apart() -> None:
    got = _credits(
        "Port Arlen, 10 March (KNA) – The Civil Defence Office informed this evening that "
        "2 763 persons have been evacuated."
    )
    assert got == ["Civil Defence Office"]
    got = _credits("The toll is 9, informed this evening the Fire Service (FS).")
    assert got == ["Fire Service"]


def test_the_one_behind_an_annual_ranking_gives_its_numbers() -> None:
    got = _credits(
        "According to the annual ranking of the consultancy Ardis & Crane, the club "
        "earned 186 million euros."
    )
    assert got == ["Ardis & Crane"]


def test_a_passive_with_an_adverb_names_no_one() -> None:
    assert _credits("The cost is preliminarily estimated at 18 million euros.") == [""]


def test_a_group_that_claimed_an_attack_is_no_source_of_the_sum_it_demanded() -> None:
    got = _credits(
        "A gang calling itself Grey Moth claimed the attack and demanded $4.5 million, "
        "according to the Cyber Agency."
    )
    assert got == ["Cyber Agency"]


def test_what_a_source_is_written_after_its_owner_is_no_part_of_its_name() -> None:
    assert clean_written("Kestwick's kit supplier Torvane") == "Torvane"


def test_a_gerund_opening_a_sentence_is_no_name() -> None:
    assert _credits("Rebuilding put at 240 million euros.") == [""]


def test_a_generic_ministry_stands_only_for_a_name_with_ministry_in_it() -> None:
    got = _figures(
        "Quillon Security said 400 servers were hit.",
        "The ministry expects the recovery to cost €23m.",
    )
    assert [f.attribution for f in got] == ["Quillon Security", "ministry"]


def test_the_same_source_is_the_one_the_sentence_before_credits() -> None:
    got = _credits(
        "The Seismic Institute registered 1 420 tremors, it reported. The ash column reached "
        "6 kilometres, according to the same source."
    )
    assert got == ["Seismic Institute", "Seismic Institute"]


def test_a_described_ministry_is_no_trust_sharing_its_describing_word() -> None:
    got = _figures(
        "The Brenmoor Regional Health Trust said 120 systems were restored.",
        "About 2,700 patients were moved, the health ministry said.",
    )
    assert got[-1].attribution.removeprefix("the ") == "health ministry"


def test_a_wire_dateline_is_not_the_subject_a_pronoun_stands_for() -> None:
    got = _credits(
        "SELMAR, March 9 (CP) - Vantor Devices sold 262,000 phones over the weekend, it said "
        "on Monday."
    )
    assert got == ["Vantor Devices"]


def test_a_citing_phrase_opening_a_sentence_names_the_original() -> None:
    got = _credits(
        "Citing figures from the Mountain Rescue Service, the Herald said 16 skiers were buried."
    )
    assert got == ["Mountain Rescue Service"]


def test_a_place_before_the_body_is_no_part_of_its_name() -> None:
    got = _credits("At Ondavik the harbour board's tally stood at 26 ships.")
    assert got == ["harbour board"]


def test_a_headline_thing_put_at_a_sum_is_no_source() -> None:
    assert _credits("Recall bill put at about €95 million, according to the Courant.") == [
        "Courant"
    ]
    # a name is still who puts it
    assert _credits("Nordpress put it at 26 pieces recovered.") == ["Nordpress"]


def test_an_analyst_named_after_the_firm_is_the_person() -> None:
    assert clean_written("Brennick Securities analyst Petra Lund") == "Petra Lund"


def test_whom_and_where_a_speaker_told_close_the_credit() -> None:
    sentence = (
        "Five of the seven board members voted for the rise, Governor Ilse Marr told a news "
        "conference in Kelmar."
    )
    (mention,) = find_mentions(sentence)
    assert mention.written == "Governor Ilse Marr"
    assert not mention.forward  # it credits the numbers before it


def test_economists_polled_by_a_body_give_its_numbers() -> None:
    got = _credits("Nine of the 14 economists polled by Harbour Research expected a cut.")
    assert got == ["Harbour Research", "Harbour Research"]
    got = _credits("The 11 traders surveyed by Velbank between Monday and Tuesday expect more.")
    assert got == ["Velbank"]


def test_what_a_company_is_before_its_name_is_no_part_of_it() -> None:
    assert clean_written("Belmarian carmaker Vantorre") == "Vantorre"
    assert clean_written("Carmaker Vantorre") == "Vantorre"
    assert clean_written("Bank of the North") == "Bank of the North"


def test_a_time_phrase_before_the_subject_is_no_part_of_its_name() -> None:
    got = _credits("For the whole year the company expects 870 000 deliveries, the statement says.")
    assert got == ["company"]


def test_a_report_owned_by_a_company_is_the_company_s() -> None:
    got = _credits("Revenue fell 9% to €31.4 billion, according to Vantorre's quarterly report.")
    assert got == ["Vantorre", "Vantorre"]


def test_a_noun_that_looks_like_a_verb_names_no_subject() -> None:
    assert _credits("Insurance claims from the storm have risen to 52,300.") == [""]
    assert source_words("cuts it") == ""  # "(the 3,200) cuts it (announced in June)"


def test_figures_given_and_what_a_poll_found_are_credited() -> None:
    got = _credits("The Common Front gave figures of 120,000 for Wednesday.")
    assert got == ["Common Front"]
    got = _credits("An Ostrander Institute poll published on Sunday found 64% of voters against.")
    assert got == ["Ostrander Institute"]


def test_bulletin_verbs_communicates_and_fears() -> None:
    assert _credits("The Coast Guard communicates 9 dead and 27 missing.") == ["Coast Guard"] * 2
    assert _credits("The agency fears that as many as 27 people are missing.") == ["agency"]


def test_the_latest_count_from_a_body_is_its_own() -> None:
    got = _credits("By the latest count from Ostmere Cruise Line, 409 people have been sick.")
    assert got == ["Ostmere Cruise Line"]
    # the toll from an event names no one
    assert _credits("The death toll from Monday's sinking rose to 41.") == [""]


def test_a_name_read_after_a_verb_ends_at_a_dash() -> None:
    sentence = "Homes are under the notice, said the crisis centre - the fourth day."
    got = object_after(sentence, sentence.index("the crisis"))
    assert got is not None and got[1] == "the crisis centre"


def test_the_paper_points_back_to_the_outlet_named_before_it() -> None:
    got = [
        f.attribution
        for f in _figures(
            "The trade paper Agro Ledger reported 1.3 million birds culled.",
            "The preventive round accounted for 850,000 of them, the paper said.",
        )
    ]
    assert got == ["Agro Ledger", "Agro Ledger"]


def test_a_body_that_keeps_or_raises_its_own_estimate_gives_it() -> None:
    got = _credits("The insurers' association has kept its estimate of the loss at €1.4 billion.")
    assert got == ["insurers' association"]
    got = _credits("The Farm Ministry has raised its estimate of lost crops to 11,200 hectares.")
    assert got == ["Farm Ministry"]


def test_a_body_named_before_its_figures_gives_them() -> None:
    got = _credits("Ostmere Line figures quoted by Velpress: 401 passengers have been ill.")
    assert got == ["Ostmere Line"]
    # which figures, not whose; and a data word inside a name
    assert _credits("Official figures show 40 people died.") == [""]
    assert _credits("Under the Law on Personal Data, a leak must be reported within 3 days.") == [
        ""
    ]
