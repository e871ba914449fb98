"""Rules of the facts diff written for text the benchmark stories were not written for: each
on invented sentences (a ferry, a ministry bulletin, a blackout...), none from the benchmark."""

from __future__ import annotations

import facts_stories as stories

from store.figures import extract_article
from store.figures.compare import compare


def _figures(lead: str, *body: str, published: str = "2025-05-02"):
    return extract_article(stories.article("T", published, "Outlet", lead, body=body))


def _credit(value: float, lead: str, *body: str) -> str:
    return next(f.attribution for f in _figures(lead, *body) if f.value_low == value)


def _table(articles):
    return compare([(i, a, extract_article(a)) for i, a in enumerate(articles)])


def _rows_with(table, article: int, value: float):
    return [r for r in table.rows if any(f.value_low == value for f in r.cells.get(article, []))]


def test_a_participle_of_an_earlier_clause_is_no_part_of_the_source() -> None:
    """ "reached" of "The number of deaths reached 60" is no "officials reached by phone"."""
    got = _credit(60, "The number of fatalities reached 60, the regional governor said.")
    assert got == "regional governor"


def test_a_body_named_only_generically_is_still_the_source() -> None:
    assert _credit(300, "Casualties rose to 300, according to the army.") == "army"
    assert _credit(40, "The fund lost 40% of its value, the regulator said.") == "regulator"


def test_a_pronoun_takes_the_body_opening_an_earlier_sentence() -> None:
    lead = "The Varna Coast Guard gave an update on Monday. It said 41 people had died."
    assert _credit(41, lead) == "Varna Coast Guard"
    body = "It said 41 people had died and 212 were rescued."
    assert _credit(212, "The Varna Coast Guard gave an update on Monday.", body) == (
        "Varna Coast Guard"
    )
    assert _credit(212, "The ministry said 41 died. It added that 212 were rescued.") == (
        "ministry"
    )


def _claim_keys(lead: str) -> dict[float, str]:
    from store.figures.claims import make_claims

    art = stories.article("T", "2025-05-02", "Outlet", lead)
    figs = extract_article(art)
    return {c.figure.value_low: c.key for c in make_claims([(0, art, figs)])}


def test_personnel_outside_a_war_are_no_troops() -> None:
    assert _claim_keys("More than 2,000 emergency personnel were deployed.")[2000] != "troops"
    assert _claim_keys("About 400 rescue personnel searched the rubble.")[400] == "personnel"
    assert _claim_keys("The army said 2,000 personnel were sent to the front.")[2000] == "troops"


def test_a_part_of_the_injured_is_a_fact_of_its_own() -> None:
    keys = _claim_keys("Sixty people were injured, 22 of them seriously.")
    assert keys[60] == "injured" and keys[22] != "injured"
    keys = _claim_keys("Injured: 60 (12 in critical condition)")
    assert keys[60] == "injured" and keys[12] == "critical condition"


def test_those_in_hospital_are_not_all_the_injured() -> None:
    a = stories.article(
        "Blast", "2025-05-02", "A", "The blast injured 45 people, 12 of whom are in hospital."
    )
    b = stories.article("Blast", "2025-05-03", "B", "Fourteen people remain in hospital.")
    table = _table([a, b])
    assert _rows_with(table, 0, 12) == _rows_with(table, 1, 14)
    assert _rows_with(table, 0, 45) != _rows_with(table, 0, 12)


def test_a_temperature_is_one_row_whatever_holds_it() -> None:
    a = stories.article("Heat", "2025-07-14", "A", "The thermometer hit 45.1C in Orsa.")
    b = stories.article("Heat", "2025-07-14", "B", "Orsa sweltered at 45.1 degrees.")
    c = stories.article("Heat", "2025-07-15", "C", "Temperatures reached 45.1C in Orsa.")
    table = _table([a, b, c])
    rows = _rows_with(table, 0, 45.1)
    assert len(rows) == 1 and set(rows[0].cells) == {0, 1, 2} and rows[0].key == "temperature"


def test_a_river_s_level_on_different_days_is_one_revised_row() -> None:
    a = stories.article("Flood", "2025-07-14", "A", "The river Tamar rose to 6.2 metres.")
    b = stories.article(
        "Flood", "2025-07-15", "B", "The Tamar peaked at 6.8 metres, its highest level since 1998."
    )
    c = stories.article(
        "Flood", "2025-07-16", "C", "The river level stood at 6.5 metres on Wednesday."
    )
    table = _table([a, b, c])
    row = _rows_with(table, 0, 6.2)[0]
    assert set(row.cells) == {0, 1, 2} and row.verdict == "revised"


def test_a_list_of_one_count_by_place_reads_every_item() -> None:
    figs = _figures("More than 6,200 people were evacuated in Tarnby and 2,719 in Holm.")
    assert [(f.value_low, f.key) for f in figs] == [(6200, "displaced"), (2719, "displaced")]


def test_a_place_opening_the_clause_is_the_count_s_place() -> None:
    a = stories.article(
        "Flood",
        "2026-03-02",
        "A",
        "More than 6,200 people were evacuated in Tarnby and 2,719 in Holm.",
    )
    b = stories.article(
        "Flood",
        "2026-03-02",
        "B",
        "In Holm, 2,800 residents were evacuated, while Tarnby evacuated about 6,200 people.",
    )
    table = _table([a, b])
    assert _rows_with(table, 0, 2719) == _rows_with(table, 1, 2800)
    assert _rows_with(table, 0, 6200) == _rows_with(table, 1, 6200)
    assert _rows_with(table, 0, 6200) != _rows_with(table, 0, 2719)


def test_fact_box_labels_say_what_their_number_is() -> None:
    art = stories.article(
        "Blast",
        "2025-05-02",
        "A",
        "An explosion hit the plant.",
        points=("In hospital: 38", "Turnout: 64%"),
    )
    from store.figures.claims import make_claims

    keys = {c.figure.value_low: c.key for c in make_claims([(0, art, extract_article(art))])}
    assert keys == {38: "hospitalised", 64: "turnout"}


def test_lives_claimed_are_deaths_and_no_credit() -> None:
    keys = _claim_keys("The heatwave has claimed 38 lives.")
    assert keys[38] == "killed"
    assert _credit(38, "The heatwave has claimed 38 lives.") == ""
    assert _claim_keys("The storm claimed the lives of 38 people.")[38] == "killed"
    assert _claim_keys("The outbreak has sickened 214 people.")[214] == "case"
    assert _credit(300, "Varnia claimed 300 soldiers were killed.") == "Varnia"


def test_a_share_before_a_participle_is_no_source() -> None:
    assert _credit(82, "With 82% of ballots counted, the ruling party led.") == ""


def test_a_number_word_is_no_counted_thing() -> None:
    keys = _claim_keys("The bank's depositors withdrew $4.2 billion in two days.")
    assert keys[4.2e9] == "withdrawal"


def test_an_excess_is_not_the_whole_count() -> None:
    a = stories.article(
        "Ferry", "2026-09-03", "A", "The ferry was carrying 283 passengers when it capsized."
    )
    b = stories.article(
        "Ferry", "2026-09-03", "B", "The ferry was overloaded by at least 33 passengers."
    )
    c = stories.article(
        "Ferry", "2026-09-04", "C", "It was carrying 33 more passengers than allowed."
    )
    table = _table([a, b, c])
    assert _rows_with(table, 0, 283) != _rows_with(table, 1, 33)
    assert _rows_with(table, 1, 33) == _rows_with(table, 2, 33)


def test_withdrawals_that_grow_over_days_are_revised() -> None:
    a = stories.article(
        "Bank", "2026-05-11", "A", "Depositors have pulled about $4.2 billion from the bank."
    )
    b = stories.article("Bank", "2026-05-13", "B", "Customers withdrew $7.4 billion in four days.")
    row = _rows_with(_table([a, b]), 0, 4.2e9)[0]
    assert set(row.cells) == {0, 1} and row.verdict == "revised"


def test_people_who_did_something_are_not_what_they_did_it_to() -> None:
    assert _claim_keys("About 5,000 people attended the funeral of the soldiers.")[5000] == "people"
    assert _claim_keys("An estimated 2 million people watched the rescue.")[2e6] == "people"
    assert _claim_keys("Some 400 people gathered to mourn the victims.")[400] == "people"
    assert _claim_keys("About 412 persons are considered missing.")[412] == "missing"
    assert _credit(2e6, "An estimated 2 million people watched the rescue.") == ""


def test_a_body_s_spokesperson_speaks_for_the_body() -> None:
    lead = "Police arrested 38 people, a police spokeswoman said. Another 74 were held, she added."
    assert _credit(38, lead) == "police" and _credit(74, lead) == "police"


def test_a_quoted_speaker_named_after_the_quote_gives_its_number() -> None:
    lead = '"We have counted 41 bodies," said Erik Dahl, a coast guard spokesman.'
    assert _credit(41, lead) == "Erik Dahl"


def test_a_speed_is_keyed_by_its_measure_not_its_place() -> None:
    keys = _claim_keys("Winds gusted up to 140 km/h, and 87 mph in the hills.")
    assert keys == {140: "wind", 87: "wind"}


def test_crew_members_are_crew() -> None:
    assert _claim_keys("The plane carried 180 people, including 6 crew members.")[6] == "crew"


def test_a_percentage_sign_opens_no_source() -> None:
    assert _credit(98, "With 98 % of ballots counted, the Alliance led, the CEC said.") == "CEC"


def test_the_thing_counted_is_never_its_source() -> None:
    assert _credit(38, "Deaths recorded in hospitals reached 38 on Monday.") == ""
    assert _credit(214, "Cases reported by the ministry rose to 214.") == "ministry"
    assert _credit(41, "Fatalities numbered 41, according to preliminary figures.") == ""
    assert _credit(40, "Survivors said 40 people were on deck.") == "Survivors"


def test_millimetres_before_a_verb_are_a_measure_not_a_calibre() -> None:
    assert [(f.value_low, f.unit) for f in _figures("Rainfall of 210 mm was recorded.")] == [
        (210, "mm")
    ]
    assert _figures("155mm shells were fired.") == []


def test_those_in_hospital_or_intensive_care_are_read_and_kept_apart() -> None:
    figs = _figures(
        "Sixty people were injured. Twelve are in hospital and 4 remain in intensive care."
    )
    assert [(f.value_low, f.key) for f in figs] == [
        (60, "injured"),
        (12, "hospitalised"),
        (4, "critical condition"),
    ]


def test_a_part_of_the_dead_is_not_the_toll() -> None:
    a = stories.article(
        "Quake", "2026-03-02", "A", "The quake killed 58 people, including 12 children."
    )
    b = stories.article(
        "Quake", "2026-03-02", "B", "The toll stands at 58. Among the dead were 12 children."
    )
    c = stories.article("Quake", "2026-03-02", "C", "At least 12 people died.")
    table = _table([a, b, c])
    toll = _rows_with(table, 0, 58)[0]
    assert set(toll.cells) == {0, 1, 2} or 2 not in toll.cells
    assert _rows_with(table, 0, 12) == _rows_with(table, 1, 12) != [toll]


def test_people_on_board_who_were_killed_are_the_dead() -> None:
    assert _claim_keys("All 180 people on board were killed.")[180] == "killed"
    assert _claim_keys("The ferry had 283 people on board.")[283] == "passenger"


def test_a_number_of_the_whole_is_a_part() -> None:
    a = stories.article("Crash", "2026-03-02", "A", "The plane was carrying 174 passengers.")
    b = stories.article(
        "Crash", "2026-03-02", "B", "The airline said 96 of the passengers were foreigners."
    )
    table = _table([a, b])
    assert _rows_with(table, 0, 174) != _rows_with(table, 1, 96)


def test_an_estimated_number_has_no_source_before_it() -> None:
    assert _credit(12000, "The floods have damaged an estimated 12,000 homes.") == ""
    assert _credit(1.8, "The index fell 1.8% on Wednesday, Meridian reported.") == "Meridian"


def test_a_river_s_crest_and_gauge_reading_are_its_level() -> None:
    keys = _claim_keys("The Elbe is expected to crest at 7.4 metres on Thursday.")
    assert keys[7.4] == "level"
    keys = _claim_keys("Water levels at the Kellburg gauge stood at 5.9 m on Wednesday morning.")
    assert keys[5.9] == "level"


def test_people_forced_from_their_homes_are_displaced() -> None:
    keys = _claim_keys(
        "The floods killed at least 11 people and forced about 15,000 from their homes."
    )
    assert keys == {11: "killed", 15000: "displaced"}


def test_a_decimal_comma_is_a_decimal() -> None:
    assert [(f.value_low, f.unit) for f in _figures("The Tamar peaked at 6,8 metres.")] == [
        (6.8, "m")
    ]
    assert [f.value_low for f in _figures("Some 18 000 people were evacuated.")] == [18000]


def test_a_body_s_tally_or_count_credits_the_body() -> None:
    assert _credit(41, "The coast guard's tally stood at 41 dead.") == "coast guard"
    assert _credit(38, "By the ministry's count, 38 people have died.") == "ministry"


def test_a_participle_before_was_credits_nobody() -> None:
    lead = (
        "The highest temperature recorded was 44.5 degrees in Orsa, according to the "
        "national weather service."
    )
    assert _credit(44.5, lead).removeprefix("the ") == "national weather service"


def test_a_list_by_place_with_commas_reads_every_item() -> None:
    figs = _figures("The storm killed 12 people in Tarn, 8 in Holm and 3 in Lisk.")
    assert [(f.value_low, f.key) for f in figs] == [(12, "killed"), (8, "killed"), (3, "killed")]


def test_experts_of_a_body_speak_for_it() -> None:
    lead = (
        "The Varn Geological Survey put the magnitude at 6.1. Since Monday the scientists of "
        "the survey have registered 140 aftershocks."
    )
    assert _credit(140, lead) == "Varn Geological Survey"


def test_critics_are_no_count_of_the_critically_ill() -> None:
    assert _claim_keys("Critics said 300 people were affected.")[300] == "people"


def test_rescue_workers_are_not_the_rescued() -> None:
    keys = _claim_keys("More than 300 rescue workers are taking part in the operation.")
    assert keys[300] == "worker"


def test_people_trapped_are_one_running_count() -> None:
    a = stories.article("Mine", "2026-02-10", "A", "A collapse has trapped 23 miners underground.")
    b = stories.article("Mine", "2026-02-11", "B", "Nine miners remain trapped.")
    row = _rows_with(_table([a, b]), 0, 23)[0]
    assert row.key == "trapped" and set(row.cells) == {0, 1} and row.verdict == "revised"


def test_a_part_of_them_is_never_the_whole() -> None:
    a = stories.article(
        "Mine",
        "2026-02-12",
        "A",
        "In total, 19 miners were rescued, 6 of them with serious injuries.",
    )
    table = _table([a])
    assert _rows_with(table, 0, 19) != _rows_with(table, 0, 6)


def test_people_pulled_alive_are_rescued() -> None:
    assert _claim_keys("Rescue teams pulled 14 miners alive overnight.")[14] == "rescued"
    assert _claim_keys("The 9 miners remain alive underground.")[9] != "rescued"


def test_metres_underground_are_a_depth() -> None:
    assert _claim_keys("The miners are trapped about 800 metres underground.")[800] == "depth"


def test_a_bulletin_credit_after_a_dash() -> None:
    assert _credit(29, "Marsa cholera: 29 deaths, 1 400 cases - health ministry.") == (
        "health ministry"
    )
    assert _credit(5, "Prices rose 5% - the highest in years.") == ""


def test_a_generic_body_is_the_one_the_article_described_first() -> None:
    lead = (
        "Cholera has killed 23 people, the health ministry said. The ministry said 214 cases "
        "had been confirmed."
    )
    assert _credit(214, lead).removeprefix("the ") == "health ministry"


def test_an_elliptic_count_after_a_verb_is_what_the_verb_says() -> None:
    keys = _claim_keys("The outbreak has killed 23 people and sickened more than 1,100.")
    assert keys == {23: "killed", 1100: "case"}


def test_the_whole_before_of_which_is_no_part() -> None:
    a = stories.article(
        "Cholera", "2026-03-06", "A", "Suspected cases reached 1 820, of which 260 were confirmed."
    )
    b = stories.article("Cholera", "2026-03-04", "B", "There were 1,450 suspected cases.")
    table = _table([a, b])
    assert _rows_with(table, 0, 1820) == _rows_with(table, 1, 1450)
    assert _rows_with(table, 0, 260) != _rows_with(table, 0, 1820)


def test_who_is_in_a_place_is_the_source_not_the_place() -> None:
    assert _credit(412, "Authorities in Marsa have so far registered 412 cases.") == (
        "Authorities in Marsa"
    )
    assert _credit(85000, "The utility posted online that 85,000 customers lost power.") == (
        "utility"
    )
    lead = "At least 58 people have died, according to officials quoted by state media."
    assert _credit(58, lead) == "officials"


def test_a_strait_is_no_engine() -> None:
    lead = 'The number of dead on the ferry "Vanta" in the Orn Strait has reached 27 persons.'
    assert _claim_keys(lead)[27] == "killed"


def test_a_distance_stays_a_distance_next_to_waves() -> None:
    lead = (
        "The ferry overturned at a distance of 2.8 kilometres from the coast, at waves of 5 metres."
    )
    assert _claim_keys(lead)[2.8] == "distance"
    assert _claim_keys("The ferry overturned about 3 km off Sova island.")[3] == "distance"


def test_a_sum_for_each_one_is_kept_apart_from_totals() -> None:
    a = stories.article(
        "Bank", "2025-03-10", "A", "Deposits of up to €100,000 per customer are guaranteed."
    )
    b = stories.article("Bank", "2025-03-10", "B", "Customers withdrew deposits of €2 billion.")
    table = _table([a, b])
    assert _rows_with(table, 0, 100000) != _rows_with(table, 1, 2e9)
    c = stories.article(
        "Ferry",
        "2025-09-17",
        "C",
        "The state will pay €10,000 (about $11,700) to the family of each victim.",
    )
    d = stories.article(
        "Ferry", "2025-09-17", "D", "The state will pay families €10,000 (about $11,700) each."
    )
    table = _table([c, d])
    assert _rows_with(table, 0, 10000) == _rows_with(table, 1, 10000)


def test_a_sum_named_like_an_event_keeps_its_noun() -> None:
    assert _claim_keys("The rescue is worth €4.5 billion.")[4.5e9] == "rescue"


def test_workplaces_are_jobs() -> None:
    assert _claim_keys("The bank plans to reduce 2 400 workplaces.")[2400] == "job"


def test_figures_released_by_a_body_credit_it() -> None:
    lead = (
        "The toll has risen to 41, and 45 people are still missing. The figures were released "
        "by the coast guard on Wednesday."
    )
    assert _credit(41, lead) == "coast guard" and _credit(45, lead) == "coast guard"


def test_a_fact_box_label_with_a_bracket() -> None:
    art = stories.article(
        "Ferry", "2025-09-17", "A", "The ferry sank.", points=("On board (manifest): 312",)
    )
    assert [(f.value_low, f.key) for f in extract_article(art)] == [(312, "passenger")]


def test_an_increment_of_a_running_count_is_not_the_count() -> None:
    a = stories.article("Ferry", "2025-09-16", "A", "Rescuers saved 86 persons more on Monday.")
    b = stories.article("Ferry", "2025-09-16", "B", "In all, 226 people have been rescued.")
    table = _table([a, b])
    assert _rows_with(table, 0, 86) != _rows_with(table, 1, 226)


def test_a_sum_is_keyed_by_the_verb_that_moved_it_or_its_subject() -> None:
    assert _claim_keys("Customers withdrew more than €2 billion in deposits.")[2e9] == "withdrawal"
    lead = "Withdrawals from the bank since the run began have reached €3.4 billion."
    assert _claim_keys(lead)[3.4e9] == "withdrawal"


def test_one_quoted_as_saying_gives_the_number() -> None:
    lead = (
        "The ferry sank off Sova. Orbis Wire quoted a Varn Coast Guard spokesman as saying "
        "that about 400 people may have been aboard."
    )
    assert _credit(400, lead) == "Varn Coast Guard"
