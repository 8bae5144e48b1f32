"""Tests of region and actor tagging: adjectives, aliases, ambiguous names, actor-but-not-place."""

from __future__ import annotations

import pytest

from newsmon.tagging import Tags, scan, tag
from newsmon.vocab import load_taxonomy


def _tags(text: str) -> Tags:
    taxonomy = load_taxonomy()
    low, mentions = scan(text, taxonomy)
    return tag(text, low, mentions, taxonomy)


@pytest.mark.parametrize(
    ("text", "actor"),
    [("Israeli strikes hit the south", "ISR"), ("The IDF said", "ISR"), ("Netanyahu said", "ISR"),
     ("The IRGC seized a tanker", "IRN"), ("Khamenei warned", "IRN"),
     ("Iran's foreign minister arrived", "IRN"), ("Russian forces advanced", "RUS"),
     ("Sheinbaum rejected the plan", "MEX"), ("Mazloum Abdi met the envoy", "sdf"),
     ("National Security Adviser Nuhu Ribadu met US officials in Abuja", "NGA"),
     ("Defence minister Wellington Koo said", "TWN"), ("Vasily Nebenzya told the council", "RUS"),
     ("A delegation visited jailed Abdullah Ocalan on Imrali island", "pkk"),
     ("A porter was shot dead by Iranian border guards near Baneh", "IRN"),
     ("Tom Fletcher said aid convoys were blocked", "un"), ("Ahmed Aboul Gheit condemned the raid", "arab-league")],
)  # fmt: skip
def test_states_through_leaders_forces_and_adjectives(text: str, actor: str) -> None:
    """Leaders, forces, ministries and adjectives before a state noun give their state."""
    assert actor in _tags(text).actors


@pytest.mark.parametrize(("text", "actor"), [
    ("MINUSCA peacekeepers patrolled the town", "un"), ("UNMISS opened its gates to civilians", "un"),
    ("AUSSOM troops took over the base", "au"), ("ATMIS handed over two bases", "au"),
])  # fmt: skip
def test_peacekeeping_missions_are_their_organisation(text: str, actor: str) -> None:
    """LABELING.md counts the UN's bodies as the UN: its missions, and the AU's, are theirs."""
    assert actor in _tags(text).actors


def test_acting_country_is_actor_not_region() -> None:
    """A capital or country that only speaks is an actor, not a region, where the story is placed."""
    tags = _tags("Washington said it would respond to the strike in Syria. Tehran says talks will go on.")

    assert ("USA", "IRN") == tags.actors
    assert ("SY",) == tags.regions


def test_item_that_places_nothing_is_about_its_states() -> None:
    """With no place at all, the two main states that act are the item's regions."""
    tags = _tags("India and Pakistan are bracing for a military clash.")

    assert {"IN", "PK"} == set(tags.regions)


def test_place_gives_its_country() -> None:
    """A city gives its country and a sub-region gives its code and country."""
    tags = _tags("Strikes hit Beirut and Khan Younis overnight.")

    assert {"LB", "gaza", "PS"} == set(tags.regions)


def test_adjective_with_plain_noun_is_no_actor() -> None:
    """An adjective before a plain noun ("a Ukrainian athlete") names no actor."""
    assert () == _tags("A Ukrainian athlete won a medal").actors


@pytest.mark.parametrize(
    ("text", "actor"),
    [("UAE condemns Israeli approval of new settlement units", "ISR"),
     ("Pakistan rejects Indian decision to hold the water treaty in abeyance", "IND"),
     ("Kyiv protests Belarusian deployment near the border", "BLR"),
     ("Moscow's demand that Kyiv cede the Donbas stalls the talks", "RUS")],
)  # fmt: skip
def test_adjective_before_an_act_of_state_names_the_state(text: str, actor: str) -> None:
    """An approval, a decision or a deployment is a state's act: its adjective names the state."""
    assert actor in _tags(text).actors


def test_a_health_ministry_that_counts_the_dead_is_no_actor() -> None:
    """"Lebanon's health ministry said" reports a toll; the state does not act or get targeted by it.
    "Lebanon's foreign ministry protested" acts."""
    toll = _tags("Lebanon's health ministry said three people were killed in Nabatieh.")
    protest = _tags("Lebanon's foreign ministry protested to the UN.")

    assert "LBN" not in toll.actors and "LB" in toll.regions
    assert "LBN" in protest.actors


def test_a_capital_s_plan_leaves_its_country_a_place() -> None:
    """"Beijing's five-year plan" is China's act and about China as a place; "Taiwanese tech firms"
    named beside it do not become the place."""
    tags = _tags("Beijing's five-year plan targets chips. China's 15th Five-Year Plan, approved by lawmakers, "
                 "calls for breakthroughs that analysts said would intensify competition with Taiwanese tech firms.")

    assert ("CN",) == tags.regions


def test_a_state_named_by_its_aggression_is_no_place() -> None:
    """"Security against future Russian aggression" names Russia's act, not Russia as a place."""
    tags = _tags("With Russia grinding closer, Ukrainians want security against future Russian aggression")

    assert ("UA",) == tags.regions and "RUS" in tags.actors


@pytest.mark.parametrize(
    "text",
    ["Israel Adesanya won his UFC bout", "Michael Jordan played in Chicago",
     "We ate turkey and chad", "The fire in Lebanon, Pennsylvania was put out",
     "The governor of Georgia met voters in Atlanta", "Nice weather today"],
)  # fmt: skip
def test_ambiguous_names_are_not_countries(text: str) -> None:
    """Names that are people, words or US places here give no foreign region or actor."""
    tags = _tags(text)
    foreign = {"IL", "JO", "TD", "TR", "LB", "GE", "FR"}

    assert set() == foreign & set(tags.regions)
    assert set() == {"ISR", "JOR", "TCD", "TUR", "LBN", "GEO"} & set(tags.actors)


def test_unambiguous_use_of_ambiguous_name() -> None:
    """An ambiguous name still counts where nothing says otherwise."""
    assert "JO" in _tags("Rockets fell in Jordan on Tuesday.").regions


def test_lower_case_acronym_is_no_actor() -> None:
    """"us" and "un-" in running text are not the US or the UN."""
    assert () == _tags("Let us know what unfolds").actors


def test_shared_town_name_yields_to_established_country() -> None:
    """A mid-sized town name shared across countries ("Blida") yields to the text's country."""
    in_lebanon = _tags("Residents of Aitaroun and Blida in southern Lebanon said shells fell.")
    alone = _tags("Floods hit Blida as rivers burst their banks.")

    assert ("LB",) == in_lebanon.regions
    assert ("DZ",) == alone.regions


@pytest.mark.parametrize(
    ("text", "regions"),
    [("Ukraine, Russia hold peace talks in Geneva", ("CH",)),
     ("The US and Iran to meet in Oman for nuclear talks", ("OM",)),
     ("Qatar hosts Afghan and US negotiators", ("QA",)),
     ("Qatar hosts Hamas and Israeli negotiators", ("QA", "PS")),  # Hamas is at home in PS
     ("India vows to respond to Pakistan after Kashmir attack", ("IN",)),
     ("Drones hit Kyiv. Envoys pursue a framework that Moscow and Kyiv still dispute.", ("UA",))],
)  # fmt: skip
def test_countries_that_act_are_not_regions(text: str, regions: tuple[str, ...]) -> None:
    """Subjects of a verb, partners in talks and addressees are actors; hosts are places."""
    assert regions == _tags(text).regions


def test_possessive_country_is_a_place_and_the_state_acted_upon() -> None:
    """"Ukraine's second city" is a place and Ukraine is acted upon; "Iran's foreign minister" acts."""
    assert (("UKR",), ("UA",)) == (_tags("Missiles hit Ukraine's second city").actors,
                                   _tags("Missiles hit Ukraine's second city").regions)  # fmt: skip
    assert ("IRN",) == _tags("Iran's foreign minister spoke").actors


def _headline(title: str) -> Tags:
    taxonomy = load_taxonomy()
    low, mentions = scan(title, taxonomy)
    return tag(title, low, mentions, taxonomy, title_end=len(title))


def test_title_case_headline() -> None:
    """In a Title Case headline capitals say nothing: names stay, people stay people."""
    assert "JO" in _headline("Rockets Hit Jordan As Tensions Rise In The Region").regions
    assert () == _headline("Chad Smith Scores Twice As Rovers Win The Derby").regions


@pytest.mark.parametrize("title", [
    "Former President Assad's prisons described in a new report",
    "Ex-president Biden writes memoir about the Gaza war",
    "The late Hassan Nasrallah is remembered in Beirut",
])  # fmt: skip
def test_former_leader_stands_for_no_state(title: str) -> None:
    """A former or late leader no longer stands for his state or group."""
    tags = _tags(title)

    assert not {"SYR", "USA", "hezbollah"} & set(tags.actors)


def test_target_of_a_threatened_attack_is_no_region() -> None:
    """"Trump threatens to attack Iran": Iran is an actor; nothing happens there yet."""
    tags = _tags("Talks proceed in Geneva as Trump threatens to attack Iran if no deal is reached.")

    assert "IRN" in tags.actors and "IR" not in tags.regions and "CH" in tags.regions


def test_coordinated_adjectives_share_their_noun() -> None:
    """"Russian and Ukrainian delegations" makes both states actors."""
    tags = _tags("Abu Dhabi hosts talks between Russian and Ukrainian military delegations.")

    assert {"RUS", "UKR"} <= set(tags.actors)


def test_adjectives_joined_by_a_comma_share_their_noun() -> None:
    """"Thai, Cambodian defence officials": a comma joins them as "and" does; both states act."""
    tags = _tags("Thai, Cambodian defence officials to meet on ceasefire monitoring in Bangkok.")

    assert {"THA", "KHM"} <= set(tags.actors)


@pytest.mark.parametrize(("text", "places", "not_places"), [
    ("North Korea fired missiles toward the sea as Seoul and Washington conduct their annual drills.",
     {"KP"}, {"US"}),
    ("Thai and Cambodian troops clash despite a truce brokered with help from Malaysia and the United States.",
     {"TH", "KH"}, {"MY", "US"}),
])  # fmt: skip
def test_states_that_conduct_or_help_are_no_places(text: str, places: set[str], not_places: set[str]) -> None:
    """"Seoul and Washington conduct drills" names the states that act; "with help from Malaysia and
    the United States" names who helped, as "pressure from Washington" does: neither is a place."""
    tags = _tags(text)

    assert places <= set(tags.regions) and not not_places & set(tags.regions)


def test_wire_dateline_is_no_region() -> None:
    """"DUBAI, Feb 17 (Reuters) -" says where the reporter files from, not where it happens."""
    tags = _tags("By A Reporter DUBAI, Feb 17 (Reuters) - Hezbollah rejected the Lebanese "
                 "government's plan to disarm it in southern Lebanon.")

    assert "AE" not in tags.regions and "LB" in tags.regions


def test_fighting_between_two_countries_happens_in_both() -> None:
    """"Fighting between Thailand and Cambodia": both are places as well as actors."""
    tags = _tags("Fighting between Thailand and Cambodia breaks out again on the border.")

    assert {"TH", "KH"} <= set(tags.regions) and {"THA", "KHM"} <= set(tags.actors)


def test_bare_country_yields_to_a_located_place() -> None:
    """"Israel's plan ... in the West Bank": the story is placed, so Israel is an actor only."""
    tags = _tags("Israel's cabinet approves a plan that deepens annexation in the occupied West Bank.")

    assert "west-bank" in tags.regions and "IL" not in tags.regions and "ISR" in tags.actors


def test_country_after_in_the_is_a_place() -> None:
    """"training in the Philippines": a place, not an actor."""
    tags = _tags("The attackers may have trained in the Philippines.")

    assert "PH" in tags.regions and "PHL" not in tags.actors


def test_possessive_country_acts_unless_a_group_follows() -> None:
    """"Israel's plan" gives ISR; "Sudan's RSF" is the RSF's, not the Sudanese state's."""
    assert "ISR" in _tags("Israel's plan for the border villages angers residents.").actors
    assert "SDN" not in _tags("Sudan's RSF shells El Fasher for a third day.").actors


def test_strait_of_hormuz_gives_iran() -> None:
    """The Strait of Hormuz is a sub-region with its country, as Gaza gives PS."""
    tags = _tags("Tankers slow down in the Strait of Hormuz.")

    assert {"strait-of-hormuz", "IR"} <= set(tags.regions)


def test_outside_power_named_bare_is_an_actor_only() -> None:
    """"The US warned" names an actor; "in Washington" a place; an item placing nothing falls back to others."""
    assert "US" not in _tags("The US warned Iran over its drills in the Gulf of Oman.").regions
    assert "US" in _tags("Thousands march in Washington against the war.").regions
    assert ("KP",) == _tags("Trump and Kim Jong Un may meet again, officials say.").regions


@pytest.mark.parametrize(("text", "state"), [
    ("The Ethiopian central government issued an ultimatum", "ETH"),
    ("The Libyan interim government said", "LBY"),
])
def test_a_qualified_government_is_its_state(text: str, state: str) -> None:
    """"the Ethiopian central government" acts for its state like "the Ethiopian government"."""
    assert (state,) == _tags(text).actors


@pytest.mark.parametrize("text", ["Boats sunk in Latin American waters", "Trade with South America grows",
                                  "Native American tribes sue over the pipeline",
                                  "Floods in New Mexico", "Rigs shut in the Gulf of Mexico"])
def test_a_continent_or_a_community_is_not_the_united_states(text: str) -> None:
    """"Latin American", "South America" and "Native American" name no state: no US, as place or
    actor; nor do "New Mexico" and "the Gulf of Mexico" name Mexico."""
    tags = _tags(text)

    assert not {"US", "MX"} & set(tags.regions) and not {"USA", "MEX"} & set(tags.actors)


@pytest.mark.parametrize("text", ["Ships seized in the Indian Ocean", "Storm in New South Wales",
                                  "Coast guards clash in the South China Sea"])
def test_a_sea_or_a_state_named_after_a_country_is_not_that_country(text: str) -> None:
    """The Indian Ocean is not India, New South Wales not Wales, the South China Sea not China."""
    tags = _tags(text)

    assert not {"IN", "GB", "CN"} & set(tags.regions) and not {"IND", "GBR", "CHN"} & set(tags.actors)


@pytest.mark.parametrize("text", ["Kennedy says the vaccine panel will meet", "Toyota recalls a million cars",
                                  "Vaughan Gething resigns as first minister"])
def test_a_city_that_is_mostly_a_name_places_nothing(text: str) -> None:
    """Cities named like people or firms (Kennedy, Toyota), and a lesser city inside a longer name,
    place nothing and make no state act."""
    tags = _tags(text)

    assert () == tags.regions and () == tags.actors


def test_a_city_keeps_its_place_before_an_event_held_there() -> None:
    """"the Sochi Olympics" happen in Sochi: the kinds of place and event after a city keep it."""
    assert "RU" in _tags("Security tightened for the Sochi Olympics").regions


def test_a_city_that_speaks_is_no_state() -> None:
    """"Lyon says" is the city's council or club, not France acting; only a capital stands for its state."""
    assert "FRA" not in _tags("Lyon says it will appeal the ruling").actors
    assert "RUS" in _tags("Moscow says it will respond").actors


def test_both_sides_of_a_named_war_are_places() -> None:
    """"an India-Pakistan war", "Thailand-Cambodia border clashes": it happens in both countries."""
    assert {"IN", "PK"} <= set(_tags("Is an India-Pakistan war coming?").regions)
    assert {"TH", "KH"} <= set(_tags("Thailand-Cambodia border clashes flare again").regions)


def test_turkey_is_a_state_though_pycountry_says_turkiye() -> None:
    """"the Government of Turkey" is Türkiye; a roast turkey is not."""
    tags = _tags("Condolences to the Government of Turkey after the attack in Ankara")

    assert "TUR" in tags.actors and "TR" in tags.regions
    assert () == _tags("A roast Turkey recipe for Thanksgiving").regions


@pytest.mark.parametrize(("name", "region"), [
    ("Turkey", "TR"), ("Cape Verde", "CV"), ("Swaziland", "SZ"), ("Macedonia", "MK"),
    ("East Timor", "TL"), ("Brunei", "BN"), ("Bosnia", "BA"), ("Republic of Congo", "CG"),
    ("Abkhazia", "GE"), ("Transnistria", "MD"), ("Ivory Coast", "CI"), ("Burma", "MM"),
])
def test_conventional_country_names(name: str, region: str) -> None:
    """Names the news uses that pycountry's official names lack."""
    assert region in _tags(f"Fighting was reported in {name} on Monday").regions


@pytest.mark.parametrize(("adjective", "state"), [
    ("Chadian", "TCD"), ("Bangladeshi", "BGD"), ("Haitian", "HTI"), ("Argentine", "ARG"),
    ("Tajik", "TJK"), ("Senegalese", "SEN"), ("Sri Lankan", "LKA"), ("Central African", "CAF"),
])
def test_adjectives_of_states_the_news_names(adjective: str, state: str) -> None:
    """"the Chadian government", "Haitian police": the adjective before a state noun gives its state."""
    assert state in _tags(f"The {adjective} government said troops were deployed").actors


def test_victoria_after_a_locative_is_the_australian_state() -> None:
    """"blazes across Victoria" burn in Australia, not in Hong Kong; a queen named Victoria places nothing."""
    assert ("AU",) == _tags("Firefighters battle blazes across Victoria and New South Wales").regions
    assert () == _tags("Queen Victoria's statue was restored").regions


def test_the_gulf_in_an_item_about_iran_is_the_persian_gulf() -> None:
    """"US bases across the Gulf" beside Iran are in the Persian Gulf; the Gulf of Mexico is not."""
    assert "persian-gulf" in _tags("Iran warns US bases across the Gulf would be targets").regions
    assert "persian-gulf" not in _tags("A hurricane heads for oil rigs in the Gulf").regions
    assert "persian-gulf" not in _tags("Iran ships fuel to buyers in the Gulf of Mexico").regions


def test_a_country_named_for_its_border_is_a_place_only_where_nothing_else_is() -> None:
    """"strikes near the Senegal border" in Mali happen in Mali; "near Lebanon border" alone is Lebanon."""
    assert ("ML",) == _tags("Mali says militants were killed in strikes in Kayes near the Senegal border").regions
    assert ("LB",) == _tags("Israeli strike kills two near Lebanon border").regions


def _headline(title: str) -> Tags:
    taxonomy = load_taxonomy()
    low, mentions = scan(title, taxonomy)
    return tag(title, low, mentions, taxonomy, title_end=len(title))


@pytest.mark.parametrize(("title", "regions"), [
    ("Ethiopia and Eritrea: Fears of war grow as troops mass near border", {"ET", "ER"}),
    ("Nigeria: Gunmen kill dozens of villagers", {"NG"}),
])
def test_a_headline_label_names_where_the_story_is(title: str, regions: set[str]) -> None:
    """"Sudan: UN warns of famine": the label before the colon places the story; it does not act."""
    tags = _headline(title)

    assert regions <= set(tags.regions)
    assert () == tags.actors


def test_a_demonym_border_is_a_place_only_where_nothing_else_is() -> None:
    """"killed 5 soldiers near Venezuelan border" in Catatumbo happens in Colombia."""
    assert ("CO",) == _tags("An ELN drone attack in Catatumbo killed 5 soldiers near the Venezuelan border").regions


@pytest.mark.parametrize(("text", "state"), [
    ("Min Aung Hlaing tipped for the presidency", "MMR"), ("Pashinyan said the treaty is ready", "ARM"),
    ("Badr Albusaidi hosted the delegations", "OMN"), ("Afwerki rejected the claim", "ERI"),
])  # fmt: skip
def test_leaders_of_states_in_the_news_of_2026(text: str, state: str) -> None:
    assert state in _tags(text).actors


def test_gazans_are_in_gaza() -> None:
    assert {"gaza", "PS"} <= set(_tags("Gazans mark the start of Ramadan among the ruins").regions)


@pytest.mark.parametrize(("text", "region"), [
    ("Araghchi says Geneva talks with the US were serious", "CH"),
    ("Kharkiv says it will rebuild the school", "UA"),
])
def test_a_city_that_is_no_capital_is_a_place_where_it_seems_to_act(text: str, region: str) -> None:
    """"Geneva talks" are held in Geneva; "Kharkiv says" is its council: places, and no state acts."""
    tags = _tags(text)

    assert region in tags.regions
    assert {"CHE", "UKR"}.isdisjoint(tags.actors)


@pytest.mark.parametrize(("text", "region", "state"), [
    ("Dozens were killed in strikes on civilians in central Sudan", "SD", "SDN"),
    ("Ukraine's Kharkiv region was hit by Russian drones overnight", "UA", "UKR"),
])
def test_a_country_qualified_by_a_direction_or_owning_a_place_is_a_place(
        text: str, region: str, state: str) -> None:  # fmt: skip
    """"in central Sudan", "Ukraine's Kharkiv region": where it happens; the state does not act."""
    tags = _tags(text)

    assert region in tags.regions and state not in tags.actors


@pytest.mark.parametrize(("text", "actor"), [
    ("Israeli airstrike kills 15 in Gaza City", "ISR"),
    ("Ukraine hits Russian ammunition depot in occupied Donetsk", "RUS"),
    ("Militants storm Pakistani checkpoint in Waziristan", "PAK"),
    ("US base in Iraq targeted by Iraqi militia drones", "pmf"),
])  # fmt: skip
def test_a_state_stands_for_its_strike_depot_or_checkpoint_and_an_iraqi_militia_is_the_pmf(
        text: str, actor: str) -> None:  # fmt: skip
    assert actor in _tags(text).actors


def test_a_speaker_before_a_colon_is_no_headline_label() -> None:
    """"Sudan: UN warns of famine" labels a place; "Israel warns Hezbollah: '...'" names a speaker."""
    from newsmon.escalation import analyze

    taxonomy = load_taxonomy()
    speaker = analyze("Israel warns Hezbollah: 'We will turn Beirut into Gaza'", taxonomy=taxonomy)
    label = analyze("Sudan: UN warns of famine in Kordofan", taxonomy=taxonomy)

    assert ("ISR" in speaker.actors, "SDN" in label.actors) == (True, False)


def test_a_part_of_a_country_is_a_place_where_the_state_stays_an_actor() -> None:
    """"a large attack on western Ukraine": the attack falls in Ukraine, and Ukraine is hit."""
    tags = _tags("Jets took off in Poland as Russia launched a large attack on western Ukraine.")

    assert ("UA" in tags.regions, "UKR" in tags.actors) == (True, True)


@pytest.mark.parametrize(("text", "region"), [
    ("Talks in Abu Dhabi turn to the future of Ukraine's east", "UA"),
    ("Guyana says Venezuela is massing troops near Essequibo", "GY"),
    ("Azerbaijani forces shell Nagorno-Karabakh", "AZ"),
    ("Egypt warns against pushing Gazans toward Sinai", "EG"),
    ("Ukrainian drones hit Russian landing ship off Feodosia; Moscow did not confirm", "UA"),
])  # fmt: skip
def test_parts_of_countries_and_disputed_lands_are_places(text: str, region: str) -> None:
    assert region in _tags(text).regions


def test_a_capital_that_did_not_confirm_speaks_for_its_state() -> None:
    tags = _tags("Ukrainian drones hit Russian landing ship off Feodosia; Moscow did not confirm")

    assert ("RU" in tags.regions, "RUS" in tags.actors) == (False, True)


def test_an_armed_group_places_the_story_at_its_home_after_the_places_named() -> None:
    """What Hamas or Hezbollah does happens where they are at home unless the text says where."""
    hamas = _tags("Hamas proposes a weapons freeze in talks with mediators")
    hezbollah = _tags("Hezbollah chief rejects any disarmament timetable")
    cairo = _tags("Hamas delegation holds talks in Cairo")

    assert ("PS" in hamas.regions, "LB" in hezbollah.regions) == (True, True)
    assert cairo.regions[0] == "EG" and "PS" in cairo.regions


def test_the_taliban_and_iraqs_militias_are_at_home_in_their_countries() -> None:
    """The Taliban govern Afghanistan; Kataib Hezbollah and the Hashd are Iraq's militias; the PKK's
    news of 2025-26 is Turkey's peace process."""
    taliban = _tags("Taliban bar women from working for aid groups")
    kataib = _tags("Kataib Hezbollah rejects calls to hand over its weapons")

    assert ("AF" in taliban.regions, "IQ" in kataib.regions) == (True, True)
    assert "TR" in _tags("PKK peace process bill goes to parliament after the holiday").regions


@pytest.mark.parametrize(("text", "state"), [
    ("Tokayev hosts Central Asian leaders in Astana", "KAZ"),
    ("Mitsotakis warns Ankara over survey ship", "GRC"),
    ("Kast sworn in as president after runoff win", "CHL"),
])  # fmt: skip
def test_leaders_of_more_states(text: str, state: str) -> None:
    """A head of state or government stands for the state, beyond the states at war."""
    assert state in _tags(text).actors


@pytest.mark.parametrize(("text", "region"), [
    ("The National Guard was deployed in Illinois over the governor's objections.", "US"),
    ("Syrian refugees granted asylum are welcome in Connecticut, the governor says.", "US"),
    ("Police in Queensland arrested two men over the attack plot.", "AU"),
    ("Wildfires forced thousands from their homes in British Columbia.", "CA"),
])  # fmt: skip
def test_famous_states_and_provinces_are_places(text: str, region: str) -> None:
    """A US state, an Australian state or a Canadian province places the story in its country, though
    its name is as frequent in English as an ordinary word."""
    assert region in _tags(text).regions


def test_quneitra_is_syria_and_no_part_of_the_golan_sub_region() -> None:
    """Israeli raids in the Quneitra countryside happen in Syria: the labellers never gave them the
    Golan, which names the heights Israel holds."""
    tags = _tags("Israeli troops raided villages in the Quneitra countryside, local sources said.")

    assert "SY" in tags.regions and "golan" not in tags.regions


def test_a_states_withdrawal_is_its_act() -> None:
    """"talks must start with Israeli withdrawal": Israel acts; the withdrawal places nothing in Israel."""
    tags = _tags("Hamas says talks on its weapons in Gaza must start with Israeli withdrawal")

    assert "ISR" in tags.actors and "IL" not in tags.regions


@pytest.mark.parametrize(("text", "state"), [
    ("King Abdullah and Egyptian President Sisi discuss the Gaza ceasefire", "JOR"),
    ("Clashes in Tripoli as Dbeibah's government blames rival militias", "LBY"),
    ("Jordan condemns Israeli incursions in southern Syria", "ISR"),
])  # fmt: skip
def test_kings_commanders_and_incursions_name_their_states(text: str, state: str) -> None:
    """"King Abdullah" is Jordan's in 2026; Dbeibah and Haftar are Libya's; "Israeli incursions" are Israel's acts."""
    assert state in _tags(text).actors


def test_palestinian_officials_are_no_palestinian_authority() -> None:
    """"Palestinian officials said": the adjective names no actor; the Authority is named by its name."""
    said = _tags("Settlers torched homes near Ramallah, Palestinian officials said.")
    named = _tags("The Palestinian Authority condemned the settler attack near Ramallah.")

    assert ("palestinian-authority" in said.actors, "palestinian-authority" in named.actors) == (False, True)


def test_a_country_that_backs_a_group_is_neither_party_nor_place() -> None:
    """"Rwanda-backed M23" names M23's sponsor, as "Iran-backed Houthis" does: Rwanda is no party here."""
    tags = _tags("Rwanda-backed M23 rebels clash with Congolese troops near Uvira")

    assert "RWA" not in tags.actors and "RW" not in tags.regions and "CD" in tags.regions


def test_china_named_bare_acts_abroad() -> None:
    """"China warns of countermeasures": China acts; nothing is said to happen in China. "in Beijing"
    still places a story there."""
    warns = _tags("China warns of countermeasures after the vote")
    met = _tags("Officials met in Beijing to discuss the border")

    assert ("CHN" in warns.actors, "CN" in warns.regions, "CN" in met.regions) == (True, False, True)


def test_where_a_minister_spoke_is_no_place_of_the_story() -> None:
    """"told reporters in Ankara" says where the statement was made; the story is Syria's."""
    tags = _tags("Fidan told reporters in Ankara that the SDF must join the army in Syria without delay.")

    assert "TR" not in tags.regions and "SY" in tags.regions
    assert "US" not in _tags("The budget is stuck in Taipei's legislature, raising concerns in Washington.").regions


def test_the_pope_speaks_for_the_holy_see() -> None:
    """LABELING.md's states include the Holy See (VAT): the Pope acts for it."""
    assert "VAT" in _tags("Pope Leo appeals for ceasefires in Ukraine and Sudan").actors


def test_the_sponsor_of_a_militia_is_no_place() -> None:
    """"The Iran-backed militia" names who arms it; the story is where the militia is."""
    tags = _tags("Kataib Hezbollah rejects calls to disarm. The Iran-backed Iraqi militia said it would keep its arms.")

    assert "IR" not in tags.regions and "IQ" in tags.regions


def test_a_name_two_states_give_an_institution_stands_for_the_state_named() -> None:
    """Pakistan's press calls its foreign ministry "the Foreign Office", as Britain names its own."""
    pakistan = _tags("Islamabad urges restraint as the Foreign Office warns of grave consequences")
    britain = _tags("The Foreign Office summoned the Iranian ambassador in London")
    bare = _tags("Foreign Office advises against all travel to Iran")

    assert ("PAK" in pakistan.actors, "GBR" in pakistan.actors) == (True, False)
    assert "GBR" in britain.actors and "GBR" in bare.actors


@pytest.mark.parametrize(("text", "owner"), [
    ("The German Foreign Office summoned the Russian ambassador", "DEU"),
    ("Pakistan's Foreign Office rejected the Indian army chief's remarks", "PAK"),
    ("The Ukrainian Ministry of Defence said drones hit a refinery", "UKR"),
])  # fmt: skip
def test_an_institution_qualified_by_another_state_is_that_states(text: str, owner: str) -> None:
    """"Foreign Office" and "Ministry of Defence" stand for Britain only where no other state owns them."""
    tags = _tags(text)

    assert (owner in tags.actors, "GBR" in tags.actors) == (True, False)
    assert "GBR" in _tags("The Foreign Office told Britons to leave Lebanon").actors


@pytest.mark.parametrize("text", [
    "North Korea fires missiles after drills planned by Seoul and Washington",
    "Talks on the Sahel resume after a proposal drafted by Washington",
])  # fmt: skip
def test_a_state_after_by_is_the_agent_not_a_place(text: str) -> None:
    tags = _tags(text)

    assert ("US" in tags.regions, "USA" in tags.actors) == (False, True)


@pytest.mark.parametrize(("text", "actor"), [
    ("Ethiopia and Somalia agree to talks after Turkish-mediated meeting in Ankara", "TUR"),
    ("First Russian tactical nuclear warheads arrive in Belarus, Minsk says", "RUS"),
])  # fmt: skip
def test_a_mediating_state_and_its_tactical_weapons_name_it(text: str, actor: str) -> None:
    assert actor in _tags(text).actors


def test_a_state_that_leads_a_foreign_force_is_no_party() -> None:
    assert "KEN" not in _tags("Haiti's Kenyan-led police mission faces funding shortfall").actors


@pytest.mark.parametrize(("text", "regions"), [
    ("Fighting flares in South Kivu, casting doubt on agreements signed in Washington and Doha.", ("CD",)),
    ("Taiwan's army buys drones made in Japan for its bases in Kaohsiung.", ("TW",)),
    ("The ceasefire agreed in Cairo collapsed as shelling resumed in Khartoum.", ("SD",)),
])  # fmt: skip
def test_a_place_where_something_was_made_or_signed_yields_to_where_it_happens(
        text: str, regions: tuple[str, ...]) -> None:  # fmt: skip
    """"agreements signed in Washington" describe the agreements: the story happens elsewhere."""
    assert regions == _tags(text).regions


def test_a_place_where_something_was_signed_places_a_story_that_names_no_other() -> None:
    """With nothing else placed, the place of the signing is still where the story is."""
    assert ("US",) == _tags("The accord signed in Washington holds, officials say.").regions
