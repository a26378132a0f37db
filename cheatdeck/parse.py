"""Parse stage: Markdown text -> a Section tree with 1-based line numbers.

Notes in the wild skip heading levels and number their headings by hand:

    # AWS_Practices
    ### 4. EC2 Fundamentals
    ##### EC2 basics            <- child of "EC2 Fundamentals"
    #### 11. Bucket S3           <- numbered like "4.", so a sibling of it, not a child

Headings nest by relative level, except that a numbered heading whose numbering has
the same depth as an enclosing numbered heading, and a larger number, is its sibling.
Headings inside lists or block quotes are content, not sections. Text before the
first heading belongs to the file's root section (level 0, empty title).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin

from cheatdeck.model import Block, Line, Section
from cheatdeck.text import (
    BARE_TITLE,
    BLANK,
    CHAT_LINE,
    FENCE,
    FRONT_LABEL,
    GROUP_LINE,
    KEY_LINE,
    OPEN_WORDS,
    TREE_BRANCH,
    TREE_TRUNK,
    closes_fence,
    split_numbering,
    without_diary_prefix,
)
from cheatdeck.vocab import (
    AREA_WORDS,
    ATTRIBUTE_WORDS,
    DNS_RECORD_TYPES,
    FAMILY_WORDS,
    NOTE_LABEL_WORDS,
    ROUTING_POLICY,
    SERVICE_WORDS,
    TAG_META,
    names_a_cloud_service,
)


def markdown() -> MarkdownIt:
    """The one Markdown dialect cheatdeck reads: CommonMark with tables and definition
    lists, raw HTML off so that HTML in notes is shown as text, never executed."""
    return MarkdownIt("commonmark", {"html": False}).enable("table").use(deflist_plugin)


_MD = markdown()

# a bullet typed as a character instead of a Markdown list marker: "• Stop an instance"
_PSEUDO_BULLET = re.compile(r"^\s*(?:[•◦▪‣–]|\(?[a-z]\))\s+")  # "• point", "a) point": items Markdown does not see


@dataclass(slots=True)
class _Open:
    """A section being built (mutable scratch; frozen into a Section at the end)."""

    title: str
    level: int
    line: int
    numbering: tuple[int, ...]
    heading_path: tuple[str, ...]
    blocks: list[Block] = field(default_factory=list)
    children: list[_Open] = field(default_factory=list)

    def freeze(
        self,
        path: str,
        lines: tuple[str, ...],
        end: int,
        lettered: tuple[str, ...] | None = None,
        written: tuple[tuple[int, str], ...] = (),
        tags: Mapping[int, tuple[str, ...]] | None = None,
        joined: Mapping[int, str] | None = None,
    ) -> Section:
        """`lettered`: the lines of a lettered outline as written (see `_outline_marks`);
        `written`: the lines as written that reading changed (see Section.written)."""
        children = []
        for n, child in enumerate(self.children):
            child_end = self.children[n + 1].line - 1 if n + 1 < len(self.children) else end
            children.append(child.freeze(path, lines, child_end, lettered, written, tags, joined))
        own_end = self.children[0].line - 1 if self.children else end
        return Section(
            title=self.title,
            level=self.level,
            line=self.line,
            path=path,
            heading_path=self.heading_path,
            end=end,
            blocks=tuple(self.blocks),
            children=tuple(children),
            source_lines=lines,
            written=written,
            tags=tags or {},
            joined=joined or {},
            outlines=outline_titles(lettered or lines, self.line + (self.level > 0), own_end, lettered is not None),
        )


_OUTLINE = re.compile(r"^ {0,3}(\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)])[ \t]+(\S.*?)\s*$")
_LETTERED = re.compile(r"^([ \t]*)(?:[A-Za-z]|[IVXivx]{2,4})\.[ \t]+(\S.*?)\s*$")


def _lettered_title(lines: tuple[str, ...], n: int, last: int) -> tuple[int, str, int] | None:
    """A line of a lettered outline that titles the lines indented under it ("   A. **VPC**
    (Virtual Private Cloud)" -> "VPC"), as (depth, title, last line it holds for)."""
    m = _LETTERED.match(lines[n - 1])
    if not m:
        return None
    title = re.sub(r"\s*\([^()]*\)", "", m.group(2).replace("**", "").replace("__", "")).strip().rstrip(" :")
    if not title[:1].isalpha() or len(title.split()) > _OUTLINE_WORDS or re.search(r"[.,;?]$|:\s|→|=|\s[-–—]\s", title):
        return None
    indent = len(m.group(1).expandtabs(4))
    held = n
    for k in range(n + 1, min(last, len(lines)) + 1):
        text = lines[k - 1]
        if text.strip() and len(text) - len(text.lstrip()) <= indent:
            break
        held = k
    return (1 + indent // 2, title, held) if held > n else None


_OUTLINE_WORDS = 6


# "8. Storage — S3": a part and the thing it is about, each a name of a few words with
# no figure of its own (not "1. Port 22 — SSH", "2. gp3 — 16000 IOPS", "3. Lambda — runs code")
def _named_part(title: str) -> bool:
    """Whether a numbered title pairs a part with the thing it is about ("Storage — S3",
    "Databases — RDS & Aurora"): the thing one word, or a name with capitals or a digit
    inside a word of it (not "Lambda — Runs Code")."""
    if not _NAMED_PART.match(title):
        return False
    thing = re.split(r"\s[-–—]\s", title, maxsplit=1)[1].split()
    return len(thing) == 1 or any(sum(c.isupper() for c in w) >= 2 or re.search(r"[A-Za-z]\d", w) for w in thing)


_NAMED_PART = re.compile(
    r"^(?:[A-Z]|[a-z]+\d)[\w/&+.-]*(?:\s+(?:[A-Z]|[a-z]+\d|&)[\w/&+.-]*){0,3}\s[-–—]\s"
    r"(?:[A-Z]|[a-z]+\d)[\w/&+.-]*(?:\s+(?:[A-Z]|[a-z]+\d|&)[\w/&+.-]*){0,2}$"
)
_NAME_WORDS = 3  # "5.2 DynamoDB: ..." names its part in a few words
# a label, not a name: "2.4 Procedure: growing a live volume"
_LABEL_WORD = re.compile(
    r"(?:procedure|note|example|step|tip|lab|exercise|case|scenario|summary|recap|task|demo)s?", re.I
)


def outline_titles(
    lines: tuple[str, ...], first: int, last: int, lettered: bool = False
) -> tuple[tuple[int, int, str, int], ...]:
    """The lines from `first` to `last` (1-based) that title a part of an outline as a
    plain line rather than a heading: "3. X-Ray", "3.3 X-Ray concepts". A title is a
    few words, states nothing ("1. Port 22: SSH" is a point, not a title), asks only
    as part of an outline ("2.2 How do I turn it on?", not the drill's "2. Memory
    range?") and has
    something under it: a line followed by the next number of its own depth ("1. Create
    a bucket" then "2. Upload"), or a "2." right after a "1.", is an item of a plain
    list. Each as (line, depth, title, last line it holds for); an unnumbered title of
    a list or paragraph under it has depth 0 (see `_list_title`), a numbered one holds
    to the end of the section (0). In `lettered` notes (see `_outline_marks`), a title
    by letter or Roman numeral ("II. Networking", "   A. VPC") has the depth of its
    indent and holds for the lines indented under it."""
    found: list[tuple[int, int, str, int]] = []
    fenced = False
    for n in range(max(first, 1), min(last, len(lines)) + 1):
        raw = lines[n - 1]
        if FENCE.match(raw):
            fenced = not fenced
        lettered_title = lettered and not fenced and _lettered_title(lines, n, last)
        if lettered_title:
            found.append((n, *lettered_title))
            continue
        if fenced or not raw[:4].strip()[:1].isdigit():
            titled = None if fenced else _list_title(lines, n, last) or _indent_title(lines, n, last)
            if titled:
                found.append((n, 0, *titled))
            continue
        m = _OUTLINE.match(raw)
        if not m:
            continue
        title = re.sub(r"\s*\([^()]*\)", "", m.group(2).replace("**", "").replace("__", "")).strip().rstrip(" :")
        named = re.match(r"^([A-Za-z][^:]{0,30}):\s+(\S.*)$", title)
        if (
            named
            and "." in m.group(1).rstrip(".")
            and len(named.group(1).split()) <= _NAME_WORDS
            and len(named.group(2).split()) <= _OUTLINE_WORDS
            and not re.search(r"\b(?:is|are|was|can|has|have|do|does)\b", named.group(1))
            and not _LABEL_WORD.fullmatch(named.group(1).strip())
        ):
            title = named.group(1)  # "5.2 DynamoDB: "read 4, write 1"" titles what is under it by its name
        if (
            not title[:1].isalpha()
            or len(title.split()) > _OUTLINE_WORDS
            or re.search(r"[.,;]$|:\s|→|=", title)
            or re.search(r"\s[-–—]\s", title)
            and not _named_part(title)
            or title.endswith("?")
            and "." not in m.group(1).rstrip(".")
        ):
            continue
        depth = m.group(1).rstrip(".)").count(".") + 1
        following = next((lines[k - 1] for k in range(n + 1, min(last, len(lines)) + 1) if lines[k - 1].strip()), "")
        after = _OUTLINE.match(following)
        if not following or after and after.group(1).rstrip(".)").count(".") + 1 == depth:
            continue
        if len(following) - len(following.lstrip()) < len(raw) - len(raw.lstrip()):
            continue  # "  5. Global Accelerator" and then "- ELB": the last point of a list in a list
        before = next((lines[k - 1] for k in range(n - 1, max(first, 1) - 1, -1) if lines[k - 1].strip()), "")
        if depth == 1 and re.match(r"^ {0,3}\d{1,2}[.)]\s", before):
            continue  # the last of the steps "1. Open the console", "2. Pick a name"
        found.append((n, depth, title, _held_indented(lines, n, last, depth)))
    return tuple(found)


def _held_indented(lines: tuple[str, ...], n: int, last: int, depth: int) -> int:
    """How far a numbered title holds: to the end of its section (0), or, when what it
    titles is indented under it ("6. sc1" over "   - 250 IOPS max"), to the last line
    before the next one at its margin that is not a deeper number ("attention: ...",
    written at the margin after the list, is about all of it, not about sc1)."""
    indent = len(lines[n - 1]) - len(lines[n - 1].lstrip())
    end = min(last, len(lines))
    following = next((k for k in range(n + 1, end + 1) if lines[k - 1].strip()), None)
    if following is None or len(lines[following - 1]) - len(lines[following - 1].lstrip()) <= indent:
        return 0
    for k in range(following + 1, end + 1):
        text = lines[k - 1]
        if not text.strip() or len(text) - len(text.lstrip()) > indent:
            continue
        m = _OUTLINE.match(text)
        if m and m.group(1).rstrip(".)").count(".") + 1 > depth:
            continue  # "1.1 EC2" at the margin under "1. Compute": still its part
        return k - 1
    return 0


_LIST_LINE = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s")


def _list_title(lines: tuple[str, ...], n: int, last: int) -> tuple[str, int] | None:
    """Whether line n is a short unnumbered title over the list or lines right under
    it, starting a paragraph ("Routing policies (R53):" over "Simple - one record"),
    as (the title shown as their context, the last line it holds for). The title is ""
    when it names no kind of thing nor a name ("Metrics to scale on", "Concepts:"):
    it then only ends the scope of a numbered title above it."""
    raw = lines[n - 1].strip()
    if not raw or _LIST_LINE.match(raw) or raw.startswith(("#", ">", "|")) or len(raw.split()) > _OUTLINE_WORDS:
        return None
    end = min(last, len(lines))
    after_break = n == 1 or not lines[n - 2].strip() or lines[n - 2].lstrip().startswith("#")
    if raw.endswith((".", "!", "?")) or not after_break or n >= end or not lines[n].strip():
        return None
    listed = _LIST_LINE.match(lines[n]) is not None
    if not listed and not raw.endswith(":"):
        return None
    k = n + 1
    while k <= end and (lines[k - 1].strip() or listed and k < end and _LIST_LINE.match(lines[k]) is not None):
        k += 1  # a list with blank lines between its items is still the same list
    title = re.sub(r"\s*\([^()]*\)", "", raw.replace("**", "").replace("__", "")).strip().rstrip(" :")
    words = title.split()
    named = (
        any(w.casefold().rstrip("s") in FAMILY_WORDS or w.casefold() in FAMILY_WORDS for w in words)
        or any(re.search(r"[A-Z].*[A-Z0-9]|\d", w) for w in words[1:])
        or len(words) == 1
        and names_a_cloud_service(words[0])  # "Lambda:", "SQS:" over their points
    )
    return (title if raw.endswith(":") and named else "", k - 1)


def _indent_title(lines: tuple[str, ...], n: int, last: int) -> tuple[str, int] | None:
    """Whether line n titles the lines indented under it, in notes outlined by
    indentation alone ("EBS" over "  gp2" over "    max: 16,000 IOPS"): a few words
    stating nothing, over two lines or more that open with a key or another such title;
    as (the title, the last line it holds for)."""
    raw = lines[n - 1]
    title = raw.strip().rstrip(":").strip()
    if not title or not BARE_TITLE.fullmatch(title) or _LIST_LINE.match(raw.strip()) or raw.lstrip()[:1] in "#>|":
        return None
    indent = len(raw) - len(raw.lstrip())
    end, k = min(last, len(lines)), n
    while k < end and lines[k].strip() and len(lines[k]) - len(lines[k].lstrip()) > indent:
        k += 1
    held = [lines[j].strip() for j in range(n, k)]
    if len(held) < 2 or not (KEY_LINE.match(held[0]) or BARE_TITLE.fullmatch(held[0].rstrip(":"))):
        return None
    return title, k


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _blank_out(m: re.Match[str]) -> str:
    return "\n" * m.group().count("\n")  # keep the line numbers of what follows


# an HTML table left in the notes (a page clipped from the web): its rows and cells
_HTML_TABLE = re.compile(r"^[ \t]*<table\b[^>]*>.*?</table>[^\n]*", re.S | re.I | re.M)
_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?:</tr>|(?=<tr\b)|$)", re.S | re.I)
_HTML_CELL = re.compile(r"<t([hd])\b([^>]*)>(.*?)(?:</t[hd]>|(?=<t[hd]\b)|$)", re.S | re.I)
_HTML_TAG = re.compile(r"<[^>]+>")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": " ", "&quot;": '"', "&#39;": "'"}


def _cornell_tables(text: str) -> str:
    """A Cornell table ("| Cue | Notes |": a cue or a question to quiz oneself with, and
    what it recalls) read as the list it stands for, line for line: "- SSH: TCP 22", and
    "- VPC CIDR size? → /16 to /28" where the cue asks."""
    if "|" not in text or not _CORNELL_HEAD.search(text):
        return text
    lines = text.split("\n")
    n = 0
    while n < len(lines):
        if not _CORNELL_HEAD.match(lines[n]) or n + 1 >= len(lines) or not _TABLE_RULE.match(lines[n + 1]):
            n += 1
            continue
        lines[n] = lines[n + 1] = ""
        n += 2
        while n < len(lines) and lines[n].lstrip().startswith("|"):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", lines[n].strip().strip("|"))]
            if len(cells) == 2 and cells[0] and cells[1]:
                cue, said = cells
                lines[n] = f"- {cue} → {said}" if cue.endswith("?") else f"- {cue}: {said}"
            n += 1
    return "\n".join(lines)


_CORNELL_HEAD = re.compile(
    r"(?im)^\s*\|\s*(?:cues?|keywords?|key (?:ideas?|points?)|recall|prompts?)\s*\|"
    r"\s*(?:notes?|details|main notes)\s*\|\s*$"
)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?\s*$")


def _front_back(text: str) -> str:
    """Cards typed as "Front: ..." over "Back: ..." (or "F:" over "B:") read as the
    question and answer they are ("Q: ..." / "A: ..."), line for line; a "B:" with no
    front before it is left as written."""
    if "ront" not in text and "F:" not in text:
        return text
    lines = text.split("\n")
    written = list(lines)
    fenced = False
    for n, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
        front = None if fenced else FRONT_LABEL.match(line)
        if not front or front.group(2) == "F" and n and _OPTION_BEFORE.match(written[n - 1]):
            continue  # "E: ..." over "F: ...": the options of a multiple-choice question
        for k in range(n + 1, min(n + 4, len(lines))):
            back = _BACK.match(lines[k])
            if back and (back.group(2) == "Back") == (front.group(2) == "Front"):
                lines[n] = f"{front.group(1)}Q:{line[front.end() :]}"
                lines[k] = f"{back.group(1)}A:{lines[k][back.end() :]}"
                break
            if lines[k].strip() and not back:
                continue  # the front wraps onto a line of its own
            break
    return "\n".join(lines)


_OPTION_BEFORE = re.compile(r"^\s*(?:[-*+]\s+)?\(?[A-E]\s*[:.)]\s*\S")
_BACK = re.compile(r"^(\s*(?:[-*+]\s+)?(?:\*\*|__)?)(Back|B)(?:\*\*|__)?\s*:(?:\*\*|__)?(?=\s*\S)")


def _ini_sections(text: str, sectioned: dict[int, str]) -> str:
    """A settings file's section header ("[sqs]" over "retention.default = 4 days") read
    as the heading it stands for, one level under the heading before it: "## sqs". Not
    in code, nor a bracket over anything but "key = value" lines. Earlier versions read
    the header as the first words of the line under it, which key that line's facts:
    `sectioned` gets that line as they read it ("[sqs] retention.default = 4 days")."""
    if "]" not in text or "=" not in text:
        return text
    lines = text.split("\n")
    level, fenced = 1, False
    for n, line in enumerate(lines):
        if FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        heading = _ATX.match(line)
        if heading:
            level = len(heading.group(1))
            continue
        m = _INI_SECTION.match(line)
        said = [x for x in lines[n + 1 : n + 6] if x.strip() and not x.lstrip().startswith(";")][:2]
        following = said[0] if said else ""
        if m and len(said) == 2 and all(_INI_PAIR.match(x) for x in said):
            if lines[n + 1] == following:
                sectioned[n + 2] = f"{line.strip()} {following.strip()}"
            lines[n] = f"{'#' * min(level + 1, 6)} {m.group(1).replace('_', ' ')}"
    return "\n".join(lines)


_ATX = re.compile(r"^ {0,3}(#{1,6})\s")
# "[sqs]", "[s3_classes]": a section's name, one word (not "[Important]" over prose,
# which leans on the "key = value" lines below it too: see _ini_sections)
_INI_SECTION = re.compile(r"^\[([A-Za-z][\w.-]{0,30})\]\s*(?:;.*)?$")
_INI_PAIR = re.compile(r"^\s*[A-Za-z][\w.-]*\s*=\s*\S")


def _key_value_fences(text: str) -> str:
    """A code block of notes written as keys and values ("ssh: 22", "gp3:" over
    "  max_iops: 16000", "st1: {max_iops: 500, boot: no}") read as the nested list it
    stands for, line for line: "- ssh: 22", "- gp3:" over "  - max iops: 16000", "- st1:
    max iops: 500, boot: no"; a trailing "# comment" becomes an aside in brackets. Code
    (a template, a manifest, a policy, commands) stays code."""
    if "```" not in text and "~~~" not in text:
        return text
    lines = text.split("\n")
    n = 0
    while n < len(lines):
        opening = _KV_FENCE.match(lines[n])
        if not opening:
            n += 1 if not FENCE.match(lines[n]) else _fence_end(lines, n) + 1 - n
            continue
        end = _fence_end(lines, n)
        body = lines[n + 1 : end]
        if end < len(lines) and _key_values(body):
            lines[n] = ""
            lines[end] = ""
            lines[n + 1 : end] = [_as_item(line) for line in body]
        n = end + 1
    return "\n".join(lines)


# a fence with no language, or one that names a plain-text or settings format
_KV_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})\s*(?:ya?ml|te?xt|plain(?:text)?|ini|conf|properties|notes?)?\s*$", re.I)
_KV_LINE = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z][\w .()/+-]{0,40}?)\s*:(?:\s+(.*))?$")  # on a line's rstrip()
_KV_COMMENT = re.compile(r"(?<!\s)\s+#\s*(.*?)\s*$")  # from the first blank of its run: linear
# what code in such a block is written with: a template's types, a manifest's keys, tags, calls
_KV_CODE = re.compile(
    r"::|!(?:Ref|Sub|GetAtt|Join)\b|^\s*(?:apiVersion|kind|metadata|spec|Resources|Properties|AWSTemplateFormatVersion"
    r"|Effect|Action|Principal|Statement|Version|steps|jobs|services|image|run|hosts|tasks|handlers|vars|become)\s*:"
    r"|^\s*[$>]\s|[;`]|\)\s*\{|=>|^\s*-\s+name\s*:|^\s*(?:def|class|import|from|return|if|for|while)\b"
    # an HTTP message's headers ("X-Forwarded-Port: 443", "Content-Type: ...")
    r"|^\s*[A-Z][a-z]+(?:-[A-Z][a-z]*)+\s*:|^\s*(?:GET|POST|PUT|DELETE|HEAD|HTTP/)"
)


def _fence_end(lines: list[str], n: int) -> int:
    """The line of the fence that closes the one opened on line n (len(lines) if none)."""
    mark = FENCE.match(lines[n])
    assert mark is not None
    return next((k for k in range(n + 1, len(lines)) if closes_fence(mark.group(1), lines[k])), len(lines))


def _key_values(body: list[str]) -> bool:
    """Whether a code block's lines are notes of keys and values: three or more, nearly
    all of them "key: value" or "key:", none of them code."""
    said = [_KV_COMMENT.sub("", line) for line in body if line.strip() and not line.lstrip().startswith("#")]
    if len(said) < 3 or any(_KV_CODE.search(line) for line in said):
        return False
    return sum(1 for line in said if _KV_LINE.match(line.rstrip())) >= 0.8 * len(said)


def _as_item(line: str) -> str:
    """One line of a block of keys and values as a list item (see `_key_values`)."""
    if not line.strip() or line.lstrip().startswith("#"):
        return ""
    comment = _KV_COMMENT.search(line)
    said = (line[: comment.start()] if comment else line).rstrip()
    m = _KV_LINE.match(said)
    if not m:
        return f"{' ' * (len(said) - len(said.lstrip()))}- {said.strip()}"
    indent, key, value = m.group(1).replace("\t", "    "), m.group(2).replace("_", " "), (m.group(3) or "")
    if value.startswith("{") and value.endswith("}"):
        value = value[1:-1].replace("_", " ")  # "{max_iops: 500, boot: no}": the points of one key
    aside = f" ({comment.group(1)})" if comment and comment.group(1) else ""
    return f"{indent}- {key}:{' ' + value if value else ''}{aside}"


def _html_tables(text: str) -> str:
    """Each HTML table read as the Markdown table it stands for, its rows on their own
    lines (each on its own line number where it was written on a line of its own): the
    header is the last row of header cells ("<th>gp2</th><th>gp3</th>" under a row that
    groups them), a cell spanning columns fills each of them, markup inside a cell is
    left out. A table written on fewer lines than it has rows, plus one, is left out:
    reading it would move the lines after it."""
    if "<table" not in text.lower():
        return text
    return _HTML_TABLE.sub(_html_table, text)


def _html_table(m: re.Match[str]) -> str:
    region = m.group()
    lines = region.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    rows: list[tuple[int, bool, list[str]]] = []  # (line in the region, all header cells, cells)
    for row in _HTML_ROW.finditer(region[: region.lower().rindex("</table>")]):
        cells, heads = [], True
        for cell in _HTML_CELL.finditer(row.group(1)):
            span = re.search(r"colspan\s*=\s*[\"']?(\d+)", cell.group(2), re.I)
            said = _HTML_TAG.sub(" ", re.sub(r"<br\s*/?>", " ", cell.group(3), flags=re.I))
            for entity, char in _ENTITIES.items():
                said = said.replace(entity, char)
            said = " ".join(said.split()).replace("|", "/")
            cells += [said] * min(int(span.group(1)) if span else 1, 20)
            heads = heads and cell.group(1).lower() == "h"
        if cells:
            rows.append((bisect.bisect_right(starts, row.start()) - 1, heads, cells))
    if not rows:
        return _blank_out(m)
    header_rows = list(itertools.takewhile(lambda r: r[1], rows)) or rows[:1]
    body = rows[len(header_rows) :]
    width = max(len(cells) for _line, _heads, cells in rows)
    header = header_rows[-1][2]
    header = [""] * (width - len(header)) + header  # a corner cell spanning the header rows
    out = [""] * len(lines)
    first = body[0][0] if body else header_rows[-1][0] + 2
    at = max(first - 2, 0)
    table = [header, ["---"] * width, *[cells + [""] * (width - len(cells)) for _line, _heads, cells in body]]
    places = [at, at + 1, *[max(line, at + 2 + n) for n, (line, _heads, _cells) in enumerate(body)]]
    # rows written several to a line, or over several lines, follow one another
    if any(b != a + 1 for a, b in zip(places, places[1:], strict=False)):
        places = [at + n for n in range(len(places))]
    # the line after the table must end it: a blank one in the region, or the end of the
    # notes or a blank line just after it
    after = m.string[m.end() : m.end() + 2]
    if (
        places[-1] > len(out) - 1
        or places[-1] == len(out) - 1
        and after not in ("", "\n", "\n\n")
        and not after.startswith("\n\n")
    ):
        return _blank_out(m)  # no room to write it line for line: left out, never shifting what follows
    for place, cells in zip(places, table, strict=True):
        out[place] = "| " + " | ".join(cells) + " |"
    return "\n".join(out)


# note-app syntax that plain Markdown does not have (Obsidian and the like): wiki links,
# highlights, tags, callout markers and "key:: value" fields
_WIKI_LINK = re.compile(r"\[\[([^\[\]|#]*)(?:#[^\[\]|]*)?(?:\|([^\[\]]*))?\]\]")
_TOGGLE = re.compile(r"^([ \t]*)[▸▶►▹▾▼▷]\ufe0f?[ \t]+(?=\S)", re.M)
_TYPED_CLOZE = re.compile(r"\{\{c\d+::([^{}\n]+?)(?:::[^{}\n]*)?\}\}")
_TYPED_CARD = re.compile(r"(?<=\S)[ \t]+;;[ \t]+(?=\S)")
_STRUCK = re.compile(r"~~(?=\S)[^~\n]{1,200}?(?<=\S)~~\s*(?:→|->|=>)\s*(?=\S)")
# what a line opens with before what it says: a quote's and a list's marks
_POINT_LEAD = r"[\s>]*(?:[-*+]\s+|\d+[.)]\s+)?"
# "(F) →": a claim marked false, then its fix
_FALSE_MARK = re.compile(r"[(\[](?i:F|false|wrong|falsch|faux|falso|fałsz)[)\]]\s*(?:→|->|=>)")
_TRUE_MARK = re.compile(r"[(\[](?i:T|true|richtig|vrai|verdadero|prawda)[)\]]")
# "RDP uses port 3398 (F) → 3389": a claim the note-taker marked false, then its fix
_FALSE_CLAIM = re.compile(rf"^(\s*(?:[-*+]\s+|\d+[.)]\s+)?)(\S.*?)\s*{_FALSE_MARK.pattern}\s*(\S.*)$")
_CLAIM_FIGURE = re.compile(
    r"(?<![\w.])~?\d+(?:[,.]\d+)*(?:\s?(?:%|[KMGTP]i?B(?:/s)?|[KMGT]bps|IOPS|ms|s|secs?|min|mins|minutes?|h|hrs?|"
    r"hours?|d|days?|weeks?|months?|years?|yrs?|t|kg|euros?|eur|usd)(?![\w/]))?"
)
_FIX_HEAD = re.compile(r"[^.,;()]+")
_HIGHLIGHT = re.compile(r"==(?=\S)([^=\n]+?)(?<=\S)==")
_TAG = re.compile(r"(?<![\w&/(\[#`'\"])#[A-Za-z][\w/-]*(?:\s*(?:→|->|:)(?=\s))?[ \t]*")
_CALLOUT = re.compile(r"^(\s*>\s*)\[![\w-]+\][+-]?[ \t]*")
_FIELD = re.compile(r"(?<=\S)[ \t]*::[ \t]+")
# "front ?? back" at the start of a line or an item: what is asked, then its answer
# (a short front of words: "Oracle max 5 I think, SQL Server ?? check" doubts, asks nothing)
_QUIZ_PAIR = re.compile(r"^(\s*(?:(?:[-*+]|\d+[.)])\s+)?)([A-Za-z(](?:[^?,\n]*[\w)])?)[ \t]+\?\?[ \t]+(?=[^\s?])")
_ASKS = re.compile(
    r"^\W*(?:which|what|why|how|when|where|who|whose|can|could|does|do|is|are|should|will|would)\b", re.I
)


_QUIZ_FRONT_WORDS = 8


# what a note-taker who doubts writes after "??": "maybe 30", "not sure", "ask the tutor", "or 128"
_DOUBT = re.compile(
    r"^\W*(?:maybe|probably|perhaps|not sure|unsure|no idea|idk|dunno|ask|check|verify|confirm|look(?:ing)? (?:it )?up|"
    r"tbd|todo|or\b|\?)|\b(?:not sure|maybe|i think|no idea|check|ask)\b|\?\s*$",
    re.I,
)
_QUIZ_LINES = 3  # a shorthand the notes use for their quiz lines, not a "??" now and then


def _quiz_pair(m: re.Match[str]) -> str:
    """ "which LB takes Lambda targets ?? ALB" -> "...targets? → ALB", a question and its
    answer; "max object ?? 5 TB" -> "max object: 5 TB", a fact stated with its key. Not
    a doubt: a front that states a figure ("RDS max storage 64 TB ?? or 128") or a back
    that doubts ("DAX ?? maybe caching") is left as written."""
    lead, front = m.group(1), m.group(2)
    if not _quiz_line(m):
        return m.group()
    return f"{lead}{front}? → " if _ASKS.match(front) else f"{lead}{front}: "


def _quiz_line(m: re.Match[str]) -> bool:
    front, back = m.group(2), m.string[m.end() :]
    if len(front.split()) > _QUIZ_FRONT_WORDS or re.search(r"(?<![\w.])\d", front):
        return False
    return not _DOUBT.search(back)


def _quiz_shorthand(text: str) -> bool:
    """Whether the notes write their quiz lines "front ?? back", a few of them at least."""
    if text.count("??") < _QUIZ_LINES:
        return False
    found = (m for m in map(_QUIZ_PAIR.match, text.split("\n")) if m)
    return sum(1 for m in found if _quiz_line(m)) >= _QUIZ_LINES


def _chat_speakers(text: str) -> frozenset[str]:
    """The people of a chat log saved as notes ("[19:04] Ana: ...", "[19:05] me: ..."):
    the names that say two lines at least, where two people at least do."""
    if "]" not in text and ")" not in text:
        return frozenset()
    said = Counter(m.group(1) for m in CHAT_LINE.finditer(text))
    # "[00:45] Lambda: ...", "[01:10] Tip: ...", "[06:00] Geolocation: ...": a talk's
    # topics, by the minute, no people
    names = frozenset(name for name, count in said.items() if count >= 2 and not _a_topic(name))
    return names if len(names) >= 2 else frozenset()


def group_speakers(lines: Sequence[str]) -> frozenset[str]:
    """The people of a study group's shared notes, who open their lines with their name
    or initials ("JK: NAT gateway is per AZ", "- mira: no, 15 min"): names that open four
    lines at least, under three headings at least, where two people at least do so, and
    that name no topic, label or attribute ("SQS:", "Summary:", "retention:")."""
    said: Counter[str] = Counter()
    valued: Counter[str] = Counter()  # lines that give a figure right after the name: "Minimum: 24 hours"
    under: dict[str, set[int]] = {}
    heading = 0
    for line in lines:
        if line.startswith("#"):
            heading += 1
            continue
        m = GROUP_LINE.match(line)
        if m:
            said[m.group(1)] += 1
            valued[m.group(1)] += bool(re.match(r"[~<>≤≥≈]?\s*\d", line[m.end() :]))
            under.setdefault(m.group(1), set()).add(heading)
    text = "\n".join(lines)

    def a_person(name: str, count: int) -> bool:
        if count < 4 or len(under[name]) < 3 or name.casefold() in _NOT_SPEAKERS or valued[name] * 3 >= count:
            return False  # ("Minimum: 24 hours", "Memory: 128 MB": a field, whose lines give values)
        if name.isupper():
            # initials ("JK") or a term ("SG", "AZ")? a term is written inside lines too
            inside = len(re.findall(rf"(?<![\w-]){name}(?![\w-])", text)) - count
            return count >= 6 and inside * 4 <= count and name.casefold() not in SERVICE_WORDS
        return not _a_topic(name)

    names = frozenset(name for name, count in said.items() if a_person(name, count))
    return names if len(names) >= 2 else frozenset()


# labels a note-taker opens lines with under many headings, no people
_NOT_SPEAKERS = frozenset(
    """summary recap answer ans question example examples note notes tip tips why how use uses usage default
    defaults max min limit limits size cost costs pricing price retention timeout type types mode modes
    pros cons rule rules fact facts key keys def definition trap traps gotcha lesson remember important
    exam ex eg ie aka see also todo done status result results source sources ref link links idea""".split()
)


def _a_topic(name: str) -> bool:
    """Whether a word after a time stamp names a topic, not a person: a service, a kind
    of note ("Tip", "Recap"), an area, a routing policy or a record type."""
    word = name.casefold()
    return (
        names_a_cloud_service(name)
        or word in ATTRIBUTE_WORDS | AREA_WORDS | NOTE_LABEL_WORDS | TAG_META
        or ROUTING_POLICY.fullmatch(name) is not None
        or name.upper() in DNS_RECORD_TYPES
    )


# a video's time stamp opening a line, "[12:40] ...": each stamped line is a point of its own
_TIME_STAMP = re.compile(r"^(\s*)((?:[-*+]|\d+[.)])\s+)?[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])][ \t]+(?=\S)", re.M)


# an outline's letters and Roman numerals, which Markdown does not read as a list:
# "II. Networking", "   A. VPC", "      a. .0 network address"
_OUTLINE_MARK = re.compile(r"^([ \t]*)(?:[A-Za-z]|[IVXivx]{2,4})\.[ \t]+(?=\S)", re.M)
_OUTLINE_LINES = 3  # so many lines, with two different marks, make an outline


def _outline_marks(text: str) -> bool:
    """Whether the notes are an outline lettered or numbered in Roman numerals (the
    options of a practice question are no outline: "A. 22" / "B. 3389" / ... /
    "Correct: B")."""
    options = _option_lines(text)
    marks = [
        m.group().strip()
        for m in itertools.islice(_OUTLINE_MARK.finditer(text), 50)
        if text.count("\n", 0, m.start()) not in options
    ]
    return len(marks) >= _OUTLINE_LINES and len(set(marks)) >= 2


def _option_lines(text: str) -> set[int]:
    """The lines (0-based) of a practice question's options: "A. ...", "B. ...", "C. ..."
    one after the other, with the pick ("Correct: B", "Answer: C") within a few lines
    after them."""
    if "A." not in text and "a." not in text:
        return set()
    lines = text.split("\n")
    found: set[int] = set()
    n = 0
    while n < len(lines):
        run = 0
        while n + run < len(lines) and re.match(_OPTION_MARK.format("ABCDEF"[min(run, 5)]), lines[n + run], re.I):
            run += 1
        after = [line for line in lines[n + run : n + run + 4] if line.strip()][:2]
        if run >= 3 and any(_PICK_LINE.match(line) for line in after):
            found.update(range(n, n + run))
        n += max(run, 1)
    return found


_OPTION_MARK = r"^\s*(?:[-*+]\s+)?\(?{}[.)]\s+\S"  # "A. 22", "- (B) 3389"
# "Correct: B", "**Answer: C**", "Correct answer - D": the option a practice question picks
_PICK_LINE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:(?:the\s+)?(?:right|correct)\s+answer|answer|correct|right|solution)"
    r"(?:\*\*|__)?\s*+(?:is\s*+)?[:=→-]?\s*+(?:\*\*|__)?\s*+\(?[A-F]\)?(?:[\s.)*_]|$)",
    re.I,
)


# a task list's box: "- [x] ", "* [ ] ", and an exam checklist's "Know that" after it
_TASK = re.compile(
    r"^(\s*(?:[-*+]|\d+[.)])\s+)\[[ xX]\]\s+(?:(?:know|understand|remember)(?:\s+that)?\s+(?=\S+\s+\S))?(?=\S)",
    re.M | re.I,
)
# a footnote's label where it is defined ("[^e1]: ...") or referred to ("... [^e1]")
_FOOTNOTE = re.compile(r"^\s*\[\^[^\]\s]+\]:\s*|\[\^[^\]\s]+\](?!:)")


# a note app's field that only links to other pages ("up:: [[AWS MOC]]"); one way
# only to read the space between two links, so that a line that fails fails fast
_LINK_FIELD = re.compile(
    r"^\s*[\w -]{1,30}::\s*!?\[\[[^\]]+\]\](?:\s*(?:[·•,;|/-]\s*)?!?\[\[[^\]]+\]\])*\s*(?:[·•,;|/-]\s*)?$"
)


# a note app's field about the page or the block, not its subject: "title:: SAA cram",
# "status:: in progress", "collapsed:: true" (a property line, not "- Alias:: ...", a point)
_PAGE_FIELD = re.compile(
    r"^\s*(?:title|tags?|alias(?:es)?|status|created(?:[-_ ]?at)?|updated(?:[-_ ]?at)?|date|author|"
    r"type|id|collapsed|category|categories|source|public|template|icon|progress|score)::\s",
    re.I,
)


_FOOTNOTE_MARK = re.compile(r"^(\s*(?:[-*+]\s+)?)[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*(?=\S)", re.M)
_BLANK_ANSWER = re.compile(r"^(.*?)(?<![\w*])_{1,}(?![\w*])(.*?)\s*\[([^\[\]]{1,80})\]\s*$", re.M)


def _filled(m: re.Match[str]) -> str:
    return f"{m.group(1)}{m.group(3).strip()}{m.group(2)}"


# what a blank's answer follows: its unit or a few words ("___ days (30)", "___% (90)",
# "explicit ____ always wins (deny)"), then the answer in brackets
_BRACKET_AFTER = re.compile(r"((?:\s*+[\w%/.-]++){0,3}?)\s*+\(([^()]{1,60})\)")  # possessive: linear
# "SSH uses port ___ → 22": the answer after an arrow, up to an aside in brackets or
# the next clause ("layer __ → 3, uses GENEVE on port ____ (6081)")
_ARROW = re.compile(r"\s*(?:→|->|=>)\s*")
_ARROW_ANSWER = re.compile(r"([^()→,;\s]*+(?:\s++[^()→,;\s]++)*+)\s*+(\([^()]*\))?\s*+(?=[,;]|$)")
_UNIT_WORD = re.compile(
    r"\s*(?:%|s|ms|sec\w*|min\w*|h|hrs?|hours?|days?|weeks?|months?|years?|[KMGTP]i?B\b|IOPS)", re.I
)
_ASIDE = re.compile(r"\s*(?:and|or|but|e\.?g\.?|i\.?e\.?|see|not|also|which|that|like|for|when|if|unlike)\b", re.I)
# how an answer for several blanks splits: "(3 to 63)", "(1 or 3)", "(S3, DynamoDB)"
_ANSWER_SPLIT = re.compile(r"\s*(?:,(?!\d{3})|/|;)\s*(?:(?:and|or)\s+)?|\s+(?:and|or|to|-|–)\s+")


def _filled_blanks(line: str) -> str:
    """A self-test line read as the fact it tests, each blank filled with its answer:
    "gp3 max IOPS = ____ (16,000)" -> "gp3 max IOPS = 16,000", "___ days (30)" -> "30
    days", "__ to __ characters (3 to 63)" -> "3 to 63 characters", "SSH uses port ___
    → 22" -> "SSH uses port 22", "up to ___ records → 8 (multivalue)" -> "up to 8
    records (multivalue)". A line with a blank whose answer it does not give stays as
    written."""
    blanks = list(BLANK.finditer(line))
    out, at, k = [], 0, 0
    while k < len(blanks):
        # blanks that share one answer: "__ to __ characters (3 to 63)", "___ copies
        # across ___ AZs (6 across 3)"
        group = [blanks[k]]
        while k + len(group) < len(blanks):
            between = line[group[-1].end() : blanks[k + len(group)].start()]
            if re.search(r"[()→=:;]|->", between) or len(between.split()) > 3:
                break
            group.append(blanks[k + len(group)])
        end = group[-1].end()
        nxt = blanks[k + len(group)].start() if k + len(group) < len(blanks) else len(line)
        bracket = _BRACKET_AFTER.match(line, end)
        arrow = _ARROW.match(line, end)
        aside_then_arrow = bracket is not None and _ARROW.match(line, bracket.end()) is not None
        if bracket and (_ASIDE.match(bracket.group(2)) and not aside_then_arrow):
            return line  # "port ___ (and plain HTTP uses 80)": an aside, no answer
        if bracket and aside_then_arrow and len(group) == 1:
            # "SSH uses port ___ (TCP) → 22": the bracket is an aside, the arrow answers
            said = _ARROW_ANSWER.match(line, _ARROW.match(line, bracket.end()).end())  # type: ignore[union-attr]
            if not said or not said.group(1):
                return line
            out.append(f"{line[at : group[0].start()]}{said.group(1)}{bracket.group(1)} ({bracket.group(2)})")
            at = said.end()
        elif bracket and bracket.end() <= nxt:
            answers = _split_answer(bracket.group(2).strip(), line, group)
            if answers is None:
                return line
            if _UNIT_WORD.match(bracket.group(1)) and not any(re.search(r"\d", a) for a in answers):
                return line  # "___ days (configurable)": a unit asks for a figure; this is an aside
            out.append(line[at : group[0].start()])
            for n, blank in enumerate(group):
                # "/__ (/16)": the slash is written before the blank already
                out.append(
                    answers[n][1:]
                    if answers[n][:1] == "/" and line[blank.start() - 1 : blank.start()] == "/"
                    else answers[n]
                )
                if n + 1 < len(group):
                    out.append(line[blank.end() : group[n + 1].start()])
            out.append(bracket.group(1))
            at = bracket.end()
        elif len(group) == 1 and arrow:
            # "port ___ → 22", "layer __ → 3, uses ...": the answer right after the arrow
            said = _ARROW_ANSWER.match(line, arrow.end())
            if not said or not said.group(1):
                return line
            out.append(line[at : group[0].start()])
            out.append(said.group(1) + (f" {said.group(2)}" if said.group(2) else ""))
            at = said.end()
        elif len(group) == 1 and k + 1 == len(blanks) and _ARROW.search(line, end):
            # "up to ___ records at random → 8 (multivalue)": the answer after the
            # blank's words, a figure or a word or two
            arrow = _ARROW.search(line, end)
            said = _ARROW_ANSWER.match(line, arrow.end())  # type: ignore[union-attr]
            words = line[end : arrow.start()]  # type: ignore[union-attr]
            if not said or not said.group(1) or len(said.group(1).split()) > 2 or said.end() < len(line):
                return line
            out.append(line[at : group[0].start()])
            out.append(f"{said.group(1)}{words}" + (f" {said.group(2)}" if said.group(2) else ""))
            at = len(line)
        else:
            return line
        k += len(group)
    out.append(line[at:])
    return "".join(out)


def _pipe_answered(line: str) -> str:
    """A self-test line whose answer follows a bar ("SQS min retention ___ | 60 sec"),
    written with an arrow as _filled_blanks reads it; a table row, or a line with more
    bars, as written."""
    if line.count("|") != 1 or line.lstrip().startswith("|"):
        return line
    bar = line.index("|")
    if not BLANK.search(line, 0, bar) or not line[bar + 1 :].strip():
        return line
    return f"{line[:bar].rstrip()} → {line[bar + 1 :].strip()}"


def _split_answer(answer: str, line: str, group: list[re.Match[str]]) -> list[str] | None:
    """An answer in brackets split among the blanks that share it ("3 to 63", "6
    across 3" for "___ copies across ___ AZs"), or None where it does not split into
    as many parts."""
    if len(group) == 1:
        return [answer]
    words = {w for a, b in itertools.pairwise(group) for w in line[a.end() : b.start()].split()}
    for word in sorted(words, key=len, reverse=True):
        parts = [p for p in re.split(rf"\s+{re.escape(word)}\s+", answer) if p]
        if len(parts) == len(group):
            return parts
    parts = [p for p in _ANSWER_SPLIT.split(answer) if p]
    return parts if len(parts) == len(group) else None


def _corrected(m: re.Match[str]) -> str:
    """A claim marked false read as its fix says it should be: "RDP uses port 3398 (F) →
    3389. swapped the digits" -> "RDP uses port 3389. swapped the digits"; "a ticket
    costs 12 euros (F) → 8" -> "a ticket costs 8 euros"; "NLB works at layer 7 (F) →
    layer 4" -> "NLB works at layer 4"; "FSx for Windows uses NFS (F) → SMB" -> "FSx for
    Windows uses SMB". A fix that names none of the claim's words, or says only "no", is
    read alone ("SGs are stateful"): what was false is no fact either way."""
    lead, claim, fix = m.group(1), m.group(2), m.group(3)
    verdict = _VERDICT.match(fix)
    if verdict:
        return f"{lead}{fix[verdict.end() :]}"  # "(F) → no. only the north pier has lights"
    figures = list(_CLAIM_FIGURE.finditer(claim))
    opening = _CLAIM_FIGURE.match(fix)
    if opening and len(figures) == 1:
        figure = figures[0]
        digits = re.match(r"~?\d+(?:[,.]\d+)*", figure.group())
        if re.fullmatch(r"~?\d+(?:[,.]\d+)*", opening.group()) and digits:
            # "12 euros on weekend sailings (F) → 8": the figure alone, its unit and the rest kept
            kept = claim[figure.start() + digits.end() :]
            return f"{lead}{claim[: figure.start()]}{opening.group()}{kept}{fix[opening.end() :]}"
        # "5 GB (F) → 5 TB. 5 GB is the max PUT", "40 t (F) → 60 t max on calm days": the fix goes on there
        return f"{lead}{claim[: figure.start()]}{fix}"
    head = _FIX_HEAD.match(fix)
    said = head.group().strip() if head else ""
    first = fix.split()[0]
    at = re.search(rf"(?<!\w){re.escape(first)}(?!\w)", claim, re.I) if re.fullmatch(r"[A-Za-z][\w-]+", first) else None
    if at:
        return f"{lead}{claim[: at.start()]}{fix}"  # "layer 7" -> "layer 4", "HTTP is 8080" -> "HTTP is 80"
    if said and len(said.split()) == 1 and not opening and re.search(r"\s[A-Za-z][\w/-]*$", claim):
        return f"{lead}{claim.rsplit(None, 1)[0]} {fix}"  # "uses NFS" -> "uses SMB, port 445"
    return f"{lead}{fix}"


# a claim the notes label false: "Myth: ...", "Misconception - ..."; a trap is one only
# where what is true follows it ("Trap: ..." over "Correct: ..."), else it may name a
# true fact to beware of ("Exam trap: FIFO is 300 TPS without batching")
_LABELLED = rf"^{_POINT_LEAD}(?:\*\*|__)?(?:{{}})(?:\*\*|__)?\s*[:\-–—]"
_MYTH = re.compile(_LABELLED.format(r"myths?|misconceptions?|false claim") + r"\s*\S", re.I | re.M)
_TRAP = re.compile(_LABELLED.format(r"traps?") + r"\s*\S", re.I | re.M)
_TRUTH = re.compile(_LABELLED.format(r"reality|truth|correct|actually"), re.I)
# "Trap 28: "RDS automated backups can be kept 90 days."" over "Right: 0–35 days": the
# claim a trap quotes is the wrong idea, put right below it
_QUOTED_TRAP = re.compile(_LABELLED.format(r"traps?\s*#?\d*") + r"\s*[\"“„«]", re.I | re.M)
_RIGHT = re.compile(_LABELLED.format(r"right|reality|truth|correct|actually"), re.I)
_AFFIRMED = re.compile(r"\s*(?:yes|true|correct|indeed|right)\b", re.I)  # "Right: yes, that one is true"
_CLOSING_QUOTE = re.compile(r"[\"”»]")
# a fix that only says whether the claim holds: "(F) → no. only the north pier has lights"
_VERDICT = re.compile(r"(?:no|nope|yes|true|false|wrong|correct|not true)\b[\s.,;:!—–-]*", re.I)
# the fix a myth's line gives after an arrow: "-> wrong, 5 TB is the max"
_MYTH_FIXED = re.compile(r"\s(?:→|->|=>)\s*(?:(?:wrong|false|no|nope)\b[\s,.;:!—–-]*)?(?=\S)", re.I)
_TREE_LINES = 3


def _marks_claims(text: str) -> bool:
    """Whether notes mark their claims true or false: two claims marked false, or one
    and one marked true ("(T)"), not one "(F)" of a temperature or a grade."""
    return len(_FALSE_MARK.findall(text)) >= 2 or bool(_FALSE_MARK.search(text) and _TRUE_MARK.search(text))


def _as_point(m: re.Match[str]) -> str:
    """A tree's branch as the list item it draws, indented a level per trunk."""
    return "  " * len(TREE_TRUNK.findall(m.group(1))) + "- "


def _next_said(lines: list[str], n: int) -> str:
    """The first line after line n (counted from 0) that says anything."""
    return next((line for line in lines[n + 1 :] if line.strip()), "")


def _plain_markdown(
    text: str,
    outline: bool = False,
    filled: dict[int, str] | None = None,
    tags: dict[int, tuple[str, ...]] | None = None,
) -> str:
    """Note-app syntax read as the plain Markdown it stands for, line by line outside
    code fences (line numbers kept): "[[S3|buckets]]" -> "buckets", "==key fact==" ->
    "key fact", "Role :: ..." -> "Role: ...", "> [!tip] Title" -> "> Title", tags
    ("#iam", "#iam/limits"), a task's box ("- [x] ..."), footnote labels ("[^1]") and
    text struck out ("~~wrong~~ → right") left out, a cloze typed by hand ("{{c1::22}}")
    read as the words it hides, a card typed by hand ("front ;; back") as "front =
    back", a toggle ("▸ Title")
    as a list item, and a line's time stamp ("[12:40] ...") made a list
    bullet, and so is an outline's letter or Roman numeral ("   A. VPC" -> "   - VPC")
    when `outline` (see `_outline_marks`). Headings keep their own "#" marks."""
    marked = any(mark in text for mark in ("[[", "==", "#", "[!", "::", "[^", "~~", ";;", "??")) or _TASK.search(text)
    marked = marked or _TOGGLE.search(text)
    marked = marked or _FOOTNOTE_MARK.search(text) or _BLANK_ANSWER.search(text) or BLANK.search(text)
    claims = _marks_claims(text)
    myths = bool(_MYTH.search(text) or _TRAP.search(text) or _QUOTED_TRAP.search(text))
    marked = marked or claims or myths or "──" in text
    if not marked and not _TIME_STAMP.search(text) and not outline:
        return text
    out, fenced = [], False
    quizzes = _quiz_shorthand(text)
    lines = text.split("\n")
    tree = len(TREE_BRANCH.findall(text)) >= _TREE_LINES
    speakers = _chat_speakers(text)
    group = group_speakers(lines) if ":" in text else frozenset()
    for line in lines:
        if FENCE.match(line):
            fenced = not fenced
        if not fenced and "::" in line and (_LINK_FIELD.match(line) or _PAGE_FIELD.match(line)):
            line = ""  # "related:: [[Networking]] · [[Databases]]", "title:: ...": about the page, like front matter
        if not fenced:
            line = _WIKI_LINK.sub(lambda m: (m.group(2) or m.group(1)).strip(), line)
            # a cloze typed by hand ("SSH uses port {{c1::22}}") is the sentence it hides in;
            # "front ;; back" is a card typed by hand
            line = _TYPED_CLOZE.sub(r"\1", line) if "{{" in line else line
            # "▸ VPC sizing" over its indented points: a toggle is an item, its points nest under it
            line = _TOGGLE.sub(r"\1- ", line, count=1)
            typed = line if ";;" in line or "::" in line else ""
            line = _TYPED_CARD.sub(" = ", line) if ";;" in line else line
            line = _CALLOUT.sub(r"\1", _FIELD.sub(": ", _HIGHLIGHT.sub(r"\1", line)))
            # "max object ?? 5 TB", "which LB takes Lambda targets ?? ALB": a quiz line the
            # note-taker covers the right side of
            line = _QUIZ_PAIR.sub(_quiz_pair, line, count=1) if quizzes and "??" in line else line
            # "~~Oracle 1433~~ → Oracle is 1521": what the note-taker struck out and corrected is wrong
            line = _STRUCK.sub("", line) if "~~" in line else line
            line = (
                _FALSE_CLAIM.sub(_corrected, line) if claims and "|" not in line and _FALSE_MARK.search(line) else line
            )
            if myths and (
                _MYTH.match(line)
                or _TRAP.match(line)
                and _TRUTH.match(_next_said(lines, len(out)))
                or _QUOTED_TRAP.match(line)
                and _RIGHT.match(_next_said(lines, len(out)))
                and not _AFFIRMED.match(_RIGHT.sub("", _next_said(lines, len(out)), count=1))
            ):
                # "Myth: objects can be any size", "Trap: ..." over "Correct: ...": a claim
                # the note-taker says is false, no fact (what is true follows it, on the
                # next line or after an arrow: "Myth: 50 TB objects -> wrong, 5 TB is the max")
                # (a quoted claim's fix follows its closing quote: an arrow inside it is the claim's)
                quoted = _QUOTED_TRAP.match(line)
                closing = _CLOSING_QUOTE.search(line, quoted.end()) if quoted else None
                fixed = _MYTH_FIXED.search(line, closing.end() if closing else 0) if not quoted or closing else None
                line = re.match(_POINT_LEAD, line).group() + line[fixed.end() :] if fixed else ""
            if "#" in line and tags is not None:
                # not in code: "`aws s3 cp … #presign`" is a shell comment
                found = [m.group().strip(" \t:→->").lstrip("#") for m in _TAG.finditer(re.sub(r"`[^`]*`", "", line))]
                if found:
                    tags[len(out) + 1] = tuple(found)
            line = _TAG.sub("", line).rstrip() if "#" in line else line
            said = CHAT_LINE.match(line) if speakers and filled is not None else None
            said = said or (GROUP_LINE.match(line) if group and filled is not None else None)
            if said and said.group(1) in speakers | group:
                # "[19:04] Ana: Redshift is 5439": a chat log's line, said by one of its
                # people; the readers leave out who said it (see extract.read.said_by)
                filled.setdefault(len(out) + 1, line)
            line = _TIME_STAMP.sub(lambda m: m.group(1) + (m.group(2) or "- "), line)
            # "│   ├── 5 IPs reserved per subnet": a tree drawn with box lines (a mind map's
            # export) is a nested list, each branch a point under the one it hangs from
            if tree and TREE_BRANCH.match(line):
                # (the line as written keys its facts, as earlier versions read them)
                if filled is not None:
                    filled.setdefault(len(out) + 1, line)
                line = TREE_BRANCH.sub(_as_point, line, count=1)
            line = _TASK.sub(r"\1", line)  # "- [x] Know that X ...": "- X ...", the point itself
            line = _FOOTNOTE.sub("", line) if "[^" in line else line
            # "¹ volumes under 1 TiB burst": a footnote, a point of its own without its mark (in a
            # list of its own: "+" starts one apart from a "-" list after it)
            line = _FOOTNOTE_MARK.sub(lambda m: m.group(1) if m.group(1).strip() else m.group(1) + "+ ", line, count=1)
            # "The max delay is ___. [15 minutes]": a blank the note-taker fills in brackets
            if "__" in line and not _BLANK_ANSWER.search(line):
                # "gp3 max IOPS = ____ (16,000)", "SSH uses port ___ → 22": the fact it tests;
                # the line as it read before, for the identity of the facts read from it
                was, line = line, _filled_blanks(_pipe_answered(line))
                line = was if line == _pipe_answered(was) else line  # not filled: as written
                if filled is not None and line != was:
                    filled[len(out) + 1] = was
            line = _BLANK_ANSWER.sub(_filled, line, count=1) if "_" in line else line
            line = _OUTLINE_MARK.sub(r"\1- ", line) if outline else line
            if typed and filled is not None and line != typed:
                # "Q: need it by next week ;; VPN": a card typed by hand, read as "... = VPN"
                # as it always was; the question it asks is read from it as written
                filled.setdefault(len(out) + 1, typed)
        out.append(line)
    return "\n".join(out)


# the line a definition list's next term is written on: short, no sentence's end or list mark
_A_TERM = re.compile(r"(?![-*+>→•]|\d+[.)]\s)[^.,;:]*[^\s.,;:]")
_TERM_WORDS = 8


def _runs_on_to_next(tokens: list[Token], n: int) -> bool:
    """Whether the meaning at tokens[n] ends its entry and the next entry's meaning
    follows it, with no term of its own between them."""
    kinds = [t.type for t in tokens[n + 1 : n + 4]]
    return kinds == ["paragraph_close", "dd_close", "dd_open"]


def parse_notes(text: str, path: str) -> Section:
    """Parse one notes file into its root Section (level 0, holding every heading).

    YAML front matter and HTML comments are not notes: they are blanked out, keeping
    the line numbers of everything else."""
    source = text
    text = _html_tables(_COMMENT.sub(_blank_out, _FRONT_MATTER.sub(_blank_out, text)))
    sectioned: dict[int, str] = {}
    text = _cornell_tables(_key_value_fences(_ini_sections(text, sectioned)))
    fronted = text
    text = _front_back(text)
    # a card typed as "F: ...?" was read as a question with its label: its identity keeps it
    labelled = tuple(
        (n, was)
        for n, (was, now) in enumerate(zip(fronted.split("\n"), text.split("\n"), strict=True), 1)
        if was != now
    )
    # a lettered outline's titles are read from its letters, before they become bullets
    outline = _outline_marks(text)
    lettered = tuple(text.splitlines()) if outline else None
    before = text
    filled: dict[int, str] = {}
    tagged: dict[int, tuple[str, ...]] = {}
    text = _plain_markdown(text, outline, filled, tagged)
    written = tuple(sorted({**sectioned, **dict(labelled), **dict(_written(before, text)), **filled}.items()))
    tokens = _MD.parse(text)
    root = _Open(title="", level=0, line=1, numbering=(), heading_path=())
    stack: list[_Open] = [root]
    builder = _BlockBuilder(text.split("\n"), before.split("\n"))
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open" and token.level == 0:
            inline = tokens[i + 1]
            _open_section(stack, int(token.tag[1]), inline.content, token.map[0] + 1)
            builder.previous = None
            i += 3
            continue
        i = builder.consume(tokens, i, stack[-1].blocks)
    lines = tuple(text.splitlines())
    return root.freeze(path, lines, len(source.splitlines()), lettered, written, tagged, builder.joined)


def _written(before: str, after: str) -> tuple[tuple[int, str], ...]:
    """The lines whose task box, footnote label or callout marker ("> [!note] SQS")
    reading left out, as written."""
    if before is after or ("[^" not in before and "[!" not in before and not _TASK.search(before)):
        return ()
    return tuple(
        (n, was)
        for n, (was, now) in enumerate(zip(before.splitlines(), after.splitlines(), strict=False), 1)
        if was != now and (_TASK.match(was) or "[^" in was or _CALLOUT.match(was))
    )


def _open_section(stack: list[_Open], level: int, raw_title: str, line: int) -> None:
    numbering, title = split_numbering(raw_title.strip().rstrip("#").strip())
    title = without_diary_prefix(title)
    title = title.rstrip(" :") or raw_title.strip()
    while len(stack) > 1 and stack[-1].level >= level:
        stack.pop()
    if numbering:
        # "#### 11. S3" after "### 9. Route 53": same numbering depth, later number -> sibling
        for depth in range(len(stack) - 1, 0, -1):
            ancestor = stack[depth]
            if ancestor.numbering:
                if len(ancestor.numbering) == len(numbering) and ancestor.numbering < numbering:
                    del stack[depth:]
                break
    parent = stack[-1]
    section = _Open(title, level, line, numbering, (*parent.heading_path, title))
    parent.children.append(section)
    stack.append(section)


# a line (or an item) that starts with a figure compared: ">16k IOPS", ">=3 AZs"
_COMPARED = re.compile(r"^\s*(?:(?:[-*+]|\d+[.)])\s+)?>(?=\d|=\s?\d)")


# a line that stops on a word no sentence ends on: "... unless the"
_OPEN_END = re.compile(rf"(?<![\w-])(?:{OPEN_WORDS})$", re.I)
# a line numbered by a label of the notes: "Rule 37: ...", "Tip 4. ...", "Step 2) ..."
_NUMBERED_LABEL = re.compile(r"^[A-Z][a-z]{1,10}\s*#?\d{1,3}\s*[:.)]\s")
# a practice question's explanation under its options, not a part of the last one: "explanation: ..."
_REMARK_LABEL = re.compile(
    r"^[*_]*(?:explanation|expl|answer|ans|correct(?: answer)?|solution)[*_]*\s*:[*_]*\s+\S",
    re.I,
)
# a line that opens with its own key and a colon: "default cooldown: 300 s"
_OWN_KEY = re.compile(r"^[\w(][\w ()/&+.'-]{0,40}?:\s+\S")


def _starts_new_statement(previous: str, line: str) -> bool:
    """Whether a lazy continuation line of a list item is really a new statement: it
    starts with a capital after a line that ended a sentence or stated "term: value"."""
    if re.match(r"^\d+(?:\.\d+)+\s", line):
        return True  # "3.6 X-Ray with Beanstalk": an outline number starts a new point
    if not line.lstrip("*_`> ")[:1].isupper():
        return False
    return re.search(r"[.!?:)]$", previous) is not None or re.search(r"\s:\s|:\s|→|=|\s[-–—]\s", previous) is not None


class _BlockBuilder:
    """Turns the block tokens under a heading into Blocks, remembering list context."""

    def __init__(self, source: list[str] | None = None, written: list[str] | None = None) -> None:
        self.source = source or []
        self.written = written or self.source  # the lines as written, blanks and all
        # the text's lines, for what Markdown read as a mark: ">16k IOPS" is no quote
        self.compared: set[int] = set()
        # the lines of quotes that are a comparison, whose ">" is put back
        self.quotes: list[bool] = []
        self.joined: dict[int, str] = {}
        # line -> what earlier versions read on after the point there (see `_note_joined`)
        # for each quote open at top level, whether it is such a comparison
        self.previous: Block | None = None
        # the last block emitted at top level, a candidate lead for the next list
        self.item_stack: list[str] = []
        # text of the enclosing list items, outermost first
        self.leads: list[str] = []
        # lead-in text of each enclosing list, outermost first
        self.previous_quoted = False
        # whether `previous` was in a quote the next list is not in
        self.list_quoted = False
        # whether the current list's lead is such a quote

    def consume(self, tokens: list[Token], i: int, out: list[Block]) -> int:
        token = tokens[i]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self._list(tokens, i, out)
        if kind == "paragraph_open" or (kind == "heading_open" and token.level > 0):
            self._paragraph(tokens[i + 1], out, depth=None)
            return i + 3
        if kind == "table_open":
            return self._table(tokens, i, out)
        if kind in ("fence", "code_block"):
            start = token.map[0] + 1 + (1 if kind == "fence" else 0)
            lines = tuple(Line(start + n, t) for n, t in enumerate(token.content.splitlines()))
            out.append(Block("code", lines))
            self.previous = None
            return i + 1
        if kind == "dl_open":
            return self._deflist(tokens, i, out)
        if kind == "blockquote_open":
            self.quotes.append(self._comparison(token))
        elif kind == "blockquote_close" and not (self.quotes and self.quotes.pop()):
            self.previous_quoted = self.previous is not None
        return i + 1

    def _comparison(self, token: Token) -> bool:
        """Whether a quote is a figure compared: ">16k IOPS → io1/io2" at the start of a
        line (or "- >5 GB: multipart" of an item) is "more than", not a quote."""
        line = token.map[0] if token.map else -1
        if not (0 <= line < len(self.source) and _COMPARED.match(self.source[line])):
            return False
        # each line of it that opens so: ">16k IOPS → io1/io2" / ">64k → io2 Block Express"
        end = min(token.map[1], len(self.source)) if token.map else line + 1
        self.compared.update(n + 1 for n in range(line, end) if _COMPARED.match(self.source[n]))
        return True

    def _lines(self, inline: Token) -> list[Line]:
        start = inline.map[0] + 1 if inline.map else 0
        lines = [Line(start + n, t.strip()) for n, t in enumerate(inline.content.split("\n"))]
        if self.compared:
            lines = [Line(x.number, ">" + x.text) if x.number in self.compared else x for x in lines]
            self.compared.difference_update(x.number for x in lines)
        return lines

    def _paragraph(self, inline: Token, out: list[Block], depth: int | None) -> None:
        """A paragraph, or the text of a list item when depth is given."""
        lines = self._lines(inline)
        groups = self._groups(lines, depth)
        if depth is not None and len(groups) > 1:
            self._note_joined(groups, self._groups(lines, depth, margin=False))
        for n, (role, group) in enumerate(groups):
            if role == "bullet":
                lead = groups[0][1] if n and groups[0][0] != "bullet" else None
                lead_text = " ".join(x.text for x in lead) if lead else self._lead()
                base = depth + 1 if depth is not None else 0
                quoted = not lead and not self.item_stack and self.previous_quoted
                out.append(Block("item", tuple(group), depth=base, lead=lead_text, lead_quoted=quoted))
            elif role == "lead" or depth is None:
                block = Block("paragraph", tuple(group))
                out.append(block)
                self.previous, self.previous_quoted = block, False
            else:
                quoted = len(self.item_stack) == 1 and self.list_quoted
                block = Block("item", tuple(group), depth=depth, lead=self._lead(), lead_quoted=quoted)
                out.append(block)
                self.item_stack[-1] = block.text
                self.previous = block

    def _groups(self, lines: list[Line], depth: int | None, margin: bool = True) -> list[tuple[str, list[Line]]]:
        """A paragraph's lines grouped into its points: (role, lines), the role "bullet" for
        a point typed with a bullet character, "lead" for a line of an item that starts a
        new thought, else "text"; `margin`, whether points written at the margin under an
        item stand alone (see `_lazy_point`), which earlier versions did not read."""
        groups: list[tuple[str, list[Line]]] = []
        for n, line in enumerate(lines):
            bullet = _PSEUDO_BULLET.match(line.text)
            if bullet:
                groups.append(("bullet", [Line(line.number, line.text[bullet.end() :])]))
            elif (
                depth is not None
                and n > 0
                and (
                    _starts_new_statement(lines[n - 1].text, line.text)
                    or margin
                    and self._lazy_point(lines[n - 1], line)
                )
            ):
                # "- NS : name servers.\nThere are 2 types of zone:" -- a lazy
                # continuation line that starts a new thought is not part of the item
                groups.append(("lead", [line]))
            elif groups and groups[-1][0] == "bullet" and _starts_new_statement(lines[n - 1].text, line.text):
                groups.append(("text", [line]))
            elif groups and groups[-1][0] != "lead":
                groups[-1][1].append(line)
            else:
                groups.append(("text", [line]))
        return groups

    def _note_joined(self, groups: list[tuple[str, list[Line]]], earlier: list[tuple[str, list[Line]]]) -> None:
        """Where points split off at the margin were read by earlier versions (`earlier`)
        as part of the point above them: what they added to its text, by the line it
        starts on, for the identity of the facts read from it."""
        first = {line.number: group[0].number for _role, group in earlier for line in group}
        for _role, group in groups:
            anchor = first.get(group[0].number, group[0].number)
            if anchor != group[0].number:
                said = " ".join(x.text for x in group)
                self.joined[anchor] = f"{self.joined[anchor]} {said}" if anchor in self.joined else said

    def _lazy_point(self, previous: Line, line: Line) -> bool:
        """Whether a line an item's text runs on to, written at the margin (Markdown's lazy
        continuation, not indented under the item), is a point of its own: "Rule 37: ..."
        after a point of rule 36, "user data size: 16 KB" after "hibernation limits: ...".
        An indented line is the item's, and a line after one that stops mid-sentence
        ("... unless the" / "producer changes it: ...") goes on with it."""
        raw = self.source[line.number - 1] if 0 < line.number <= len(self.source) else " "
        if raw[:1].isspace() or _OPEN_END.search(previous.text):
            return False
        if _NUMBERED_LABEL.match(line.text) or _REMARK_LABEL.match(line.text):
            return True
        if self._tests(line.number) and self._tests(previous.number):
            return True  # "* long poll max wait ___ (20 s)" / "delay queue max ___ | 15 min": a self-test line each
        return _OWN_KEY.match(line.text) is not None and _OWN_KEY.match(previous.text) is not None

    def _tests(self, number: int) -> bool:
        """Whether the line was written as a self-test line, a blank and its answer."""
        return 0 < number <= len(self.written) and BLANK.search(self.written[number - 1]) is not None

    def _lead(self) -> str:
        if self.item_stack:
            return self.leads[-1]
        return self.previous.text if self.previous else ""

    def _list(self, tokens: list[Token], i: int, out: list[Block]) -> int:
        depth = 0
        # each list's lead-in: the text just before it (a paragraph, or the item it is in)
        self.leads = [self.previous.text if self.previous else ""]
        self.list_quoted, self.previous_quoted = self.previous_quoted, False
        n = i
        while n < len(tokens):
            t = tokens[n]
            if t.type in ("bullet_list_open", "ordered_list_open"):
                depth += 1
                if depth > 1:
                    self.leads.append(out[-1].text if out else "")
            elif t.type in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
                if depth == 0:
                    break
                self.leads.pop()
            elif t.type == "list_item_open":
                self.item_stack.append("")
            elif t.type == "blockquote_open":
                self._comparison(t)
            elif t.type == "list_item_close":
                self.item_stack.pop()
            elif t.type == "inline" and tokens[n - 1].type in ("paragraph_open", "heading_open"):
                self._paragraph(t, out, depth=len(self.item_stack) - 1)
            elif t.type == "table_open":
                n = self._table(tokens, n, out) - 1
            elif t.type in ("fence", "code_block"):
                self.consume(tokens, n, out)
            n += 1
        self.list_quoted = False
        if out and out[-1].kind == "paragraph":
            self.previous = out[-1]  # a lead-in line split off the last item
        else:
            self.previous = next((b for b in reversed(out) if b.kind == "item" and b.depth == 0), None)
        return n + 1

    def _table(self, tokens: list[Token], i: int, out: list[Block]) -> int:
        header: list[str] = []
        rows: list[tuple[Line, tuple[str, ...]]] = []
        current: list[str] = []
        row_line = 0
        n = i
        while tokens[n].type != "table_close":
            t = tokens[n]
            if t.type == "tr_open":
                current, row_line = [], t.map[0] + 1
            elif t.type == "inline":
                current.append(t.content.strip())
            elif t.type == "tr_close":
                if not header:
                    header = current
                else:
                    rows.append((Line(row_line, " | ".join(current)), tuple(current)))
            n += 1
        head_line = Line(tokens[i].map[0] + 1, " | ".join(header))
        block = Block("table", (head_line,), header=tuple(header), rows=tuple(rows))
        out.append(block)
        self.previous = None
        return n + 1

    def _at_margin(self, line: int) -> bool:
        """Whether a line is written at the margin, as a definition list's term is (a
        meaning that wraps onto an indented line goes on there)."""
        return 0 < line <= len(self.source) and not self.source[line - 1][:1].isspace()

    def _deflist(self, tokens: list[Token], i: int, out: list[Block]) -> int:
        n, term = i, ""
        while tokens[n].type != "dl_close":
            t = tokens[n]
            if t.type == "inline" and tokens[n - 1].type == "dt_open":
                term = t.content.strip()
            elif t.type == "inline" and term:
                lines, next_term = self._lines(t), ""
                if len(lines) > 1 and tokens[n - 2].type == "dd_open" and _runs_on_to_next(tokens, n):
                    # "22" / ": SSH" / "21" / ": FTP" with no blank line between: Markdown
                    # reads the next entry's term as a line the meaning runs on to
                    if (
                        self._at_margin(lines[-1].number)
                        and _A_TERM.fullmatch(lines[-1].text)
                        and len(lines[-1].text.split()) <= _TERM_WORDS
                    ):
                        lines, next_term = lines[:-1], lines[-1].text
                out.append(Block("definition", tuple(lines), term=term))
                term = next_term or term
            n += 1
        self.previous = None
        return n + 1
