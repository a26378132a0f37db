"""Small text helpers shared by the extractors: plain text, numbers, sentences."""

from __future__ import annotations

import re
from functools import lru_cache

_INLINE_MARKUP = re.compile(r"(\*\*|__|`)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SPACES = re.compile(r"\s+")


_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """Markdown inline source as plain text: no emphasis markers, links as their text."""
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    if "*" in text or "_" in text or "`" in text:
        text = _INLINE_MARKUP.sub("", text)
        text = _EMPHASIS.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


_WORD_RUN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """A form of text for comparing two phrasings: case-folded words only."""
    return " ".join(_WORD_RUN.findall(plain(text).casefold()))


def number_key(text: str) -> str:
    """Identity of a sentence that states numbers: its words, with the numbers left out."""
    return " ".join(w for w in normalise(text).split() if not any(c.isdigit() for c in w))


_NUMBER = re.compile(r"^(\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+|\d+)(?:\.(\d+))?\s*([kK])?$")


def parse_int(text: str) -> int | None:
    """Read 64000, 64,000, 64 000 and 64k as the same integer; None when it is not one."""
    m = _NUMBER.match(text.strip())
    if not m:
        return None
    whole = re.sub(r"[^\d]", "", m.group(1))
    value = float(f"{whole}.{m.group(2) or 0}")
    if m.group(3):
        value *= 1000
    return int(value) if value == int(value) else None


NUMBER_PATTERN = r"\d{1,3}(?:[,\u202f\u00a0]\d{3})+(?!\d)|\d+(?:\.\d+)?\s?[kK]\b|\d+"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")


def sentences(text: str) -> list[tuple[int, str]]:
    """Split text into sentences, each with its offset in text."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        piece = text[start : m.start()]
        # "e.g. Foo", "Ex. Foo" and "vs. Foo" do not end a sentence
        if re.search(r"\b(e\.g|i\.e|etc|vs|ex|approx|max|min|no)\.$", piece, re.I):
            continue
        out.append((start, piece))
        start = m.end()
    out.append((start, text[start:]))
    return [(i, s) for i, s in out if s.strip()]


def split_numbering(title: str) -> tuple[tuple[int, ...], str]:
    """("4. EC2 Fundamentals") -> ((4,), "EC2 Fundamentals"); "3.1 How" -> ((3, 1), "How")."""
    m = re.match(r"^\s*(\d+(?:\.\d+)*)([.)])?\s+(?=\S)", title)
    if not m or not m.group(2) and "." not in m.group(1) and len(m.group(1)) > 2:
        return (), title.strip()  # "2024 plans" is a title, not a numbered heading
    numbers = tuple(int(n) for n in m.group(1).split("."))
    return numbers, title[m.end() :].strip()


def slug(text: str, limit: int = 60) -> str:
    """A file name from a title: "AWS_Practices" -> "aws-practices"; a long title
    gives its first words (file systems refuse names past 255 bytes)."""
    words = re.findall(r"[^\W_]+", text.casefold())
    name = "-".join(words)
    if len(name) > limit:
        name = name[: limit + 1].rsplit("-", 1)[0] if "-" in name[:limit] else name[:limit]
    return name or "cheatdeck"


def tag(text: str) -> str:
    """An Anki tag from a heading: spaces and separators become underscores."""
    words = re.findall(r"[^\W_]+", plain(text))
    return "_".join(words) or "untitled"
