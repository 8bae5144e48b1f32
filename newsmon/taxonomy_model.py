"""The schema of a taxonomy YAML file (built-in or the user's), validated on load.

A user's ``taxonomy.yaml`` has the same sections as the built-in files under ``newsmon/taxonomy/``;
every section is optional, and an unknown key is an error naming its file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from newsmon.yamlfile import load_yaml, validate

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
_ALPHA2 = r"^[A-Z]{2}$"
_Alpha2 = Annotated[str, StringConstraints(pattern=_ALPHA2)]
# a state's alpha-3 code or a non-state actor's id ("hezbollah", "al-shabaab")
_ActorId = Annotated[str, StringConstraints(pattern=r"^(?:[A-Z]{3}|[a-z][a-z0-9-]*)$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActorSpec(_Strict):
    """A non-state or international actor."""

    names: list[str] = Field(default_factory=list)
    exact: list[str] = Field(default_factory=list)
    armed: bool = False
    # where the group is at home (alpha-2 or a sub-region): what it does, unless the text says
    # where, happens there ("Hamas proposes a weapons freeze" is about Gaza's Palestinians)
    home: str | None = Field(default=None, pattern=r"^(?:[A-Z]{2}|[a-z][a-z-]*)$")


class StateSpec(_Strict):
    """Extra names, exact aliases and bodies of a state."""

    names: list[str] = Field(default_factory=list)
    exact: list[str] = Field(default_factory=list)
    bodies: list[str] = Field(default_factory=list)
    forces: list[str] = Field(default_factory=list)
    region: str | None = Field(default=None, pattern=_ALPHA2)
    acting_as: str | None = None  # the actor its government acts as (PSE: palestinian-authority)


class SubregionSpec(_Strict):
    """A sub-region of LABELING.md with its names."""

    country: str = Field(default="", pattern=r"^([A-Z]{2})?$")
    names: list[str]


class AmbiguousSpec(_Strict):
    """A place name that is also a person, a word or a US place."""

    unless_near: list[str] = Field(default_factory=list)
    after_locative: bool = False  # counts only after "in", "to", "near"...


class CueGroup(_Strict):
    """Cue words of one PLOVER event type at one level."""

    event: EventType
    level: int = Field(ge=0, le=3)
    weak: bool = False
    deescalation: bool = False
    verbs: list[str] = Field(default_factory=list)
    terms: list[str] = Field(default_factory=list)


class TaxonomyFile(_Strict):
    """One taxonomy YAML file (built-in or the user's): every section optional."""

    actors: dict[str, ActorSpec] = Field(default_factory=dict)
    states: dict[str, StateSpec] = Field(default_factory=dict)
    leaders: dict[str, list[str]] = Field(default_factory=dict)
    demonyms: dict[str, list[str]] = Field(default_factory=dict)
    subregions: dict[str, SubregionSpec] = Field(default_factory=dict)
    places: dict[str, list[str]] = Field(default_factory=dict)
    ambiguous: dict[str, AmbiguousSpec] = Field(default_factory=dict)
    not_places: list[str] = Field(default_factory=list)
    # first-level subdivisions (newsmon/subdivisions.py): English names by ISO 3166-2 code, the
    # words that alone name no place, the names that mean something else
    subdivisions: dict[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$")], list[str]] = (
        Field(default_factory=dict))
    subdivision_words: list[str] = Field(default_factory=list)
    not_subdivisions: list[str] = Field(default_factory=list)
    cues: list[CueGroup] = Field(default_factory=list)
    modes: dict[str, list[str]] = Field(default_factory=dict)
    context: list[str] = Field(default_factory=list)
    weak_context: list[str] = Field(default_factory=list)
    aftermath_context: list[str] = Field(default_factory=list)
    conflict_places: list[str] = Field(default_factory=list)
    rivalries: list[tuple[_ActorId, _ActorId]] = Field(default_factory=list)
    outside_powers: list[_Alpha2] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    negation: list[str] = Field(default_factory=list)
    hypothetical: list[str] = Field(default_factory=list)
    background: list[str] = Field(default_factory=list)
    analysis: list[str] = Field(default_factory=list)
    benign_deployment: list[str] = Field(default_factory=list)
    background_clause: list[str] = Field(default_factory=list)
    background_sentence: list[str] = Field(default_factory=list)
    threat_markers: list[str] = Field(default_factory=list)
    cessation: list[str] = Field(default_factory=list)
    reporting: list[str] = Field(default_factory=list)
    subject_words: list[str] = Field(default_factory=list)
    locatives: list[str] = Field(default_factory=list)
    counterparts: list[str] = Field(default_factory=list)
    state_nouns: list[str] = Field(default_factory=list)
    military_nouns: list[str] = Field(default_factory=list)


def read_file(path: Path) -> TaxonomyFile:
    data, lines = load_yaml(path)
    return validate(TaxonomyFile, data or {}, lines, str(path))


def merge(files: list[TaxonomyFile]) -> TaxonomyFile:
    merged: dict[str, Any] = {}
    for f in files:
        for name in f.model_fields_set:
            value = getattr(f, name)
            if isinstance(value, dict):
                merged.setdefault(name, {}).update(value)
            else:
                merged.setdefault(name, []).extend(value)
    return TaxonomyFile.model_validate(merged)
