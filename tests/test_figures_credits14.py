"""Who-said-it rules of the fourteenth session: words that name no source give no credit, and a
name is read whole."""

from __future__ import annotations

import pytest

from store.figures import extract_article
from store.model import Article, Section


def _credits(lead: str) -> list[str]:
    got = extract_article(Article(title="t", lead=lead, sections=[Section("", ["No more."])]))
    return [f.attribution.removeprefix("the ") for f in got]


@pytest.mark.parametrize(
    "sentence",
    [
        "Turnout was 57.3% of some 4.8 million registered voters.",
        "Nationally, Yes was ahead with nearly 52% with most polling stations counted.",
        "The asphalt reached 51C, according to measurements by the Technical University.",
    ],
)
def test_a_number_a_share_or_a_bare_data_word_credits_nobody(sentence: str) -> None:
    credits = _credits(sentence)
    assert credits and all(c in ("", "Technical University") for c in credits), (
        credits
    )  # never "million", "most polling stations" or "measurements"


def test_a_phrase_of_place_before_the_subject_is_no_part_of_the_source() -> None:
    assert _credits("On its leak site the gang claims to hold 1.2 terabytes of files.") == ["gang"]


def test_an_outlet_named_today_keeps_its_whole_name() -> None:
    got = _credits("Kessin Today reported that the hospital is treating 55 patients.")
    assert got == ["Kessin Today"]
    assert _credits("The ministry today said 14 people had died.") == ["ministry"]


def test_a_speaker_named_after_a_quote_is_not_run_into_its_words() -> None:
    assert _credits('"We count 20 dead," the governor said.') == ["governor"]


def test_whom_a_number_was_told_to_leaves_the_credit_to_who_told_it() -> None:
    assert _credits("There are 20 dead, said the minister to reporters on Monday.") == ["minister"]
    assert _credits('"We count 20 dead," declared the mayor to the local press.') == ["mayor"]


def test_maintains_credits_only_what_it_maintains_was_said() -> None:
    assert _credits("The company maintains that 112 workers were underground.") == ["company"]
    assert _credits("The company maintains 400 stations.") == [""]


def test_a_bare_office_is_the_one_of_the_place_last_named_with_it() -> None:
    lead = (
        "The governor of Oskel, Lenna Tiros, visited shelters. The governor of Marrit, Pavo "
        'Kestrel, contested the count. "We count 20 dead," declared the governor to the press.'
    )
    assert _credits(lead) == ["governor of Marrit"]


@pytest.mark.parametrize(
    "lead",
    [
        "Firefighters reached the mill at dawn, the fire brigade said. A further 16 engines were"
        " sent from Harlow before noon.",
        "The clinic took in 30 patients, said Ria Doms, a spokeswoman for the health board. Four of"
        " them are in intensive care.",
        "About 210 climbers were stranded, the park authority said. In total 35 guides worked on"
        " the ridge.",
        "Divers freed 9 sailors on Monday, according to the navy. 12 sailors more were freed in"
        " the night.",
        "Forty rescuers reached the village, the army said. 18 people remain cut off there.",
    ],
)
def test_a_sentence_that_goes_on_with_the_count_before_it_keeps_its_credit(lead: str) -> None:
    credits = _credits(lead)
    assert len(set(credits)) == 1 and credits[0] in (
        "fire brigade",
        "Ria Doms",
        "park authority",
        "navy",
        "army",
    ), credits


@pytest.mark.parametrize(
    "lead",
    [
        "The council said 40 homes were lost. Hours later the mayor ordered a further 12 streets"
        " cleared.",
        "The union said 300 workers joined the strike. The plant employs 2,000 people.",
        "Going by the board's count of its own votes, 15 seats have been won so far, the"
        " paper said. 14 remain open.",
        "About 1,900 letters were sent, the operator said. Letters went out with 410,000 stamps;"
        " a further batch is due.",
    ],
)
def test_a_new_development_or_an_unrelated_number_takes_no_credit_from_before(lead: str) -> None:
    first, *rest = _credits(lead)
    assert first and all(c == "" for c in rest), (first, rest)


@pytest.mark.parametrize(
    ("lead", "source"),
    [
        (
            "Some 64 pupils fell ill. That figure came from the county school board, which"
            " closed three canteens on Friday and asked parents to keep sick children home.",
            "county school board",
        ),
        (
            "Ridership fell to 41%. The figure was published by the Transit Authority late on"
            " Sunday, and is the lowest since the 1998 strike.",
            "Transit Authority",
        ),
        ("Losses reached €2.1 billion. The figure was given by the port office.", "port office"),
        (
            "Imports dropped by 18%. The customs service gave that figure to lawmakers on Tuesday"
            " morning.",
            "customs service",
        ),
    ],
)
def test_a_sentence_saying_where_the_number_before_it_came_from_credits_it(
    lead: str, source: str
) -> None:
    assert _credits(lead)[0].lower().removeprefix("the ") == source.lower()


def test_counts_and_logged_are_verbs_of_a_source() -> None:
    assert _credits("The Water Board counts 37 burst mains.") == ["Water Board"]
    assert _credits("The tracker site FlightGrid logged 9,000 complaints.") == ["FlightGrid"]
    got = extract_article(
        Article(title="t", lead="Storm damage.", sections=[Section("Two counts", ["No more."])])
    )
    assert all(f.attribution == "" for f in got)  # a heading's number word is no source


def test_who_stands_by_a_number_gives_it() -> None:
    assert _credits("The league stands by a crowd figure of 41,000.") == ["league"]
    assert _credits("The union says 900 jobs go; the employer stands by 450.") == [
        "union",
        "employer",
    ]
    assert _credits("The toll stands at 40.") == [""]


def test_a_body_named_beside_another_in_one_sentence_is_not_that_other() -> None:
    lead = "Brask Air says 3,000 bags were lost; the regulator says more than 5,000."
    assert _credits(lead) == ["Brask Air", "regulator"]


def test_a_generic_body_is_the_one_named_with_its_head_in_the_text_before() -> None:
    lead = (
        "Brask Air cut its schedule, according to the Harbour Transit Authority. Brask Air"
        " said 300 flights were cancelled. The authority estimates 8,000 travellers stranded."
    )
    assert _credits(lead) == ["Brask Air", "Harbour Transit Authority"]


def test_people_at_a_place_are_read_with_the_place() -> None:
    assert _credits("Freight agents at Dunmore say 45 trucks are waiting.") == [
        "Freight agents at Dunmore"
    ]
    assert _credits("Volunteers at the Askel river gauge say the water rose 2 metres.") == [
        "Volunteers at the Askel river gauge"
    ]


def test_repeating_reminding_and_recognising_are_verbs_of_a_source() -> None:
    assert _credits("The airline also repeated that 230 people were aboard.") == ["airline"]
    assert _credits(
        "The fine can reach 5% of turnover, reminded a spokesman of the Data Office."
    ) == ["Data Office"]
    assert _credits("The Kessian army recognised 14 killed in its ranks.") == ["Kessian army"]
    assert _credits("The paper repeated the claim on 3 pages.") == [""]  # a noun after "the"


def test_a_whole_name_of_a_body_is_not_run_on_into_another_country_s() -> None:
    lead = (
        "The Ministry of Health of Varos counted 12 cases, the agency said. The Ministry of"
        " Health said 40 people were treated."
    )
    assert _credits(lead)[-1] == "Ministry of Health"


def test_the_company_is_no_inspectorate() -> None:
    lead = (
        "About 9 tonnes leaked, according to the inspectorate's estimate. The company also"
        " repeated that 120 workers were on site."
    )
    assert _credits(lead) == ["inspectorate", "company"]


def test_a_bare_body_is_the_one_of_its_paragraph_else_the_one_named_most() -> None:
    lead = (
        "The Ministry of Defence said 30 soldiers died. The Ministry of Defence counted 9"
        " tanks lost. The Ministry of Defence of Ostra admitted 4 dead."
    )
    body = ["The ministry specified that 17 soldiers were captured."]
    got = extract_article(Article(title="t", lead=lead, sections=[Section("", body)]))
    assert got[-1].attribution == "Ministry of Defence"
    near = lead + " The ministry specified that 17 soldiers were captured."
    assert _credits(near)[-1] == "Ministry of Defence of Ostra"


def test_a_heading_is_no_part_of_the_name_a_generic_body_takes() -> None:
    body = [
        "The Harbour Transit Authority opened an inquiry. The fine can reach 5% of turnover,"
        " reminded a spokesman of the authority."
    ]
    got = extract_article(
        Article(title="t", lead="Ferries stopped.", sections=[Section("Investigation", body)])
    )
    assert [f.attribution for f in got] == ["Harbour Transit Authority"]


def test_he_or_she_is_a_person_named_before_not_a_body() -> None:
    lead = (
        "Port Authority spokeswoman Dana Vell said 40 ships were waiting, after the bank warned"
        " of losses. The port handled 9,000 containers, she said."
    )
    assert _credits(lead) == ["Dana Vell", "Dana Vell"]


def test_a_person_after_an_office_of_a_place_is_the_person() -> None:
    lead = "The mayor of the Askel district Jon Berre informed that 12 roads were closed."
    assert _credits(lead) == ["Jon Berre"]
    assert _credits("The head of the Port Authority said 12 roads were closed.") != ["Authority"]


def test_a_quoted_name_keeps_its_closing_quote() -> None:
    lead = 'The headquarters of the movement "Green Valley" stated that 300 trees were cut.'
    assert _credits(lead) == ['headquarters of the movement "Green Valley"']


def test_a_place_s_office_holder_is_the_office_of_the_place() -> None:
    assert _credits("Dorna's governor says at least 29 have died.") == ["governor of Dorna"]


def test_a_body_named_with_its_seat_keeps_it() -> None:
    lead = "Exports fell to 41,800 tonnes, the trade ministry in Ostrel said on Monday."
    assert _credits(lead) == ["trade ministry in Ostrel"]


def test_who_linked_a_number_to_a_cause_gives_it() -> None:
    lead = "The Food Agency has linked 23 illnesses to the cheese, according to the site Foodline."
    assert _credits(lead) == ["Food Agency"]
    assert _credits("Deaths linked to the heat rose to 40.") == [""]


def test_a_pronoun_is_the_source_named_just_before_it_even_with_no_number() -> None:
    lead = (
        "Tally Web estimated 2.4 million users were hit. Service returned late in the evening,"
        " Pagora said. The company blamed an update. In all, 61,800 shops were affected, it"
        " said."
    )
    assert _credits(lead) == ["Tally Web", "Pagora"]


def test_a_body_s_own_staff_takes_no_credit_of_the_same_number() -> None:
    lead = (
        "The regulator has received 4,800 complaints, its director Ana Ruiz said. By"
        " coincidence, Dalcom has 4,800 employees. The group employs 4,800 people."
    )
    first, *rest = _credits(lead)
    assert first in ("Ana Ruiz", "regulator") and rest == ["", ""]


def test_who_estimated_a_number_gives_it_when_the_hedge_takes_the_verb_in() -> None:
    assert _credits("DownTrack estimated 240 users were hit.") == ["DownTrack"]
    assert _credits("The insurer estimated 1,200 claims would be filed.") == ["insurer"]


def test_a_key_point_s_bare_body_is_the_one_the_body_names() -> None:
    article = Article(
        title="t",
        lead="",
        key_points=["Nine sailors dead, the ministry says."],
        sections=[Section("", ["Ostra's Defence Ministry said nine sailors died at sea."])],
    )
    got = extract_article(article)
    assert [f.attribution for f in got] == ["Ostra's Defence Ministry"] * len(got)


def test_a_verb_after_and_has_the_sentence_s_subject() -> None:
    lead = "The airline Brask Air was hit by the same strike and says 300 of its flights are off."
    assert _credits(lead) == ["Brask Air"]
    got = _credits("Brask Air said 200 flights were cut and added 40 more.")
    assert got and all(c == "Brask Air" for c in got)
    assert _credits("Storms hit the coast, and officials say 30 homes are gone.") == ["officials"]


def test_measurements_or_readings_by_a_body_credit_the_body() -> None:
    lead = "The river reached 6.2 metres, according to readings by the Askel Water Board, a record."
    assert _credits(lead) == ["Askel Water Board"]


def test_who_published_a_number_gives_it() -> None:
    assert _credits("The Statistics Office in Dorn has published 3.1%.") == [
        "Statistics Office in Dorn"
    ]
    assert _credits("The figures published by the bureau show 3.1% growth.") == ["bureau"]


def test_a_comparison_of_two_numbers_is_nobody_s() -> None:
    lead = "The board has published a turnout of 44.8%, nearly five points lower."
    assert _credits(lead) == ["board", ""]
    lead = "The insurer now puts the number at 312,000, almost four times its first estimate."
    assert _credits(lead) == ["insurer", ""]


@pytest.mark.parametrize(
    "sentence",
    [
        "The city counts on about $38 million in grants next year.",
        "The maker said it would recall 8,000 cars over a fault linked to 12 minor injuries.",
        "Probe swings past Earth at 6,807 km altitude | Published 19 Aug 2024 14:30",
        "Health officials in the province have confirmed 43 deaths.",
    ],
)
def test_verbs_that_credit_only_with_a_number_after_them_read_nothing_else(
    sentence: str,
) -> None:
    got = _credits(sentence)
    assert all(c in ("", "maker", "Health officials in the province") for c in got), got


def test_a_number_with_decimals_takes_its_credit_given_elsewhere_in_the_article() -> None:
    article = Article(
        title="t",
        lead="",
        key_points=["Heat: a peak of 38.2C."],
        sections=[Section("", ["The air peaked at 38.2C at noon, according to the Met Office."])],
    )
    assert [f.attribution for f in extract_article(article)] == ["Met Office", "Met Office"]


def test_a_credit_with_a_clause_of_when_after_it_still_credits_what_came_before() -> None:
    lead = (
        "Voters backed the plan by 52.4% to 47.6%, the election board announced on Monday after"
        " the last districts reported, a margin of 4.8 points."
    )
    assert _credits(lead) == ["election board"] * 3
    lead = "The board said after the meeting that 40 stations were closed."
    assert _credits(lead) == ["board"]


def test_a_share_owned_by_a_party_is_its_result_not_its_claim() -> None:
    assert _credits("The Green League's 21.4% is up 3 points on the last vote.")[0] == ""
    assert _credits("Police counted 40,000 marchers, against the union's 200,000.") == [
        "Police",
        "union",
    ]


def test_analysts_at_a_firm_are_the_firm() -> None:
    lead = "The site quoted analysts at Dunmore Capital, who put the cost at €90 million."
    assert _credits(lead) == ["Dunmore Capital"]


def test_a_distance_saying_where_a_place_lies_is_nobody_s() -> None:
    lead = (
        "The Ash Fire grew to 2,300 acres, the forestry service said, while the Elm Fire, 25"
        " miles to the south, had burned 800 acres."
    )
    assert _credits(lead) == ["forestry service", "", "forestry service"]


def test_an_outlet_s_number_is_the_source_it_is_seen_quoting_for_it() -> None:
    lead = (
        "A further 18 miners were lifted out on Friday, the agency KorPress reported."
        " KorPress, quoting the Mining Office, said the 18 men were carried out at dawn."
    )
    assert _credits(lead) == ["Mining Office", "Mining Office"]


def test_who_reckons_a_number_gives_it() -> None:
    lead = (
        "Analysts at Brill Partners reckon the central bank has sold about $2 billion of its"
        " reserves, far more than the bank has admitted."
    )
    assert _credits(lead) == ["Brill Partners"]


def test_stations_that_have_reported_in_a_clause_of_when_are_no_source() -> None:
    lead = "The board will publish a final figure once all 5,200 polling stations have reported."
    assert _credits(lead) == [""]


def test_its_instrument_named_with_a_place_between_commas_is_it() -> None:
    lead = (
        "The Weather Office said the storm came ashore at dawn. Its gauge at Kell Point, the"
        " island's northern tip, recorded 310 mm in a day."
    )
    assert _credits(lead) == ["Weather Office"]


def test_a_small_number_said_again_with_a_word_only_the_two_passages_share() -> None:
    article = Article(
        title="t",
        lead="",
        key_points=["Nine men were freed: six on Monday and three more from a side tunnel."],
        sections=[
            Section(
                "",
                [
                    "The three miners were found overnight in a side tunnel, the Kell Rescue"
                    " Service said.",
                    "Looters set 3 cars on fire overnight in Kell.",
                    "Eleven schools and three sports halls in Kell are used as shelters.",
                    "Rescuers in Kell worked through the night near 12 pumps.",
                ],
            )
        ],
    )
    got = {(f.value_low, f.sentence[:12]): f.attribution for f in extract_article(article)}
    assert got[(3.0, "Nine men wer")] == "Kell Rescue Service"
    assert got[(3.0, "Eleven schoo")] == ""
    assert got[(3.0, "Looters set ")] == ""  # a night two things share is no same passage


def test_who_promised_a_sum_did_something_and_is_no_source() -> None:
    # an actor that did something is not a credit (bench/facts/README.md): "Police detained
    # 38 people", "Officials promised $2 billion in aid"
    assert _credits("Officials promised $2 billion in aid.") == [""]


def test_a_document_that_shows_that_a_number_holds_gives_it() -> None:
    lead = (
        "Brask Air said 300 flights were cut. The report also shows that 9,000 bags were lost"
        " during the 3-day strike."
    )
    got = _credits(lead)
    assert got and all(c == "Brask Air" for c in got), got
    assert _credits("A poll shows 68% of voters oppose the plan.") != ["poll"]


def test_who_has_received_a_count_of_complaints_gives_it() -> None:
    assert _credits("The site FlightGrid has received over 9,000 complaints.") == ["FlightGrid"]
    assert _credits("Each family received €8,000 in aid.") == [""]


def test_a_citing_that_closes_the_reported_clause_names_its_source() -> None:
    lead = (
        "Kessin Wire reported that four officers have been suspended, among them the chief,"
        " citing the Interior Inspectorate."
    )
    assert _credits(lead) == ["Interior Inspectorate"]
