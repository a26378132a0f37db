"""Page budget: make the cheat sheet fit N pages (`python build.py --pages N`).

    a sheet of 5 pages, --pages 2
      1. tighten: smaller type and spacing, from 7.5 pt down to a floor of 6.5 pt
         that still prints legibly (sheet.density)
      2. then leave out the least valuable facts: questions first, then the
         glossary, acronyms, numbers, families; the typed tables last
      -> "sheet: 212 facts left out to fit 2 pages"; the deck keeps every fact

It costs a few layouts, not one per fact: lay the sheet out once, measure how tall
each fact's rows are and how full the columns are, choose the tightness and the facts
to leave out from those figures, and lay it out again to check (a third time, with
figures from the second, when the estimate was short). Everything is decided from
the layout alone, so the same notes give the same sheet, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from cheatdeck.model import Fact
from cheatdeck.sheet import SheetGroup, density, sheet_group, sheet_groups

# A sheet laid out: its HTML and WeasyPrint's Document (pages of boxes).
LaidOut = tuple[str, Any]
# Lays out these facts at this tightness (0 normal .. 1 floor), saying how many facts
# were left out.
Layout = Callable[[Sequence[Fact], float, int], LaidOut]

# Left out first .. last. Questions come first: their answers are long for a sheet
# and are the deck's strength; the typed tables are what a cheat sheet is for. A
# sheet part not named here (a kind added later) goes just before the typed tables.
LEAVE_OUT_ORDER: tuple[SheetGroup, ...] = (
    "question", "glossary", "acronym", "number", "family", "dns_record", "load_balancer", "ebs_volume", "port",
)  # fmt: skip


def _leave_out_rank() -> dict[SheetGroup, float]:
    rank: dict[SheetGroup, float] = {g: float(r) for r, g in enumerate(LEAVE_OUT_ORDER)}
    for group in sheet_groups():
        rank.setdefault(group, LEAVE_OUT_ORDER.index("family") + 0.5)
    return rank


# How much of the columns an estimate may plan to fill: kept tables and entries that
# do not break leave gaps at the feet of columns that the measure cannot foresee.
FILL = 0.96
# Content height grows with the font size to this power (lines get taller and
# longer texts wrap more) and in proportion to the line height. Measured on 14 real
# notes files (473 facts): at the floor the content took 0.72 of its normal height,
# and 0.85 halfway; a power of 1.7 predicts both within 1 %.
FONT_POWER = 1.7
PX_PER_MM = 96 / 25.4
# When a layout still runs past the budget, leave out this much more than what ran past.
OVERFLOW_MARGIN = 1.15


@dataclass(frozen=True, slots=True)
class Fitted:
    html: str
    document: Any
    # WeasyPrint's Document, ready to be written
    left_out: tuple[Fact, ...]
    tighten: float
    layouts: int
    # how many times the sheet was laid out


@dataclass(frozen=True, slots=True)
class Measure:
    """What a layout shows: pages, column space, and how tall each fact's rows are."""

    pages: int
    heights: dict[int, float]
    # px taken by each fact's rows, by the fact's index in the facts laid out
    used: float
    # px of column height taken by content, all columns summed
    fill: float
    # share of the height of every column but the last that content takes
    first_column: float
    # px height of a column on page 1 (below the title) and on the other pages
    column: float
    columns: int
    page_used: tuple[float, ...]
    # px of column height taken by content on each page, its columns summed


def fit_pages(facts: Sequence[Fact], pages: int, layout: Layout) -> Fitted:
    """The sheet of `facts` laid out in at most `pages` pages."""
    html, document = layout(facts, 0.0, 0)
    if len(document.pages) <= pages:
        return Fitted(html, document, (), 0.0, 1)
    measure = measure_layout(document)
    tighten = _loosest_fit(measure, 0.0, pages)
    kept = list(range(len(facts)))
    layouts = 1
    if tighten is None:  # tightening alone will not do: leave out facts at the floor
        tighten = 1.0
        kept = _leave_out(facts, kept, measure, _excess(measure, 0.0, tighten, pages), _scale(0.0, tighten))
    while True:
        chosen = [facts[i] for i in kept]
        html, document = layout(chosen, tighten, len(facts) - len(kept))
        layouts += 1
        if len(document.pages) <= pages or not kept:
            kept_set = set(kept)
            left_out = tuple(f for i, f in enumerate(facts) if i not in kept_set)
            return Fitted(html, document, left_out, tighten, layouts)
        # the estimate fell short: measure this layout; above the floor, go to the floor
        # and leave out what that measure says; at the floor, leave out as much as ran
        # past the last page, and a margin for the gaps that column breaks leave
        found = measure_layout(document)
        measure = replace(found, heights={kept[i]: h for i, h in found.heights.items()})
        if tighten < 1.0:
            # the plan was too hopeful once: plan the floor on the columns as measured
            excess = _excess(measure, tighten, 1.0, pages, plan=min(FILL, 1.0)) * OVERFLOW_MARGIN
            kept = _leave_out(facts, kept, measure, excess, _scale(tighten, 1.0))
            tighten = 1.0
        else:
            excess = sum(found.page_used[pages:]) * OVERFLOW_MARGIN
            kept = _leave_out(facts, kept, measure, excess, 1.0, at_least=1)


def _scale(t_from: float, t_to: float) -> float:
    """How much taller content sets at tightness `t_to` than at `t_from`."""
    (f0, l0, _, _), (f1, l1, _, _) = density(t_from), density(t_to)
    return (f1 / f0) ** FONT_POWER * (l1 / l0)


def _capacity(m: Measure, t_from: float, t_to: float, pages: int) -> float:
    """Column height of `pages` pages at `t_to`, from columns measured at `t_from`:
    smaller page margins give taller columns."""
    grow = 2 * (density(t_from)[2] - density(t_to)[2]) * PX_PER_MM
    return m.columns * ((m.first_column + grow) + (pages - 1) * (m.column + grow))


def _loosest_fit(m: Measure, at: float, pages: int) -> float | None:
    """The least tightening beyond `at` that the measure says fits, in steps of 0.05;
    None when even the floor does not."""
    for step in range(round(at * 20) + 1, 21):
        t = step / 20
        if m.used * _scale(at, t) <= m.fill * FILL * _capacity(m, at, t, pages):
            return t
    return None


def _excess(m: Measure, at: float, t: float, pages: int, plan: float | None = None) -> float:
    """How much more content, in px at `t`, the measure says there is than `pages`
    pages hold at `t`, filled to `plan` (default FILL) of what the measured columns were
    filled to."""
    return m.used * _scale(at, t) - m.fill * (FILL if plan is None else plan) * _capacity(m, at, t, pages)


def _leave_out(
    facts: Sequence[Fact], kept: list[int], m: Measure, excess: float, scale: float, at_least: int = 0
) -> list[int]:
    """The facts to keep (indices, in order) once the least valuable are left out,
    until their measured heights times `scale` add up to `excess`."""
    rank = _leave_out_rank()

    def value(i: int) -> tuple[int, int, float, int]:
        # least valuable first: by group; within one, a fact written in one place before
        # one written in several, and the tallest first, so that more facts stay
        f = facts[i]
        return (rank[sheet_group(f)], len(f.also_at), -m.heights.get(i, 0.0), -i)

    dropped: set[int] = set()
    for i in sorted(kept, key=value):
        if excess <= 0 and len(dropped) >= at_least:
            break
        dropped.add(i)
        excess -= m.heights.get(i, 0.0) * scale
    return [i for i in kept if i not in dropped]


def measure_layout(document: Any) -> Measure:
    """Measure a WeasyPrint Document of the sheet: the columns of `main.columns` on
    each page, and the boxes of elements that carry `data-fact`."""
    heights: dict[int, float] = {}
    columns: list[tuple[float, float]] = []  # (used, height) of each column, in order
    page_used: list[float] = []
    first_column = column = 0.0
    per_page = 1
    for number, page in enumerate(document.pages):
        main = _find_main(page._page_box)
        if main is None:
            continue
        cols = [c for c in main.children if _tag(c) == "main"] or [main]
        per_page = max(per_page, len(cols))
        page_used.append(0.0)
        for c in cols:
            bottom = max((b.position_y + b.margin_height() for b in c.children), default=c.position_y)
            height = c.height
            columns.append((bottom - c.position_y, height))
            page_used[-1] += bottom - c.position_y
            if number == 0:
                first_column = height
            else:  # the last page's columns may be only as tall as what is on it
                column = max(column, height)
        _fact_heights(main, heights)
    column = column or first_column
    used = sum(u for u, _h in columns)
    full = columns[:-1]
    fill = sum(u for u, _h in full) / sum(h for _u, h in full) if full else 1.0
    return Measure(len(document.pages), heights, used, fill, first_column, column, per_page, tuple(page_used))


def _find_main(box: Any) -> Any:
    if _tag(box) == "main":
        return box
    for child in getattr(box, "children", ()):
        found = _find_main(child)
        if found is not None:
            return found
    return None


def _tag(box: Any) -> str | None:
    element = getattr(box, "element", None)
    return element.tag if element is not None else None


def _fact_heights(box: Any, heights: dict[int, float]) -> None:
    element = getattr(box, "element", None)
    fact = element.get("data-fact") if element is not None else None
    if fact is not None:
        heights[int(fact)] = heights.get(int(fact), 0.0) + box.margin_height()
        return
    for child in getattr(box, "children", ()):
        _fact_heights(child, heights)
