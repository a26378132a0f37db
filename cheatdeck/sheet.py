"""Sheet stage: Facts -> a self-contained HTML cheat sheet, and its PDF via WeasyPrint.

WeasyPrint is imported only when a PDF is rendered (it takes about a second to load),
and its fetcher only reads files inside the folders it is given: it never reaches
the network, and a reference to anything else is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from cheatdeck.bounds import MORE, SHEET_ACRONYM_MEANING, SHEET_LIMITS, bounded
from cheatdeck.model import Definition, Fact
from cheatdeck.render import Renderer, typed_breaks, without_marks
from cheatdeck.text import plain, sentences

Paper = Literal["a4", "letter"]
# Tables up to this many rows are kept in one column; a longer one would leave a
# column (or a page) empty before it, so it flows across columns instead.
KEEP_ROWS = 28


@dataclass(frozen=True, slots=True)
class SheetOptions:
    paper: Paper = "a4"
    landscape: bool = False
    tighten: float = 0.0
    # 0 sets the sheet at its normal size; 1 at the smallest that still prints
    # legibly (see density); a page budget chooses a value in between


# Where each fact goes on the sheet: a part per kind, in the registry's order (each
# kind's partial templates/sheet/partials/<kind>.html shows it), except definitions,
# shown as families (routing policies...), acronyms and a glossary.
SheetGroup = str
DEFINITION_GROUPS: tuple[SheetGroup, ...] = ("family", "acronym", "glossary")


def sheet_groups() -> tuple[SheetGroup, ...]:
    """Every part of the sheet, in the order of the kinds in the registry."""
    from cheatdeck.extract import REGISTRY

    return tuple(g for kind in REGISTRY.names() for g in (DEFINITION_GROUPS if kind == "definition" else (kind,)))


def sheet_group(f: Fact) -> SheetGroup:
    """The part of the sheet a fact is shown in."""
    if isinstance(f.data, Definition):
        return "family" if f.data.family else "acronym" if f.data.acronym else "glossary"
    return f.kind


# Normal size and the floor a page budget may tighten to: (html font size in pt, line
# height, page margins top/bottom and left/right in mm). Every size and space inside
# the page is in em of the html font size (sheet.css), so these scale all of it.
NORMAL = (7.5, 1.25, 11.0, 9.0)
FLOOR = (6.5, 1.15, 8.0, 7.0)


def density(tighten: float) -> tuple[float, float, float, float]:
    """Font size, line height and margins at `tighten` (0 normal .. 1 floor), rounded
    so that close values give the same layout and the same bytes."""
    t = min(max(tighten, 0.0), 1.0)
    font, line, top, side = (a + (b - a) * t for a, b in zip(NORMAL, FLOOR, strict=True))
    return round(font, 2), round(line, 3), round(top, 1), round(side, 1)


def render_sheet(
    facts: Sequence[Fact],
    title: str,
    templates_dir: Path,
    notes_files: Sequence[str],
    stamp: int,
    options: SheetOptions = SheetOptions(),
    left_out: int = 0,
) -> str:
    """The sheet as one HTML document with its CSS inlined. Each fact's rows carry
    `data-fact`, the fact's index in `facts`, so that a page budget can measure them;
    `left_out` is how many facts a page budget left out (the sheet says so)."""
    env = Environment(
        loader=FileSystemLoader(templates_dir / "sheet"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    renderer = Renderer()
    env.filters["md"] = lambda text: Markup(renderer.inline(text or ""))
    env.filters["short"] = short
    env.filters["cloze_parts"] = cloze_parts
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else ("" if n is None else n)
    facts = [bounded(f, SHEET_LIMITS, SHEET_ACRONYM_MEANING) for f in facts]
    ids = {id(f): i for i, f in enumerate(facts)}
    env.globals["fact_id"] = lambda f: ids[id(f)]
    from cheatdeck.extract import REGISTRY

    groups: dict[SheetGroup, list[Fact]] = {g: [] for g in sheet_groups()}
    for f in facts:
        groups[sheet_group(f)].append(f)
    families: dict[str, list[Fact]] = {}
    for f in groups["family"]:
        families.setdefault(f.data.family, []).append(f)  # type: ignore[union-attr]
    css = (templates_dir / "sheet" / "sheet.css").read_text(encoding="utf-8")
    html = env.get_template("sheet.html").render(
        title=title,
        css=Markup(css + "\n" + _page_css(options)),
        landscape=options.landscape,
        date=datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%d"),
        notes_files=notes_files if len(notes_files) <= 3 else [f"{len(notes_files)} notes files"],
        left_out=left_out,
        keep_rows=KEEP_ROWS,
        ports=sorted(groups["port"], key=lambda f: (f.data.port, f.data.protocol.casefold())),
        volumes=groups["ebs_volume"],
        load_balancers=groups["load_balancer"],
        dns_records=groups["dns_record"],
        families=families,
        numbers=_group_by_chapter(groups["number"]),
        acronyms=sorted(groups["acronym"], key=lambda f: f.data.term.casefold()),
        glossary=sorted(groups["glossary"], key=lambda f: plain(f.data.term).casefold()),
        questions=groups["question"],
        kinds=REGISTRY.names(),
        # a kind's partial may read its facts here, in document order
        facts_of=groups,
    )
    # "a <br> b" in the notes, escaped as text: the line break it stands for; the emoji
    # that decorate notes ("SAA-C03 prep 📚", "🔴 got this wrong") are left out, for the
    # sheet's fonts have none of them (a keycap, "1️⃣", is its digit; the symbols the fonts
    # have, ★ ☐ ✓ ❶ ☁, stay)
    return typed_breaks(_without_emoji(html))


def _without_emoji(html: str) -> str:
    if "\u20e3" > max(html, default=" "):
        return html
    return _EMOJI.sub("", _KEYCAP.sub(r"\1", html))


_KEYCAP = re.compile(r"(\d)\ufe0f?\u20e3")
_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF][\ufe0f\u200d]?(?:[\U0001F3FB-\U0001F3FF])?[ \t]?|[\ufe0f\u200d]")


def _page_css(options: SheetOptions) -> str:
    orientation = "landscape" if options.landscape else "portrait"
    css = f"@page {{ size: {'A4' if options.paper == 'a4' else 'letter'} {orientation}; }}"
    if options.tighten > 0:
        font, line, top, side = density(options.tighten)
        css += f"\n@page {{ margin: {top}mm {side}mm; }}\nhtml {{ font-size: {font}pt; line-height: {line}; }}"
    return css


def _group_by_chapter(facts: Sequence[Fact]) -> dict[str, list[Fact]]:
    """Numbers grouped by the chapter (the heading under the notes' title) they are in."""
    firsts = {f.source.section[0] for f in facts if f.source.section}
    skip_title = len(firsts) == 1
    groups: dict[str, list[Fact]] = {}
    for f in facts:
        path = f.source.section[1:] if skip_title else f.source.section
        groups.setdefault(path[0] if path else "General", []).append(f)
    return groups


def cloze_parts(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """A sentence cut into (text, is_number) pieces, to set the numbers in bold."""
    parts, last = [], 0
    for start, end in spans:
        parts += [(text[last:start], False), (text[start:end], True)]
        last = end
    # the note-taker's own marks are left out, as on the cards: "(Udemy s12)", "~~7~~", "17/ "
    parts = [
        (without_marks(piece) if not number else piece, number) for piece, number in [*parts, (text[last:], False)]
    ]
    return [p for p in parts if p[0]]


def _only_a_lead_in(line: str) -> bool:
    """ "**EBS volumes:**" introduces what follows; "Import the SDK. It will:" says
    something first."""
    return line.endswith(":") and len(sentences(line)) < 2


def short(text: str, limit: int = 150) -> str:
    """The first sentence or line of a text, cut to `limit` characters. When a length
    bound cut the text within that sentence (bounds.py), the cut sentence still says
    where the rest is."""
    text = without_marks(text or "")  # "(Udemy s12)", "~~instance role~~": the note-taker's own marks
    more = MORE.search(text)
    text = text[: more.start()] if more else text
    lines = re.sub(r"(?m)^\s*(?:[-*+•]|\d+[.)]|\d+(?:\.\d+)+\.?)\s+", "", text or "").split("\n")
    # skip lead-ins such as "**EBS volumes:**" to reach the first line that says something
    said = [line for line in lines if plain(line) and not _only_a_lead_in(plain(line))] or lines
    found = sentences(plain(said[0]))
    first = found[0][1] if found else ""
    cut = more is not None and len(found) == 1 and said[0] == lines[-1]
    if len(first) > limit:
        first, cut = first[: limit - 1].rsplit(" ", 1)[0] + "…", cut or more is not None
    return first.rstrip("…") + more.group() if cut and more else first


def render_pdf(html: str, templates_dir: Path, allowed_dirs: Sequence[Path]) -> bytes:
    """The PDF of the sheet: tagged, fonts embedded, nothing fetched from outside
    `allowed_dirs`."""
    return write_pdf(lay_out(html, templates_dir, allowed_dirs))


def lay_out(html: str, templates_dir: Path, allowed_dirs: Sequence[Path]):  # noqa: ANN201 - weasyprint.Document
    """The sheet laid out in pages (WeasyPrint's Document), before it is written."""
    import weasyprint  # deferred: about a second to import

    fetcher = _fetcher_class(weasyprint)([d.resolve() for d in allowed_dirs])
    document = weasyprint.HTML(string=html, base_url=str(templates_dir / "sheet") + "/", url_fetcher=fetcher)
    return document.render(pdf_tags=True, custom_metadata=False)


def write_pdf(document) -> bytes:  # noqa: ANN001 - weasyprint.Document
    return document.write_pdf(pdf_tags=True, custom_metadata=False)


def _fetcher_class(weasyprint):  # noqa: ANN001, ANN202 - the module, imported late
    from urllib.parse import unquote, urlsplit

    class NotesOnlyFetcher(weasyprint.URLFetcher):
        """Reads data: URLs and files inside the allowed folders; refuses the rest."""

        def __init__(self, allowed: list[Path]) -> None:
            super().__init__(allowed_protocols={"file", "data"}, timeout=2)
            self.allowed = allowed

        def fetch(self, url: str, headers=None):  # noqa: ANN001, ANN202
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if not any(path.is_relative_to(root) for root in self.allowed):
                    raise ValueError(f"cheatdeck does not read {url}")
            elif parts.scheme != "data":
                raise ValueError(f"cheatdeck does not fetch {url}")
            return super().fetch(url, headers)

    return NotesOnlyFetcher
