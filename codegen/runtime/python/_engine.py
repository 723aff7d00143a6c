"""The rules engine: validation, per-model preparation and the options holder.

It interprets the tables of ``_rules.py`` (generated from the spec) and knows no
parameter by name. The Rust and TypeScript packages carry the same engine; the
conformance vectors hold all three to the same verdicts.

Each rule is compiled once, at import, into three functions: ``ok`` (a quick yes/no
that builds nothing), ``check`` (reports every issue with its path) and ``fits``
(whether a value has the JSON kind the rule takes, to choose a union member).
``validate`` runs ``ok`` first and only walks the options with ``check`` when something
is wrong, so valid options cost a dictionary lookup and a comparison or two per key.
``ok`` is conservative: when it says yes, ``check`` finds nothing; when it says no,
``check`` decides.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from operator import attrgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Generic, Literal, cast

from . import _rules
from ._tables import (
    BoolRule,
    Cond,
    Constraint,
    EnumRule,
    FloatRule,
    IntegerRule,
    ListRule,
    Lit,
    MapRule,
    ModelInfo,
    NamedRule,
    ObjectRule,
    ParamRule,
    RefRule,
    Rule,
    Step,
    StringRule,
    Text,
    UnionRule,
)

if TYPE_CHECKING:
    # A default (PEP 696) lets a bare ``Prepared`` mean ``Prepared[dict[str, Any]]`` under
    # ``mypy --strict``; type checkers take it from typing_extensions' stubs, which they
    # carry, so nothing is needed at run time.
    from typing_extensions import TypeVar

    _O = TypeVar("_O", bound=Mapping[str, Any], default=dict[str, Any])
else:
    from typing import TypeVar

    _O = TypeVar("_O", bound=Mapping[str, Any])

Code = Literal[
    "unknown_parameter",
    "invalid_type",
    "invalid_value",
    "out_of_range",
    "too_long",
    "too_many_items",
    "mutually_exclusive",
    "missing_dependency",
    "deprecated",
    "unsupported_by_model",
    "unsupported_value",
]
"""Stable issue codes, the same strings in every language.

- ``unknown_parameter``: a key that is not a parameter (or not a field of its object).
- ``invalid_type``: a value of the wrong JSON type, or a required field missing.
- ``invalid_value``: a string outside its closed set, or a malformed map key.
- ``out_of_range``: a number outside its range, or too few items or characters.
- ``too_long``: a string longer than its limit.
- ``too_many_items``: a list or map with more items than its limit.
- ``mutually_exclusive``: two parameters that may not be set together.
- ``missing_dependency``: a parameter set without the value another one needs.
- ``deprecated``: a deprecated parameter, or (from :func:`validate_for`) a deprecated model
  (a warning).
- ``unsupported_by_model`` (:func:`validate_for`): a parameter the model rejects.
- ``unsupported_value`` (:func:`validate_for`): a value the model does not take (an effort
  outside its range, one it needs off with tools, a value outside its list).

:func:`validate_for` also reports ``out_of_range`` for a number past the model's own
limit and ``missing_dependency`` for a parameter that needs tools.
"""

Severity = Literal["error", "warning"]
"""``error``: the upstream API would reject the request. ``warning``: the request works,
but should change (a deprecated parameter)."""

Action = Literal["removed", "moved", "set", "clamped"]
"""What ``prepare`` did to a parameter: not sent, sent under another name, sent with a
value the model takes (an effort raised, lowered or set), or a number brought within the
model's limit."""

Reason = Literal[
    "no_tools",
    "not_reasoning_model",
    "effort_with_tools",
    "unsupported_by_model",
    "replacement_set",
    "effort_too_low",
    "effort_too_high",
    "value_unsupported_by_model",
    "above_model_limit",
    "below_model_limit",
    "deprecated_model",
]
"""Why ``prepare`` changed a parameter. Stable strings in every language.

- ``no_tools``: it only means something with tools, and the request has none.
- ``not_reasoning_model``: it is for reasoning models and this one is not.
- ``effort_with_tools``: the model rejects the reasoning effort when tools are present.
- ``unsupported_by_model``: the model rejects it.
- ``replacement_set``: the model rejects it and its replacement is already set.
- ``effort_too_low`` / ``effort_too_high``: the model's lowest or highest effort is above
  or below the one given.
- ``value_unsupported_by_model``: the model takes the parameter only at other values.
- ``above_model_limit`` / ``below_model_limit``: a number outside the model's range (its
  output cap, or a narrower range than the spec's).
- ``deprecated_model`` (a warning): the model is being retired.
"""


class _MessageParts:
    """Where :attr:`Issue.message` is kept: the text, or (while ``_message`` is
    ``None``, until it is first read) a function and the value it formats."""

    __slots__ = ("_message", "_fmt", "_arg")
    _message: str | None
    _fmt: Callable[[Any], str]
    _arg: object


@dataclass(init=False)
class Issue(_MessageParts):
    """One problem found by :func:`validate`."""

    if TYPE_CHECKING:
        # ``message`` reads and writes like the other fields (it is a property, below).
        __slots__ = ("path", "code", "severity", "message")
    else:
        __slots__ = ("path", "code", "severity")

    path: str
    """JSON Pointer to the value (``/logit_bias/1234``, ``/stop/2``; ``""`` for the whole
    object)."""
    code: Code
    """Stable code."""
    severity: Severity
    """Error or warning."""
    message: str
    """What is wrong, for people. ``validate`` writes it the first time it is read: most
    callers only look at the codes."""

    def __init__(self, path: str, code: Code, severity: Severity, message: str) -> None:
        self.path = path
        self.code = code
        self.severity = severity
        self._message = message

    def __reduce__(self) -> tuple[type[Issue], tuple[str, Code, Severity, str]]:
        # Pickles and copies carry the text, never the function that writes it.
        return (Issue, (self.path, self.code, self.severity, self.message))


def _read_message(issue: Issue) -> str:
    message = issue._message
    if message is None:
        message = issue._message = issue._fmt(issue._arg)
        issue._arg = None
    return message


def _write_message(issue: Issue, message: str) -> None:
    issue._message = message


# A dataclass field to type checkers and to ``dataclasses`` (``fields``, ``asdict``,
# ``replace``, ``==`` and ``repr`` read it like the others); a property underneath.
setattr(Issue, "message", property(_read_message, _write_message))


_new = object.__new__


def _lazy(path: str, code: Code, fmt: Callable[[Any], str], arg: object) -> Issue:
    """An error whose message ``fmt(arg)`` is only written if someone reads it. (The
    checks that fail most often build their issues in place, as here: a call costs as
    much as the rest.)"""
    issue = _new(Issue)
    issue.path = path
    issue.code = code
    issue.severity = "error"
    issue._message = None
    issue._fmt = fmt
    issue._arg = arg
    return issue


@dataclass(slots=True)
class Change:
    """One change made by :func:`prepare`."""

    parameter: str
    """The parameter as given."""
    action: Action
    """Removed or moved."""
    to: str | None
    """Where it moved to (for ``moved``)."""
    reason: Reason
    """Stable reason code."""
    message: str
    """What happened and why, for people."""


@dataclass(slots=True)
class PrepareWarning:
    """Something ``prepare`` reports without changing anything (a deprecated model)."""

    reason: Reason
    message: str


@dataclass(slots=True)
class Matched:
    """How a model id found its rules."""

    by: Literal["id", "name", "prefix"]
    """Its catalog id, its name without the provider, or a prefix."""
    entry: str
    """The catalog id of the model, or the family whose prefix matched."""
    pattern: str | None
    """The prefix, for ``prefix``."""


@dataclass(slots=True)
class Prepared(Generic[_O]):
    """The options to send to one model, and what was changed to get there.

    Typed by what ``prepare`` was given: ``Prepared[ModelOptions]`` (the spec's options
    type) for typed options, ``Prepared[dict[str, Any]]`` (a bare ``Prepared``) for raw
    ones."""

    model: str | None
    """The catalog id of the model (the id as given, when a family's prefix matched it),
    or ``None`` when the model is unknown."""
    options: _O
    """What to send (a new dict; the values are the caller's, not copies). For typed
    options, of their type: ``prepare`` only removes keys, moves a value to a key of the
    same type, or sets a value the spec allows."""
    changes: list[Change]
    """Every change, in the order they were made."""
    warnings: list[PrepareWarning] = field(default_factory=list)
    """What the request should know and nothing changed for (a deprecated model)."""
    matched: Matched | None = None
    """How the model was found, or ``None`` when it is unknown."""


# --- JSON kinds -------------------------------------------------------------------------

Ok = Callable[[object], bool]
Check = Callable[[object, str, list[Issue]], None]


def _is_number(v: object) -> bool:
    """A JSON number: ``int`` or finite ``float``, never ``bool``."""
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return True
    return isinstance(v, float) and math.isfinite(v)


def _is_string(v: object) -> bool:
    return isinstance(v, str)


def _is_array(v: object) -> bool:
    return isinstance(v, (list, tuple))


def _is_object(v: object) -> bool:
    return isinstance(v, Mapping)


def _is_bool(v: object) -> bool:
    return isinstance(v, bool)


def _kind(v: object) -> str:
    """The JSON kind of a value, for messages. Python values that JSON has no word for
    (``nan``, a ``set``) are named as such and fit no rule."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, int):
        return "a number"
    if isinstance(v, float):
        return "a number" if math.isfinite(v) else "a non-finite number (not JSON)"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, (list, tuple)):
        return "an array"
    if isinstance(v, Mapping):
        return "an object"
    return f"a {type(v).__name__} (not JSON)"


def _to_f64(v: int | float) -> float:
    """A number as the Rust engine sees it (an f64)."""
    try:
        return float(v)
    except OverflowError:
        return math.inf if v > 0 else -math.inf


# --- messages ---------------------------------------------------------------------------


def _fmt_num(n: float) -> str:
    """A number in a message: ``2``, not ``2.0``; otherwise every digit, no exponent
    (as Rust prints an f64)."""
    if n.is_integer() and abs(n) < 1e15:
        return str(int(n))
    # The shortest digits that read back as ``n`` (``repr``'s), never an exponent; a whole
    # number has no ``.0`` (``repr`` writes one up to 1e16).
    text = format(Decimal(repr(n)), "f")
    return text[:-2] if text.endswith(".0") else text


def _json_num(n: float) -> str:
    """A float as serde_json writes it (ryu): ``2.5``, ``1e300``, ``1.5e-7``."""
    sign, digits, exp = Decimal(repr(n)).normalize().as_tuple()
    assert isinstance(exp, int)
    ds = "".join(map(str, digits))
    length = len(ds)
    kk = length + exp
    out = "-" if sign else ""
    if 0 <= exp and kk <= 16:
        out += ds + "0" * exp + ".0"
    elif 0 < kk <= 16:
        out += ds[:kk] + "." + ds[kk:]
    elif -5 < kk <= 0:
        out += "0." + "0" * -kk + ds
    elif length == 1:
        out += f"{ds}e{kk - 1}"
    else:
        out += f"{ds[0]}.{ds[1:]}e{kk - 1}"
    return out


def _escape(key: object) -> str:
    """A key as a JSON Pointer token."""
    k = key if isinstance(key, str) else str(key)
    if "~" in k or "/" in k:
        return k.replace("~", "~0").replace("/", "~1")
    return k


Format = Callable[[Any], str]
"""Writes an issue's message from the value it is about (see :func:`_lazy`)."""


_MESSAGES: Final = _rules.MESSAGES


def _message(text: Text, write: Callable[[Any], str]) -> Format:
    """A message from its text (the generator's) and the function that writes the value
    into it: ``_kind``, ``_fmt_num``, ``_json_num``, ``str`` or ``repr``."""
    before, after = text

    def fmt(v: object) -> str:
        return before + write(v) + after

    return fmt


def _type_message(text: Text) -> Format:
    """The message of a value of the wrong kind."""
    return _message(text, _kind)


_not_an_integer: Final = _message(_MESSAGES["not_an_integer"], _json_num)
_not_a_string_key: Final = _message(_MESSAGES["key_not_a_string"], repr)
_not_a_token_id: Final = _message(_MESSAGES["not_a_token_id"], str)
_not_an_object: Final = _type_message(_MESSAGES["not_an_object"])


CountCheck = Callable[[int, str, list[Issue]], None]


def _count_check(
    lo: int | None, hi: int | None, many: Text, few: Text, too_many: Code
) -> CountCheck:
    """Counts a size against its limits: too many -> ``too_many``, too few ->
    ``out_of_range``."""
    more, fewer = _message(many, str), _message(few, str)
    nlo = -1 if lo is None else lo
    nhi = math.inf if hi is None else hi

    def check(n: int, path: str, out: list[Issue]) -> None:
        if n > nhi:
            out.append(_lazy(path, too_many, more, n))
        elif n < nlo:
            out.append(_lazy(path, "out_of_range", fewer, n))

    return check


# --- suggestions ------------------------------------------------------------------------


def suggest(key: str, names: Iterable[str]) -> str | None:
    """The closest name by Levenshtein distance over code points, when the distance is
    at most 2; ties go to the first name. Every language uses this same rule. (One
    scan of the names: the index the engine keeps for its own lists pays off only when
    the same list is searched again.)"""
    listed = _Names(names)
    return listed._first_closest(key, range(len(listed._names)))


_MAX_DISTANCE: Final = 2
"""The greatest distance of a suggestion."""
_INDEX_FROM: Final = 16
"""Lists this long or longer are indexed on their first suggestion; shorter ones are
scanned (same answer)."""


def _deletions(s: str) -> tuple[set[str], set[str]]:
    """The strings made by deleting one code point of ``s``, and those made by deleting
    two."""
    one = _deletions_of_one(s)
    two: set[str] = set()
    for d in one:
        two |= _deletions_of_one(d)
    return one, two


def _deletions_of_one(s: str) -> set[str]:
    """The strings made by deleting one code point of ``s``."""
    return {s[:i] + s[i + 1 :] for i in range(len(s))}


def _index_add(index: dict[str, list[int]], keys: Iterable[str], i: int) -> None:
    for k in keys:
        found = index.get(k)
        if found is None:
            index[k] = [i]
        else:
            found.append(i)


def _found_in(index: dict[str, list[int]], keys: Iterable[str]) -> set[int]:
    out: set[int] = set()
    for k in keys:
        found = index.get(k)
        if found is not None:
            out.update(found)
    return out


class _Names:
    """Candidate names for suggestions. A long list is searched through the deletions of
    its names (symmetric deletion, as in SymSpell), indexed on the first suggestion: two
    strings are within distance 2 only if deleting at most two code points of each gives
    a common string, so only the names sharing a deletion with the key can be suggested.
    Where the deletions meet tells much of the distance (none from either side: 0; none
    from one side and one from the other: 1; one from each or two from one side only: at
    most 2), so the distance is measured only for the few pairs it leaves open. Same
    answer as a scan, in a time that does not grow with the list."""

    __slots__ = ("_names", "_index", "_longest", "_memo")

    def __init__(self, names: Iterable[str]) -> None:
        self._names = tuple(names)
        # The first position of each name; the names by their deletions of one and of two
        # code points (positions ascending).
        self._index: (
            tuple[dict[str, int], dict[str, list[int]], dict[str, list[int]]] | None
        ) = None
        self._longest = max(map(len, self._names), default=0)
        # The same misspelling comes back every time the same options are validated;
        # short keys' answers are kept (a bounded number, so memory stays small).
        self._memo: dict[str, str | None] = {}

    def closest(self, key: str) -> str | None:
        memo = self._memo
        if key in memo:
            return memo[key]
        found = self._search(key)
        if len(key) <= 64:
            if len(memo) >= 256:
                memo.clear()
            memo[key] = found
        return found

    def _search(self, key: str) -> str | None:
        names = self._names
        if len(names) < _INDEX_FROM:
            return self._first_closest(key, range(len(names)))
        if len(key) > self._longest + _MAX_DISTANCE:
            return None
        index = self._index
        if index is None:
            exact: dict[str, int] = {}
            by_one: dict[str, list[int]] = {}
            by_two: dict[str, list[int]] = {}
            for i, name in enumerate(names):
                exact.setdefault(name, i)
                one, two = _deletions(name)
                _index_add(by_one, one, i)
                _index_add(by_two, two, i)
            index = self._index = (exact, by_one, by_two)
        exact, by_one, by_two = index
        same = exact.get(key)
        if same is not None:
            return names[same]
        key_one = _deletions_of_one(key)
        # Distance 1: a name one longer or one shorter (certain), or the same length with
        # one code point changed (one deletion from each side; 1 or 2).
        certain = _found_in(by_one, (key,))
        certain.update(exact[k] for k in key_one if k in exact)
        both_one = _found_in(by_one, key_one)
        best = min(certain, default=len(names))
        ones = [
            i
            for i in both_one
            if i < best and _levenshtein_within(key, names[i], 1) is not None
        ]
        if ones or certain:
            return names[min(ones, default=best)]
        # Distance 2 (no name is nearer): certain for one deletion from each side or two
        # from one side only; to be measured when deletions from both sides add to 3 or 4.
        key_two: set[str] = set()
        for d in key_one:
            key_two |= _deletions_of_one(d)
        certain = both_one | _found_in(by_two, (key,))
        certain.update(exact[k] for k in key_two if k in exact)
        best = min(certain, default=len(names))
        open_ = _found_in(by_two, key_one) | _found_in(by_one, key_two) | _found_in(by_two, key_two)
        for i in sorted(i for i in open_ if i < best):
            if _levenshtein_within(key, names[i], 2) is not None:
                best = i
                break
        return names[best] if best < len(names) else None

    def _first_closest(self, key: str, positions: Iterable[int]) -> str | None:
        """The first of these names at the least distance from ``key``, at most 2."""
        names = self._names
        length = len(key)
        best: str | None = None
        bound = _MAX_DISTANCE
        for i in positions:
            name = names[i]
            if abs(len(name) - length) > bound:
                continue
            d = _levenshtein_within(key, name, bound)
            if d is not None:
                best = name
                bound = d - 1
                if bound < 0:
                    break
        return best


def _levenshtein_within(a: str, b: str, bound: int) -> int | None:
    """The edit distance of ``a`` and ``b`` if it is at most ``bound``, else ``None``.
    Stops as soon as a whole row exceeds the bound (row minimums never decrease)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev = row[0]
        row[0] = low = i
        for j, cb in enumerate(b, 1):
            cur = row[j]
            if ca == cb:
                value = prev
            else:
                value = prev if prev < cur else cur
                left = row[j - 1]
                if left < value:
                    value = left
                value += 1
            row[j] = value
            if value < low:
                low = value
            prev = cur
        if low > bound:
            return None
    d = row[-1]
    return d if d <= bound else None


def _unknown_message(text: Text, names: _Names, key: object) -> str:
    k = key if isinstance(key, str) else str(key)
    return text[0] + k + text[1] + _hint(names.closest(k))


def _hint(closest: str | None) -> str:
    """The "did you mean" after a message, when a name is close."""
    if closest is None:
        return ""
    before, after = _MESSAGES["hint"]
    return before + closest + after


# --- compiling rules --------------------------------------------------------------------


class _Nothing:
    """A type no value has: the ``sure`` type of a rule that must always look."""


# What ``fits`` says for values of these exact types depends on the type alone.
_FITS_BY_TYPE: Final[dict[Ok, frozenset[type]]] = {
    _is_bool: frozenset({bool}),
    _is_number: frozenset({int}),
    _is_string: frozenset({str}),
    _is_array: frozenset({list, tuple}),
    _is_object: frozenset({dict}),
}
_PLAIN_TYPES: Final = (bool, int, str, list, tuple, dict)


Every = Callable[[Collection[Any]], bool]
"""Whether ``ok`` takes every value of a collection (a list, tuple or dict view)."""


class _Compiled:
    """A rule compiled into functions, with three shortcuts: ``takes``, the types of
    :data:`_PLAIN_TYPES` that ``fits`` accepts (``None`` when not known in advance);
    ``sure``, a type whose every value ``ok`` accepts (:class:`_Nothing` when none); and
    ``every``, ``ok`` over a whole collection at once with builtins (the items of a list,
    the values of a map), or ``None``."""

    __slots__ = ("ok", "check", "fits", "takes", "sure", "every")

    def __init__(
        self,
        ok: Ok,
        check: Check,
        fits: Ok,
        takes: frozenset[type] | None = None,
        sure: type = _Nothing,
        every: Every | None = None,
    ) -> None:
        self.ok = ok
        self.check = check
        self.fits = fits
        self.takes = _FITS_BY_TYPE.get(fits) if takes is None else takes
        self.sure = sure
        self.every = every


def _every_of(ok: Ok) -> Every:
    """``ok`` over a collection, one call per value."""

    def every(xs: Collection[Any]) -> bool:
        return all(map(ok, xs))

    return every


_ONLY_INT: Final = frozenset({int})
_NUMBERS: Final = frozenset({int, float})


def _every_number(ok: Ok, flo: float, fhi: float) -> Every:
    """``ok`` over a collection of numbers: integers all at once by their least and
    greatest (compared exactly, as ``ok`` does); with a float among them (it may be nan,
    which ``min`` and ``max`` do not see), one call each."""

    def every(xs: Collection[Any]) -> bool:
        if not xs:
            return True
        types = set(map(type, xs))
        if types == _ONLY_INT:
            least: int = min(xs)
            most: int = max(xs)
            return flo <= least and most <= fhi
        return types <= _NUMBERS and all(map(ok, xs))

    return every
_ONLY_STR: Final = frozenset({str})


class _Compiler:
    def __init__(self, types: Mapping[str, NamedRule]) -> None:
        self._types = types
        self._named: dict[str, _Compiled] = {}

    def rule(self, rule: Rule) -> _Compiled:
        if isinstance(rule, RefRule):
            return self.named(rule.name)
        if isinstance(rule, BoolRule):
            return _bool()
        if isinstance(rule, IntegerRule):
            return _integer(rule)
        if isinstance(rule, FloatRule):
            return _float(rule)
        if isinstance(rule, StringRule):
            return _string(rule)
        if isinstance(rule, ListRule):
            return _list(rule, self.rule(rule.item))
        if isinstance(rule, MapRule):
            return _map(rule, self.rule(rule.value))
        if isinstance(rule, EnumRule):
            return _enum(rule)
        if isinstance(rule, ObjectRule):
            return _object(rule, [self.rule(f.rule) for f in rule.fields])
        return _union(rule, [self.rule(m) for m in rule.members])

    def named(self, name: str) -> _Compiled:
        done = self._named.get(name)
        if done is not None:
            return done
        table = self._named
        # A type that refers to itself finds this forwarder while it is compiled; the
        # forwarder reads the table when called, by which time it holds the real one.
        table[name] = _Compiled(
            lambda v: table[name].ok(v),
            lambda v, path, out: table[name].check(v, path, out),
            lambda v: table[name].fits(v),
        )
        compiled = self.rule(self._types[name])
        table[name] = compiled
        return compiled


def _bool() -> _Compiled:
    def ok(v: object) -> bool:
        return v is True or v is False

    bad_type = _type_message(_MESSAGES["wrong_boolean"])

    def check(v: object, path: str, out: list[Issue]) -> None:
        if not isinstance(v, bool):
            issue = _new(Issue)
            issue.path = path
            issue.code = "invalid_type"
            issue.severity = "error"
            issue._message = None
            issue._fmt = bad_type
            issue._arg = v
            out.append(issue)

    def every(xs: Collection[Any]) -> bool:
        return not xs or set(map(type, xs)) == {bool}

    return _Compiled(ok, check, _is_bool, sure=bool, every=every)


def _integer(rule: IntegerRule) -> _Compiled:
    lo, hi = rule.min, rule.max
    outside = _message(rule.outside, _fmt_num)
    bad_type = _type_message(_MESSAGES["wrong_integer"])
    flo = -math.inf if lo is None else lo
    fhi = math.inf if hi is None else hi

    def ok(v: object) -> bool:
        if type(v) is int:
            return flo <= v <= fhi
        if type(v) is float:
            return v.is_integer() and flo <= v <= fhi
        return False

    def check(v: object, path: str, out: list[Issue]) -> None:
        if type(v) is int:
            try:
                n = float(v)
            except OverflowError:
                n = _to_f64(v)
        elif not _is_number(v):
            out.append(_lazy(path, "invalid_type", bad_type, v))
            return
        elif isinstance(v, float) and not v.is_integer():
            out.append(_lazy(path, "invalid_type", _not_an_integer, v))
            return
        else:
            assert isinstance(v, (int, float))
            n = _to_f64(v)
        if n < flo or n > fhi:
            issue = _new(Issue)
            issue.path = path
            issue.code = "out_of_range"
            issue.severity = "error"
            issue._message = None
            issue._fmt = outside
            issue._arg = n
            out.append(issue)

    return _Compiled(ok, check, _is_number, every=_every_number(ok, flo, fhi))


def _float(rule: FloatRule) -> _Compiled:
    lo, hi = rule.min, rule.max
    outside = _message(rule.outside, _fmt_num)
    bad_type = _type_message(_MESSAGES["wrong_number"])
    flo = -math.inf if lo is None else lo
    fhi = math.inf if hi is None else hi
    bounded = lo is not None and hi is not None

    if bounded:
        # Both bounds finite: the comparison alone turns nan and infinities away.
        def ok(v: object) -> bool:
            if type(v) is float or type(v) is int:
                return flo <= v <= fhi
            return False

    else:

        def ok(v: object) -> bool:
            if type(v) is int:
                return flo <= v <= fhi
            if type(v) is float:
                return v - v == 0.0 and flo <= v <= fhi
            return False

    def check(v: object, path: str, out: list[Issue]) -> None:
        if type(v) is float and v - v == 0.0:
            n = v
        elif type(v) is int:
            try:
                n = float(v)
            except OverflowError:
                n = _to_f64(v)
        elif not _is_number(v):
            out.append(_lazy(path, "invalid_type", bad_type, v))
            return
        else:
            assert isinstance(v, (int, float))
            n = _to_f64(v)
        if n < flo or n > fhi:
            issue = _new(Issue)
            issue.path = path
            issue.code = "out_of_range"
            issue.severity = "error"
            issue._message = None
            issue._fmt = outside
            issue._arg = n
            out.append(issue)

    return _Compiled(ok, check, _is_number, every=_every_number(ok, flo, fhi))


def _string(rule: StringRule) -> _Compiled:
    lo, hi = rule.min_len, rule.max_len
    more, fewer = _message(rule.many, str), _message(rule.few, str)
    nlo = 0 if lo is None else lo
    nhi = math.inf if hi is None else hi

    if lo is None and hi is None:

        def ok(v: object) -> bool:
            return type(v) is str

    else:

        def ok(v: object) -> bool:
            return type(v) is str and nlo <= len(v) <= nhi

    bad_type = _type_message(_MESSAGES["wrong_string"])

    def check(v: object, path: str, out: list[Issue]) -> None:
        if not isinstance(v, str):
            out.append(_lazy(path, "invalid_type", bad_type, v))
            return
        n = len(v)
        if n > nhi:
            out.append(_lazy(path, "too_long", more, n))
        elif n < nlo:
            out.append(_lazy(path, "out_of_range", fewer, n))

    def every(xs: Collection[Any]) -> bool:
        if not xs:
            return True
        if set(map(type, xs)) != _ONLY_STR:
            return False
        if nlo == 0:
            return max(map(len, xs)) <= nhi
        lengths = list(map(len, xs))
        return nlo <= min(lengths) and max(lengths) <= nhi

    def every_unbounded(xs: Collection[Any]) -> bool:
        return not xs or set(map(type, xs)) == _ONLY_STR

    if lo is None and hi is None:
        return _Compiled(ok, check, _is_string, sure=str, every=every_unbounded)
    return _Compiled(ok, check, _is_string, every=every)


def _list(rule: ListRule, item: _Compiled) -> _Compiled:
    lo, hi = rule.min, rule.max
    more, fewer = _message(rule.many, str), _message(rule.few, str)
    nlo = 0 if lo is None else lo
    nhi = math.inf if hi is None else hi
    item_ok, item_check = item.ok, item.check
    # Items of this type are taken without a call (``str`` for strings of any length).
    sure = item.sure
    # All the items at once, with builtins, when the item's rule allows it.
    every = item.every or _every_of(item_ok)
    bad_type = _type_message(_MESSAGES["wrong_array"])

    def ok(v: object) -> bool:
        t = type(v)
        if t is not list and t is not tuple:
            return False
        assert isinstance(v, (list, tuple))
        return nlo <= len(v) <= nhi and every(v)

    def check(v: object, path: str, out: list[Issue]) -> None:
        if not isinstance(v, (list, tuple)):
            out.append(_lazy(path, "invalid_type", bad_type, v))
            return
        n = len(v)
        if n > nhi:
            issue = _new(Issue)
            issue.path = path
            issue.code = "too_many_items"
            issue.severity = "error"
            issue._message = None
            issue._fmt = more
            issue._arg = n
            out.append(issue)
        elif n < nlo:
            out.append(_lazy(path, "out_of_range", fewer, n))
        for i, x in enumerate(v):
            if type(x) is not sure and not item_ok(x):
                item_check(x, f"{path}/{i}", out)

    return _Compiled(ok, check, _is_array)


def _is_token_id(k: str) -> bool:
    """ASCII digits only (``str.isdigit`` alone takes other scripts' digits too)."""
    return k.isascii() and k.isdigit()


def _map(rule: MapRule, value: _Compiled) -> _Compiled:
    lo, hi = rule.min, rule.max
    klo, khi = rule.key_min_len, rule.key_max_len
    token = rule.token_id_keys
    nlo = 0 if lo is None else lo
    nhi = math.inf if hi is None else hi
    knlo = 0 if klo is None else klo
    knhi = math.inf if khi is None else khi
    value_ok, value_check = value.ok, value.check
    every = value.every or _every_of(value_ok)
    count = _count_check(lo, hi, rule.many, rule.few, "too_many_items")
    key_length = _count_check(klo, khi, rule.key_many, rule.key_few, "too_long")
    bad_type = _type_message(_MESSAGES["wrong_object"])

    key_limits = knlo > 0 or knhi != math.inf

    def ok(v: object) -> bool:
        # The yes-or-no pass, with the per-key work done by builtins in C: every key a
        # non-empty run of ASCII digits is `all(v)` (no empty key) plus the digits of all
        # keys joined; the key lengths are the shortest and the longest.
        if type(v) is not dict:
            return False
        if not nlo <= len(v) <= nhi:
            return False
        if not v:
            return True
        try:
            joined = "".join(v)
        except TypeError:  # a key that is not a string
            return False
        if token and not (all(v) and joined.isascii() and joined.isdigit()):
            return False
        if key_limits:
            if knlo == 0:
                # No key is longer than all of them together.
                if len(joined) > knhi and max(map(len, v)) > knhi:
                    return False
            else:
                lengths = list(map(len, v))
                if not (knlo <= min(lengths) and max(lengths) <= knhi):
                    return False
        return every(v.values())

    def check(v: object, path: str, out: list[Issue]) -> None:
        if not isinstance(v, Mapping):
            out.append(_lazy(path, "invalid_type", bad_type, v))
            return
        count(len(v), path, out)
        for k, x in v.items():
            if (
                type(k) is str
                and knlo <= len(k) <= knhi
                and (not token or _is_token_id(k))
                and value_ok(x)
            ):
                continue
            at = f"{path}/{_escape(k)}"
            if not isinstance(k, str):
                out.append(_lazy(at, "invalid_type", _not_a_string_key, k))
            else:
                key_length(len(k), at, out)
                if token and not _is_token_id(k):
                    out.append(_lazy(at, "invalid_value", _not_a_token_id, k))
            value_check(x, at, out)

    return _Compiled(ok, check, _is_object)


def _enum(rule: EnumRule) -> _Compiled:
    values = rule.values
    members = frozenset(values)
    candidates = _Names(values)
    bad_type = _type_message(rule.wrong)
    before, after = rule.invalid

    def bad_value(v: str) -> str:
        return before + v + after + _hint(candidates.closest(v))

    def ok(v: object) -> bool:
        return type(v) is str and v in members

    def check(v: object, path: str, out: list[Issue]) -> None:
        if not isinstance(v, str):
            out.append(_lazy(path, "invalid_type", bad_type, v))
            return
        if v not in members:
            issue = _new(Issue)
            issue.path = path
            issue.code = "invalid_value"
            issue.severity = "error"
            issue._message = None
            issue._fmt = bad_value
            issue._arg = v
            out.append(issue)

    def every(xs: Collection[Any]) -> bool:
        return not xs or (set(map(type, xs)) == _ONLY_STR and members.issuperset(xs))

    return _Compiled(ok, check, _is_string, every=every)


def _object(rule: ObjectRule, compiled: list[_Compiled]) -> _Compiled:
    # Each field with its path below the object's and the message when it is missing.
    fields = [
        (f.name, f.required, c.ok, c.check, "/" + _escape(f.name), f.missing)
        for f, c in zip(rule.fields, compiled)
    ]
    names = _Names(f.name for f in rule.fields)
    known = frozenset(f.name for f in rule.fields)
    bad_type = _type_message(rule.wrong)
    unknown = partial(_unknown_message, rule.unknown, names)

    def ok(v: object) -> bool:
        if type(v) is not dict:
            return False
        for fname, required, fok, _, _, _ in fields:
            x = v.get(fname)
            if x is None:
                if required:
                    return False
            elif not fok(x):
                return False
        return known.issuperset(v)

    def check(v: object, path: str, out: list[Issue]) -> None:
        if not isinstance(v, Mapping):
            out.append(_lazy(path, "invalid_type", bad_type, v))
            return
        for fname, required, fok, fcheck, below, missing in fields:
            x = v.get(fname)
            if x is None:
                if required:
                    out.append(Issue(path + below, "invalid_type", "error", missing))
            elif not fok(x):
                fcheck(x, path + below, out)
        for k in v:
            if k not in known:
                out.append(_lazy(f"{path}/{_escape(k)}", "unknown_parameter", unknown, k))

    return _Compiled(ok, check, _is_object)


def _union(rule: UnionRule, members: list[_Compiled]) -> _Compiled:
    oks = [m.ok for m in members]
    bad_type = _type_message(rule.wrong)
    # The checks of the members that fit a value, for each type where that depends on
    # the type alone (when every member's ``takes`` is known).
    known = [m.takes for m in members]
    by_type: dict[type, tuple[Check, ...]] = {}
    takes: frozenset[type] | None = None
    if all(t is not None for t in known):
        by_type = {
            t: tuple(m.check for m, k in zip(members, known) if k is not None and t in k)
            for t in _PLAIN_TYPES
        }
        takes = frozenset(t for t, checks in by_type.items() if checks)

    def ok(v: object) -> bool:
        for m in oks:
            if m(v):
                return True
        return False

    def fits(v: object) -> bool:
        for m in members:
            if m.fits(v):
                return True
        return False

    def check(v: object, path: str, out: list[Issue]) -> None:
        # The first member that takes the value wins; otherwise the first member of the
        # value's JSON kind explains what is wrong (its issues are kept, not re-checked).
        fitting = by_type.get(type(v))
        if fitting is None:
            fitting = tuple(m.check for m in members if m.fits(v))
        if not fitting:
            out.append(_lazy(path, "invalid_type", bad_type, v))
            return
        before = len(out)
        fitting[0](v, path, out)
        if len(out) == before or len(fitting) == 1:
            return
        first = out[before:]
        for mcheck in fitting[1:]:
            del out[before:]
            mcheck(v, path, out)
            if len(out) == before:
                return
        del out[before:]
        out.extend(first)

    return _Compiled(ok, check, fits, takes)


# --- the tables, compiled ---------------------------------------------------------------


def _matcher(lit: Lit) -> Ok:
    """Whether a value equals a required literal (numbers compared as f64)."""
    if isinstance(lit, bool):
        return lambda v: v is lit
    if isinstance(lit, float):
        number = lit

        def equal(v: object) -> bool:
            return isinstance(v, (int, float)) and _is_number(v) and _to_f64(v) == number

        return equal
    return lambda v: isinstance(v, str) and v == lit


_PARAM_RULES: Final[tuple[ParamRule, ...]] = _rules.PARAMS
_MODELS: Final[tuple[ModelInfo, ...]] = _rules.MODELS



def _never(v: object) -> bool:
    return False


PARAMETERS: Final[tuple[str, ...]] = tuple(p.name for p in _PARAM_RULES)
"""Wire names of every parameter, in the order of the reference."""

_PARAM_NAMES: Final = _Names(PARAMETERS)


_unknown_parameter: Final = partial(_unknown_message, _MESSAGES["unknown_parameter"], _PARAM_NAMES)

_Relation = tuple[str, tuple[tuple[str, str], ...], tuple[tuple[str, Ok, str], ...]]
"""A rule between parameters, compiled: the path it is reported at, the parameters its
parameter excludes (with the message) and those it requires (a matcher of the value, the
message)."""


class _Param:
    """A parameter, compiled on first use: its path, its check, its quick check (a
    deprecated parameter always takes the slow path, which reports the warning), its
    deprecation warning and the rules between parameters reported on it."""

    __slots__ = ("path", "check", "ok", "deprecation", "relations")

    def __init__(
        self, rule: ParamRule, compiled: _Compiled, relations: tuple[_Relation, ...]
    ) -> None:
        self.path = "/" + _escape(rule.name)
        self.check: Check = compiled.check
        self.ok: Ok = _never if rule.deprecation is not None else compiled.ok
        self.deprecation = rule.deprecation
        self.relations = relations


_RULE_OF: Final[dict[str, ParamRule]] = {p.name: p for p in _PARAM_RULES}


def _constraints_of() -> dict[str, list[Constraint]]:
    """The rules between parameters by the parameter they are reported on, in spec order."""
    by_param: dict[str, list[Constraint]] = {}
    for c in _rules.CONSTRAINTS:
        by_param.setdefault(c.param, []).append(c)
    return by_param


_CONSTRAINTS_OF: Final = _constraints_of()
_COMPILER: Final = _Compiler(_rules.TYPES)
_PARAMS: Final[dict[object, _Param]] = {}
"""The parameters compiled so far, by name."""


def _param(key: object) -> _Param | None:
    """The parameter of this name, compiled the first time it is asked for; ``None`` for
    an unknown key."""
    param = _PARAMS.get(key)
    if param is not None:
        return param
    rule = _RULE_OF.get(key) if isinstance(key, str) else None
    if rule is None:
        return None
    relations = tuple(
        (
            "/" + _escape(c.param),
            c.exclusive,
            tuple((o, _matcher(lit), message) for o, lit, message in c.requires),
        )
        for c in _CONSTRAINTS_OF.get(rule.name, ())
    )
    param = _PARAMS[key] = _Param(rule, _COMPILER.rule(rule.rule), relations)
    return param


_issue_key: Final[Callable[[Issue], Any]] = attrgetter(*_rules.ISSUE_ORDER)
"""The order of issues (strings compare by code point, as in Rust)."""


def validate(options: object) -> list[Issue]:
    """Validates raw options (a mapping of parameters, as sent) and returns every issue,
    sorted by path then code. ``None`` counts as not set."""
    if type(options) is not dict and not isinstance(options, Mapping):
        return [
            Issue("", "invalid_type", "error", _not_an_object(options))
        ]
    if _quick(options):
        return []
    issues: list[Issue] = []
    _validate_map(options, issues)
    issues.sort(key=_issue_key)
    return issues


def _quick(options: Mapping[Any, object]) -> bool:
    """True when the options certainly have no issue."""
    params = _PARAMS
    for k, v in options.items():
        param = params.get(k)
        if param is None:
            param = _param(k)
            if param is None:
                return False
        if v is None:
            continue
        if not param.ok(v):
            return False
        for _, exclusive, requires in param.relations:
            for other, _ in exclusive:
                if options.get(other) is not None:
                    return False
            for other, matches, _ in requires:
                if not matches(options.get(other)):
                    return False
    return True


def _validate_map(options: Mapping[Any, object], out: list[Issue]) -> None:
    params = _PARAMS
    for key, value in options.items():
        param = params.get(key)
        if param is None:
            param = _param(key)
        if param is None:
            issue = _new(Issue)
            issue.path = "/" + _escape(key)
            issue.code = "unknown_parameter"
            issue.severity = "error"
            issue._message = None
            issue._fmt = _unknown_parameter
            issue._arg = key
            out.append(issue)
            continue
        if value is None:
            continue
        path = param.path
        param.check(value, path, out)
        if param.deprecation is not None:
            issue = _new(Issue)
            issue.path = path
            issue.code = "deprecated"
            issue.severity = "warning"
            issue._message = param.deprecation
            out.append(issue)
        # The rules between parameters reported on this one (the issues are sorted by
        # path then code, stably: each path's come from its own rules, in spec order).
        for rpath, exclusive, requires in param.relations:
            for other, message in exclusive:
                if options.get(other) is not None:
                    issue = _new(Issue)
                    issue.path = rpath
                    issue.code = "mutually_exclusive"
                    issue.severity = "error"
                    issue._message = message
                    out.append(issue)
            for other, matches, message in requires:
                if not matches(options.get(other)):
                    issue = _new(Issue)
                    issue.path = rpath
                    issue.code = "missing_dependency"
                    issue.severity = "error"
                    issue._message = message
                    out.append(issue)


# --- models and preparation -------------------------------------------------------------

_BY_ID: Final[dict[str, ModelInfo]] = {m.id: m for m in _MODELS}
# The first model of the catalog with each name, for ids given without their provider.
_BY_BARE: Final[dict[str, ModelInfo]] = {
    m.bare_id: m for m in reversed(_MODELS)
}

_STEPS: Final[dict[str, tuple[Step, ...]]] = {
    m.id: _rules.COMMON_STEPS + _rules.STEP_GROUPS[g]
    for m, g in zip(_MODELS, _rules.MODEL_GROUPS)
}
"""Each model's steps: the common ones, then its group's."""
_FAMILY_STEPS: Final[tuple[tuple[Step, ...], ...]] = tuple(
    _rules.COMMON_STEPS + _rules.STEP_GROUPS[g] for g in _rules.FAMILY_GROUPS
)
"""The steps of each family entry (a family that ids match by prefix)."""


def models() -> tuple[ModelInfo, ...]:
    """Every model of the catalog, in catalog order."""
    return _MODELS


def find_model(model: str) -> ModelInfo | None:
    """Finds a model by its full id, by its name without the provider prefix, or by the
    longest of the catalog models' prefixes that the id starts with."""
    found = _resolve(model)
    if found is None or found[0] is None:
        return None
    return found[0]


def _resolve(model: str) -> tuple[ModelInfo | None, tuple[Step, ...], Matched] | None:
    """The model an id stands for (``None`` for a family entry), its steps and how it
    was matched; ``None`` when nothing matches."""
    found = _BY_ID.get(model)
    if found is not None:
        return found, _STEPS[found.id], Matched("id", found.id, None)
    bare = model.rsplit("/", 1)[-1]
    found = _BY_BARE.get(bare)
    if found is not None:
        return found, _STEPS[found.id], Matched("name", found.id, None)
    for prefix, family, index in _rules.PATTERNS:
        if (model if "/" in prefix else bare).startswith(prefix):
            if family:
                entry = _rules.FAMILY_ENTRIES[index]
                return None, _FAMILY_STEPS[index], Matched("prefix", entry.family, prefix)
            info = _MODELS[index]
            return info, _STEPS[info.id], Matched("prefix", info.id, prefix)
    return None


def prepare(
    model: str, options: Mapping[str, object], *, has_tools: bool = False
) -> Prepared:
    """Prepares options for a model: removes what it rejects, moves what has moved, brings
    efforts and numbers within what it takes, and reports every change (and, without
    changing anything, a deprecated model). Unknown models get the options unchanged (the
    API ignores what it does not support). Keys that are not parameters pass through."""
    out: dict[str, Any] = dict(options)
    changes: list[Change] = []
    found = _resolve(model)
    if found is None:
        return Prepared(None, out, changes)
    info, steps, matched = found
    entry_id = model if info is None else info.id
    warnings: list[PrepareWarning] = []
    for step in steps:
        if not all(_holds(c, out, has_tools) for c in step.when):
            continue
        message = entry_id.join(step.message)
        reason = cast(Reason, step.reason)
        action = step.action
        if action == "warn":
            warnings.append(PrepareWarning(reason, message))
            continue
        if action == "set":
            out[step.param] = step.value
            changes.append(Change(step.param, "set", None, reason, message))
            continue
        if step.param not in out:
            continue
        if action == "remove":
            del out[step.param]
            changes.append(Change(step.param, "removed", None, reason, message))
        elif action == "move":
            to = cast(str, step.to)
            out[to] = out.pop(step.param)
            changes.append(Change(step.param, "moved", to, reason, message))
        else:
            out[step.param] = step.value
            changes.append(Change(step.param, "clamped", None, reason, message))
    return Prepared(entry_id, out, changes, warnings, matched)


def _holds(c: Cond, out: Mapping[str, object], has_tools: bool) -> bool:
    test = c.test
    if test == "tools":
        return has_tools
    if test == "no_tools":
        return not has_tools
    value = out.get(c.param)
    if test == "set":
        return value is not None
    if test == "unset":
        return value is None
    if test == "above" or test == "below":
        if not _is_number(value):
            return False
        number = _to_f64(cast(float, value))
        return number > c.number if test == "above" else number < c.number
    within = c.unset if value is None else isinstance(value, str) and value in c.values
    return within if test == "in" else not within


_REASON_ISSUES: Final = cast(dict[str, tuple[Code, Severity]], _rules.REASON_ISSUES)


def validate_for(
    model: str, options: object, *, has_tools: bool = False
) -> list[Issue]:
    """:func:`validate`, plus what ``model`` does not take: each change :func:`prepare`
    would make (and each warning it would give) as an issue at the parameter's path, with
    the change's message, so a caller can refuse a request instead of rewriting it. Sorted
    like :func:`validate`."""
    issues = validate(options)
    if not isinstance(options, Mapping):
        return issues
    prepared = prepare(model, options, has_tools=has_tools)
    for c in prepared.changes:
        code, severity = _REASON_ISSUES[c.reason]
        issues.append(Issue("/" + _escape(c.parameter), code, severity, c.message))
    for w in prepared.warnings:
        code, severity = _REASON_ISSUES[w.reason]
        issues.append(Issue("", code, severity, w.message))
    issues.sort(key=_issue_key)
    return issues


# --- the options holder -----------------------------------------------------------------


class NotGiven:
    """The type of :data:`NOT_GIVEN`: an argument that was not passed (``None`` and
    ``{}`` are values)."""

    __slots__ = ()
    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()
"""An argument that was not passed."""


class OptionsHolder(Generic[_O]):
    """The documented runtime behaviour of an LLM's options: a model and persistent
    options, where an update **replaces** the options (never merges) and ``{}`` clears
    them, as LiveKit's ``LLM.update_options`` does.

    Typed by the options it holds: the package exports it bound to the spec's options
    type, as ``LlmOptions``."""

    __slots__ = ("_model", "_extra_kwargs")

    def __init__(self, model: str, extra_kwargs: _O | None = None) -> None:
        self._model = model
        self._extra_kwargs: dict[str, Any] = {} if extra_kwargs is None else dict(extra_kwargs)

    def update_options(
        self,
        *,
        model: str | NotGiven = NOT_GIVEN,
        extra_kwargs: _O | NotGiven = NOT_GIVEN,
    ) -> None:
        """Both arguments are optional. ``extra_kwargs`` replaces the previous options:
        keys not in it are dropped; ``{}`` clears them."""
        if not isinstance(model, NotGiven):
            self._model = model
        if not isinstance(extra_kwargs, NotGiven):
            self._extra_kwargs = dict(extra_kwargs)

    @property
    def model(self) -> str:
        """The current model."""
        return self._model

    @property
    def extra_kwargs(self) -> Mapping[str, Any]:
        """The current persistent options (read-only; replace them with
        :meth:`update_options`)."""
        return MappingProxyType(self._extra_kwargs)

    def request(self, *, has_tools: bool = False) -> Prepared[_O]:
        """What the next request sends: the current options prepared for the current
        model."""
        # The options are a copy of what was given as ``_O``, and ``prepare`` keeps them
        # of that type (see ``Prepared.options``).
        return cast("Prepared[_O]", prepare(self._model, self._extra_kwargs, has_tools=has_tools))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(model={self._model!r}, extra_kwargs={self._extra_kwargs!r})"
