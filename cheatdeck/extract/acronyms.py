"""Acronyms and what they stand for (a `definition` with `acronym` set).

    IAM(Identity and Access Management)       acronym, then its expansion in brackets
    Virtual Private Cloud (VPC)                expansion, then the acronym in brackets
    EC2 = Elastic Compute Cloud                "ACR = ...", "ACR - ...", "ACR: ..."
    TLS stands for Transport Layer Security    "stands for", "refers to", "means"
    ##### EFS Elastic File System              acronym followed by its expansion

An expansion is only taken when its initials spell the acronym (EC2 = E, C, C;
leading "Amazon"/"AWS" and small words such as "and" may be skipped), so
"MFA(2 layer authentication)" is not read as an expansion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from cheatdeck.extract.common import fact
from cheatdeck.extract.read import Statement
from cheatdeck.model import Definition, Fact, Section
from cheatdeck.text import is_apparatus, is_link_line, plain
from cheatdeck.vocab import STOP_WORDS, VENDOR_WORDS

_ACR_CORE = r"([A-Z][A-Za-z]?[A-Z0-9][A-Z0-9]{0,4}|[A-Z]\d)"
_ACR = rf"(?<![\w-]){_ACR_CORE}(?![\w-])"
_WORD = r"[A-Za-z][\w'’-]*"
_AFTER = re.compile(rf"{_ACR}\s*\(\s*([^()]{{3,90}}?)\s*\)")
_BRACKETED = re.compile(rf"\(\s*{_ACR_CORE}\s*\)")
_WORDS_BEFORE = re.compile(rf"((?:{_WORD}[ \t]+){{0,8}}{_WORD})\s*$")
_LEADING = re.compile(
    rf"^(?<![\w-]){_ACR_CORE}(?!\w)\s*(?:=|:|–|—|-|,|\bstands for\b|\brefers? to\b|\bmeans\b|\bis short for\b)?\s*"
    rf"((?:(?:{_WORD}|&)\s*){{2,10}})"  # "IAM = Identity & Access Mgmt"
)
# "RPO / RTO — Recovery Point Objective / Recovery Time Objective": two acronyms, two expansions
_PAIRED = re.compile(rf"^{_ACR_CORE}((?:\s*/\s*{_ACR_CORE[1:-1]}){{1,3}})\s*(?:=|:|–|—|-)\s*(.+)$")
_INNER = re.compile(rf"{_ACR}\s+(?:stands for|is short for|refers? to)\s+((?:{_WORD}\s*){{2,10}})")


def extract_acronyms(section: Section, statements: Sequence[Statement]) -> Iterator[Fact]:
    for found in _acronym_facts(section, statements):
        one_word = re.fullmatch(r"[A-Za-z][\w-]+", found.data.meaning.strip()) is not None
        hyphened = "-" in found.data.meaning  # "IaC = infrastructure-as-code" spells it word by word
        if not one_word or hyphened and initials_spell(found.data.term, found.data.meaning.replace("-", " ")):
            # "TXT = text", "SRV = service" are trivia, and "CF = CloudFront", "DDB =
            # DynamoDB" the note-taker's own shorthand for one name: no acronym to learn
            yield found


def _acronym_facts(section: Section, statements: Sequence[Statement]) -> Iterator[Fact]:
    if any(is_apparatus(title) for title in section.heading_path):
        return  # a table of contents or a reading list names pages
    if section.heading_path:
        for found in acronyms_in(section.title):
            yield fact("definition", found, section, section.line)
    for st in statements:
        if st.kind == "row":
            if len(st.header) != 1 and len(st.cells) >= 2:
                # | Acronym | Stands for |: the first two cells of each row (of a table, or
                # of pipe-separated lines with no header: "NS | name servers | ...")
                for found in acronyms_in(f"{st.cells[0]} = {st.cells[1]}"):
                    yield fact("definition", found, section, st.line)
            continue
        if is_link_line(st.markdown):
            continue  # "- [Virtual Private Cloud (VPC)](#vpc)": a table-of-contents entry
        for found in acronyms_in(st.text):
            yield fact("definition", found, section, st.line)


def acronyms_in(text: str) -> tuple[Definition, ...]:
    """The acronyms a text spells out, each with its expansion."""
    return _acronyms_in(text)


@lru_cache(maxsize=8192)
def _acronyms_in(text: str) -> tuple[Definition, ...]:
    # the same line is asked about by the acronym rule and by the definitions
    return tuple(_find_acronyms(text))


def _find_acronyms(text: str) -> Iterator[Definition]:
    text = plain(text)
    seen: set[str] = set()

    def new(acr: str, expansion: str | None) -> Iterator[Definition]:
        if expansion and acr not in seen:
            seen.add(acr)
            yield Definition(acr, expansion, None, True)

    paired = _PAIRED.match(text) if "/" in text else None
    if paired:
        names = [paired.group(1), *re.split(r"\s*/\s*", paired.group(2).strip(" /"))]
        meanings = [m.strip() for m in paired.group(3).split("/")]
        if len(names) == len(meanings):
            spelled = [_expansion(n, m.split(), exact=True) for n, m in zip(names, meanings, strict=True)]
            # each spelled by its initials: "Recovery Point / Recovery Time Objective" shares a word
            if all(spelled) and all(initials_spell(n, e or "") for n, e in zip(names, spelled, strict=True)):
                for name, expansion in zip(names, spelled, strict=True):
                    yield from new(name, expansion)
                return
    if "(" in text:
        for m in _AFTER.finditer(text):
            yield from new(m.group(1), _expansion(m.group(1), m.group(2).split(), exact=True))
        for m in _BRACKETED.finditer(text):
            # "Virtual Private Cloud (VPC)": the words just before the bracket
            before = _WORDS_BEFORE.search(text[max(0, m.start() - 120) : m.start()])
            words = before.group(1).split() if before else []
            for k in range(1, len(words) + 1):
                found = _expansion(m.group(1), words[-k:], exact=True)
                if found:
                    yield from new(m.group(1), found)
                    break
    for pattern in (_LEADING, _INNER):
        m = pattern.search(text) if pattern is _INNER else pattern.match(text)
        if m:
            yield from new(m.group(1), _expansion(m.group(1), m.group(2).split(), exact=False))


def letters(acronym: str) -> str:
    """The initials an acronym spells: "EC2" -> "ECC", "S3" -> "SSS"."""
    out = ""
    for ch in acronym:
        if ch.isdigit() and out:
            out += out[-1] * (int(ch) - 1)
        elif ch.isalpha():
            out += ch.upper()
    return out


def initials_spell(acronym: str, expansion: str) -> bool:
    """Whether the acronym is just the initials of its expansion ("Application Load
    Balancer" -> ALB, "Amazon Elastic Container Service" -> ECS), so that asking for
    the acronym gives its answer away; "Secure Shell" -> SSH is not."""
    target = letters(acronym)
    if len(target) < 2:
        return False  # one letter ("A") is found among any words' initials
    words = [w for w in re.findall(r"[A-Za-z0-9][\w'’]*", plain(expansion).replace("-", " ")) if w[0].isalpha()]
    content = [w for w in words if w.casefold() not in STOP_WORDS]
    # "Quantum Ledger Database" -> QLDB, "Internet Gateway" -> IGW: a compound word gives
    # the initials of both its halves
    halves = [h for w in content for h in _halves(w)]
    # "Network ACL" -> NACL: in a short expansion, an acronym gives all its letters
    spelled = (
        [x for w in words for x in (list(w) if re.fullmatch(r"[A-Z]{2,5}", w) else [w])] if len(words) <= 3 else []
    )
    return any(target in "".join(w[0].upper() for w in kept) for kept in (words, content, halves, spelled) if kept)


def _halves(word: str) -> list[str]:
    """A compound word as its two halves ("Database" -> "Data", "base"), else the word."""
    m = _COMPOUND.fullmatch(word)
    return [m.group(1), m.group(2)] if m else [word]


# the second halves of the compound words that name things in IT: "Gate|way", "Data|base"
_COMPOUND = re.compile(
    r"([A-Za-z]{3,}?)(base|way|point|watch|front|formation|trail|stream|shift|store|lake|house|bridge|"
    r"book|board|guard|space|flow|mesh|ware|work|word|box|port)",
    re.I,
)


def _spells(target: str, words: list[str], inner: bool) -> bool:
    """Whether the words spell the acronym: each word gives its initial, and the last
    word may give up to two more of its letters in order ("Secure SHell" -> SSH)."""
    written = [p for w in words for p in w.split("-") if p and p[0].isalnum()]
    parts = [p.upper() for p in written]

    def match(i: int, j: int) -> bool:
        if j == len(parts):
            return i == len(target)
        if i == len(target) or parts[j][0] != target[i]:
            return False
        word, k, extra = parts[j], 1, 0
        if match(i + 1, j + 1):
            return True
        if not inner or j != len(parts) - 1:
            return False
        for pos in range(1, len(word)):  # take further letters from inside this word
            if i + k < len(target) and word[pos] == target[i + k] and extra < 2:
                k, extra = k + 1, extra + 1
                # but not a word's last letter alone: "Auto ScalinG" is no ASG, "Remote DesktoP"
                # no RDP ("Elastic IP", "Internet GW" are words of initials themselves)
                alone = extra == 1 and pos == len(word) - 1 and len(word) > 3 and not written[j].isupper()
                if match(i + k, j + 1) and not alone:
                    return True
        return False

    return match(0, 0)


# verbs that start a description, never an expansion ("Stores text", "Maps names")
_VERBS = frozenset("stores maps holds keeps points returns sends routes lets allows gives makes runs uses".split())


# abbreviations of words, which leave an expansion unexpanded ("LB" for load balancer)
_ABBREVIATED_WORDS = frozenset({"LB", "GW", "VM", "DB", "SG", "AZ", "LBs", "GWs", "VMs", "DBs"})


def _expansion(acronym: str, words: list[str], exact: bool) -> str | None:
    """The words (a prefix of `words`) whose initials spell the acronym, else None.

    With exact=True all the words must be used (text in brackets)."""
    target = letters(acronym)
    if len(target) < 2:
        return None
    words = [w.strip(".,;:") for w in words]
    if not words or words[0].upper() == acronym.upper():
        return None
    if words[0].casefold() in _VERBS:
        return None  # "TXT: Stores text" says what it does, not what it stands for
    # most capitalised words are followed by words that cannot spell them: say so early
    starts = {w[:1].upper() for w in words[:3] if w}
    if target[0] not in starts:
        return None
    # plain initials first ("Relational Database Service"), letters from inside the
    # last word only when nothing else fits ("Secure SHell")
    for inner in (False, True):
        for end in range(len(words), 0, -1) if exact else range(1, len(words) + 1):
            if exact and end != len(words):
                break
            chosen = words[:end]
            if not chosen[-1] or chosen[-1].casefold() in STOP_WORDS:
                continue
            content = [w for w in chosen if w.casefold() not in STOP_WORDS]
            for skip_first, candidate in ((False, chosen), (False, content), (True, content[1:])):
                # "Amazon Elastic Container Service" spells ECS once the vendor is skipped; a
                # capital that only opens a phrase ("Authoritative name servers") is no name
                named = (
                    content[0].isupper()
                    and len(content[0]) > 1
                    or (content[0][:1].isupper() and all(w[:1].isupper() for w in content[1:]))
                )  # "DNSSEC delegation signer" (DS): an acronym qualifies the name
                if skip_first and not (content[0].casefold() in VENDOR_WORDS or named):
                    continue
                if candidate and _spells(target, candidate, inner):
                    if any(c.isdigit() for c in "".join(candidate)) or not chosen[0][:1].isalpha():
                        return None
                    if any(w in _ABBREVIATED_WORDS for w in chosen):
                        return None  # "Application LB", "Internet GW": still abbreviated
                    return " ".join(chosen)
    return None
