"""Merging: the same fact stated in several places becomes one fact.

    - SSH: 22            aws.md:12   one fact, source aws.md:12,
    | 22 | SSH |         vpc.md:40   also_at (vpc.md:40,)

Statements merge by their key; each kind's `combine` fills what the first statement
left out from the later one and names a disagreement, which becomes a warning that
cites both places (the first statement's value is kept).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from cheatdeck.model import Fact, Source, Warning

Combiner = Callable[[Any, Any], tuple[Any, str | None]]
# (first data, later data) -> (merged data, what disagrees or None)


def keep_first(old: Any, _new: Any) -> tuple[Any, str | None]:  # noqa: ANN401 - any fact type
    return old, None


def merge_same_key(facts: Iterable[Fact], combine: Combiner = keep_first) -> tuple[list[Fact], list[Warning]]:
    first: dict[tuple[str, ...], Fact] = {}
    # per key, what its statements say so far, and where they are (in a set too): a fact
    # stated in each of 50 files is merged in linear time, each Fact made once
    said: dict[tuple[str, ...], Any] = {}
    places: dict[tuple[str, ...], tuple[list[Source], set[Source]]] = {}
    warnings: list[Warning] = []
    for f in sorted(facts, key=lambda f: (f.source.path, f.source.line)):
        key = f.key
        old = first.get(key)
        if old is None:
            first[key], said[key], places[key] = f, f.data, (list(f.also_at), set(f.sources))
            continue
        data, conflict = combine(said[key], f.data)
        if conflict:
            warnings.append(
                Warning(
                    f.source,
                    f"{conflict} disagrees with {old.source}; kept the value from {old.source}",
                )
            )
        also_at, seen = places[key]
        if f.source not in seen:
            seen.add(f.source)
            also_at.append(f.source)
            said[key] = data
    return [replace(f, data=said[key], also_at=tuple(places[key][0])) for key, f in first.items()], warnings
