"""Tests of event detection and escalation: the hard cases, and properties of the rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmon.escalation import analyze
from newsmon.sentences import split_sentences
from newsmon.vocab import load_taxonomy

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed-corpus"
TAXONOMY = load_taxonomy()


def _level(title: str, summary: str = "") -> int:
    return analyze(title, summary, taxonomy=TAXONOMY).level


def test_material_attack_is_level_3_with_evidence() -> None:
    """A reported strike is level 3 with its sentence, source, mode and casualties."""
    result = analyze("Israeli airstrikes kill 20 in southern Lebanon, wounding 35",
                     taxonomy=TAXONOMY)  # fmt: skip
    evidence = result.events[0]

    assert 3 == result.level
    assert ("ASSAULT", "ISR", "air strike", 20, 35) == (
        evidence.event, evidence.source, evidence.mode, evidence.killed, evidence.wounded)
    assert "LB" in result.regions


def test_houthi_missiles_at_ships() -> None:
    """An armed group firing missiles is level 3 with the group as actor and missile as mode."""
    result = analyze("Houthis fire missiles at ships in the Red Sea", taxonomy=TAXONOMY)

    assert 3 == result.level
    assert "houthis" in result.actors and "red-sea" in result.regions
    assert "missile" == result.events[0].mode


@pytest.mark.parametrize(
    "title",
    ["Iran denied any role in the attack on the tanker, the army said",
     "Israel did not strike the camp, the military said",
     "Officials say Iran could strike U.S. bases in the region",
     "Hezbollah is ready to attack if Israel enters Lebanon, the militia said"],
)  # fmt: skip
def test_negated_and_hypothetical_attacks_do_not_reach_level_3(title: str) -> None:
    """Denials and hypotheticals do not raise the level to a material escalation."""
    assert _level(title) < 3


def test_background_attack_does_not_raise_the_level() -> None:
    """An attack mentioned as background ("since the war began in 2023") is no new event."""
    title = "Gaza aid deliveries resume as refugees return"
    summary = "More than 60,000 people have been killed since the war began in 2023."

    assert 1 == _level(title, summary)


def test_threat_is_level_2() -> None:
    """A threat of retaliation is a verbal escalation."""
    result = analyze("Iran warns the US will be hit hard if it attacks", taxonomy=TAXONOMY)

    assert 2 == result.level
    assert "THREATEN" in {e.event for e in result.events}


def test_deployment_is_level_2() -> None:
    """A warship and troop deployment is level 2 (MOBILIZE)."""
    result = analyze("US deploys warships and 2,000 marines to the Middle East",
                     taxonomy=TAXONOMY)  # fmt: skip

    assert (2, {"MOBILIZE"}) == (result.level, {e.event for e in result.events} & {"MOBILIZE"})


@pytest.mark.parametrize("title", [
    "Poland moves 40,000 troops to its border with Belarus",
    "Armenia moved 3,000 soldiers to the Azerbaijani frontier, Baku says",
    "Eritrea calls up reservists as tensions with Ethiopia rise",
])  # fmt: skip
def test_troops_moved_or_reservists_called_up_are_level_2(title: str) -> None:
    """Troops moved in numbers and reservists called up are mobilisation (MOBILIZE, level 2)."""
    result = analyze(title, taxonomy=TAXONOMY)

    assert (2, True) == (result.level, "MOBILIZE" in {e.event for e in result.events})


def test_workers_moved_are_no_mobilisation() -> None:
    assert 0 == _level("Carmaker moves 400 workers to its new plant in Poland")


def test_ceasefire_is_deescalation() -> None:
    """A ceasefire agreed is a step down; one that collapsed is not."""
    assert analyze("Israel and Hamas agree to a ceasefire in Gaza", taxonomy=TAXONOMY).deescalation
    collapsed = analyze("The ceasefire in Gaza collapsed as fighting resumed", taxonomy=TAXONOMY)
    assert not collapsed.deescalation


@pytest.mark.parametrize(
    "title",
    ["Lufthansa strike grounds hundreds of flights", "Stocks rally as tech shares attack highs",
     "Heart attack kills former football coach", "OpenAI accuses DeepSeek of free-riding"],
)  # fmt: skip
def test_ordinary_news_is_level_0(title: str) -> None:
    """Strikes by workers, metaphors and business disputes are no conflict."""
    assert 0 == _level(title)


def test_sentences_keep_abbreviations() -> None:
    """"U.S." does not end a sentence."""
    text = "The U.S. military said it struck. Then it left."

    assert 2 == len(split_sentences(text))


@pytest.mark.skipif(not SEED.is_dir(), reason="shared seed corpus absent")
@pytest.mark.parametrize("name", ["000_caad2a367951e871.txt", "002_67290bdd487fd4c6.txt"])
def test_seed_articles_are_escalations(name: str) -> None:
    """The two seed articles (Iran, Israel, Hezbollah, Gaza, US) are level 2 or more."""
    title, _, text = (SEED / name).read_text(encoding="utf-8").partition("\n")
    result = analyze(title, text=text, taxonomy=TAXONOMY)

    assert result.level >= 2
    assert {"IRN", "ISR"} <= set(result.actors)
    assert all(e.sentence for e in result.events)


_NEUTRAL = ["the", "weather", "market", "recipe", "garden", "a", "quiet", "library", "opened",
            "on", "Sunday", "with", "music", "and", "coffee", "tourists", "enjoyed", "cake"]  # fmt: skip
_TEXTS = ["Israeli strikes kill 20 in southern Lebanon",
          "Iran warns the US will be hit hard, Khamenei said",
          "Russia and Ukraine hold peace talks in Geneva",
          "Houthis fire missiles at ships in the Red Sea as Hezbollah threatens Israel"]  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_TEXTS), st.lists(st.sampled_from(_NEUTRAL), min_size=1, max_size=12))
def test_unrelated_sentence_never_removes_a_tag(title: str, words: list[str]) -> None:
    """Adding an unrelated sentence keeps every region, actor and event and the level."""
    before = analyze(title, taxonomy=TAXONOMY)
    after = analyze(title, " ".join(words).capitalize() + ".", taxonomy=TAXONOMY)

    assert set(before.regions) <= set(after.regions)
    assert set(before.actors) <= set(after.actors)
    assert {e.event for e in before.events} <= {e.event for e in after.events}
    assert before.level <= after.level


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_analysis_is_deterministic(title: str, summary: str) -> None:
    """The same input always gives the same analysis, and the level stays within 0..3."""
    first = analyze(title, summary, taxonomy=TAXONOMY)

    assert first == analyze(title, summary, taxonomy=TAXONOMY)
    assert 0 <= first.level <= 3 and first.level <= first.score < first.level + 1


def _events(result: object) -> set[str]:
    return {e.event for e in result.events}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "title",
    ["Commander says US bases would be hit without hesitation if Iran is attacked",
     "Militia warns that any ship entering the strait will be struck",
     "Hezbollah is ready to attack if Israel enters Lebanon, the militia said"],
)  # fmt: skip
def test_conditional_or_warned_attack_is_a_threat(title: str) -> None:
    """An attack under a condition or a warning is THREATEN at level 2, never ASSAULT."""
    result = analyze(title, taxonomy=TAXONOMY)

    assert (2, True, False) == (result.level, "THREATEN" in _events(result),
                                "ASSAULT" in _events(result))  # fmt: skip


def test_threat_rule_leaves_reported_attack_after_a_warning() -> None:
    """A strike reported after a warning ("warned after Israel struck") stays an attack."""
    result = analyze("Hamas warned of revenge after Israeli jets struck a camp in Gaza",
                     taxonomy=TAXONOMY)  # fmt: skip

    assert 3 == result.level


def test_pause_in_the_fighting_is_no_attack() -> None:
    """"A pause in the fighting" in a ceasefire draft is de-escalation, not an assault."""
    result = analyze("Truce talks resume in Cairo",
                     "A draft provides for a six-week pause in the fighting and a hostage release.",
                     taxonomy=TAXONOMY)  # fmt: skip

    assert "ASSAULT" not in _events(result)
    assert result.deescalation and result.level < 2


def test_carrier_strike_group_is_mobilize() -> None:
    """A carrier strike group sailing into the Gulf is MOBILIZE, not an air strike."""
    result = analyze("US carrier strike group sails into the Gulf as tensions rise",
                     taxonomy=TAXONOMY)  # fmt: skip

    assert "MOBILIZE" in _events(result) and "ASSAULT" not in _events(result)
    assert "persian-gulf" in result.regions


def test_evidence_sentence_appears_once() -> None:
    """A title repeated as the first line of the text gives its evidence once."""
    title = "Israeli drone strike kills two men near Tyre"
    result = analyze(title, text=f"{title}\nThe army said it targeted Hezbollah members.",
                     taxonomy=TAXONOMY)  # fmt: skip
    sentences = [(e.event, e.sentence) for e in result.events]

    assert len(sentences) == len(set(sentences))
    assert title == result.events[0].sentence


_CALM = ("Delegates met in the capital on Monday to discuss a new trade corridor. "
         "Officials described the meeting as constructive. The talks covered customs and rail "
         "links. Both sides agreed to meet again next month. Business groups welcomed the plan. ")  # fmt: skip


def test_one_deep_body_sentence_does_not_raise_the_level() -> None:
    """A single attack sentence deep in a full text does not make a calm article level 3."""
    text = _CALM * 3 + "Years earlier, Russian missile strikes hit the city's power plant."
    lone = "Russian forces shelled the port overnight, officials said."

    assert analyze("Ministers discuss rail corridor", text=text, taxonomy=TAXONOMY).level < 3
    assert analyze("Ministers discuss rail corridor", text=_CALM * 3 + lone,
                   taxonomy=TAXONOMY).level < 3  # fmt: skip


def test_two_body_sentences_raise_the_level() -> None:
    """Two body sentences that report attacks do raise the level of a full text."""
    text = (_CALM * 2 + "Russian forces shelled the port overnight, officials said. "
            "Drones struck a fuel depot near the border on Tuesday.")  # fmt: skip

    assert 3 == analyze("Ministers discuss rail corridor", text=text, taxonomy=TAXONOMY).level


def test_lead_evidence_comes_first() -> None:
    """The strongest evidence from the title or lead is listed before the body's."""
    text = _CALM + "Drones struck a fuel depot near the border. Russian forces shelled the port."
    result = analyze("Russian missiles hit Kharkiv apartment block", text=text, taxonomy=TAXONOMY)

    assert result.events[0].sentence.startswith("Russian missiles hit Kharkiv")


def test_accusation_escalates_only_of_an_attack() -> None:
    """Accusing a state of an attack is level 2; accusing a festival of silence is not."""
    attack = analyze("Ukraine accuses Russia of missile attack on Odesa port", taxonomy=TAXONOMY)
    silence = analyze("Actors accuse film festival of silence over Gaza war", taxonomy=TAXONOMY)

    assert attack.level >= 2
    assert silence.level == 1


def test_humanitarian_warning_is_no_threat() -> None:
    """"Aid agencies warned" is no THREATEN: only a party to the conflict threatens."""
    result = analyze("Aid agencies warned that shelters in Gaza are full", taxonomy=TAXONOMY)

    assert "THREATEN" not in _events(result) and result.level == 1


def test_talks_held_are_deescalation_talks_discussed_are_not() -> None:
    """A round of talks held is a step down; an analysis of talks is not."""
    held = analyze("Russia and Ukraine hold peace talks in Geneva", taxonomy=TAXONOMY)
    discussed = analyze("Former envoy discusses US-Iran nuclear talks", taxonomy=TAXONOMY)

    assert (True, False) == (held.deescalation, discussed.deescalation)


@pytest.mark.parametrize(
    "title",
    ["Japan lifts sanctions on Iran after nuclear deal", "Britain sends 300 troops to UN peacekeeping mission",
     "US troops arrive to deliver earthquake relief"],
)  # fmt: skip
def test_lifted_sanctions_and_peacekeepers_are_no_escalation(title: str) -> None:
    """Sanctions lifted and troops sent to keep peace or bring relief are below level 2."""
    assert _level(title) < 2


@pytest.mark.parametrize(("title", "summary"), [
    ("Will Europe move to boost diplomacy with Russia?", "Some in Brussels want a special envoy."),
    ("Displaced families go home to Khartoum", "Whole districts still have no power or water."),
    ("A dissident's memoir of the Syrian regime", "She grew up in Homs and left in 2014."),
])  # fmt: skip
def test_weak_context_with_actor_or_conflict_place_is_level_1(title: str, summary: str) -> None:
    """A weak term of conflict beside a state that acts or a place of armed conflict gives level 1."""
    assert 1 == _level(title, summary)


def test_weak_context_beside_the_people_of_a_state_at_war_is_level_1() -> None:
    """Refugees named by the people of a state at war are that war's refugees, wherever they are."""
    assert (1, 0) == (_level("Poland extends temporary protection for Ukrainian refugees"),
                      _level("Poland extends temporary protection for Belarusian students"))


@pytest.mark.parametrize(("title", "summary"), [
    ("Nine arrested in France after student's death", "Police blame far-left militants."),
    ("Refugees from the storm return to Miami", "Most of the displaced found homes destroyed."),
])  # fmt: skip
def test_weak_context_alone_stays_level_0(title: str, summary: str) -> None:
    """A weak term of conflict with no actor and no place of armed conflict is no conflict."""
    assert 0 == _level(title, summary)


@pytest.mark.parametrize(("title", "summary"), [
    ("Deminers clear 400 hectares of wheat fields near Kherson", ""),
    ("Food convoy reaches El Fasher for the first time since May", "It carried sorghum for 60,000 people."),
    ("Donors pledge $2bn for rebuilding schools in Mosul", ""),
    ("Families return to southern Lebanon to find their villages in ruins", ""),
])  # fmt: skip
def test_aftermath_term_at_a_conflict_place_is_level_1(title: str, summary: str) -> None:
    """Relief, mines, the missing: a war's aftermath at a place of armed conflict is about it."""
    assert 1 == _level(title, summary)


@pytest.mark.parametrize(("title", "summary"), [
    ("Trump's aid cuts will hurt India and Indonesia", "Clinics that relied on US grants are closing."),
    ("Japan and Australia send relief to Tonga after eruption", ""),
    ("Veterans march in Sydney on Anzac Day", ""),
    ("Rescuers dig through rubble after earthquake in Japan", ""),
])  # fmt: skip
def test_aftermath_term_elsewhere_stays_level_0(title: str, summary: str) -> None:
    """An aftermath term needs a place of armed conflict: two states giving aid are not enough."""
    assert 0 == _level(title, summary)


@pytest.mark.parametrize(("title", "level"), [
    ("Spanish soldiers join mud clean-up after floods", 0), ("Japanese troops clear roads after quake", 0),
    ("US Marines parade in Washington", 0), ("Sudan's army chief visits Port Sudan", 1),
])  # fmt: skip
def test_a_states_own_forces_alone_make_no_conflict(title: str, level: int) -> None:
    """A state's army clearing mud or marching in a parade is no confrontation; at a place of war
    it is about the war."""
    assert level == _level(title)


def test_user_aftermath_term_counts_at_a_place_of_war(tmp_path: Path) -> None:
    """A term a user's taxonomy.yaml adds to aftermath_context makes an item about a war where one is."""
    path = tmp_path / "taxonomy.yaml"
    path.write_text("aftermath_context: [bread queues]\n", encoding="utf-8")
    title = "Bread queues grow longer in Khartoum"

    assert (0, 1) == (_level(title), analyze(title, taxonomy=load_taxonomy(path)).level)


def test_armed_force_term_alone_lets_an_attack_count() -> None:
    """'Troops' alone let an attack cue count; 'militants' alone do not let a blame count."""
    assert 3 == _level("Troops opened fire and attacked the camp, killing four", "")
    assert 0 == _level("Nine arrested after student's death", "Police blame far-left militants.")


def test_user_conflict_place_makes_weak_context_count(tmp_path: Path) -> None:
    """A place a user's taxonomy.yaml adds to conflict_places lets weak conflict terms count there."""
    path = tmp_path / "taxonomy.yaml"
    path.write_text("conflict_places: [EC]\n", encoding="utf-8")
    title, summary = "Displaced families return to Guayaquil", "Many homes have no water."

    assert (0, 1) == (_level(title, summary),
                      analyze(title, summary, taxonomy=load_taxonomy(path)).level)  # fmt: skip


@pytest.mark.parametrize("title", [
    "Explainer: How close is Iran's nuclear programme to a bomb?",
    "Magnitude 6.1 earthquake strikes eastern Turkey near the Syrian border",
    "Storm hits Gaza tent camps as winter sets in",
    "Taliban authorities say Herat earthquakes killed more than 2,000",
    "Japan sends thousands of troops to quake-hit Noto peninsula",
])
def test_nouns_and_natural_hazards_are_no_attack(title: str) -> None:
    """A verb cue used as a noun ("a bomb") or with a storm or an earthquake as subject is no attack, and
    troops sent to a quake zone are relief, no show of force."""
    assert analyze(title, taxonomy=TAXONOMY).level < 2


def test_years_ago_late_in_the_clause_is_background() -> None:
    """A fight that a clause dates "two years ago" is background, however far the date trails."""
    result = analyze("Displaced families return to ruined homes in Khartoum",
                     "Residents who fled the fighting between the army and the RSF two years ago "
                     "describe neighbourhoods stripped of water and power.", taxonomy=TAXONOMY)

    assert 1 == result.level


def test_last_month_dates_an_attack_as_background() -> None:
    """"Shelled last month" is background to the reopening; "shelled on Tuesday" is new."""
    old = analyze("Traders reopen market in Kharkiv",
                  "Russian forces shelled the market last month, traders say; half the stalls are still shut.",
                  taxonomy=TAXONOMY)  # fmt: skip
    new = analyze("Traders count losses in Kharkiv", "Russian forces shelled the market on Tuesday, traders say.",
                  taxonomy=TAXONOMY)  # fmt: skip

    assert (1, 3) == (old.level, new.level)


def test_police_raids_are_law_enforcement() -> None:
    """Raids on scam compounds or by police on migrants are no armed attack; soldiers' raids are."""
    police = analyze("Pakistan deports thousands of Afghans as crackdown widens",
                     "Police in Karachi stepped up raids against migrants without valid documents, officials said.",
                     taxonomy=TAXONOMY)  # fmt: skip
    scam = analyze("Cambodia holds 600 foreigners after scam compound raids",
                   "The crackdown comes weeks after US sanctions on the networks.", taxonomy=TAXONOMY)
    troops = analyze("Nigerian troops raid militant hideout near the border, killing five", taxonomy=TAXONOMY)

    assert "ASSAULT" not in {e.event for e in police.events + scam.events}
    assert "ASSAULT" in {e.event for e in troops.events}


def test_police_seizures_and_interceptions_are_law_enforcement() -> None:
    """Police who seize drugs or intercept a smuggler's truck report no attack; a navy seizing a
    tanker, or air defences intercepting drones, still do."""
    drugs = analyze("Police seize meth pills in Chiang Rai raid",
                    "Drug Suppression officers intercepted a truck and arrested two men. The drugs were smuggled "
                    "across the Mekong from Myanmar's Shan State, police said.", taxonomy=TAXONOMY)  # fmt: skip
    tanker = analyze("Iran seizes foreign tanker for fuel smuggling in the Strait of Hormuz", taxonomy=TAXONOMY)
    drones = analyze("Russian air defences intercepted 40 Ukrainian drones overnight", taxonomy=TAXONOMY)

    assert drugs.level < 2
    assert (tanker.level, drones.level) == (3, 3)


def test_firing_across_a_border_is_an_attack() -> None:
    """Troops "firing across the border" or "fired shots into" a country attack, and an accusation
    of it is an escalation."""
    fired = analyze("Thai soldiers fired shots into Cambodian territory, Phnom Penh says", taxonomy=TAXONOMY)
    accused = analyze("Cambodia accuses Thai troops of firing across border", taxonomy=TAXONOMY)

    assert "ASSAULT" in {e.event for e in fired.events}
    assert accused.level >= 2


def test_political_threats_are_no_threat_of_force() -> None:
    """Parties that threaten to withhold their votes or quit a coalition threaten no force."""
    votes = analyze("Israel's budget fight could bring early elections",
                    "Ultra-Orthodox parties are threatening to withhold their votes unless yeshiva students "
                    "are exempted from military service.", taxonomy=TAXONOMY)  # fmt: skip
    force = analyze("Iran threatens to strike US bases if attacked", taxonomy=TAXONOMY)

    assert "THREATEN" not in {e.event for e in votes.events}
    assert votes.level < 2
    assert force.level == 2


def test_a_union_s_ultimatum_over_a_tariff_threatens_no_force() -> None:
    """A labour congress that gives the government an ultimatum over electricity tariffs and
    threatens to mobilise workers for a protest threatens no force; "threatened to mobilise troops"
    and an ultimatum over a border do."""
    union = analyze("NLC gives FG 14-day ultimatum over electricity tariff",
                    "The Nigeria Labour Congress has threatened to mobilise workers for a nationwide protest "
                    "if the Federal Government fails to reverse the tariff review.", taxonomy=TAXONOMY)  # fmt: skip
    troops = analyze("Russia threatens to mobilise troops on the Finnish border", taxonomy=TAXONOMY)
    border = analyze("Azerbaijan gives Armenia ultimatum over border villages", taxonomy=TAXONOMY)

    assert "THREATEN" not in {e.event for e in union.events}
    assert (troops.level, border.level) == (2, 2)


def test_a_capitalised_verb_inside_a_sentence_is_part_of_a_name() -> None:
    """"The Gaza Press Club" asks nothing and "the Met Office" meets no one; "journalists press the
    UN" asks, and a verb opening a sentence or a headline counts."""
    title = "Reporters mourn colleagues killed in Gaza"
    club = analyze(title, "Journalists held a vigil at the Gaza Press Club on Sunday.", taxonomy=TAXONOMY)
    verb = analyze(title, "Journalists press the UN for an inquiry into the killings.", taxonomy=TAXONOMY)
    opening = analyze(title, "Press freedom groups urge the UN to investigate.", taxonomy=TAXONOMY)

    assert "REQUEST" not in {e.event for e in club.events}
    assert "REQUEST" in {e.event for e in verb.events}
    assert "REQUEST" in {e.event for e in opening.events}


def test_sanctions_in_force_are_a_hint_and_sanctions_imposed_an_escalation() -> None:
    """LABELING.md's level 2 counts sanctions imposed in a confrontation; sanctions named as a state of
    things ("Western sanctions weigh on the economy", "enforcing UN sanctions") hint at one."""
    in_force = [analyze(t, taxonomy=TAXONOMY) for t in (
        "Western sanctions and high rates weigh on Russia's war economy",
        "China insists it is strictly enforcing UN sanctions on North Korea",
    )]  # fmt: skip
    imposed = [analyze(t, taxonomy=TAXONOMY) for t in (
        "EU imposes new sanctions on Russia over the war in Ukraine",
        "US sanctions Iranian oil network",
        "Treasury sanctions two Russian banks",
        "EU adopts 20th sanctions package against Russia",
    )]  # fmt: skip

    assert [a.level for a in in_force] == [1, 1]
    assert [a.level for a in imposed] == [2, 2, 2, 2]


def test_imposing_words_of_another_clause_impose_no_sanctions() -> None:
    """"Rial plunges to new low as sanctions bite": "new" is the low's, and the sanctions are in force;
    "new sanctions" in their own clause are imposed."""
    bite = analyze("Iran's rial plunges to new low as sanctions and inflation bite", taxonomy=TAXONOMY)
    imposed = analyze("EU adopts new sanctions as Iran's rial plunges", taxonomy=TAXONOMY)

    assert bite.level < 2
    assert imposed.level == 2


def test_an_act_dated_last_month_by_its_own_words_is_background() -> None:
    """"Sites bombed last June" reports no new strike; "bombed on Tuesday" does."""
    dated = analyze("IAEA chief says inspectors still cannot verify Iran's stockpile",
                    "Rafael Grossi said access to key sites bombed last June remains limited.",
                    taxonomy=TAXONOMY)  # fmt: skip
    new = analyze("Israeli jets bombed sites near Isfahan on Tuesday, Iran says", taxonomy=TAXONOMY)

    assert (dated.level, new.level) == (1, 3)


def test_a_warning_of_famine_is_no_threat() -> None:
    """The UN "warning of famine" foresees a plight; a state that "warned of retaliation" threatens."""
    famine = analyze("Survivors of El Fasher describe killings as famine spreads in Darfur",
                     "Aid workers say new arrivals report executions after the city fell to the Rapid Support "
                     "Forces, with the UN warning of famine across much of the region.", taxonomy=TAXONOMY)  # fmt: skip
    threat = analyze("Moscow warns of retaliation after Estonia detains a Russian tanker", taxonomy=TAXONOMY)

    assert "THREATEN" not in {e.event for e in famine.events}
    assert "THREATEN" in {e.event for e in threat.events}


def test_an_execution_for_a_common_crime_is_no_act_of_conflict() -> None:
    """A prisoner hanged on drug-related charges is punished for a crime, no attack (a rise in
    executions of Kurds may still hint at repression); a man hanged for spying for Mossad is not
    made a crime by it."""
    drugs = analyze("Iran executes Kurdish prisoner in Urmia, rights group says",
                    "Iranian authorities executed a Kurdish prisoner at Urmia central prison at dawn on "
                    "drug-related charges, according to rights groups, who warn of a sharp rise in executions "
                    "of Kurds this year.", taxonomy=TAXONOMY)  # fmt: skip
    spying = analyze("Iran hangs man convicted of spying for Mossad", taxonomy=TAXONOMY)

    assert drugs.level < 2 and "ASSAULT" not in {e.event for e in drugs.events}
    assert spying.level == 1


def test_talk_of_escalation_between_two_states_is_about_a_confrontation() -> None:
    """Two foreign ministers who speak of "regional escalation" speak of a confrontation (level 1), a
    fear voiced and no threat; a warning of escalation "if" attacked threatens; an escalation of
    school fees in one country is no confrontation."""
    call = analyze("Fuad Hussein warns of regional escalation in call with Araghchi",
                   "Iraqi Foreign Minister Fuad Hussein spoke by phone with his Iranian counterpart Abbas "
                   "Araghchi on the situation in the region.", taxonomy=TAXONOMY)  # fmt: skip
    fees = analyze("Unions protest escalation of school fees in Kenya", taxonomy=TAXONOMY)
    threat = analyze("Iran warns of escalation if Israel strikes again", taxonomy=TAXONOMY)

    assert (call.level, fees.level, threat.level) == (1, 0, 2)


def test_a_conscription_law_is_domestic_politics() -> None:
    """A parliament's debate on a conscription bill, with reservists protesting outside, is about
    the army's manpower at home, not about a conflict (the labellers gave such items level 0)."""
    draft = analyze("Bismuth pushes draft law toward final readings amid reservist protests",
                    "The Knesset committee resumed deliberations on the Haredi conscription bill as reservists "
                    "and bereaved families demonstrated outside.", taxonomy=TAXONOMY)  # fmt: skip

    assert draft.level == 0


def test_an_act_in_a_relative_clause_describes_its_actor() -> None:
    """"The military leaders who seized power in November" says who they are; the news is the call
    on them. A headline's own act, or a new act in the main clause, still counts."""
    junta = analyze("ECOWAS presses Guinea-Bissau junta for swift return to civilian rule",
                    "A regional delegation called on the military leaders who seized power in November to "
                    "shorten their transition.", taxonomy=TAXONOMY)  # fmt: skip
    strike = analyze("Israel strikes Gaza", "Jets struck the militants who attacked a border post.",
                     taxonomy=TAXONOMY)

    assert junta.level < 3
    assert strike.level == 3


def test_a_drug_war_is_no_war() -> None:
    """A president's "drug war" is a police campaign, not an armed conflict of LABELING.md."""
    drugs = analyze("Duterte ICC case: judges to rule on former president's fitness for trial",
                    "A decision on whether Rodrigo Duterte can take part in proceedings over his drug war is "
                    "due soon.", taxonomy=TAXONOMY)  # fmt: skip
    war = analyze("Judges to rule on Sudan war crimes case", "Proceedings over the war in Darfur resume.",
                  taxonomy=TAXONOMY)

    assert (drugs.level, war.level) == (0, 1)


def test_sanctions_on_criminal_networks_are_law_enforcement() -> None:
    """Sanctions on scam networks or drug cartels are tied to no conflict; sanctions on a state are."""
    crime = analyze("US and Britain impose sanctions on scam networks in Cambodia", taxonomy=TAXONOMY)
    cartel = analyze("Treasury announces sanctions against drug cartels' money launderers", taxonomy=TAXONOMY)
    state = analyze("EU imposes sanctions on Russia over its war in Ukraine", taxonomy=TAXONOMY)

    assert (crime.level < 2, cartel.level < 2) == (True, True)
    assert "SANCTION" not in {e.event for e in crime.events + cartel.events}
    assert "SANCTION" in {e.event for e in state.events}


def test_leaving_a_body_or_a_pact_is_no_retreat() -> None:
    """A state that withdraws from an organisation, a treaty or a race moves no forces: no retreat and
    no step down. Troops that pull out of a place, or a pullout with no object beside no body, are one."""
    body = analyze("Without the US, the WHO cuts programmes and staff",
                   "The World Health Organization is closing offices after the United States completed its "
                   "withdrawal in January.", taxonomy=TAXONOMY)  # fmt: skip
    pact = analyze("Argentina withdraws from the Paris climate accord", taxonomy=TAXONOMY)
    race = analyze("Opposition candidate pulls out of the presidential race in Peru", taxonomy=TAXONOMY)
    troops = analyze("Israeli troops withdraw from parts of southern Lebanon", taxonomy=TAXONOMY)
    ground = analyze("Israel completes its withdrawal from the Netzarim corridor", taxonomy=TAXONOMY)

    assert "RETREAT" not in {e.event for e in body.events + pact.events + race.events}
    assert (body.deescalation, pact.deescalation, race.deescalation) == (False, False, False)
    assert "RETREAT" in {e.event for e in troops.events} and troops.deescalation
    assert "RETREAT" in {e.event for e in ground.events} and ground.deescalation


def test_weather_that_destroys_is_no_attack() -> None:
    """Winds and rain that hit a province and destroy homes attack no one, even in a country with an
    insurgency; gunmen who destroy homes there do."""
    title = "Cyclone makes landfall in Mozambique as insurgents stay active in Cabo Delgado"
    weather = analyze(title, "Strong winds and heavy rain hit Nampula province, destroying homes and cutting "
                      "power, officials said.", taxonomy=TAXONOMY)  # fmt: skip
    raid = analyze(title, "Gunmen raided a village in Nampula province, destroying homes, officials said.",
                   taxonomy=TAXONOMY)

    assert "ASSAULT" not in {e.event for e in weather.events}
    assert "ASSAULT" in {e.event for e in raid.events}


def test_a_disaster_story_is_not_made_a_conflict_by_who_governs() -> None:
    """A quake where the Taliban govern, and its displaced and relief, make no conflict; a quake
    story that names the war there is about one."""
    quake = analyze("Magnitude 5.8 earthquake hits northern Afghanistan",
                    "Taliban officials said several homes collapsed in Baghlan, with rescuers and relief "
                    "supplies still reaching remote villages.", taxonomy=TAXONOMY)  # fmt: skip
    felt = analyze("Magnitude 5.8 earthquake hits northern Afghanistan, tremors felt in Islamabad",
                   "Taliban officials said several homes collapsed in Baghlan.", taxonomy=TAXONOMY)
    war = analyze("Earthquake hits northern Syria",
                  "Rescuers in the war-torn region, where HTS fighters hold the towns, searched rubble.",
                  taxonomy=TAXONOMY)

    assert (quake.level, felt.level) == (0, 0)  # Afghanistan and Pakistan, rivals, share a quake
    assert war.level >= 1


def test_what_endangers_a_state_of_things_threatens_no_force() -> None:
    """"The plan threatens the prospect of a two-state solution" and "falling uptake threatens
    elimination" endanger something; "Iran threatens the US" and "threatens to strike" are threats."""
    endangers = [analyze(t, taxonomy=TAXONOMY) for t in (
        "UAE says Israeli settlement plan threatens the prospect of a Palestinian state",
        "WHO says falling vaccine uptake in Europe threatens measles elimination",
    )]  # fmt: skip
    threats = [analyze(t, taxonomy=TAXONOMY) for t in (
        "Iran threatens the US with a crushing response",
        "Houthis threaten to strike ships in the Red Sea",
    )]  # fmt: skip

    assert "THREATEN" not in {e.event for a in endangers for e in a.events}
    assert [a.level for a in threats] == [2, 2]


def test_participle_after_a_preposition_describes_a_state() -> None:
    """"Famine in besieged Kadugli" and "sick and wounded Gazans" report a state, not a new siege or
    attack; "RSF besieged Kadugli" reports one."""
    state = analyze("WFP warns of famine spreading in besieged Kadugli and Dilling", taxonomy=TAXONOMY)
    evacuated = analyze("Hundreds of sick and wounded Palestinians leave Gaza via Rafah", taxonomy=TAXONOMY)
    act = analyze("RSF fighters besieged Kadugli and shelled its market", taxonomy=TAXONOMY)

    assert (1, 3) == (state.level, act.level)
    assert "ASSAULT" not in {e.event for e in evacuated.events}


def test_attack_named_by_its_case_is_judged() -> None:
    """"Attack case" and "bombing trial" name proceedings about an old act, not a new one."""
    case = analyze("Barracks attack case: court records statements of more witnesses", taxonomy=TAXONOMY)
    trial = analyze("Army officers face bombing trial in Kabul", taxonomy=TAXONOMY)

    assert "ASSAULT" not in {e.event for e in case.events + trial.events}


def test_one_state_accusing_another_of_an_attack_is_a_confrontation() -> None:
    """"Estonia accuses Russia of hybrid attack" is an escalation between two states, with no other word
    of conflict; "Estonia accuses Russia of doping" is not."""
    attack = analyze("Estonia closes border crossings, accusing Russia of hybrid attack", taxonomy=TAXONOMY)
    doping = analyze("Estonia accuses Russia of doping cover-up", taxonomy=TAXONOMY)

    assert (2, 0) == (attack.level, doping.level)


def test_a_crackdown_is_coercion_but_no_escalation() -> None:
    """A state's crackdown on protesters or migrants is about repression (level 1), not a threat or a
    show of force between parties (level 2)."""
    result = analyze("Iran widens crackdown after protests",
                     "Security forces detained hundreds of protesters, rights groups said.", taxonomy=TAXONOMY)  # fmt: skip

    assert 1 == result.level and "COERCE" in {e.event for e in result.events}


def test_talks_round_makes_an_item_about_conflict() -> None:
    """A round of talks held is a de-escalation, and a de-escalation is about a conflict: level 1 at least."""
    result = analyze("Iran and the US open a second round of negotiations in Muscat", taxonomy=TAXONOMY)

    assert result.deescalation and result.level >= 1


@pytest.mark.parametrize("title", [
    "Araghchi says Iran will respond to any aggression by Washington",
    "Netanyahu says Israel will not allow Hezbollah to rearm in southern Lebanon",
    "The IDF will act with full force against Hamas, the defence minister says",
])
def test_conditional_warnings_are_threats(title: str) -> None:
    """Warnings of a response to any attack, or of what will not be allowed, are level 2 threats."""
    result = analyze(title, taxonomy=TAXONOMY)

    assert 2 == result.level and "THREATEN" in {e.event for e in result.events}


@pytest.mark.parametrize(("title", "summary"), [
    ("The army's role in the economy is growing", "Generals sit on the boards of banks and airlines."),
    ("Terrorism charges after a man stabbed two at a festival", "Police say he acted alone."),
    ("Defence start-ups win new contracts", "Investors see the military as a growth market."),
])  # fmt: skip
def test_armed_force_words_alone_are_no_conflict(title: str, summary: str) -> None:
    """An army's budget, a lone attacker or defence business is level 0: no two organised actors confront."""
    assert 0 == _level(title, summary)


def test_hint_of_conflict_between_two_states_is_level_1() -> None:
    """A weak term of conflict ("troops", "sanctions") counts between two organised actors."""
    assert 1 == _level("Japan and China spar over troops on disputed islands", "")


def test_naming_both_sides_of_a_rivalry_is_about_it() -> None:
    """Both sides of a known armed rivalry named make an item level 1; the same pair in sport does not."""
    assert 1 == _level("Taiwan's president says she is open to meeting Xi Jinping", "")
    assert 1 == _level("Seoul and Pyongyang trade barbs over loudspeakers", "")
    assert 0 == _level("India beat Pakistan by six wickets in the cricket World Cup", "")
    assert 0 == _level("China and Japan swap pandas as tourism rebounds", "")


def test_user_rivalry_makes_an_item_about_conflict(tmp_path: Path) -> None:
    """A pair added under rivalries in the user's taxonomy.yaml makes items naming both level 1."""
    user = tmp_path / "taxonomy.yaml"
    user.write_text("rivalries: [[GUY, VEN]]\n", encoding="utf-8")
    taxonomy = load_taxonomy(user)
    title = "Guyana says Venezuela is redrawing maps of the Essequibo"

    assert 0 == _level(title)
    assert 1 == analyze(title, taxonomy=taxonomy).level


@pytest.mark.parametrize("title", [
    "Ethnic violence flares again in the hills of Manipur",
    "Vietnam and China square off over a new maritime flashpoint",
    "Rohingya refugees crowd onto boats bound for Aceh",
])
def test_names_of_internal_and_border_conflict_are_level_1(title: str) -> None:
    """Ethnic violence, a flashpoint between two states, refugees of a war zone: about a conflict."""
    assert _level(title) >= 1


def test_a_massacre_needs_an_armed_actor_or_a_war() -> None:
    """A lone gunman's massacre is crime (0); soldiers' massacre of villagers is a material escalation."""
    assert 0 == _level("After the mall massacre, Canada debates gun laws", "A lone gunman killed nine.")
    assert 3 == _level("Soldiers massacred 30 villagers in central Mali, witnesses say", "")


def test_a_state_raiding_its_own_reserves_is_no_attack() -> None:
    """'Indonesia raids its rainy-day fund' is budget news, not a raid."""
    assert 0 == _level("Indonesia raids its rainy-day fund", "Investors fret about the deficit.")


def test_headline_question_about_talks_is_no_deescalation() -> None:
    """"What next for the talks?" discusses talks; it reports no round held (no de-escalation)."""
    question = analyze("Warships and red lines: what next for US-Iran nuclear talks?",
                       "Sharp warnings reveal a shaky path in the nuclear talks.", taxonomy=TAXONOMY)
    report = analyze("US and Iran hold a new round of nuclear talks in Muscat", taxonomy=TAXONOMY)

    assert not question.deescalation and report.deescalation


def test_armistice_line_is_no_truce() -> None:
    """A line once drawn by an armistice is a place, not a step down."""
    result = analyze("Blocks marking the old armistice line creep deeper into Gaza", taxonomy=TAXONOMY)

    assert not result.deescalation


@pytest.mark.parametrize("title", [
    "India sees opportunity in Trump's trade war",
    "The legal war over the chatbot company's for-profit shift",
    "A documentary about luge athletes in post-war Bosnia",
])
def test_figurative_and_past_wars_are_no_conflict(title: str) -> None:
    """A war of trade or of lawyers, or a war long over, is no armed conflict."""
    assert 0 == _level(title)


def test_a_war_at_a_place_of_war_is_level_1() -> None:
    """'War' itself still makes an item about armed conflict."""
    assert 1 == _level("Ukrainian families count the cost of four years of war", "")


@pytest.mark.parametrize(("title", "summary", "event"), [
    ("What Pyongyang gains by sending troops to fight for Moscow", "", "MOBILIZE"),
    ("Iran says it closed the Strait of Hormuz for drills", "", "MOBILIZE"),
    ("Tensions soar as India weighs how to hit Pakistan", "", "THREATEN"),
    ("Syrian army makes advances into Kurdish areas", "", "MOBILIZE"),
])  # fmt: skip
def test_postures_are_level_2(title: str, summary: str, event: str) -> None:
    """Sending troops, closing a strait, weighing strikes and an army's advances are level 2 at least."""
    result = analyze(title, summary, taxonomy=TAXONOMY)

    assert result.level >= 2 and event in {e.event for e in result.events}


def test_record_since_a_year_is_no_background() -> None:
    """"The worst attack since 2019" reports a new attack; "killed in 2019" is background."""
    assert 3 == _level("Kabul market shut", "The Taliban attack on Monday was the deadliest since 2021.")
    assert _level("Families remember the 40 soldiers killed in a 2019 bombing in Pulwama", "") < 3


@pytest.mark.parametrize("title", [
    "Musk calls it a political attack after prosecutors raid X's Paris offices",
    "As Israel advances a land registration plan, Palestinians fear annexation",
])
def test_raids_by_prosecutors_and_advancing_plans_are_no_escalation(title: str) -> None:
    """A prosecutors' search, a 'political attack' and a plan that advances are no escalation."""
    assert _level(title) < 2


@pytest.mark.parametrize("title", [
    "Airlines are pulling out all the stops to cater to the wealthy",
    "The carmaker will withdraw its electric model from Europe",
])
def test_withdrawal_outside_a_conflict_is_no_deescalation(title: str) -> None:
    """A step down needs a conflict or an actor of one: a carmaker's withdrawal is business news."""
    result = analyze(title, taxonomy=TAXONOMY)

    assert (0, False) == (result.level, result.deescalation)
