"""What a figure counts (its key), on sentences invented for these rules in domains far from
the benchmark stories (sports, markets, health, tech, transport): each rule is a rule of
English, so it must hold for reporting none of the stories were written from."""

from __future__ import annotations

import facts_stories as stories

from store.figures import extract_article, extract_text
from store.figures.claims import make_claims


def _figure(text: str, value: float):
    return next(f for f in extract_text(text) if f.value_low == value)


def _claim_keys(lead: str, *body: str) -> dict[float, str]:
    """The key the comparison reads for each figure of one article."""
    art = stories.article("T", "2025-05-02", "Outlet", lead, body=body)
    figs = extract_article(art)
    return {c.figure.value_low: c.key for c in make_claims([(0, art, figs)])}


def test_an_owner_before_the_counted_noun_is_not_what_is_counted() -> None:
    """ "of the county's schools" counts schools: the county owns them."""
    assert _figure("Heavy snow closed 14 of the county's schools on Monday.", 14).key == "school"
    got = _figure("About 35% of Lumora's data centres were offline on Friday.", 35)
    assert got.key == "centre"


def test_a_number_named_by_its_unit_alone_measures_what_the_one_before_did() -> None:
    """ "in Asia 8%": the elided noun is the one of the number before it in the sentence."""
    keys = _claim_keys("Fibre now reaches 92% of homes in the north, in the south 71%.")
    assert keys[71] == keys[92] == "home"


def test_in_after_a_measure_says_where_not_what() -> None:
    """ "640 MW in the northern grid" is no count of grids ("of" names what is measured)."""
    assert _figure("The wind farms delivered 640 MW in the northern grid.", 640).key != "grid"
    keys = _claim_keys("The storm dropped 40 mm of rain on the coast and 25 mm in the hills.")
    assert keys[25] == keys[40] == "rain"


def test_within_a_length_of_a_place_is_a_radius() -> None:
    keys = _claim_keys("Fans living within 3 km of the stadium were offered free tickets.")
    assert keys[3] == "radius"
    keys = _claim_keys("Drivers within 500 m of the school must slow to 20 mph.")
    assert keys[500] == "radius"


def test_make_up_is_an_amount_not_a_rise() -> None:
    """ "made up 38%" is a level of its subject, never "up" 38%."""
    got = _figure("Smartphones made up 38% of the chipmaker's revenue last year.", 38)
    assert got.change == ""
    assert got.key == "smartphone"
    got = _figure("In the final, the home side's possession made up 64 per cent.", 64)
    assert (got.change, got.key) == ("", "possession")


def test_the_figure_points_back_to_the_last_count_of_its_unit() -> None:
    """ "put the figure at 45" counts what the article counted before."""
    keys = _claim_keys(
        "The league said 41 clubs had applied for the licence. The players' association"
        " put the figure at 45."
    )
    assert keys[45] == keys[41] == "club"


def test_people_brought_out_alive_in_the_passive_are_rescued() -> None:
    """ "were winched up alive" says what "pulled 12 climbers alive" says."""
    keys = _claim_keys("Seven climbers were winched up alive from the crevasse on Sunday.")
    assert keys[7] == "rescued"
    keys = _claim_keys("Four miners have been dug out alive so far.")
    assert keys[4] == "rescued"
    assert _claim_keys("Nine miners remain alive underground, the company said.")[9] != "rescued"


def test_an_item_of_a_list_said_with_more_and_a_time_keeps_the_count() -> None:
    """ "four on Friday and two more overnight": the two are the list's count, not a night."""
    figs = extract_text("Rescuers freed six hikers, four on Friday and two more overnight.")
    two = next(f for f in figs if f.value_low == 2)
    assert two.key != "overnight"
    assert two.key == next(f for f in figs if f.value_low == 4).key


def test_a_sum_after_a_verb_of_asking_is_a_demand() -> None:
    assert _figure("The striking pilots want $4 million in back pay.", 4e6).key != "usd"
    assert _figure("The seller is seeking £2.5m for the villa.", 2.5e6).key == "demand"


def test_a_conversion_in_brackets_after_a_hedge_keeps_the_key() -> None:
    """ "(about $6.5 million)" is the same sum as the euros before it."""
    figs = extract_text("The club paid €6 million (about $6.5 million) for the striker.")
    assert [f.key for f in figs] == ["payment", "payment"]
    figs = extract_text("The ticket costs £40 (roughly $52) at the door.")
    assert figs[1].key == figs[0].key != "usd"


def test_the_number_points_back_to_what_was_said_nearest_before_it() -> None:
    """A figure said in the lead and again in the body stands where it is said again."""
    keys = _claim_keys(
        "Storms cut power to 9,000 homes and closed 40 schools. Power is still out at 9,000"
        " homes. Of them, the utility said, the number in the hills is about 2,000."
    )
    assert keys[2000] == "home"


def test_a_number_set_off_after_its_noun_measures_that_noun() -> None:
    """ "Inflation, at about 3.2%, is ...": the aside's number is the opening noun's."""
    assert _figure("Inflation, at about 3.2 percent, is the lowest in a decade.", 3.2).key == (
        "inflation"
    )
    assert _figure("Attendance, now 71%, keeps climbing.", 71).key == "attendance"


def test_people_who_receive_or_suffer_an_event_are_counted_by_it() -> None:
    """ "received injuries", "suffered burns": the verb's object befell them."""
    keys = _claim_keys("At the derby, 23 persons received injuries in the crush at gate 4.")
    assert keys[23] == "injured"
    keys = _claim_keys("Twelve people suffered injuries when the stand gave way.")
    assert keys[12] == "injured"


def test_a_clause_after_a_semicolon_counts_its_own_thing() -> None:
    """The event of the clause before a semicolon is not the next number's."""
    keys = _claim_keys(
        "Six fans were injured in the crush; more than 4,000 people were still inside."
    )
    assert keys[4000] != "injured"


def test_people_who_leave_their_homes_are_displaced() -> None:
    keys = _claim_keys("After the landslide, some 2,300 villagers have left their homes.")
    assert keys[2300] == "displaced"
    keys = _claim_keys("Nearly 800 tenants had to abandon their houses before the demolition.")
    assert keys[800] == "displaced"


def test_a_service_is_no_servicemen() -> None:
    """ "the ambulance service said" names no soldiers: a compound "-men" word lends its
    first letters to no other word."""
    keys = _claim_keys("About 600 residents were without water, the ambulance service said.")
    assert keys[600] != "troops"


def test_the_number_of_counts_the_head_of_its_phrase() -> None:
    """ "the number of invalid ballots" numbers ballots, not "invalid"."""
    assert _figure("The number of unsold tickets is about 4,000.", 4000).key == "ticket"
    assert _figure("The number of foreign players stands at 312.", 312).key == "player"


def test_people_registered_to_vote_are_voters() -> None:
    keys = _claim_keys("Some 2.4 million Valdorians are eligible to vote in the referendum.")
    assert keys[2.4e6] == "voter"
    keys = _claim_keys("About 80,000 students were registered to vote in the union ballot.")
    assert keys[80000] == "voter"


def test_people_who_received_things_count_the_things() -> None:
    """ "1,200 fans received refunds": as many refunds, one each."""
    keys = _claim_keys("By Friday, 1,200 season-ticket holders had received refunds.")
    assert keys[1200] == "refund"
    keys = _claim_keys("The first 5,000 patients got reminder texts on Monday.")
    assert keys[5000] == "text"


def test_the_figure_is_the_last_count_before_any_word_further_back() -> None:
    """An event word sentences back is not what "the figure" points at: the article's last
    count of the unit is; a thing named in the pointer's own sentence comes first."""
    keys = _claim_keys(
        "Six fans were injured at the gate. The club sold 3,000 shirts on Monday."
        " Officials put the figure at 3,200."
    )
    assert keys[3200] == "shirt"
    keys = _claim_keys(
        "The club sold 3,000 shirts on Monday. Of the injured fans, officials put the figure at 12."
    )
    assert keys[12] == "injured"


def test_a_bare_share_won_or_taken_is_a_share_of_the_vote() -> None:
    """ "the Greens took 11.6%", "she won 52%": what else it is of is always written."""
    assert _figure("In the mayoral race, Ortega won 52.4% and Ruiz 31%.", 52.4).key == "vote"
    assert _figure("The Greens took 11.6% in the state election.", 11.6).key == "vote"
    assert _figure("Labour leads with 41% in the final count.", 41).key == "vote"
    assert _figure("The chipmaker took 20% of the market.", 20).key == "market"


def test_a_part_after_among_them_went_through_what_the_whole_did() -> None:
    keys = _claim_keys(
        "More than 5,000 islanders have left their homes, among them some 800 residents"
        " of the harbour district."
    )
    assert keys[800] == keys[5000] == "displaced"


def test_the_whole_after_seats_of_is_no_capacity() -> None:
    """ "74 seats of 140": the 140 are seats too, not what a room can hold."""
    keys = _claim_keys("The Greens are projected to win 18 seats of 120 in the council.")
    assert keys[120] != "capacity"


def test_reporting_and_transfer_verbs_are_no_aspect() -> None:
    """What a count is had or known by ("received", "made up", "recorded") and what it did to
    something else ("had sent in their tallies") says nothing of what befell it."""
    from store.figures.aspects import aspect_of

    assert aspect_of([], ["players", "received", "yellow", "cards"]) == ""
    assert aspect_of([], ["of", "clubs", "had", "sent", "in", "their", "accounts"]) == ""
    assert aspect_of([], ["hikers", "were", "recorded", "on", "the", "trail"]) == ""
    assert aspect_of([], ["troops", "were", "sent"]) == "sent"
    assert aspect_of([], ["acres", "burned"]) == "burned"


def test_the_number_of_x_as_subject_says_what_its_number_counts() -> None:
    """ "The number of X ... was N": X, read as the words after a number are (an event
    included), even when a prepositional phrase or a participle stands between."""
    got = _figure("The number of dead after the two landslides in the valley was 19.", 19)
    assert got.key == "killed"
    got = _figure(
        "The number of travellers waiting more than 4 hours at the border fell to 12,400.", 12400
    )
    assert got.key == "traveller"
    got = _figure("The number of jobless claims rose to 230,000.", 230000)
    assert got.key == "claim"  # the walk left found the tally's own noun
    # the number's own words still name it first
    assert _figure("A total of 40 climbers were rescued.", 40).key == "rescued"


def test_n_remain_is_what_is_left_of_the_count_before() -> None:
    """ "97 remain" names no thing: "remain" is a verb, and the number is a part of the count
    before it in its sentence; with none there it names nothing (a repeat of the same number
    elsewhere in the article then says what it counts)."""
    got = _figure("Of the 60 climbers stranded on the ridge, 22 remain near the summit.", 22)
    assert got.key == "trapped"
    figs = extract_text("14 remain in the east wing, 9 in the west wing.")
    assert [(f.value_low, f.key) for f in figs] == [(14, "count"), (9, "count")]
    assert _figure("About 300 remain missing after the floods.", 300).key == "missing"


def test_a_source_between_a_number_and_its_event_is_skipped() -> None:
    """ "at least 33 the military says are dead": the source sits between the number and
    what befell the people counted."""
    got = _figure(
        "Rescuers found 40 survivors, and at least 12 the police believe were killed.", 12
    )
    assert got.key == "killed"
    assert _figure("Officials said 250 the agency says are missing.", 250).key == "missing"


def test_a_forecast_set_against_a_figure_counts_what_the_figure_counts() -> None:
    """ "the 180,000 analysts had expected" is a forecast of the figure before it, not a
    count of analysts (nor "economists forecast" of economists)."""
    text = (
        "The airline carried 2.1 million passengers in May, short of the 2.3 million"
        " analysts had expected."
    )
    assert _figure(text, 2_300_000).key == "passenger"
    text = "Retail sales rose 1.2%, above the 0.8% economists forecast."
    assert _figure(text, 0.8).key == _figure(text, 1.2).key == "sale"
    text = "Shipments reached 41,000 units against 45,000 predicted by analysts."
    assert _figure(text, 45000).key == _figure(text, 41000).key


def test_an_acronym_plural_is_a_plural_noun() -> None:
    """ "MPs", "GPUs": the lowercase "s" after capitals makes a plural, which ends the noun
    phrase and is dropped from the key like any other plural's."""
    assert _figure("The bill passed with 41 MPs voting against.", 41).key == "mp"
    assert _figure("The lab bought 8,000 TPUs running at full load.", 8000).key == "tpu"
    assert _figure("Dealers sold 12,000 SUVs in May.", 12000).key == "suv"
    from store.figures.lexicon import singular

    assert singular("CEOs") == "ceo"
    assert singular("CRISIS") == "crisis"  # capitals throughout: no acronym plural


def test_a_level_passed_is_of_what_passed_it() -> None:
    """ "the 1,000 mark", "the $70,000 level": the level is of the subject that reached it."""
    got = _figure("The city's population has passed the 2 million mark.", 2_000_000)
    assert got.key == "population"
    assert _figure("The death toll crossed the 500 mark overnight.", 500).key == "killed"
    assert _figure("Ether finally broke through the $4,000 level.", 4000).key == "ether"
    got = _figure("Both parties narrowly missed the 5% threshold.", 5)
    assert got.key == "threshold"  # a percentage threshold is a rule of its own


def test_a_multiplier_verb_multiplies_its_object_or_its_subject() -> None:
    """ "registrations halved", "doubled its dividend": the verb is the figure (x2, x0.5), and
    what it multiplies is its object when it has one, else its subject."""
    text = "Bookings of river cruises more than tripled to 8,400 in June."
    assert _figure(text, 3).key == _figure(text, 8400).key == "booking"
    assert _figure("Ticket prices halved after the strike.", 0.5).key == "price"
    assert _figure("The brewer doubled its dividend on Tuesday.", 2).key == "dividend"


def test_a_record_level_is_the_subjects_level() -> None:
    """ "hit a record 8,647 MW", "to a record $63bn": "record" says how high the subject's level
    is, and "hits"/"peaked" are verbs of that level like "hit"."""
    got = _figure("Power use hits record 2,100 MW in the valley.", 2100)
    assert got.key == "use"
    text = "Tourist spending rose 12% to a record €9.1 billion last year."
    assert _figure(text, 9_100_000_000).key == "spending"
    assert _figure("Grid load peaked at 7,300 MW on Monday.", 7300).key == "load"


def test_an_ordinal_before_a_period_is_a_date_not_a_thing() -> None:
    """ "in the third quarter", "for the first time": the words after a sum that say when
    name nothing it counts."""
    text = "Ticket sales reached a record £41m in the second quarter."
    assert _figure(text, 41_000_000).key == "sale"
    got = _figure("The fund's assets topped $2 trillion for the first time.", 2e12)
    assert got.key != "first"


def test_a_market_instrument_is_keyed_by_its_name() -> None:
    """ "Cocoa futures", "the Kospi share average": the futures or the average are how the
    named thing is traded or measured; its name is what moved."""
    text = "Cocoa futures on the New York exchange jumped 4.2% to $9,120 a tonne."
    assert _figure(text, 4.2).key == _figure(text, 9120).key == "cocoa"
    assert _figure("The Taiex share average slipped 0.8% on Monday.", 0.8).key == "taiex"
    assert _figure("The national average rose to 3.5%.", 3.5).key == "average"


def test_an_initialism_before_a_noun_is_a_modifier() -> None:
    """ "U.S. troops", "U.K. households": the full stop closes the initialism, not the phrase."""
    assert _figure("About 2,500 U.S. troops are stationed there.", 2500).key == "troops"
    got = _figure("Nearly a third of U.K. households cut their heating.", 1 / 3)
    assert got.key == "household"


def test_a_participle_after_a_number_counts_what_the_figure_before_counted() -> None:
    """ "the 326 needed for a majority", "the 30% required by law": a need or a rule set
    against the figure before it in the sentence, of the same unit."""
    text = "The coalition holds 310 seats, short of the 326 needed for a majority."
    assert _figure(text, 326).key == "seat"
    text = "Women now fill a 28% share of board seats, below the 40% required by the law."
    assert _figure(text, 40).key == _figure(text, 28).key


def test_a_verb_joined_by_and_with_no_subject_goes_on_with_the_subject_before() -> None:
    """ "..., and in some months topped 90%": the second verb's subject is the first's; a
    whole of its own after "of" ("and half of its 600,000 residents") is no such case."""
    text = "Solar's share of the grid hit 31% in May, and on some days topped 60%."
    assert _figure(text, 60).key == _figure(text, 31).key == "share"
    text = "About a quarter of the hotels were full, and half of them were closed."
    assert _figure(text, 0.5).key == "hotel"
    text = "A third of the city's schools closed, and half of its 9,000 teachers left."
    assert _figure(text, 0.5).key != "school"


def test_a_share_of_them_is_a_share_of_the_count_before() -> None:
    """ "nearly half of them", "14% of them": the whole is the count named before."""
    text = "Some 8,000 pilgrims reached the shrine, nearly half of them on foot."
    assert _figure(text, 0.5).key == "pilgrim"
    text = "Inspectors tested 2,400 bridges and found cracks in 9% of them."
    assert _figure(text, 9).key == "bridge"


def test_a_part_of_an_owners_whole_counts_the_owned_things() -> None:
    """ "1,200 of the 9,000-seat arena's places": the arena owns the places counted."""
    text = "Only 1,200 of the 9,000-seat arena's tickets were sold."
    assert _figure(text, 1200).key == "ticket"


def test_an_owner_before_a_superlative_owns_the_things_counted() -> None:
    """ "of the world's most advanced chips": chips, past the owner and "most"."""
    text = "The port handles 30% of the region's most valuable cargo."
    assert _figure(text, 30).key == "cargo"


def test_what_a_relative_clause_holds_is_its_antecedents() -> None:
    """ "a ferry that carries 400": the ferry's capacity, past "that"."""
    text = "Crowds queued for an arena that holds 18,000."
    assert _figure(text, 18000).key == "arena"


def test_an_owner_before_an_index_is_no_part_of_its_name() -> None:
    """ "Japan's Nikkei Stock Average": the index is the Nikkei; the country only owns it."""
    assert _figure("Japan's Nikkei Stock Average fell 1.2% on Friday.", 1.2).key == "nikkei"
    assert _figure("Ostland's Kerro Composite slid 2.4% at the open.", 2.4).key == "kerro"


def test_to_give_up_or_give_back_ground_is_to_fall() -> None:
    """ "gave up 412 points" and "gave back 3%" are falls, though "up" alone is a rise."""
    assert _figure("The Kerro 40 gave up 412 points on Monday.", 412).change == "down"
    assert _figure("Brenn Foods shares gave back 3.2% in late trading.", 3.2).change == "down"
    assert _figure("Brenn Foods shares picked up 3.2% in late trading.", 3.2).change == "up"


def test_a_tally_put_at_a_number_counts_its_own_noun() -> None:
    """ "put the number of boats that sank in the harbour storm at 14": boats, not storms."""
    got = _figure(
        "The coastguard put the number of boats that sank in the harbour storm at 14.", 14
    )
    assert got.key == "boat"
    got = _figure(
        "Stewards now put the number of fans who were hurt near the north gate at 38.", 38
    )
    assert got.key == "fan"


def test_a_name_opening_a_sentence_is_a_name_the_text_writes_elsewhere() -> None:
    """ "Kerro 40 closed at 6,118" opens its sentence; "in Port Kerro" shows Kerro is a name,
    so the index is what stood at the number, which is kept."""
    text = "Kerro 40 closed at 6,118 on Monday. It is the main gauge in Port Kerro."
    assert _figure(text, 6118).key == "kerro 40"
    assert not [f for f in extract_text("Shares closed at 6,118.") if f.value_low == 6118]


def test_a_name_with_a_plural_s_before_a_noun_is_its_modifier() -> None:
    """ "41,000 measles doses" counts doses; "measles" alone still counts itself."""
    assert _figure("Clinics gave 41,000 mumps doses last week.", 41000).key == "dose"
    assert _figure("Customs stopped 300 arms shipments at the border.", 300).key == "shipment"
    assert _figure("Doctors recorded 41,000 mumps cases last year.", 41000).key == "case"


def test_a_march_in_lowercase_is_the_noun_not_the_month() -> None:
    """ "put Sunday's march in Velby at 12,000": the march, not the place after "in"."""
    got = _figure("Police put Sunday's march in Velby at 12,000, organisers said more.", 12000)
    assert got.key == "march"
