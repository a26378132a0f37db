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

from cheatdeck.model import Fact, Warning

Combiner = Callable[[Any, Any], tuple[Any, str | None]]
# (first data, later data) -> (merged data, what disagrees or None)


def keep_first(old: Any, _new: Any) -> tuple[Any, str | None]:  # noqa: ANN401 - any fact type
    return old, None


def merge_same_key(facts: Iterable[Fact], combine: Combiner = keep_first) -> tuple[list[Fact], list[Warning]]:
    merged: dict[tuple[str, ...], Fact] = {}
    warnings: list[Warning] = []
    for f in sorted(facts, key=lambda f: (f.source.path, f.source.line)):
        old = merged.get(f.key)
        if old is None:
            merged[f.key] = f
            continue
        data, conflict = combine(old.data, f.data)
        if conflict:
            warnings.append(
                Warning(
                    f.source,
                    f"{conflict} disagrees with {old.source}; kept the value from {old.source}",
                )
            )
        if f.source not in old.sources:
            merged[f.key] = replace(old, data=data, also_at=(*old.also_at, f.source))
    return list(merged.values()), warnings
