"""Python types with the constraints of the options' JSON Schema, for pydantic v2 and
msgspec: what a Python user would write by hand for these options (a ``TypedDict`` whose
values carry their limits), built from ``generated/json-schema/model-options.schema.json``
so that it follows the spec. Used by ``bench_validate.py`` only.

Per-value limits, closed sets, required fields and unknown keys are enforced; the rules
between parameters (exclusivity, dependencies, which the schema says with
``allOf``/``if``/``then``) are not, so the libraries do less work than ``validate``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Callable, Literal, Union

import msgspec
from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import ConfigDict, StringConstraints
from typing_extensions import NotRequired, Required, TypedDict

Limits = Callable[[dict[str, Any], Any], Any]


class _Builder:
    """Turns schema nodes into annotations; ``flavour`` is ``"pydantic"`` or ``"msgspec"``."""

    def __init__(self, schema: dict[str, Any], flavour: str) -> None:
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.flavour = flavour
        self.done: dict[str, Any] = {}

    def limits(self, node: dict[str, Any], base: Any) -> Any:
        numeric = {k: node[k] for k in ("minimum", "maximum") if k in node}
        counts = {k: node[k] for k in ("minLength", "maxLength", "minItems", "maxItems", "maxProperties") if k in node}
        if not numeric and not counts and "pattern" not in node:
            return base
        if self.flavour == "msgspec":
            meta: dict[str, Any] = {}
            if "minimum" in numeric:
                meta["ge"] = numeric["minimum"]
            if "maximum" in numeric:
                meta["le"] = numeric["maximum"]
            lo = counts.get("minLength", counts.get("minItems"))
            hi = counts.get("maxLength", counts.get("maxItems", counts.get("maxProperties")))
            if lo is not None:
                meta["min_length"] = lo
            if hi is not None:
                meta["max_length"] = hi
            if "pattern" in node:
                meta["pattern"] = node["pattern"]
            return Annotated[base, msgspec.Meta(**meta)]
        extra: list[Any] = []
        if "minimum" in numeric:
            extra.append(Ge(numeric["minimum"]))
        if "maximum" in numeric:
            extra.append(Le(numeric["maximum"]))
        lo = counts.get("minLength", counts.get("minItems"))
        hi = counts.get("maxLength", counts.get("maxItems", counts.get("maxProperties")))
        if lo is not None:
            extra.append(MinLen(lo))
        if hi is not None:
            extra.append(MaxLen(hi))
        if "pattern" in node:
            extra.append(StringConstraints(pattern=node["pattern"]))
        return Annotated[(base, *extra)]

    def build(self, node: dict[str, Any], name: str = "Options") -> Any:
        if "$ref" in node:
            ref = node["$ref"].rsplit("/", 1)[-1]
            if ref not in self.done:
                self.done[ref] = Any  # recursion guard
                self.done[ref] = self.build(self.defs[ref], ref)
            return self.done[ref]
        if "anyOf" in node or "oneOf" in node:
            members = [self.build(m, name) for m in node.get("anyOf") or node.get("oneOf") or []]
            return Union[tuple(members)]
        if "enum" in node:
            return Literal[tuple(v for v in node["enum"])]
        if "const" in node:
            return Literal[node["const"]]
        types = node.get("type")
        if isinstance(types, list):
            members = [self.build({**node, "type": t}, name) for t in types]
            return Union[tuple(members)]
        if types == "null":
            return type(None)
        if types == "boolean":
            return bool
        if types == "integer":
            return self.limits(node, int)
        if types == "number":
            return self.limits(node, float)
        if types == "string":
            return self.limits(node, str)
        if types == "array":
            item = self.build(node.get("items", {}), name)
            return self.limits(node, list[item])  # type: ignore[valid-type]
        if types == "object" and "properties" in node:
            return self.object(node, name)
        if types == "object":
            value = self.build(node["additionalProperties"], name) if isinstance(node.get("additionalProperties"), dict) else Any
            key: Any = self.limits(node.get("propertyNames", {}), str)
            return self.limits(node, dict[key, value])  # type: ignore[valid-type]
        return Any

    def object(self, node: dict[str, Any], name: str) -> Any:
        required = set(node.get("required", []))
        fields = {k: self.build(v, f"{name}_{k}") for k, v in node["properties"].items()}
        ident = re.sub(r"\W", "_", name)
        if self.flavour == "msgspec":
            return msgspec.defstruct(
                ident,
                [(k, t) if k in required else (k, t, msgspec.UNSET) for k, t in fields.items()],
                forbid_unknown_fields=True,
                omit_defaults=True,
            )
        annotations = {k: (Required[t] if k in required else NotRequired[t]) for k, t in fields.items()}
        make: Any = TypedDict  # called with a name known only at run time
        td = make(ident, annotations, total=False)
        td.__pydantic_config__ = ConfigDict(extra="forbid")
        return td


def pydantic_type(schema: dict[str, Any]) -> Any:
    """The options as a pydantic-validatable ``TypedDict`` (for ``TypeAdapter``)."""
    return _Builder(schema, "pydantic").build(schema)


def msgspec_type(schema: dict[str, Any]) -> Any:
    """The options as a msgspec ``Struct`` that forbids unknown fields."""
    return _Builder(schema, "msgspec").build(schema)
