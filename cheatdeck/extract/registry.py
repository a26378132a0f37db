"""Kinds of fact as plugins, found through one explicit, ordered registry.

    REGISTRY = Registry([ports.KIND, ebs.KIND, ...])   the order is the order of claims,
    REGISTRY.before("definition", my_kind)             of the report and of the sheet
    REGISTRY.disable("number")

A kind is one module that holds everything that kind is: its fact type, its rules
over statements, its identity key (the fact type's `key()`), how its facts merge, its
one-line description, and the names of its card template
(`templates/deck/cards/<name>.html`) and sheet partial
(`templates/sheet/partials/<name>.html`). Everything that lists kinds (the extract
stage, the deck's note types, the `facts --kind` choices, the report) reads them from
here, in this order; nothing lists them twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from cheatdeck.extract.merge import Combiner, keep_first
from cheatdeck.extract.read import Statement
from cheatdeck.model import Fact, Section, Warning

Rule = Callable[[Section, Sequence[Statement]], Iterator[Fact | Warning]]
# a rule reads the statements of one section (not its subsections)
BootStatement = tuple[int, tuple[str, ...], bool | None, bool, str | None]
# what a file says of volume types wherever it says it (ebs.boot_statements): line,
# types or media named, whether they can boot (None: not said), "only", their media
Merger = Callable[[list[Fact], Sequence[BootStatement]], tuple[list[Fact], list[Warning]]]
Describer = Callable[[Any], str]
Beside = Callable[[Fact, list[Fact]], Fact | None]
Names = Callable[[Any], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    # the fact kind, as in Fact.kind, the tag cheatdeck::<name> and the template names
    data_type: type
    # the frozen dataclass of its facts; its key() is the fact's identity
    rules: tuple[Rule, ...]
    description: str
    # one line, for `facts` and the README
    describe: Describer
    # one line of text per fact, for `facts` and the fixtures
    card: Literal["qa", "cloze"] = "qa"
    # the Anki note type its card template fills
    typed: bool = False
    # a typed kind has a comparison table on the sheet, and claims what it reads:
    # a statement it turned into a fact is not also a definition or a number
    combine: Combiner = keep_first
    # how a later statement of the same fact (same key) adds to the first
    merge: Merger | None = None
    # a merge of its own instead (load balancers are stated piecemeal), or None
    code_comments: bool = False
    # whether its rules also read the trailing comments of code lines ("comment"
    # statements, `6443/tcp  # kube-apiserver`); other kinds never see code
    beside_typed: Beside | None = None
    # what of a fact stays beside the typed facts and questions of its line: the fact,
    # the fact with less to ask, or None when it only repeats them (they claim the line)
    names: Names | None = None
    # for a typed kind: the names its fact goes by ("ALB", "Application Load
    # Balancer"); a definition of one of these names anywhere only restates its card
    names_in_chapter: bool = False
    # whether those names are common enough elsewhere ("SOA", "A", "NS") that they count
    # only in the fact's own chapter (file and first two headings), not its whole file
    shows_expansion: Callable[[Any], tuple[str, str] | None] | None = None
    # for a typed kind whose card shows an acronym with its expansion ("Which port does
    # SSH (Secure Shell) use?"): that pair; the acronym's own card would only repeat it

    @property
    def card_template(self) -> str:
        return f"cards/{self.name}.html"

    @property
    def sheet_partial(self) -> str:
        return f"partials/{self.name}.html"


class Registry:
    """An ordered list of named kinds that can be enabled, disabled and inserted by
    name (as markdown-it-py's Ruler does for its rules)."""

    def __init__(self, kinds: Iterable[Kind]) -> None:
        self._kinds: list[Kind] = []
        self._disabled: set[str] = set()
        for kind in kinds:
            self.push(kind)

    def push(self, kind: Kind) -> None:
        self._insert(len(self._kinds), kind)

    def before(self, name: str, kind: Kind) -> None:
        self._insert(self._index(name), kind)

    def after(self, name: str, kind: Kind) -> None:
        self._insert(self._index(name) + 1, kind)

    def enable(self, name: str) -> None:
        self._index(name)
        self._disabled.discard(name)

    def disable(self, name: str) -> None:
        self._index(name)
        self._disabled.add(name)

    def __iter__(self) -> Iterator[Kind]:
        return (k for k in self._kinds if k.name not in self._disabled)

    def __getitem__(self, name: str) -> Kind:
        return self._kinds[self._index(name)]

    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self)

    def _index(self, name: str) -> int:
        for i, kind in enumerate(self._kinds):
            if kind.name == name:
                return i
        raise KeyError(f"no kind named {name!r}; kinds: {', '.join(k.name for k in self._kinds)}")

    def _insert(self, index: int, kind: Kind) -> None:
        if any(k.name == kind.name for k in self._kinds):
            raise ValueError(f"a kind named {kind.name!r} is registered already")
        self._kinds.insert(index, kind)
