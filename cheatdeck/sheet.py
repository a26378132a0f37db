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

from cheatdeck.model import Definition, Fact
from cheatdeck.render import Renderer
from cheatdeck.text import plain, sentences

Paper = Literal["a4", "letter"]
# Tables up to this many rows are kept in one column; a longer one would leave a
# column (or a page) empty before it, so it flows across columns instead.
KEEP_ROWS = 28


@dataclass(frozen=True, slots=True)
class SheetOptions:
    paper: Paper = "a4"
    landscape: bool = False


def render_sheet(
    facts: Sequence[Fact],
    title: str,
    templates_dir: Path,
    notes_files: Sequence[str],
    stamp: int,
    options: SheetOptions = SheetOptions(),
) -> str:
    """The sheet as one HTML document with its CSS inlined."""
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
    by_kind: dict[str, list[Fact]] = {}
    for f in facts:
        by_kind.setdefault(f.kind, []).append(f)
    definitions = by_kind.get("definition", [])
    families: dict[str, list[Fact]] = {}
    for f in definitions:
        d: Definition = f.data  # type: ignore[assignment]
        if d.family:
            families.setdefault(d.family, []).append(f)
    css = (templates_dir / "sheet" / "sheet.css").read_text(encoding="utf-8")
    orientation = "landscape" if options.landscape else "portrait"
    page_css = f"@page {{ size: {'A4' if options.paper == 'a4' else 'letter'} {orientation}; }}"
    return env.get_template("sheet.html").render(
        title=title,
        css=Markup(css + "\n" + page_css),
        landscape=options.landscape,
        date=datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%d"),
        notes_files=notes_files if len(notes_files) <= 3 else [f"{len(notes_files)} notes files"],
        keep_rows=KEEP_ROWS,
        ports=sorted(by_kind.get("port", []), key=lambda f: (f.data.port, f.data.protocol.casefold())),
        volumes=by_kind.get("ebs_volume", []),
        load_balancers=by_kind.get("load_balancer", []),
        dns_records=by_kind.get("dns_record", []),
        families=families,
        numbers=_group_by_chapter(by_kind.get("number", [])),
        acronyms=sorted((f for f in definitions if f.data.acronym), key=lambda f: f.data.term.casefold()),
        glossary=sorted(
            (f for f in definitions if not f.data.acronym and not f.data.family),
            key=lambda f: plain(f.data.term).casefold(),
        ),
        questions=by_kind.get("question", []),
    )


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
    return [p for p in [*parts, (text[last:], False)] if p[0]]


def _only_a_lead_in(line: str) -> bool:
    """ "**EBS volumes:**" introduces what follows; "Import the SDK. It will:" says
    something first."""
    return line.endswith(":") and len(sentences(line)) < 2


def short(text: str, limit: int = 150) -> str:
    """The first sentence or line of a text, cut to `limit` characters."""
    lines = re.sub(r"(?m)^\s*(?:[-*+•]|\d+[.)]|\d+(?:\.\d+)+\.?)\s+", "", text or "").split("\n")
    # skip lead-ins such as "**EBS volumes:**" to reach the first line that says something
    said = [line for line in lines if plain(line) and not _only_a_lead_in(plain(line))] or lines
    found = sentences(plain(said[0]))
    first = found[0][1] if found else ""
    if len(first) > limit:
        first = first[: limit - 1].rsplit(" ", 1)[0] + "…"
    return first


def render_pdf(html: str, templates_dir: Path, allowed_dirs: Sequence[Path]) -> bytes:
    """The PDF of the sheet: tagged, fonts embedded, nothing fetched from outside
    `allowed_dirs`."""
    import weasyprint  # deferred: about a second to import

    fetcher = _fetcher_class(weasyprint)([d.resolve() for d in allowed_dirs])
    document = weasyprint.HTML(string=html, base_url=str(templates_dir / "sheet") + "/", url_fetcher=fetcher)
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
