"""Rules of the facts diff added for issue 11's accuracy pass, each on invented sentences
(a ferry sinking, a measles outbreak, a flood, a bank run...), none from the benchmark."""

from __future__ import annotations

import facts_stories as stories

from store.figures import extract_article, extract_text
from store.figures.claims import make_claims
from store.figures.compare import compare


def _table(articles):
    return compare([(i, a, extract_article(a)) for i, a in enumerate(articles)])


def _rows_with(table, article: int, value: float):
    return [r for r in table.rows if any(f.value_low == value for f in r.cells.get(article, []))]


def _credit(text: str, value: float) -> str:
    art = stories.article("T", "2025-05-02", "Outlet", text)
    return next(f.attribution for f in extract_article(art) if f.value_low == value)


def test_a_number_repeated_in_other_words_is_one_claim_with_what_both_say() -> None:
    a = stories.article(
        "Ferry",
        "2025-05-02",
        "A",
        "The coast guard said the number of survivors was 212.",
        points=("212 survivors were pulled from the water on Friday.",),
    )
    b = stories.article("Ferry", "2025-05-02", "B", "Rescuers saved 212 survivors, officials said.")
    table = _table([a, b])
    rows = _rows_with(table, 0, 212)
    assert len(rows) == 1 and len(rows[0].cells[0]) == 1


def test_people_nouns_never_count_soldiers_by_their_letters() -> None:
    """ "persons" shares its first letters with "personnel": no troops row for ferry victims."""
    a = stories.article(
        "Ferry", "2025-05-02", "A", "The number of victims of the sinking reached 41 persons."
    )
    b = stories.article("Ferry", "2025-05-03", "B", "The death toll rose to 45.")
    table = _table([a, b])
    row = _rows_with(table, 0, 41)[0]
    assert row.key == "killed" and set(row.cells) == {0, 1} and row.verdict == "revised"


def test_people_who_lost_their_homes_are_displaced() -> None:
    a = stories.article("Flood", "2025-05-02", "A", "About 3,000 residents have lost their homes.")
    b = stories.article("Flood", "2025-05-02", "B", "Some 3,000 people were left homeless.")
    table = _table([a, b])
    row = _rows_with(table, 0, 3000)[0]
    assert row.key == "displaced" and set(row.cells) == {0, 1}


def test_collapsed_and_damaged_buildings_are_two_facts() -> None:
    a = stories.article("Quake", "2025-05-02", "A", "More than 90 buildings collapsed in Varna.")
    b = stories.article(
        "Quake", "2025-05-03", "B", "About 700 buildings were damaged or destroyed."
    )
    table = _table([a, b])
    assert _rows_with(table, 0, 90) != _rows_with(table, 1, 700)


def test_residents_of_a_province_are_not_a_side() -> None:
    a = stories.article(
        "Flood", "2025-05-02", "A", "Around 8 000 residents of Tarn and Lot provinces are homeless."
    )
    b = stories.article("Flood", "2025-05-02", "B", "More than 7,500 people were left homeless.")
    table = _table([a, b])
    assert set(_rows_with(table, 0, 8000)[0].cells) == {0, 1}


def test_counts_near_a_place_go_to_the_fire_named_after_it() -> None:
    text = (
        "The Birch Hollow Fire and the Stone Ridge Fire are burning in the hills. "
        "Evacuation orders cover 3,100 residents near Birch Hollow and about 900 near Stone "
        "Ridge."
    )
    art = stories.article("Fires", "2025-07-01", "A", text)
    actors = {f.value_low: f.qualifier for f in extract_article(art)}
    assert "Birch Hollow" in actors[3100] and "Stone Ridge" in actors[900]


def test_a_compound_adjective_is_no_part_of_a_fire_s_name() -> None:
    art = stories.article(
        "Fire", "2025-07-01", "A", "Wind-driven Birch Hollow Fire has burned 2,000 acres."
    )
    assert extract_article(art)[0].qualifier == "Birch Hollow fire"


def test_containment_in_any_wording_is_one_row() -> None:
    a = stories.article("Fire", "2025-07-01", "A", "The Birch Hollow Fire is 10% contained.")
    b = stories.article("Fire", "2025-07-02", "B", "The Birch Hollow Fire is contained at 25 %.")
    table = _table([a, b])
    row = _rows_with(table, 0, 10)[0]
    assert set(row.cells) == {0, 1} and row.verdict == "revised"


def test_evacuees_allowed_home_are_not_those_under_orders() -> None:
    a = stories.article(
        "Fire", "2025-07-01", "A", "About 5,000 residents are under evacuation orders."
    )
    b = stories.article(
        "Fire", "2025-07-03", "B", "About 2,000 evacuees were allowed to return home."
    )
    table = _table([a, b])
    assert _rows_with(table, 0, 5000) != _rows_with(table, 1, 2000)


def test_marches_in_two_cities_are_two_facts() -> None:
    a = stories.article(
        "Strike",
        "2025-03-05",
        "A",
        "About 30,000 people marched in Lisbrook; 9,000 marched in Harwell, police said.",
    )
    b = stories.article("Strike", "2025-03-05", "B", "Police counted 31,000 marchers in Lisbrook.")
    table = _table([a, b])
    assert set(_rows_with(table, 1, 31000)[0].cells) == {0, 1}
    assert _rows_with(table, 0, 9000) != _rows_with(table, 1, 31000)


def test_a_bare_number_after_a_count_counts_the_same_thing() -> None:
    a = stories.article(
        "Strike",
        "2025-03-05",
        "A",
        "Thousands of teachers marched in Lisbrook; police counted 12,000.",
    )
    b = stories.article("Strike", "2025-03-05", "B", "Some 40,000 protesters marched in Lisbrook.")
    table = _table([a, b])
    row = _rows_with(table, 0, 12000)[0]
    assert set(row.cells) == {0, 1} and row.verdict == "conflict"


def test_a_share_that_stayed_off_work_is_the_turnout() -> None:
    a = stories.article(
        "Strike", "2025-03-05", "A", "Some 55% of nurses stayed off work, the union said."
    )
    b = stories.article(
        "Strike", "2025-03-05", "B", "Participation in the strike was 20%, the ministry said."
    )
    table = _table([a, b])
    assert set(_rows_with(table, 0, 55)[0].cells) == {0, 1}


def test_rival_counts_of_another_source_are_read() -> None:
    text = "Police counted 8,000 marchers in Harwell, 25,000 according to the organisers."
    assert [f.value_low for f in extract_text(text)] == [8000, 25000]
    assert [f.value_low for f in extract_text("Police: 8,000 marchers; organisers: 25,000.")] == [
        8000,
        25000,
    ]


def test_a_weekday_before_a_count_is_no_name() -> None:
    figs = extract_text("The walkout brought out on Tuesday 40 000 workers in Harwell.")
    assert [f.value_low for f in figs] == [40000]


def test_counts_in_brackets_after_their_group() -> None:
    figs = extract_text("The toll has risen, as have the injured (1,204) and the missing (87).")
    assert [(f.value_low, f.key) for f in figs] == [(1204, "injured"), (87, "missing")]


def test_gapped_figure_shares_the_thing_and_unit_of_the_one_before() -> None:
    a = stories.article(
        "Fires",
        "2025-07-01",
        "A",
        "The Birch Hollow Fire has burned about 6,000 acres and the Stone Ridge Fire nearly "
        "2,000, officials said.",
    )
    b = stories.article("Fires", "2025-07-02", "B", "The Stone Ridge Fire has burned 2,600 acres.")
    table = _table([a, b])
    row = _rows_with(table, 1, 2600)[0]
    assert set(row.cells) == {0, 1} and row.unit == "acres" and row.verdict == "revised"


def test_a_later_day_is_not_what_an_earlier_paper_counted() -> None:
    a = stories.article("Strike", "2025-03-05", "A", "About 30,000 people marched in Lisbrook.")
    b = stories.article(
        "Strike", "2025-03-06", "B", "Thursday's march in Lisbrook drew about 18,000 people."
    )
    table = _table([a, b])
    assert _rows_with(table, 0, 30000) != _rows_with(table, 1, 18000)


def test_a_move_of_a_later_day_is_not_the_move_an_earlier_paper_reported() -> None:
    a = stories.article("Shares", "2025-03-03", "A", "Shares in Velco fell 9.5% in Tarn.")
    b = stories.article("Shares", "2025-03-04", "B", "Velco shares fell 4% on Tuesday in Tarn.")
    table = _table([a, b])
    assert _rows_with(table, 0, 9.5) != _rows_with(table, 1, 4)


def test_credit_patterns() -> None:
    assert (
        _credit("As informed the Ministry of Transport, 212 passengers were rescued.", 212)
        == "Ministry of Transport"
    )
    assert _credit("The Port Authority gave the number of 38 missing.", 38) == "Port Authority"
    assert _credit("A survey by the Lantern Institute found that 61% back the plan.", 61) == (
        "Lantern Institute"
    )
    assert _credit("Police counted 900 marchers, against the union's 4,000.", 4000) == "union"


def test_a_speaker_stands_for_the_body() -> None:
    text = (
        "The Health Ministry reported 48 cases on Monday. A spokesperson for the ministry "
        "said 6 children were in hospital."
    )
    assert _credit(text, 6) == "Health Ministry"


def test_a_credit_in_the_next_sentence() -> None:
    assert _credit("At least 31 people drowned. The coast guard said in a statement.", 31) == (
        "coast guard"
    )


def test_a_description_of_a_source_is_kept_when_nothing_named_fits() -> None:
    text = "About 700 homes were flooded, according to a survey by the housing ministry."
    assert _credit(text, 700) == "the housing ministry"


def test_a_title_event_does_not_split_one_event_named_two_ways() -> None:
    a = stories.article(
        "Orlen Quake: toll rises", "2025-05-02", "A", "At least 120 people died in the disaster."
    )
    b = stories.article("Quake", "2025-05-03", "B", "The Varna earthquake has killed 160 people.")
    table = _table([a, b])
    assert set(_rows_with(table, 0, 120)[0].cells) == {0, 1}


def test_two_agencies_magnitudes_in_one_row_whatever_the_wording() -> None:
    a = stories.article(
        "Quake",
        "2025-05-02",
        "A",
        "The national observatory measured the quake at magnitude 6.1; the European centre "
        "put it at 5.8.",
    )
    b = stories.article("Quake", "2025-05-03", "B", "The quake had a magnitude of 6.1.")
    table = _table([a, b])
    row = _rows_with(table, 0, 5.8)[0]
    assert row.unit == "magnitude" and row.verdict == "conflict" and 1 in row.cells


def test_raising_an_age_to_a_level_is_no_total() -> None:
    figs = extract_article(
        stories.article(
            "Reform", "2025-05-02", "A", "Most voters oppose raising the pension age to 67."
        )
    )
    assert "total" not in figs[0].qualifier


def test_a_plan_reported_on_two_days_is_one_fact() -> None:
    a = stories.article(
        "Reform",
        "2025-05-02",
        "A",
        "On Wednesday the cabinet backed a plan to raise the pension age to 67.",
    )
    b = stories.article(
        "Reform",
        "2025-05-04",
        "B",
        "On Friday unions protested the plan to raise the pension age to 67.",
    )
    table = _table([a, b])
    assert set(_rows_with(table, 0, 67)[0].cells) == {0, 1}


def test_counts_worded_alike_share_a_row_across_unknown_nouns() -> None:
    a = stories.article(
        "Ferry",
        "2025-05-02",
        "A",
        "The ferry carried 540 travellers on its night crossing to Port Vell.",
    )
    b = stories.article(
        "Ferry",
        "2025-05-02",
        "B",
        "The ferry carried 560 tourists on its night crossing to Port Vell.",
    )
    table = _table([a, b])
    row = _rows_with(table, 0, 540)[0]
    assert set(row.cells) == {0, 1} and row.verdict == "conflict"


def test_synonym_groups_never_merge_by_wording() -> None:
    a = stories.article(
        "Ferry", "2025-05-02", "A", "At least 31 people drowned when the ferry sank."
    )
    b = stories.article(
        "Ferry", "2025-05-02", "B", "At least 31 people were injured when the ferry sank."
    )
    table = _table([a, b])
    assert _rows_with(table, 0, 31) != _rows_with(table, 1, 31)


def test_the_country_s_coast_guard_is_the_coast_guard() -> None:
    assert _credit("At least 31 people drowned, the country's coast guard said.", 31) == (
        "coast guard"
    )


def test_a_ferry_s_passengers_capacity_and_toll() -> None:
    a = stories.article(
        "Ferry",
        "2025-09-08",
        "A",
        "A ferry carrying 412 people sank off Kessa; at least 17 people died, the coast guard "
        "said. Waves of up to 4 metres slowed the search.",
        points=("412 people were on board.",),
    )
    b = stories.article(
        "Ferry",
        "2025-09-10",
        "B",
        "Divers recovered more bodies, bringing the death toll from Monday's sinking to 40. "
        "The operator said the ferry was carrying 398 passengers; it had a capacity of 600 "
        "passengers. 331 people survived.",
    )
    table = _table([a, b])
    aboard = _rows_with(table, 0, 412)[0]
    assert set(aboard.cells) == {0, 1} and aboard.verdict == "conflict"
    assert _rows_with(table, 1, 600) != [aboard]
    assert _rows_with(table, 1, 40)[0].key == "killed"
    figs = extract_article(b)
    assert next(f.attribution for f in figs if f.value_low == 40) == ""
    assert next(f.key for f in figs if f.value_low == 331) == "rescued"
    assert "per group" not in next(f.qualifier for f in extract_article(a) if f.value_low == 4)


def test_an_outbreak_told_three_ways() -> None:
    a = stories.article(
        "Measles",
        "2025-04-02",
        "A",
        "Confirmed measles cases have risen to 214, the health department said. The department "
        "had vaccinated 9,800 children since February.",
        points=("214 confirmed cases, 38 of them in hospital.",),
    )
    b = stories.article(
        "Measles",
        "2025-04-05",
        "B",
        "The number of measles infections has reached 250. Forty-one patients are being "
        "treated in hospital. The department has immunised more than 12,000 children.",
    )
    c = stories.article(
        "Measles",
        "2025-04-05",
        "C",
        "Latest figures from the outbreak.",
        points=("Cases: 250 (health department)", "Hospitalised: 41", "Deaths: 3"),
    )
    table = _table([a, b, c])
    assert _rows_with(table, 0, 214)[0].verdict == "revised"
    assert set(_rows_with(table, 0, 38)[0].cells) == {0, 1, 2}
    assert set(_rows_with(table, 0, 9800)[0].cells) == {0, 1}
    figs = extract_article(c)
    assert [(f.value_low, f.key) for f in figs][:3] == [
        (250, "case"),
        (41, "hospitalised"),
        (3, "killed"),
    ]
    assert figs[0].attribution == "health department"


def test_a_bank_s_share_price_and_withdrawals_in_other_words() -> None:
    a = stories.article(
        "Bank",
        "2025-06-10",
        "A",
        "Its shares fell 38% on Tuesday. Depositors withdrew €2.3bn before the freeze.",
    )
    b = stories.article(
        "Bank",
        "2025-06-11",
        "B",
        "The share price collapsed by 41 % on Tuesday. Withdrawals reached 2.3 billion euros "
        "before the freeze.",
    )
    table = _table([a, b])
    shares = _rows_with(table, 0, 38)[0]
    assert set(shares.cells) == {0, 1} and shares.verdict == "conflict"
    assert set(_rows_with(table, 0, 2.3e9)[0].cells) == {0, 1}


def test_people_in_shelters_are_displaced_and_rainfall_is_rain() -> None:
    a = stories.article(
        "Storm",
        "2025-10-02",
        "A",
        "About 22,000 people were in emergency shelters. The storm dumped 300 mm of rain.",
    )
    b = stories.article(
        "Storm",
        "2025-10-03",
        "B",
        "Some 25,000 residents spent the night in shelters. Rainfall reached 340 mm.",
    )
    table = _table([a, b])
    sheltered = _rows_with(table, 0, 22000)[0]
    assert sheltered.key == "displaced" and set(sheltered.cells) == {0, 1}
    assert set(_rows_with(table, 0, 300)[0].cells) == {0, 1}


def test_bringing_the_total_to_counts_the_same_thing() -> None:
    figs = extract_text("Health officials reported 37 new cases, bringing the total to 412.")
    assert [(f.value_low, f.key) for f in figs] == [(37, "case"), (412, "case")]


def test_a_people_named_by_their_side_are_counted_by_what_happened() -> None:
    a = stories.article(
        "War", "2025-05-02", "A", "Air strikes killed 40 Palestinians in Gaza on Tuesday."
    )
    b = stories.article(
        "War",
        "2025-05-02",
        "B",
        "At least 42 people were killed in Israeli air strikes on Tuesday.",
    )
    table = _table([a, b])
    row = _rows_with(table, 0, 40)[0]
    assert row.key == "killed" and set(row.cells) == {0, 1} and row.verdict == "conflict"


def test_drones_downed_are_not_drones_launched() -> None:
    a = stories.article("War", "2025-05-02", "A", "Russia launched 120 drones overnight.")
    b = stories.article(
        "War", "2025-05-02", "B", "Ukraine said it downed 98 of 120 Russian drones."
    )
    table = _table([a, b])
    launched = _rows_with(table, 0, 120)[0]
    assert set(launched.cells) == {0, 1} and launched.verdict == "agree"
    assert _rows_with(table, 1, 98) != [launched]


def test_one_airport_s_count_is_not_the_country_s() -> None:
    a = stories.article("Strike", "2025-05-02", "A", "Some 1,200 flights were cancelled at Orly.")
    b = stories.article(
        "Strike", "2025-05-02", "B", "Around 1,500 flights were cancelled across the country."
    )
    table = _table([a, b])
    assert _rows_with(table, 0, 1200) != _rows_with(table, 1, 1500)


def test_a_level_reached_by_a_move_is_the_level_another_outlet_gives() -> None:
    a = stories.article("Rates", "2025-05-02", "A", "The central bank set its key rate at 4.75%.")
    b = stories.article(
        "Rates", "2025-05-02", "B", "The bank lifted the policy rate to 4.75% from 4.25%."
    )
    table = _table([a, b])
    assert set(_rows_with(table, 0, 4.75)[0].cells) == {0, 1}


def test_the_second_quarter_is_no_second_wave() -> None:
    figs = extract_article(
        stories.article(
            "Jobs", "2025-05-02", "A", "Unemployment fell to 6.1% in the second quarter."
        )
    )
    assert "additional" not in figs[0].qualifier


def test_foreign_rescuers_are_a_part_of_the_rescuers() -> None:
    a = stories.article(
        "Quake", "2025-05-02", "A", "More than 5,000 rescuers are searching the ruins."
    )
    b = stories.article("Quake", "2025-05-03", "B", "Some 1,900 foreign rescuers have arrived.")
    table = _table([a, b])
    assert _rows_with(table, 0, 5000) != _rows_with(table, 1, 1900)


def test_an_age_after_a_poll_share_is_an_age() -> None:
    art = stories.article(
        "Reform",
        "2025-05-02",
        "A",
        "A poll shows 61% of voters oppose raising the pension age to 67.",
    )
    claims = make_claims([(0, art, extract_article(art))])
    age = next(c for c in claims if c.figure.value_low == 67)
    assert (age.key, age.unit) == ("age", "years")


def test_a_person_is_named_by_their_name() -> None:
    assert _credit("Health Minister Ana Ruiz said 412 cases had been confirmed.", 412) == (
        "Ana Ruiz"
    )
    assert _credit("Ana Ruiz, the health minister, said 412 cases had been confirmed.", 412) == (
        "Ana Ruiz"
    )
    assert _credit("Police spokesman Tom Berg said 38 people were arrested.", 38) == "Tom Berg"


def test_a_credit_counts_wherever_the_article_gives_it_for_that_number() -> None:
    art = stories.article(
        "Ferry",
        "2025-09-09",
        "A",
        "The toll from the sinking reached 2 140 persons, informed the Coast Guard.",
        points=("Victims: 2 140 dead.",),
    )
    figs = extract_article(art)
    assert {f.attribution for f in figs if f.value_low == 2140} == {"Coast Guard"}


def test_an_outlet_quoting_a_source_credits_the_source() -> None:
    text = "Harbour Wire, quoting the port authority, said 212 passengers were rescued."
    assert _credit(text, 212) == "the port authority"


def test_forecasters_who_expect_a_number_give_it() -> None:
    assert _credit("Forecasters expect winds of 90 km/h on Tuesday night.", 90) == "Forecasters"


def test_indicated_credits_only_the_source_after_it() -> None:
    assert _credit("The blaze has burned 3 200 acres, indicated the fire service.", 3200) != ""
    assert _credit("Prices indicated a 5% rise in May.", 5) == ""
