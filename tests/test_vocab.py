"""Tests of the vocabularies: built-in YAML, aliases, and the user's taxonomy.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmon.errors import ConfigError
from newsmon.escalation import analyze
from newsmon.tagging import scan
from newsmon.vocab import expand, fold, inflect, load_taxonomy


def _kinds(text: str, path: Path | None = None) -> list[tuple[str, str, str]]:
    taxonomy = load_taxonomy(path)
    _, mentions = scan(text, taxonomy)
    return [(text[m.start : m.end], m.terms[0].kind, m.terms[0].ident) for m in mentions]


def test_builtin_is_cached() -> None:
    """Loading the built-in taxonomy twice gives the same compiled object."""
    assert load_taxonomy() is load_taxonomy()


@pytest.mark.parametrize(
    ("alias", "ident"),
    [("Hizbullah", "hezbollah"), ("Ansar Allah", "houthis"), ("Daesh", "isis"),
     ("Kataib Hezbollah", "pmf"), ("UNIFIL", "un"), ("Qassam Brigades", "hamas")],
)  # fmt: skip
def test_aliases_give_their_actor(alias: str, ident: str) -> None:
    """Each alias of a curated actor is found as that actor."""
    expected = [(alias, "actor", ident)]

    assert expected == _kinds(f"{alias} said on Monday")


def test_longest_match_wins() -> None:
    """A longer name wins over the shorter name it contains."""
    expected = [("Israel Katz", "leader", "ISR")]

    assert expected == _kinds("Israel Katz said")


def test_fold_keeps_offsets() -> None:
    """Folding keeps the length, so offsets in the folded text fit the original."""
    text = "İstanbul’s “war” — Straße"

    assert len(text) == len(fold(text))


def test_inflect_and_expand() -> None:
    """Verbs are inflected by rule and braces expand to every phrase."""
    assert ["shell", "shells", "shelled", "shelling"] == [f for f, _ in inflect("shell")]
    assert ["fire missiles", "fired missiles"] == expand("{fire|fired} missiles")


def test_user_file_adds_actor_and_leader(tmp_path: Path) -> None:
    """A user's taxonomy.yaml adds a new armed group with an alias and a new leader."""
    path = tmp_path / "taxonomy.yaml"
    path.write_text(
        "actors:\n  zeta-front:\n    names: [Zeta Front, ZF Brigades]\n    armed: true\n"
        "leaders:\n  ISR: [Yohanan Plesner]\n",
        encoding="utf-8",
    )
    expected = [("ZF Brigades", "actor", "zeta-front"), ("Yohanan Plesner", "leader", "ISR")]

    assert expected == _kinds("ZF Brigades, Yohanan Plesner", path)


def test_user_file_gives_a_group_its_home(tmp_path: Path) -> None:
    """A group's home (a region code) places what it does; a home that is no code is refused."""
    path = tmp_path / "taxonomy.yaml"
    path.write_text("actors:\n  zeta-front:\n    names: [Zeta Front]\n    armed: true\n    home: ML\n",
                    encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  zeta-front:\n    names: [Zeta Front]\n    home: Mali\n", encoding="utf-8")

    result = analyze("Zeta Front fighters ambush an army convoy", taxonomy=load_taxonomy(path))

    assert "ML" in result.regions
    with pytest.raises(ConfigError, match=r"bad.yaml:4: actors.zeta-front.home"):
        load_taxonomy(bad)


def test_user_file_overrides_builtin_alias(tmp_path: Path) -> None:
    """A name the user lists loses its built-in meaning."""
    path = tmp_path / "taxonomy.yaml"
    path.write_text("actors:\n  pij:\n    names: [Islamic Jihad]\n", encoding="utf-8")
    path2 = tmp_path / "t2.yaml"
    path2.write_text("demonyms:\n  RUS: [Muscovite]\n", encoding="utf-8")

    assert [("Daesh", "actor", "isis")] == _kinds("Daesh", path)
    assert [("Muscovite", "demonym", "RUS")] == _kinds("Muscovite", path2)


def test_invalid_user_file_names_file_line_and_field(tmp_path: Path) -> None:
    """A bad cue in the user's file is an error naming file, line and field."""
    path = tmp_path / "taxonomy.yaml"
    path.write_text("cues:\n  - event: EXPLODE\n    level: 3\n", encoding="utf-8")

    with pytest.raises(ConfigError) as info:
        load_taxonomy(path)

    assert f"{path}:2: cues[0].event" in str(info.value)


def test_unknown_section_is_refused(tmp_path: Path) -> None:
    """A misspelt section is refused rather than ignored."""
    path = tmp_path / "taxonomy.yaml"
    path.write_text("actor:\n  x: {}\n", encoding="utf-8")

    with pytest.raises(ConfigError, match=r"taxonomy.yaml:1: actor"):
        load_taxonomy(path)


@pytest.mark.parametrize(("verb", "form"), [("agree", "agreeing"), ("attack", "attacked"),
                                            ("seize", "seizing")])
def test_regular_verb_forms(verb: str, form: str) -> None:
    """Regular English inflection, with "agreeing" keeping its double e."""
    assert form in [f for f, _ in inflect(verb)]


@pytest.mark.parametrize("text", ["Venezuela expelled the top American diplomat",
                                  "Iraq expelled all weapons inspectors",
                                  "Moscow withdrew its troops from the border"])
def test_irregular_cue_verbs_are_matched(text: str) -> None:
    """"expelled", "withdrew": forms the regular rules would get wrong are listed and found."""
    taxonomy = load_taxonomy()
    _, mentions = scan(text, taxonomy)

    verbs = [text[m.start : m.end] for m in mentions if any(t.kind == "cue" for t in m.terms)]

    assert any(v.startswith(("expelled", "withdrew")) for v in verbs)


def test_a_users_term_of_war_inside_a_cue_is_carried_and_the_builtins_stay_as_they_were(
        tmp_path: Path) -> None:  # fmt: skip
    """A user's term of war inside a cue ("rocket" in "rocket attack") rides on the cue, as the
    built-in ones do; the cached built-in taxonomy is not changed by loading the user's."""
    path = tmp_path / "taxonomy.yaml"
    path.write_text("context: [rocket]\n", encoding="utf-8")
    text = "A rocket attack on the town"
    _, mentions = scan(text, load_taxonomy(path))
    _, builtin = scan(text, load_taxonomy())

    assert "context" in {t.kind for m in mentions for t in m.terms}
    assert "context" not in {t.kind for m in builtin for t in m.terms}


def test_each_listed_subdivision_is_an_iso_code_whose_names_place_its_country() -> None:
    """The English names of subdivisions.yaml are keyed by real ISO 3166-2 codes, and each is a
    place of that code's country (or a name the vocabularies already give it)."""
    import pycountry

    from newsmon.taxonomy_model import read_file
    from newsmon.vocab import BUILTIN_DIR

    listed = read_file(BUILTIN_DIR / "subdivisions.yaml").subdivisions
    automaton = load_taxonomy().automaton
    for code, names in listed.items():
        assert pycountry.subdivisions.get(code=code) is not None, code
        for name in names:
            terms = automaton.get(fold(name))[1]
            assert code[:2] in {t.region for t in terms if t.kind == "place"}, name


def test_a_users_subdivision_name_places_its_country(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_text("subdivisions:\n  ET-TI: [Tigrayan highlands]\n", encoding="utf-8")

    assert ("Tigrayan highlands", "place", "ET") in _kinds("Fighting in the Tigrayan highlands", path)


def test_a_national_security_council_is_no_un_security_council() -> None:
    """Iran's Supreme National Security Council is Iran's; any National Security Council is no UN body."""
    assert (("body", "IRN"), []) == (
        [(kind, ident) for _, kind, ident in _kinds("the Supreme National Security Council decided")][0],
        [ident for _, _, ident in _kinds("Pakistan's National Security Council met") if ident == "un"])
