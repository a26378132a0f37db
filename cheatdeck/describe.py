"""One line of text per fact, for `build.py facts` and the extractor fixtures: each
kind says how its facts read (its `describe`)."""

from __future__ import annotations

from cheatdeck.model import Fact


def describe(f: Fact) -> str:
    from cheatdeck.extract import REGISTRY

    return REGISTRY[f.kind].describe(f.data)
