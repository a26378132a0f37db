"""Markdown from the notes -> safe HTML for cards and the sheet, and the images it uses.

Raw HTML in notes is shown as text, never executed. Links and images are checked
against the notes folder: an image must be a file inside it; a link may point to the
web (http, https, mailto) or inside the notes. Anything else (file:///etc/...,
"../../secret", javascript:, a remote image) is left out with a warning naming the
line, so that neither Anki nor WeasyPrint ever fetches it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from markdown_it.token import Token

from cheatdeck.model import Image, Section, Source, Warning
from cheatdeck.parse import markdown
from cheatdeck.text import FENCE, STRUCK_OUT

_REFERENCE = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
_WEB = ("http", "https", "mailto")


@dataclass(frozen=True, slots=True)
class Reference:
    """A link or image as written in a note, before it is checked against the folder."""

    source: Source
    target: str
    is_image: bool


def note_references(root: Section) -> tuple[Reference, ...]:
    """Every link and image one notes file writes, in document order: a value of the
    file's text alone, so that it can be cached with the file's facts."""
    found = []
    for section in root.walk():
        for block in section.blocks:
            for line in block.lines + tuple(line for line, _cells in block.rows):
                for m in _REFERENCE.finditer(line.text):
                    source = Source(section.path, line.number, section.heading_path)
                    found.append(Reference(source, m.group(3), m.group(1) == "!"))
    return tuple(found)


def check_references(
    references: Iterable[Reference], notes_dir: Path
) -> tuple[dict[tuple[str, str], Image], list[Warning]]:
    """The references checked against the notes folder as it is now (an image must be
    a file inside it): the images to pack, and a warning for each one left out."""
    images: dict[tuple[str, str], Image] = {}
    warnings: list[Warning] = []
    root = notes_dir.resolve()
    for ref in references:
        note_path = ref.source.path
        problem = _check(ref.target, ref.is_image, note_path, root)
        if problem:
            what = "image" if ref.is_image else "link"
            warnings.append(Warning(ref.source, f"{what} {ref.target!r} left out: {problem}"))
        elif ref.is_image:
            path = (root / PurePosixPath(note_path).parent / unquote(ref.target)).resolve()
            images[(note_path, ref.target)] = Image(ref.target, str(path), ref.source)
    return images, warnings


def _check(target: str, is_image: bool, note_path: str, root: Path) -> str | None:
    parts = urlsplit(target)
    if parts.scheme in _WEB and not is_image:
        return None
    if parts.scheme or target.startswith("//"):
        if is_image:
            return "images must be files inside the notes folder (cheatdeck never downloads)"
        return f"{parts.scheme or 'network'} links are not allowed; link to the web or inside the notes"
    if not parts.path:
        return None  # "#anchor"
    path = (root / PurePosixPath(note_path).parent / unquote(parts.path)).resolve()
    if not path.is_relative_to(root):
        return "it points outside the notes folder; copy the file into the notes folder"
    if is_image and not path.is_file():
        return "no such file; check the path (it is relative to the note)"
    return None


def media_name(path: str) -> str:
    """A content-hashed file name for an image, so that renaming or moving the image
    in the notes does not change the card."""
    data = Path(path).read_bytes()
    return hashlib.sha256(data).hexdigest()[:16] + Path(path).suffix.lower()


_LONE_NUMBER = re.compile(r"^(\s{0,3}\d{1,9})([.)])[ \t]*$", re.M)


def _said_numbers(text: str) -> str:
    """Text with each line that is only a number and a full stop escaped ("3306\\."),
    but inside code fences, which show what they hold."""
    out, fenced = [], False
    for line in text.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        out.append(line if fenced else _LONE_NUMBER.sub(r"\1\\\2", line))
    return "\n".join(out)


# a line break the notes typed as HTML ("a <br> b"), which raw HTML being off shows as text
_TYPED_BREAK = re.compile(r"\s*&lt;br\s*/?&gt;\s*", re.I)


# inline formatting the notes typed as HTML, a tag pair with no attributes: "<b>SQS</b>", "<sup>3</sup>"
_TYPED_TAG = re.compile(r"&lt;(b|strong|i|em|mark|u|sup|sub|s|small|code)&gt;(.*?)&lt;/\1&gt;", re.I | re.S)


_FOOTNOTE_SUP = re.compile(r"&lt;sup&gt;\s*(?:\d{1,2}|\*|†)?\s*&lt;/sup&gt;", re.I)


def typed_breaks(html: str) -> str:
    """Escaped HTML with each "<br>" the notes typed made the line break it stands for,
    and each pair of formatting tags ("<b>SQS</b>") the formatting: never other HTML."""
    if "&lt;" not in html:
        return html
    # not inside code, where "<br>" is what the notes show: "`<br>` breaks a line"
    return "".join(part if part.startswith("<code") else _typed(part) for part in _CODE.split(html))


_CODE = re.compile(r"(<code[^>]*>.*?</code>)", re.S)
_ALONE_BREAK = re.compile(r"\s*&lt;br\s*/?&gt;\s*", re.I)


def _typed(html: str) -> str:
    if _ALONE_BREAK.fullmatch(html) or re.search(r">\s*&lt;br\s*/?&gt;\s*<", html):
        return html  # "<br>" as all a field or an element says: the tag itself is what is meant
    html = _TYPED_BREAK.sub("<br>", _FOOTNOTE_SUP.sub("", html))  # "size<sup>2</sup>": a footnote's mark, not a square
    while _TYPED_TAG.search(html):
        html = _TYPED_TAG.sub(lambda m: f"<{m.group(1).lower()}>{m.group(2)}</{m.group(1).lower()}>", html)
    return html


def line_breaks(html: str) -> str:
    """The notes' typed "<br>" as the line break it stands for; none at either end."""
    if "&lt;" not in html:
        return html
    return re.sub(r"^(?:<br>)+|(?:<br>)+$", "", typed_breaks(html))


class Renderer:
    """Renders Markdown with the notes' images mapped to the names given."""

    def __init__(self, image_names: Mapping[str, str] | None = None) -> None:
        self.md = markdown()
        self.image_names = dict(image_names or {})
        self._inline_cache: dict[str, str] = {}
        # markdown-it binds rules to its renderer, so pass plain functions that close over self
        self.md.add_render_rule("image", lambda _r, *args: self._image(*args))
        self.md.add_render_rule("link_open", lambda _r, *args: self._link_open(*args))
        self.md.add_render_rule("link_close", lambda _r, *args: self._link_close(*args))

    def block(self, text: str) -> str:
        text = without_marks(text)
        # "A: 3306." leaves "3306." alone on its line: a number said, not an empty list item
        return line_breaks(self.md.render(_said_numbers(text) if _LONE_NUMBER.search(text) else text).strip())

    def inline(self, text: str) -> str:
        # the same short strings come back often (a use shared by two ports, a family)
        cached = self._inline_cache.get(text)
        if cached is None:
            cached = self._inline_cache[text] = line_breaks(self.md.renderInline(without_marks(text)).strip())
        return cached

    def _image(self, tokens: list[Token], idx: int, options, env) -> str:  # noqa: ANN001
        token = tokens[idx]
        name = self.image_names.get(str(token.attrGet("src") or ""))
        alt = self.md.renderer.renderInlineAsText(token.children or [], options, env)
        if not name:
            return f"<span class=missing-image>[{_escape(alt)}]</span>" if alt else ""
        return f'<img src="{_escape(name)}" alt="{_escape(alt)}">'

    def _link_open(self, tokens: list[Token], idx: int, options, env) -> str:  # noqa: ANN001
        href = str(tokens[idx].attrGet("href") or "")
        if urlsplit(href).scheme in _WEB:
            return f'<a href="{_escape(href)}">'
        tokens[idx].meta["dropped"] = True
        return ""

    def _link_close(self, tokens: list[Token], idx: int, options, env) -> str:  # noqa: ANN001
        # find the matching link_open: the nearest one before this close
        for j in range(idx - 1, -1, -1):
            if tokens[j].type == "link_open":
                return "" if tokens[j].meta.get("dropped") else "</a>"
        return ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def without_marks(text: str) -> str:
    """A text without the note-taker's marks for themselves, which a card or a row has no
    use for: where they learned it ("(Udemy s12)", "[docs]", "(practice test 3)", "(yt)",
    a slide's "[S14]"), how much it matters ("(!)"), what they struck out and a thread's
    post numbers ("17/ "). Shown only: what a fact is stays as the notes say."""
    if "~~" in text:
        # "max ~~7~~ 14 days": what the note-taker struck out is wrong (a gap, or code, keeps it)
        text = STRUCK_OUT.sub(lambda m: m.group() if "CLOZE" in m.group() or "`" in m.group() else "", text)
    if text[:1].isdigit() and _THREAD_NUMBER.match(text):
        text = _THREAD_NUMBER.sub("", text, count=1)  # "17/ Parameter Store = ...": a thread's post number
    if "</" in text:
        text = _CLOSING_TAGS.sub("", text)  # "... name must end in .fifo </details>": an export's toggle closed
    if text.endswith((".", ".)")) and _CUT_ABBREVIATION.search(text):
        text = _CUT_ABBREVIATION.sub("", text)  # "(high volume, z.)": the sentence was cut at "z. B."
    if "(" not in text and "[" not in text:
        return text
    return _CITATION.sub("", text)


# an abbreviation a sentence was cut after ("... per subnet (z.)", "(high volume, z.)", "..., bzw."), which
# says nothing without what followed it: "z. B." and "d. h." read as two sentences
_CUT_ABBREVIATION = re.compile(
    r"(?:[,;]?\s*\b(?:z|bzw|d|u|v|vgl|inkl|ca|bspw|usw)\.(?=\)$)|\s*\(\s*(?:z|d|u|vgl|bzw)\.\)$)"
)


# the tags that close an export's toggle or aside at the end of a line (its ">" cut
# off where a reader took it for an arrow)
_CLOSING_TAGS = re.compile(r"(?:[ \t]*</(?:details|aside|div|summary)[ \t]*>?)+[ \t]*$", re.I | re.M)


# the number of a post in a thread the notes are written as: "17/ ", "3/"
_THREAD_NUMBER = re.compile(r"^\d{1,3}/\s+(?=\S)")


# a bracket that names a course, a video, the docs or a practice test, with a section
# number or a short note at most ("(Udemy s9)", "(Cantrill, lesson 4)"), not a link's text
# ("[docs](https://...)"); a bracket of exclamation marks
_CITATION = re.compile(
    # "(fixed after practice test 2)": where the note-taker found a fact out
    r"[ \t]*(?:\((?:(?:fixed|corrected|updated|learn[et]d?|wrong)\s+(?:after|in|on|from)\s+|from\s+)?"
    r"(?:udemy|yt|youtube|docs?|aws docs|course|video|vid|lecture|lec|slides?|tutorial|whitepaper|faq|"
    r"blog|src|source|ref|cantrill|maarek|tutorials ?dojo|td|practice (?:test|exam)|pt|mock(?: exam| test)?|"
    r"skillbuilder|skill builder|a cloud guru|acg|stephane)\b[^()\[\]\n]{0,16}\)"
    r"|\[(?:udemy|yt|youtube|docs?|aws docs|course|video|lecture|slides?|whitepaper|faq|src|source|ref|"
    r"practice (?:test|exam)|pt)\b[^()\[\]\n]{0,16}\](?!\()"
    r"|\(!{1,3}\)|\[!{1,3}\](?!\()"
    r"|\[S\d{2,3}\](?!\())",  # a slide's number ("[S14]"; not "[S3]", the service)
    re.I,
)
