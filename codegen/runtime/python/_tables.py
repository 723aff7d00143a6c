"""The shapes of the spec's tables (``_rules.py``), which the engine interprets.

The generator writes ``_rules.py`` with these classes; ``_engine.py`` compiles them into
checking functions once, when the package is imported. Nothing here knows any
parameter: the same file serves every spec.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

Lit = Union[bool, float, str]
"""A JSON scalar in a table: the value a dependency requires."""

Text = tuple[str, str]
"""A message: the text before and after the one value it is about (written by the
engine). The generator writes every text; the engine writes none."""

_NO_TEXT: Text = ("", "")


@dataclass(frozen=True, slots=True)
class BoolRule:
    """``true`` or ``false``."""


@dataclass(frozen=True, slots=True)
class IntegerRule:
    """A number with no fraction, within inclusive bounds."""

    min: float | None = None
    max: float | None = None
    outside: Text = _NO_TEXT
    """Around the number, when it is outside the bounds."""


@dataclass(frozen=True, slots=True)
class FloatRule:
    """Any number within inclusive bounds."""

    min: float | None = None
    max: float | None = None
    outside: Text = _NO_TEXT
    """Around the number, when it is outside the bounds."""


@dataclass(frozen=True, slots=True)
class StringRule:
    """A string; its length is counted in code points."""

    min_len: int | None = None
    max_len: int | None = None
    many: Text = _NO_TEXT
    """Around the length, when it is above the limit."""
    few: Text = _NO_TEXT
    """Around the length, when it is below the limit."""


@dataclass(frozen=True, slots=True)
class ListRule:
    """An array of items of one rule."""

    item: Rule
    min: int | None = None
    max: int | None = None
    many: Text = _NO_TEXT
    few: Text = _NO_TEXT


@dataclass(frozen=True, slots=True)
class MapRule:
    """An object with string keys and values of one rule."""

    value: Rule
    min: int | None = None
    max: int | None = None
    key_min_len: int | None = None
    key_max_len: int | None = None
    token_id_keys: bool = False
    many: Text = _NO_TEXT
    few: Text = _NO_TEXT
    key_many: Text = _NO_TEXT
    key_few: Text = _NO_TEXT


@dataclass(frozen=True, slots=True)
class RefRule:
    """A named type of ``TYPES``, by name."""

    name: str


@dataclass(frozen=True, slots=True)
class EnumRule:
    """A closed set of strings."""

    name: str
    values: tuple[str, ...]
    wrong: Text = _NO_TEXT
    """Around the kind of a value that is not a string."""
    invalid: Text = _NO_TEXT
    """Around a string outside the set (a "did you mean" hint may follow)."""


@dataclass(frozen=True, slots=True)
class FieldRule:
    """A field of an object."""

    name: str
    rule: Rule
    required: bool = False
    missing: str = ""
    """The message when a required field is missing."""


@dataclass(frozen=True, slots=True)
class ObjectRule:
    """An object with known fields; other keys are rejected."""

    name: str
    fields: tuple[FieldRule, ...]
    wrong: Text = _NO_TEXT
    unknown: Text = _NO_TEXT
    """Around a key that is not a field (a "did you mean" hint may follow)."""


@dataclass(frozen=True, slots=True)
class UnionRule:
    """The first member that accepts the value."""

    name: str
    members: tuple[Rule, ...]
    wrong: Text = _NO_TEXT


Rule = Union[
    BoolRule,
    IntegerRule,
    FloatRule,
    StringRule,
    ListRule,
    MapRule,
    RefRule,
    EnumRule,
    ObjectRule,
    UnionRule,
]
"""The shape and limits of a value."""

NamedRule = Union[EnumRule, ObjectRule, UnionRule]
"""A rule that has a name in the spec."""


@dataclass(frozen=True, slots=True)
class ParamRule:
    """A parameter: its wire name, the rule of its value and, when it is deprecated, the
    warning ``validate`` gives."""

    name: str
    rule: Rule
    deprecation: str | None = None


@dataclass(frozen=True, slots=True)
class Constraint:
    """The rules between one parameter and others, checked when it is set (present and
    not ``None``); the issues are at its path, with these messages."""

    param: str
    exclusive: tuple[tuple[str, str], ...]
    """Each other parameter that must not be set too, and the message."""
    requires: tuple[tuple[str, Lit, str], ...]
    """Each other parameter, the value it must hold, and the message."""


@dataclass(frozen=True, slots=True)
class Cond:
    """A condition of a :class:`Step`, read when the step is reached."""

    test: Literal["tools", "no_tools", "set", "unset", "in", "not_in", "above", "below"]
    """``tools``/``no_tools``: whether the request has tools. ``set``/``unset``: whether
    ``param`` is present and not ``None``. ``in``: whether ``param`` holds one of the
    strings ``values``, or is not set when ``unset``; ``not_in``: the opposite.
    ``above``/``below``: whether ``param`` is a number (not a bool) above or below
    ``number``."""
    param: str = ""
    values: tuple[str, ...] = ()
    unset: bool = False
    number: float = 0.0


@dataclass(frozen=True, slots=True)
class Step:
    """One step of ``prepare``: when every condition holds, ``param`` is removed, moved to
    ``to``, set to ``value`` (present or not) or clamped to ``value`` (a number), and a
    change is recorded; ``warn`` records a warning and changes nothing. ``remove``,
    ``move`` and ``clamp`` need ``param`` present."""

    param: str
    when: tuple[Cond, ...]
    action: Literal["remove", "move", "set", "clamp", "warn"]
    reason: str
    message: tuple[str, ...]
    """One text, or two with the id of the entry that matched between them."""
    to: str | None = None
    value: object = None


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """One model of the catalog, with its family's rules applied."""

    id: str
    """Full id, ``provider/name``."""
    family: str
    """The family whose rules apply."""
    reasoning: bool
    """Whether it takes the reasoning effort parameter."""
    rejects: tuple[str, ...] = ()
    """Parameters it rejects."""
    allowed_at_effort_off: tuple[str, ...] = ()
    """Rejected parameters it takes again when reasoning is off."""
    min_reasoning_effort: str | None = None
    """Its lowest reasoning effort."""
    rejects_effort_with_tools: bool = False
    """Whether it rejects the reasoning effort when tools are present."""
    max_reasoning_effort: str | None = None
    """Its highest reasoning effort."""
    default_reasoning_effort: str | None = None
    """Its reasoning effort when the request gives none."""
    requires_effort_off_with_tools: bool = False
    """Whether it takes tools only with reasoning off."""
    max_output_tokens: int | None = None
    """The most tokens one response may have."""
    context_window: int | None = None
    """The most tokens of input and output together."""
    shutdown: str | None = None
    """When it stops answering (``YYYY-MM-DD``), if it is deprecated."""
    successor: str | None = None
    """The catalog id to use instead, if it is deprecated."""
    prefixes: tuple[str, ...] = ()
    """Ids that get its rules: prefixes of the id, or of the name without the provider."""

    @property
    def bare_id(self) -> str:
        """The id without its provider prefix."""
        return self.id.rsplit("/", 1)[-1]
