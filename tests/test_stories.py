"""Tests of newsmon.stories: story terms and the grouping rule."""

from __future__ import annotations

from datetime import datetime, timedelta

from newsmon import stories, storyterms
from newsmon.stories import StoryItem, StoryTerms

T0 = datetime(2024, 10, 4, 12)
STRIKE_A = ("Israeli strike kills Hezbollah commander Ibrahim Aqil in Beirut suburb",
            "An Israeli air strike on Beirut's southern suburbs killed senior Hezbollah commander Ibrahim Aqil "
            "and several other members of the group's Radwan force, the Israeli military said on Friday.")
STRIKE_B = ("Hezbollah confirms death of Ibrahim Aqil after Beirut strike",
            "Hezbollah said on Friday that Ibrahim Aqil, head of its elite Radwan force, was among those killed "
            "when Israeli jets hit a building in the Dahiyeh district of Beirut during a meeting.")
FLOOD = ("Floods in Lebanon's north leave farmers counting losses",
         "Heavy rain flooded farmland around Akkar in northern Lebanon this week, destroying olive harvests and "
         "washing away roads, the agriculture ministry said, asking for emergency funds from donors.")


def _terms(pair: tuple[str, str]) -> StoryTerms:
    return stories.story_terms(*pair)


def test_two_reports_of_one_event_are_one_story() -> None:
    """Two outlets' own reports of one strike share names and meet the rule."""
    assert stories.same_story(_terms(STRIKE_A), _terms(STRIKE_B))


def test_two_events_in_one_region_are_not() -> None:
    """A strike and a flood in the same country stay apart: places weigh nothing."""
    assert not stories.same_story(_terms(STRIKE_A), _terms(FLOOD))


def test_place_words_weigh_nothing() -> None:
    """Country names and demonyms are not story terms."""
    weights = stories.story_terms("Iran and Israel trade threats", "Iranian and Israeli officials spoke.").weights

    assert set() == {"iran", "israel", "iranian", "israeli"} & weights.keys()


def test_terms_round_trip() -> None:
    """Encoded terms decode to the same weights."""
    terms = _terms(STRIKE_A)

    assert terms == StoryTerms.decode(terms.encode())


def test_group_assigns_founder_ids_and_respects_window() -> None:
    """A story's id is its first article's; a report after the window founds a new story."""
    items = [
        StoryItem("a", _terms(STRIKE_A), T0),
        StoryItem("b", _terms(STRIKE_B), T0 + timedelta(hours=5)),
        StoryItem("c", _terms(FLOOD), T0 + timedelta(hours=6)),
        StoryItem("d", _terms(STRIKE_B), T0 + timedelta(days=10)),
    ]

    assert {"a": "a", "b": "a", "c": "c", "d": "d"} == stories.group(items)


def test_terms_many_articles_carry_weigh_less() -> None:
    """Rarity among grouped articles: a word in every stored article weighs less than one in none."""
    index = stories.StoryIndex()
    for n in range(100):
        index.add(StoryItem(f"i{n}", StoryTerms({"talks": 1.0, f"name{n}": 2.0}), T0, f"i{n}"))

    assert index.idf("talks") < 0.5 < index.idf("heraskevych")


def test_countries_with_none_in_common_veto_a_merge() -> None:
    """Talks in one city about two conflicts stay apart: the articles name no country in common."""
    iran = stories.story_terms("US and Iran hold second round of nuclear talks in Geneva",
                               "Negotiators met in Geneva on Tuesday for a second round of talks, officials said.")
    ukraine = stories.story_terms("Russia and Ukraine hold second round of peace talks in Geneva",
                                  "Negotiators met in Geneva on Tuesday for a second round of talks, officials said.")

    assert (True, False) == (stories.countries_conflict(iran, ukraine), stories.same_story(iran, ukraine))


def test_inflections_and_accents_meet() -> None:
    """Arrested and arrests, Jerí and Jeri are one term each."""
    a = stories.story_terms("Nine arrested after Jerí impeachment", "")
    b = stories.story_terms("Police arrests follow Jeri impeachment", "")

    assert {"arrest", "jeri", "impeachment"} <= a.weights.keys() & b.weights.keys()


def test_years_are_no_names_but_counts_are() -> None:
    """A count of victims weighs as a name; the year of an event does not."""
    weights = stories.story_terms("Storm of 2026 leaves 34 dead", "").weights

    assert weights["34"] > weights["2026"]


def test_a_story_does_not_grow_by_a_chain() -> None:
    """A newcomer like one of a story's five articles stays apart; like two of them, it joins."""
    index = stories.StoryIndex()
    for n in range(5):
        index.add(StoryItem(f"s{n}", StoryTerms({f"a{n}": 1.0, f"b{n}": 1.0, f"c{n}": 1.0}), T0, "s0"))
    like_one = StoryTerms({"a4": 1.0, "b4": 1.0, "c4": 1.0})
    like_two = StoryTerms({"a3": 1.0, "b3": 1.0, "c3": 1.0, "a4": 1.0, "b4": 1.0, "c4": 1.0})

    assert (None, "s0") == (index.best(StoryItem("n", like_one, T0)),
                            (index.best(StoryItem("m", like_two, T0)) or ("none", 0.0))[0])


JETS = ("Seven dead after Israeli jets hit house near Nabatieh",
        "Warplanes struck a building housing displaced families in Kfar Rumman overnight, health officials said.")
TOWN = ("Israeli Air Strike In Nabatieh Town Kills 7, Ministry Says",
        "The raid on a village in the south also wounded 15 people, according to the ministry.")
TYRE = ("Drone strike on car near Tyre kills two; Hezbollah fires rockets in response",
        "An Israeli drone hit a car on the coastal road south of Tyre early today, killing two men.")
SIGNALS = {"extra": ["ISR", "LBN"], "regions": ["LB", "IL"]}


def test_one_strike_told_in_other_words_is_one_event() -> None:
    """Two reports sharing few title words but the event type, region, actors and a rare town are one event."""
    a = stories.story_terms(*JETS, events=[("ASSAULT", 7)], **SIGNALS)
    b = stories.story_terms(*TOWN, events=[("ASSAULT", 7)], **SIGNALS)
    tyre = stories.story_terms(*TYRE, events=[("ASSAULT", 2)], **SIGNALS)

    assert (True, True, False) == (stories.same_story(a, b), stories.same_event(a, b), stories.same_story(a, tyre))


def test_another_strike_in_the_region_is_another_event() -> None:
    """A strike elsewhere in the same region with other casualties and no shared rare name is not the same event."""
    a = stories.story_terms(*JETS, events=[("ASSAULT", 7)], **SIGNALS)
    b = stories.story_terms(*TYRE, events=[("ASSAULT", 2)], **SIGNALS)

    assert not stories.same_event(a, b)


def test_no_material_event_no_signature() -> None:
    """Talks or threats give no event signature, so the event rule never applies to them."""
    a = stories.story_terms(*JETS, events=[("THREATEN", None)], **SIGNALS)
    b = stories.story_terms(*TOWN, events=[("THREATEN", None)], **SIGNALS)

    assert (set(), False) == ({t for t in a.weights if t[0] in "!=%^"}, stories.same_event(a, b))


def test_same_count_in_another_primary_region_is_another_event() -> None:
    """The same casualty count in another primary region does not make one event."""
    a = stories.story_terms(*JETS, events=[("ASSAULT", 7)], **SIGNALS)
    b = stories.story_terms(*TOWN, events=[("ASSAULT", 7)], extra=["ISR", "LBN"], regions=["SY", "LB"])

    assert not stories.same_event(a, b)


def test_event_rule_joins_a_story_only_within_two_days() -> None:
    """The event rule groups the two reports when a day apart, not when four days apart."""
    a = stories.story_terms(*JETS, events=[("ASSAULT", 7)], **SIGNALS)
    b = stories.story_terms(*TOWN, events=[("ASSAULT", 7)], **SIGNALS)
    near = stories.group([StoryItem("a", a, T0), StoryItem("b", b, T0 + timedelta(days=1))])
    far = stories.group([StoryItem("a", a, T0), StoryItem("b", b, T0 + timedelta(days=2, hours=1))])

    assert (near["b"], far["b"]) == ("a", "b")


TYRE_HOUSE = ("Israeli strike kills two in south Lebanon town",
              "An Israeli strike on a house in Tyre killed two people, the ministry said.")
BINT_JBEIL_CAR = ("Israeli strike kills two in south Lebanon village",
                  "An Israeli strike on a car near Bint Jbeil killed two people, the ministry said.")
STRIKE_SIGNALS = {"extra": ["ISR", "LBN", "hezbollah"], "regions": ["LB"], "events": [("ASSAULT", 2)]}


def test_strikes_in_two_towns_worded_alike_are_two_stories() -> None:
    """Alike reports naming different towns, no town or rare name in common, are neither one story nor one event."""
    a = stories.story_terms(*TYRE_HOUSE, **STRIKE_SIGNALS)
    b = stories.story_terms(*BINT_JBEIL_CAR, **STRIKE_SIGNALS)

    assert (False, False) == (stories.same_story(a, b), stories.same_event(a, b))


def test_strikes_in_two_towns_are_grouped_apart() -> None:
    """Grouping keeps the two strikes apart, an hour apart in time."""
    a = stories.story_terms(*TYRE_HOUSE, **STRIKE_SIGNALS)
    b = stories.story_terms(*BINT_JBEIL_CAR, **STRIKE_SIGNALS)

    assert {"a": "a", "b": "b"} == stories.group([StoryItem("a", a, T0), StoryItem("b", b, T0 + timedelta(hours=1))])


def test_one_town_told_twice_is_one_story() -> None:
    """The same wording about the same town is still one story: the veto needs places with none in common."""
    a = stories.story_terms(*TYRE_HOUSE, **STRIKE_SIGNALS)
    b = stories.story_terms("Israeli strike kills two in south Lebanon city",
                            "An Israeli strike on a house in Tyre killed two people, the health ministry said.",
                            **STRIKE_SIGNALS)

    assert (False, True) == (stories.places_conflict(a, b), stories.same_story(a, b))


def test_localities_are_towns_named_after_a_preposition() -> None:
    """Known or rare town names after in/near are localities; datelines, countries, actors and owners are not."""
    terms = stories.story_terms("Drone strike near Bint Jbeil as talks open in Geneva",
                                "BEIRUT (AP) - Fighting in Lebanon went on, officials in Hezbollah's stronghold and "
                                "aides in Xi Jinping's office said.", extra=["hezbollah"])

    assert frozenset({"&bint_jbeil", "&geneva"}) == terms.localities()


def test_irregular_event_words_meet() -> None:
    """Dies, died, dead and death are one term; struck and strikes are one term."""
    titles = ["Singer dies at 84", "Singer died at 84", "Singer found dead", "Death of a singer"]

    assert [True] * 4 == ["die" in stories.story_terms(t, "").weights for t in titles]
    assert "strik" in stories.story_terms("Drone struck a car", "").weights.keys() & stories.story_terms(
        "Drone strikes a car", "").weights.keys()


def test_a_shared_death_word_alone_is_no_story() -> None:
    """Two deaths of different people share the event word but not the story."""
    a = stories.story_terms("Veteran actor Robert Duvall dies aged 95", "The Oscar winner died at his home, his wife said.")
    b = stories.story_terms("Civil rights leader Jesse Jackson dies at 84", "Jackson died peacefully, his family said.")

    assert not stories.same_story(a, b)


GALUSHCHENKO_A = ("Galushchenko accused of laundering millions",
                  "Anti-corruption prosecutors charged the former energy minister on Monday, saying his family "
                  "received money abroad.")
GALUSHCHENKO_B = ("Galushchenko detained at the border",
                  "The former energy minister was held trying to leave the country, anti-corruption officials said "
                  "on Sunday evening.")
EPSTEIN_A = ("How Epstein got so rich", "The convicted sex offender made his fortune managing money for the very wealthy.")
EPSTEIN_B = ("Epstein files: Germany scrutinizes newly released documents",
             "German prosecutors review files on the convicted sex offender released in the US.")


def test_rare_words_weigh_more() -> None:
    """A word rare in general English weighs more than a common one in the same place; common words keep 1."""
    weights = stories.story_terms(*GALUSHCHENKO_A).weights

    assert weights["galushchenko"] > weights["mill"] == 1.5
    assert (1.0, storyterms.RARE_HIGH) == (storyterms.rarity("said"), storyterms.rarity("galushchenko"))


def test_short_reports_sharing_a_rare_name_and_the_event_join() -> None:
    """Two short reports naming one rare person and one case are one story; the rare title word counts as a name."""
    a, b = stories.story_terms(*GALUSHCHENKO_A), stories.story_terms(*GALUSHCHENKO_B)

    assert (True, 1) == (stories.same_story(a, b), stories.shared_names(a, b))


def test_one_shared_topic_name_is_no_story() -> None:
    """Two short items on one running topic (Epstein) but different news stay apart."""
    assert not stories.same_story(stories.story_terms(*EPSTEIN_A), stories.story_terms(*EPSTEIN_B))


def test_common_words_of_official_country_names_name_no_country() -> None:
    """"Federal" (five official names) and "man" (Isle of Man) name no country; "Germany" still does."""
    federal = stories.story_terms("Federal agents rescue kidnapped girl", "A man was arrested in the city.")
    germany = stories.story_terms("German police rescue kidnapped girl", "Police in Germany said on Friday.")

    assert (frozenset(), frozenset({"#de"})) == (federal.countries(), germany.countries())
    assert {"federal", "city"} <= federal.weights.keys()


def test_a_federal_report_of_one_rescue_joins_its_story() -> None:
    """A second report of one rescue that says "federal" is no report from another country."""
    a = stories.story_terms("Police rescue kidnapped girl Zyla Wright in Fort Worth",
                            "Fort Worth police rescued Zyla Wright, 8, and arrested Michael Webb, US officials said.")
    b = stories.story_terms("Federal agents helped rescue Zyla Wright",
                            "Michael Webb was arrested after federal agents and Fort Worth police found Zyla Wright.")

    assert stories.same_story(a, b)


def _long(prefix: str, shared: int, own: int) -> StoryTerms:
    """Terms of a full-text lead: ``shared`` words common to the pair and ``own`` words of its own."""
    return StoryTerms({**{f"w{n}": 1.0 for n in range(shared)}, **{f"{prefix}{n}": 1.0 for n in range(own)}})


def test_full_texts_sharing_many_terms_join_at_a_lower_overlap() -> None:
    """Two full-text reports sharing 9 of 30 terms (overlap 0.3) are one story; 9 of 31 are not."""
    assert stories.same_story(_long("a", 9, 21), _long("b", 9, 21))
    assert not stories.same_story(_long("a", 9, 22), _long("b", 9, 22))


def test_short_items_sharing_few_terms_need_the_full_overlap() -> None:
    """Items sharing 7 terms at overlap 0.35 are two stories: the lower overlap needs 8 shared terms."""
    assert not stories.same_story(_long("a", 7, 13), _long("b", 7, 13))
    assert stories.same_story(_long("a", 8, 15), _long("b", 8, 15))


LUFTHANSA_A = ("Germany: Lufthansa strike grounds hundreds of flights",
               "Pilots and cabin crew walked out on Thursday over pensions, stranding travellers in Frankfurt.")
LUFTHANSA_B = ("Lufthansa staff to strike on Thursday",
               "The union called the walkout after negotiations broke down, the airline said.")
ORBAN_A = ("Hungary: Magyar launches campaign against Orban",
           "The opposition leader Peter Magyar opened his party's election campaign with a rally.")
ORBAN_B = ("Orban says the EU is a bigger threat than Russia",
           "Ahead of the election the prime minister told supporters that Brussels wanted to rule Hungary.")


def _pair(a: tuple[str, str], b: tuple[str, str], gap: timedelta = timedelta(hours=6)) -> dict[str, str]:
    """Story ids of two items ``gap`` apart, after 60 unrelated items (a name is rare only among many)."""
    others = [StoryItem(f"o{n}", StoryTerms({f"other{n}": 1.0}), T0) for n in range(60)]
    return stories.group([*others, StoryItem("a", stories.story_terms(*a), T0),
                          StoryItem("b", stories.story_terms(*b), T0 + gap)])


def test_short_items_mark_their_headline() -> None:
    """A feed item marks itself short, its headline's rare names and other words; a full text marks nothing."""
    short = stories.story_terms(*LUFTHANSA_A).weights
    long = stories.story_terms(LUFTHANSA_A[0], " ".join([LUFTHANSA_A[1]] * 5)).weights

    assert {"~", "*lufthansa", "+strik", "+ground"} <= short.keys()
    assert set() == {t for t in long if t[0] in "~*+"}


def test_short_items_sharing_a_rare_headline_name_and_word_join() -> None:
    """Two feed items whose headlines name Lufthansa and a strike are one story, within two days only."""
    assert not stories.same_story(stories.story_terms(*LUFTHANSA_A), stories.story_terms(*LUFTHANSA_B))
    assert "a" == _pair(LUFTHANSA_A, LUFTHANSA_B)["b"]
    assert "b" == _pair(LUFTHANSA_A, LUFTHANSA_B, timedelta(days=2, hours=1))["b"]


def test_short_items_sharing_only_a_topic_name_stay_apart() -> None:
    """Two feed items on one politician whose headlines share no other word are two stories."""
    assert "b" == _pair(ORBAN_A, ORBAN_B)["b"]


def test_full_texts_do_not_use_the_short_item_rule() -> None:
    """The short-item rule holds for the two feed items, not for the same headlines over full texts."""
    a = stories.story_terms(LUFTHANSA_A[0], " ".join([LUFTHANSA_A[1]] * 5))
    b = stories.story_terms(LUFTHANSA_B[0], " ".join([LUFTHANSA_B[1]] * 5))
    short = stories.short_story(stories.story_terms(*LUFTHANSA_A), stories.story_terms(*LUFTHANSA_B))

    assert (True, False) == (short, stories.short_story(a, b))
