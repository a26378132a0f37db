"""Small text helpers shared by the extractors: plain text, numbers, sentences."""

from __future__ import annotations

import re
from functools import lru_cache

from cheatdeck.vocab import FOREIGN_TIME_UNITS, IMPERATIVE_VERBS, UNIT_NAMES

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
# a list item's marker: "- ", "* ", "3. ", "2) "
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
# words no sentence ends on: a line or a sentence that ends on one goes on ("up to")
OPEN_WORDS = "to|of|the|a|an|and|or|for|with|in|on|at|by|from|than|is|are|between"
# a line that gives a clue to a question ("Hint: same max as ...", "- **Hint:** ...")
HINT = re.compile(r"^[\W_]*hints?[\W_]*:", re.I)
# a memory trick ("**Trick:** "SSH is 22 — two snakes hissing""): a story to recall a fact by,
# whose figures are its clues, not facts to ask
MNEMONIC = re.compile(
    r"^[\W_]*(?:(?:memory\s+)?tricks?[\W_]*:[\W_]*[\"“']|(?:mnemonics?|memory\s+(?:aid|hook)|eselsbrücke)[\W_]*:)", re.I
)
# pictographs (🧭, 📝, 🚀) decorate a line; marks that carry a meaning (✅, ❌, ⚠) stay
PICTOGRAPH = re.compile(
    r"(?:\d?\uFE0F?\u20E3|[\U0001F000-\U0001FAFF\uFE0F\u200D]|(?![✅❌✓✔✗✘⚠☑☒])[\u2600-\u2793])+\s?"
)


def without_pictographs(text: str) -> str:
    """Text without the pictographs that decorate it ("Route 53 🧭" -> "Route 53")."""
    return PICTOGRAPH.sub("", text).strip() if "\u20e3" <= max(text, default=" ") else text


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """A form of text for comparing two phrasings: case-folded words only."""
    return " ".join(_WORD_RUN.findall(plain(text).casefold()))


def number_key(text: str) -> str:
    """Identity of a sentence that states numbers: its words, with the numbers left out."""
    return " ".join(w for w in normalise(text).split() if not any(c.isdigit() for c in w))


_NUMBER = re.compile(r"^(\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+|\d+)(?:\.(\d+))?\s*([kK])?$")
_DOTTED_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")


def parse_int(text: str) -> int | None:
    """Read 64000, 64,000, 64 000, 64.000 and 64k as the same integer; None when it is not one."""
    text = text.strip()
    if _DOTTED_THOUSANDS.fullmatch(text):
        text = text.replace(".", ",")  # "16.000 IOPS", "256.000": thousands the European way
    m = _NUMBER.match(text)
    if not m:
        return None
    whole = re.sub(r"[^\d]", "", m.group(1))
    value = float(f"{whole}.{m.group(2) or 0}")
    if m.group(3):
        value *= 1000
    return int(value) if value == int(value) else None


# "64,000", "64 000" (a space, plain or not, between thousands: not "64 100 GiB" of a list), "64k"
NUMBER_PATTERN = (
    r"\d{1,3}(?:[,\u202f\u00a0]\d{3})+(?!\d)"
    r"|(?<![\w.,])(?<!(?<![A-Za-z])\d\s)(?!0)(?:\d{1,2}(?: \d{3})*(?: \d\d0)|\d{3}(?: \d{3})*(?: 000))"
    r"(?![\d,]|\.\d|\s\d)"
    r"|\d+(?:\.\d+)?\s?[kK]\b|\d+"
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"']|[a-z]{1,4}\d)")  # "... GiB. io2 Block Express is"


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


_DIARY_PREFIX = re.compile(
    r"^(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"
    r"(?:\s+\d{1,2}(?:\s+\w{3,9})?)?(?:\s*\([^()]{0,30}\))?"
    r"|(?:day|week|session|lesson)\s+\d{1,3}(?:\s*\([^()]{0,30}\))?"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?)"
    r"\s*(?:—|–|-|:|\|)\s+(?=\S)",
    re.I,
)


def without_diary_prefix(title: str) -> str:
    """ "Thu — Route 53" -> "Route 53": a day or date before a dash or colon says when
    the notes were written, not what they are about."""
    m = _DIARY_PREFIX.match(title)
    return title[m.end() :] if m else title


def without_diary_words(title: str) -> str:
    """ "studied VPC" -> "VPC", "ELB day" -> "ELB": a study log's words around its topic
    (for a card's context only: the heading keeps its words in the identity of facts)."""
    topic = _ORG_TAGS.sub("", _ORG_KEYWORD.sub("", title))  # "DONE IAM   :security:" -> "IAM"
    topic = _STUDIED.sub("", topic or title)
    return _TOPIC_DAY.sub("", topic) or topic


# an outliner's task keyword before a heading's words, and its tags after them
_ORG_KEYWORD = re.compile(r"^(?:TODO|DONE|NEXT|WAIT(?:ING)?|HOLD|CANCELL?ED)\s+(?=\S)")
_ORG_TAGS = re.compile(r"\s+:(?:[\w@#%-]+:)*[\w@#%-]+:?\s*$")  # its last ":" may be read as a label's


_STUDIED = re.compile(r"^(?:studied|reviewed|revised|covered|learned|learnt|read up on|went over)\s+(?=\S)", re.I)
_TOPIC_DAY = re.compile(r"(?<=[A-Z0-9])\s+(?:day|session)$")  # "ELB day", not "long session"


def split_numbering(title: str) -> tuple[tuple[int, ...], str]:
    """("4. EC2 Fundamentals") -> ((4,), "EC2 Fundamentals"); "3.1 How" -> ((3, 1), "How")."""
    m = re.match(r"^\s*(\d+(?:\.\d+)*)([.)])?\s+(?=\S)", title)
    if not m or not m.group(2) and "." not in m.group(1) and len(m.group(1)) > 2:
        return (), title.strip()  # "2024 plans" is a title, not a numbered heading
    if not m.group(2) and _UNIT_ONLY.fullmatch(title[m.end() :].strip()):
        return (), title.strip()  # "15 minutes", "512 MB": a value, not a numbered heading
    numbers = tuple(int(n) for n in m.group(1).split("."))
    return numbers, title[m.end() :].strip()


# a unit alone, or per something: "minutes", "MB", "IOPS per GiB", "req/s" (not a noun:
# "## 2 Messages" is numbered)
_UNIT_ONLY = re.compile(
    r"(?:[KMGTP]i?B|bytes?|ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?|yrs?|"
    r"IOPS|[KMGT]bps|[KMG]i?B/s|TPS|RPS|req/s)"
    r"(?:\s+(?:per|/)\s+\w+)?",
    re.I,
)


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


# where the defining part of a meaning ends: an example or a use case follows
_EXAMPLE_TAIL = re.compile(
    r"[\s,;:(.-]*\b(?:e\.g\b|eg\b|ex\b|for example|for instance|example\s*:|use cases?\s*:|i\.e\b"
    # "for example" in other languages: t.ex., z. B., p.ej., p.ex., bijv., bspw., f.eks., ad es.
    r"|t\.\s?ex\b|z\.\s?b\b|p\.\s?ej\b|p\.\s?ex\b|bijv\b|bspw\b|f\.\s?eks\b|ad\s+es\b"
    r").*$"
    # in Turkish, Russian and Vietnamese, after a comma or a bracket ("pooling, ví dụ for Lambda")
    r"|[,;(]\s*(?:örn\.|напр\.|ví dụ\b).*$",
    re.I | re.S,
)
CLAUSE_WORDS = 25
# raw HTML the notes wrap text in ("<details><summary><strong>"), cut off or whole
# (layout tags only: anything else, <script> included, stays as text the card shows)
_HTML_TAG = re.compile(r"</?(?:details|summary|strong|b|i|em|u|br|span|div|p|sup|sub|kbd|mark)\b[^<>]*(?:>|$)", re.I)


def top_level_split(text: str, separator: str) -> list[str]:
    """The text split at each separator outside brackets, each part stripped."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += (c in "([") - (c in ")]")
        if depth <= 0 and text.startswith(separator, i):
            parts.append(text[start:i].strip())
            start = i + len(separator)
    parts.append(text[start:].strip())
    return parts


# a figure with its unit of time, size, rate or share ("90 days", "1.25 Gbps", "최대 7일",
# "4 jours"); "10s of minutes" is "tens of", no figure
_MEASURED = re.compile(
    r"(?<![\w.])~?\d[\d.,]*(?:[\u00a0\u202f ]\d{3})*\s?(?:ms|s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?|d|"
    r"days?|weeks?|months?|years?|yrs?|[KMGTP]i?B(?:/s)?|[KMGT]bps|IOPS|rps|req/s|%|(?i:"
    + "|".join(FOREIGN_TIME_UNITS.values())
    + r"))(?![\w/])(?!\s+of\b)|\d\s*(?:일|시간|분|초|년|개|日|時間|分|秒|年|個|天|小时|分钟)"
)
# where a clause's statements part: commas, semicolons, sentence ends, bars, dots, dashes
# (not those of a range, "7 – 30 days"), Japanese commas and stops
_STATEMENT_BREAK = re.compile(r"[,;]\s+|(?<=[a-z)])\.\s+|\s[|·]\s|(?<!\d)\s[—–]\s|\s[—–]\s(?!\d)|[、。]")


def measured(text: str) -> bool:
    """Whether text, outside brackets, holds a figure with its unit ("default 300 s")."""
    return measured_at(text) is not None


# an aside in brackets, with the blanks before it: "Snowball Edge (ca 80 TB usable)"
ASIDE = re.compile(r"\s*\([^()]*\)")


def without_asides(text: str) -> str:
    """Text without its asides in brackets: "io1 (PIOPS)" -> "io1"."""
    return ASIDE.sub("", text) if "(" in text else text


def measured_at(text: str) -> int | None:
    """Where the first figure with its unit is in text, outside brackets; None if none."""
    m = _MEASURED.search(re.sub(r"\([^()]*\)", lambda b: " " * len(b.group()), text))
    return m.start() if m else None


def _statements(clause: str) -> list[tuple[int, int]]:
    """Where each statement of a clause starts and ends, split outside brackets."""
    spans, start = [], 0
    for m in _STATEMENT_BREAK.finditer(clause):
        before = clause[start : m.start()]
        if m.group().startswith(".") and _CUT_SHORT.search(before) and not _AFTER_FIGURE.search(before):
            continue  # "max. 150 GB", "def. 3600 s": a word cut short, not a statement's end
        if clause.count("(", 0, m.start()) <= clause.count(")", 0, m.start()):
            spans.append((start, m.start()))
            start = m.end()
    spans.append((start, len(clause)))
    return [(i, j) for i, j in spans if clause[i:j].strip()] or [(0, len(clause))]


def statement_parts(clause: str) -> list[str]:
    """The clause split into its statements, outside brackets: "NoSQL, serverless. max
    item size 400 KB" gives "NoSQL", "serverless", "max item size 400 KB"."""
    return [clause[i:j] for i, j in _statements(clause)]


def before_figures(clause: str, counted: bool = False) -> str:
    """A clause without its statements from the first that gives a figure to recall on
    ("serverless functions, max timeout 15 min, 3 s default" -> "serverless functions"):
    those are cloze cards of their own. The clause as it is when its first statement
    gives one. With `counted` (a cloze card asks the figures of the clause's line), a
    statement past the first that gives a count with no unit is left out too ("a static
    public IPv4 address, 5 per region, you pay for it" -> "a static public IPv4 address,
    you pay for it"), but not from a meaning whose first statement gives figures ("ALB 7
    | NLB 4 | ...", "espera mín 7, máx 30 dias"), which would lose half its answer."""
    spans = _statements(clause)
    counted = counted and bool(spans) and not _counts(clause[slice(*spans[0])], naming=True)
    dropped: list[int] = []
    cut = False
    for n, (i, j) in enumerate(spans[1:], 1):
        if measured(clause[i:j]):
            while n > 0 and _BARE_FIGURE.fullmatch(clause[slice(*spans[n - 1])]):
                n -= 1  # "1, 10, 100 Gbps": the figures of one list go together
            if n == 0:
                return clause
            spans, clause, cut = spans[:n], clause[: spans[n - 1][1]], True
            break
        if counted and _counts(clause[i:j]):
            dropped.append(n)
    for n in reversed(dropped):
        if n < len(spans):
            clause = clause[: spans[n - 1][1]] + clause[spans[n][1] :]
    return clause.rstrip(" ,;.|·—–") if dropped or cut else clause


_BARE_FIGURE = re.compile(r"\W*\d[\d.,/]*\W*")


def _counts(statement: str, naming: bool = False) -> bool:
    """Whether a statement gives a figure to recall: an amount with its unit, or a count
    with none ("5 per region", "12.5M subs", "port 5439"); not a figure that names
    ("layer 7", "FIPS 140", "IPv4", "AES-256", "S3"; with `naming`, those count too), a
    year ("since Jan 2023") or an address ("0.0.0.0/0", "169.254.169.254")."""
    if measured(statement):
        return True
    named = [] if naming else [m.span() for m in _NAMING_FIGURES.finditer(statement)]
    for m in _COUNTED.finditer(statement):
        if any(a <= m.start() < b for a, b in named):
            continue  # "layer 4 and 7", "capa 4 y 7"
        before = statement[: m.start()].split()
        word = before[-1] if before else ""
        if (
            m.group() == "0"
            or _YEAR.fullmatch(m.group())
            or not naming
            and (word.casefold().rstrip(".") in _NAMING_WORDS or _ACRONYM.fullmatch(word) or _NAME_WORD.fullmatch(word))
        ):
            continue
        return True
    return False


# a count or amount with no unit, standing alone: "5", "12.5M", "3,000"; not inside a
# name ("S3", "AES-256", "140-2"), an address ("10.0.0.0/16") or a range's other end
_COUNTED = re.compile(r"(?<![\w.,/-])\d+(?:[.,]\d+)?(?:[kKMB]\b)?(?![\w/-]|[.,]\d)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_NAMING_FIGURES = re.compile(
    r"\b(?:layers?|levels?|tiers?|capas?|camadas?)\s+\d+(?:\s*(?:and|&|or|/|,|\+|y|e|und|et|i)\s*\d+)+", re.I
)
_ACRONYM = re.compile(r"[A-Z]{2,}")  # "FIPS 140", "ALB 7"
_NAME_WORD = re.compile(r"[A-Z][a-z]+")  # "Route 53", "Java 11", "Windows 2019"
_NAMING_WORDS = frozenset(
    "layer layers level lvl tier gen generation type version v capa camada livello schicht niveau nivel warstwa".split()
)


# where a figure opens the next statement: "AZ-bound slice of the VPC. 5 IPs reserved"
_NEXT_STATEMENT = re.compile(r"(?<=[A-Za-z)]{3})\.\s+(?=\d+\S*(?:\s+\S+){2})")
# a word cut short before a figure ("max. 7 days", "env. 5 Go", "bzw. 10") ends no statement;
# "max." and "min." after a figure ("15 min. 5 tokens", "12 h max. 90 days") do end one
_CUT_SHORT = re.compile(r"\b(?:max|maks|min|ca|ok|env|bzw|approx|aprox|máx|mín|inkl|incl|def)$", re.I)
_AFTER_FIGURE = re.compile(r"\d\s*(?:[^\W\d_]{1,8}\s+)?(?:max|min)$", re.I)


def _next_statement(clause: str) -> int:
    """Where the statement after a clause's first opens with a figure, or -1."""
    for m in _NEXT_STATEMENT.finditer(clause):
        before = clause[: m.start()]
        if not _CUT_SHORT.search(before) or _AFTER_FIGURE.search(before):
            return m.start()
    return -1


# a settings section's first line as earlier versions read it, its header first: "[sqs] retention.default = 4 days"
INI_SECTION_LINE = re.compile(r"^\[[A-Za-z][\w.-]{0,30}\] \S")

# a chat line: its time stamp, then who says it, a name or "me"
CHAT_LINE = re.compile(
    r"^\s*(?:[-*+]\s+)?[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])][ \t]+([A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-öø-ÿā-ž]+|[Mm]e|I):[ \t]+(?=\S)",
    re.M,
)

# a line of a study group's shared notes: who says it, a name or initials, then a colon
# ("JK: NAT gateway is per AZ", "- mira: 15 min, not 5"); see parse.group_speakers
GROUP_LINE = re.compile(r"^\s*(?:[-*+]\s+)?([A-Z]{2,3}|[A-Za-z][a-z]{1,11}):[ \t]+(?=\S)")

# a branch of a tree drawn with box lines: the trunks it hangs under (each a level), then
# its own branch
TREE_TRUNK = re.compile(r"[│┃|][ \t\u00a0]{1,4}|[ \t\u00a0]{2,4}")
TREE_BRANCH = re.compile(rf"^((?:{TREE_TRUNK.pattern})*)[├└┣┗]─+[ \t]*(?=\S)", re.M)


# a mark of what to learn, in capitals, not what is learnt: "KEY: ephemeral", "Spot — KEY: up to 90%"
EMPHASIS_MARK = re.compile(r"(?<![\w-])(?:KEY|IMPORTANT|NB|NOTE|MUST KNOW)\s*:\s*(?=\S)")


def defining_clause(meaning: str) -> str:
    """The part of a meaning a card asks for: its first statement (merged statements
    are separate facts for the learner), before any example or use case, and its
    first sentence when the whole runs over CLAUSE_WORDS words."""
    first = _HTML_TAG.sub(" ", meaning.split("\n")[0]).strip()
    first = EMPHASIS_MARK.sub("", first, count=1) if ":" in first else first  # "KEY: ephemeral, ..."
    m = re.fullmatch(r"\((.*)\)\.?", first)
    if m and "(" not in m.group(1):
        first = m.group(1).strip()  # "(EventBridge is the next evolution of CloudWatch Events)"
    statements = [p for p in top_level_split(first, "; ") if p]
    if len(statements) >= 3:
        first = statements[0]  # "serverless SQL on S3; Presto/Trino; $5 per TB scanned; ...": facts a statement each
    clause = _EXAMPLE_TAIL.sub("", first).strip()
    found = sentences(clause)
    clause = found[0][1].strip() if found else clause
    # "AZ-bound slice of the VPC. 5 IPs reserved per subnet": a figure starts the next
    # statement (a cloze of its own), though sentences() keeps it for a number's sake
    cut = _next_statement(clause)
    said = clause[:cut] if cut >= 0 else clause
    if len(said.split()) >= 2:
        clause = said  # not "1 od. 3 yr": an abbreviation before a short remark
    if len(clause.split()) > CLAUSE_WORDS:
        clause = re.sub(r"\s*\([^()]*\)", "", clause)  # asides in brackets go first
    clause = re.sub(r"\s+([?!.,;:])", r"\1", clause)
    if clause.count("(") > clause.count(")"):
        clause = clause[: clause.rfind("(")].rstrip(" ,;:-")  # "... (can be set between" is cut
    return clause.rstrip(" ,;:-–—.")


# 3rd-person verbs that start a meaning saying what something does ("routes traffic to ...")
_DOES = frozenset(
    """allows lets enables provides stores runs routes sends distributes manages makes creates
    contains holds maps points returns shows lists gives keeps moves monitors tracks collects uses
    supports helps protects blocks controls defines translates resolves forwards balances scales
    replicates caches encrypts decrypts automates delivers connects ensures prevents specifies determines
    acts works handles exposes assigns schedules triggers receives launches deploys hosts serves
    associates attaches captures checks filters logs records converts allocates performs represents
    describes identifies indicates offers grants denies permits restricts splits spreads directs
    evicts removes deletes adds prints displays copies syncs drains restarts stops starts terminates
    rotates validates applies inspects watches updates fetches pulls pushes builds installs sets
    reads writes loads saves exports imports generates compresses stops migrates replaces
    aliases locates carries delegates verifies proves says""".split()
)
_DEFINES = frozenset("a an the one any".split())
_FINITE = frozenset(
    """is are was were will would must should has have does do increases
    decreases grows run manage go goes get gets""".split()
)
_FOR = re.compile(r"^(?:(?:is\s+|are\s+)?used\s+(?:for|to|in|by|when)|for|to)\b", re.I)
# a meaning that starts with one of these is a rule, a condition or a fragment, not what
# the term is: "if CPU usage is too high, add more instances", "can increase IO independently"
_WEAK_START = frozenset(
    """if when whenever while where can cannot can't could may might must should will would not no
    also only just then so but and or because as by with without this these those that it its they
    them there here same opposite other others more less higher lower better worse very too every each
    you your we our i need needs see check click visit read refer go follow watch detail details
    after before once during within in on at from into without under via use although though
    however whereas unlike always never usually often sometimes mostly mainly
    disable enable avoid turn switch remember ensure prefer""".split()
)  # the last line: advice ("NAT instance: disable the source/destination check"), not what it is


def third_person(clause: str) -> str:
    """A clause that opens with a verb, as said of one thing: "split traffic by weight"
    -> "splits traffic by weight"; any other clause as it is."""
    first, _, rest = clause.partition(" ")
    low = first.casefold()
    for ending in ("s", "es"):
        if low not in _DOES and low + ending in _DOES:
            return f"{first}{ending} {rest}".rstrip()
    if low.endswith("y") and low[:-1] + "ies" in _DOES:
        return f"{first[:-1]}ies {rest}".rstrip()  # "verify" -> "verifies"
    return clause


# a property that comes in one of two kinds, and the choice a card asks between
_PROPERTY_CHOICES = {
    "stateful": "stateful or stateless",
    "stateless": "stateful or stateless",
    "regional": "regional or global",
    "global": "regional or global",
    "synchronous": "synchronous or asynchronous",
    "asynchronous": "synchronous or asynchronous",
    "sync": "synchronous or asynchronous",
    "async": "synchronous or asynchronous",
    "push-based": "push-based or pull-based",
    "pull-based": "push-based or pull-based",
    "ephemeral": "ephemeral or persistent",
    "persistent": "ephemeral or persistent",
}


def property_of(meaning: str) -> tuple[str, str] | None:
    """A meaning that opens with a property of two kinds, set apart from what follows
    ("stateful, allow rules only", "regional; name unique worldwide", "global"): the
    property as written and the choice to ask ("stateful or stateless"); None for a
    meaning that says what the thing is ("a stateful firewall at the instance level")."""
    said = plain(meaning).strip()
    m = re.match(r"([A-Za-z-]+)\s*(?:\([^()]*\))?\s*(?:[,;|]|\s[-–—]\s|$)", said)
    if not m:
        return None
    choice = _PROPERTY_CHOICES.get(m.group(1).casefold())
    return (m.group(1), choice) if choice else None


def meaning_form(meaning: str) -> str:
    """What a meaning says about its term, and so which question it answers:
    "defines" (What is X?), "does" (What does X do?), "for" (What is X used for?),
    "property" (Is X stateful or stateless?), "example" (e.g. ... only), or "weak" (a
    rule, a condition or a fragment)."""
    if property_of(meaning):
        return "property"
    clause = defining_clause(meaning)
    words = re.findall(r"[\w'’/-]+", clause)
    # "OAC (Origin Access Control) replaces OAI": an aside is no part of the sentence's grammar
    spoken = re.findall(r"[\w'’/-]+", re.sub(r"(?<=\w)\s*\([^()]*\)", "", clause)) or words
    if not words:
        return "example" if _EXAMPLE_TAIL.match(meaning.strip()) else "weak"
    first = words[0]
    low = first.casefold()
    if re.match(r"(?:the\s+)?(?:opposite|same|other|reverse|former|latter)\b", clause, re.I):
        return "weak"  # "the opposite of push": the answer leans on another card
    second = words[1].casefold() if len(words) > 1 else ""
    verb = spoken[1].casefold() if len(spoken) > 1 else ""
    if any(w.casefold() in _FINITE for w in words[1:3]) or verb in _DOES and low not in _DEFINES:
        return "weak"  # "i/o increases if disk size grows", "Many VMs run on one server": a sentence
    if low in _DEFINES:
        return "defines"
    if re.search(r"\b(?:if|unless|whenever)\b", clause, re.I):
        return "weak"  # "IO increases if the disk grows": a rule about the term
    named = (
        first[:1].isupper()
        and low not in _DOES
        and len(words) > 1
        and (second[:1].isdigit() or words[1].istitle() and len(words[1]) > 1)
    )
    if named:
        pass  # "Route 53 extension", "Record Set": a name, not the verb it is spelled like
    elif low in _DOES or low.endswith("es") and low[:-2] in _DOES or low + "s" in _DOES and low not in _WEAK_START:
        return "does"
    if _FOR.match(clause):
        return "for"
    if low in _WEAK_START or low.isdigit() or low.endswith("ed") and not first[1:2].isupper():
        return "weak"
    if len(words) < 2:
        return "weak"  # one word ("randomly", "SSD") is a label, not a meaning
    return "defines"


def example_text(meaning: str) -> str:
    """An example given as a meaning, without its marker: "e.g. keep CPU at 40%" ->
    "keep CPU at 40%"."""
    return re.sub(r"^\s*(?:e\.g\.?|eg\.?|ex\.?|for example|for instance|example)\s*[:,.]?\s*", "", meaning, flags=re.I)


# headings of a note's apparatus, not its content: what is under them makes no cards
_APPARATUS = re.compile(
    r"^(?:references?|resources?|links?|useful links|further reading|sources?|bibliography|credits|"
    r"(?:table of )?contents|toc|index|where to (?:follow|go next|learn more)|learn more|read more|"
    r"see also|next steps?|learning objectives|objectives|what you will learn|exam questions|"
    r"(?:interview|practice|review|quiz) questions)$",
    re.I,
)
_LINK_ONLY = re.compile(r"^\s*(?:[-*+]\s*|\d+[.)]\s*)?(?:!?\[[^\]]*\]\([^)]*\)|<?https?://\S+>?)[\s.,;:]*$")


# headings of a hands-on session: what is under them is what someone did, not a fact
_LAB = re.compile(
    r"^(?:\d+(?:\.\d+)*[.)]?\s*)?(?:(?:hands[- ]on\s+)?lab\s*(?:\d+|[:\-–—])|labs?$|demo\s*(?:\d+|[:\-–—])|demos?$|"
    r"exercise\s*(?:\d+|[:\-–—])|exercises?$|task\s*\d+|walk-?through\b|assignment\s*\d+)",
    re.I,
)


def is_lab(title: str) -> bool:
    """Whether a heading names a lab, demo or exercise in so many words ("Lab 3:
    versioning", "Demo", "Task 2 answers"); "Hands-on Kubernetes" or "Practical
    limits" name a subject."""
    return _LAB.match(without_pictographs(plain(title))) is not None


def is_task(label: str) -> bool:
    """Whether a label names what the note-taker means to do: "TODO rewatch", "Task",
    "still to add"."""
    return _TASK.match(f"{plain(label).strip(' :')}:") is not None


def is_step(text: str) -> bool:
    """Whether a heading or a sentence is a step to carry out: "1.2 Create three VMs",
    "Task: assign the role within 5 days", "Start the lab and wait 2 minutes" (not a
    label such as "Type: gp3", nor "Log retention defaults to 30 days", nor "Update
    domains and fault domains", a heading with no step number)."""
    plain_text = without_pictographs(plain(text))
    numbered = re.match(r"^\W*\d+(?:\.\d+)*[.)]?\s", plain_text) is not None
    said = re.sub(r"^\W*(?:\d+(?:\.\d+)*[.)]?\s*)?", "", plain_text)
    if _TASK.match(said):
        return True
    verb = re.match(r"([A-Z][a-z]+)\s+(?=[\w\"'(])", said)
    if not verb or verb.group(1).casefold() not in IMPERATIVE_VERBS:
        return False
    if re.fullmatch(r"#?\d+(?:\.\d+)*\W*", said[verb.end() :]):
        return False  # "Set 2", "Check 3": a numbered part, not a step
    return numbered or not _FINITE_AFTER.search(said[verb.end() :])


# a verb later in the line makes its first word a noun: "Log retention defaults to 30 days"
_FINITE_AFTER = re.compile(r"\b(?:is|are|was|were|has|have|defaults?|can|will|must|takes?|lasts?|gets?|means?)\b", re.I)
# "Task:", "TODO rewatch:", "still to add:": what the note-taker means to do, no fact yet
_TASK = re.compile(
    r"(?:task|step\s*\d*|exercise|todo|to ?do|still to \w+|to add|to review|look up)"
    r"(?:\s+(?:rewatch|review|read|check))?\s*:",
    re.I,
)


def is_apparatus(title: str) -> bool:
    """Whether a heading names the apparatus of a note (References, Table of contents,
    Where to follow, Interview questions) rather than what it teaches."""
    return _APPARATUS.match(" ".join(re.findall(r"[^\W_]+", plain(title)))) is not None


def is_link_line(markdown: str) -> bool:
    """Whether a line is a link and nothing else (a table-of-contents entry, a "read
    more" link), whose text names a page rather than states a fact."""
    return _LINK_ONLY.match(markdown) is not None


# the note-taker speaking of themselves ("sorry future me", "my score"): not a fact
SPEAKER = re.compile(r"(?<![\w/])(?:I|I'm|I've|I'd|my|me)(?![\w/])")


# the figure of a value, without its unit: "90–2,560" of "90–2,560 d", "256" of "256 KB"
# "3\u00a0500": thousands set apart by a non-breaking space are one figure
FIGURE = re.compile(r"\d[\d,.]*(?:[\u00a0\u202f]\d{3})*(?:\s*(?:–|-|—|to)\s*\d[\d,.]*(?:[\u00a0\u202f]\d{3})*)?")

# a line that opens or closes a fenced code block
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def closes_fence(fence: str, line: str) -> bool:
    """Whether a line closes the code block its fence ("```", "~~~~") opened: a fence of
    the same character, at least as long."""
    m = FENCE.match(line)
    return m is not None and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence)


# a card typed by hand as its front ("Front: ...", "F: ...", bold or in a list), before its
# back ("Back: ...", "B: ..."): the mark or bullet before it, then the label
FRONT_LABEL = re.compile(r"^(\s*(?:[-*+]\s+)?(?:\*\*|__)?)(Front|F)(?:\*\*|__)?\s*:(?:\*\*|__)?(?=\s*\S)")


# the one asking and the one answering in notes kept as a dialogue ("Me: ..." over "Tutor: ...")
ASKERS = "me|student|myself"
ANSWERERS = "tutor|teacher|instructor|prof|professor|mentor|coach|trainer|lecturer"
ASKER_LABEL = re.compile(rf"^\s*(?:\*\*|__)?(?:{ASKERS})(?:\*\*|__)?\s*:\s*(?=\S)", re.I)
ANSWERER_LABEL = re.compile(rf"^\s*(?:\*\*|__)?(?:{ANSWERERS})(?:\*\*|__)?\s*:\s*(?=\S)", re.I)


# a blank of a self-test line: "___", "/__" (not a name's "max_iops", nor "__bold__")
BLANK = re.compile(r"(?<![\w*])_{2,}(?![\w*])")


# a claim a mistake log takes back, up to the word that does and the marks after it: "I
# said gp2 maxes at 64k — WRONG, ", "thought Spot gives a 5 min warning. WRONG → ", "put
# SQL Server on port 1521. WRONG — "; what follows is the fact
_TAKEN_BACK = re.compile(
    # told by the note-taker ("I said", "my answer was") or opening the entry ("Q4: thought ...")
    r"(?:\b(?:I|I'd|my\s+answer\s+was)\s+|^|(?<=:\s))"
    r"(?:said|thought|picked|chose|answered|put|guessed|assumed|wrote)\b[^\n]{0,160}?"
    # the word that takes it back stands after a mark ("— WRONG", ". Wrong.", ", wrong!"), not
    # in a sentence ("the wrong place", "st1 would be wrong")
    r"(?:[.,;:!—–→-]\s*(?:\bwrong\b|\bincorrect\b|\bnope\b)|\s*(?:❌|✗))[\s!.,:;—–→>-]*",
    re.I,
)
_RETRACTED = re.compile(r"wrong|incorrect|nope|❌|✗", re.I)  # the quick test first: few lines have one
# a lessons journal's wrong belief, up to where the entry puts it right: "I said the
# timeout is 5 minutes, which was the old limit; it is now 15", "I picked gp3, but ..."
_WRONG_CLAIM = re.compile(
    r"(?:\bI\s+(?:had\s+|first\s+|originally\s+)?(?:thought|said|believed|assumed|answered|picked|chose|selected|"
    r"guessed|went\s+with|claimed)\b(?!\s+up\b)"
    # a mistakes diary's entry that opens with the belief: "Thought Spot gives 5 min warning. It's 2 minutes."
    # (put right in what follows it on the line: "Actually 4 days", "~1.25 Gbps per tunnel")
    r"|^\W*(?:thought|believed|assumed)\s+(?!that\s*:)(?=\w)(?=[^\n]*?(?:\.\s+|\s[—–]\s|;\s+|\s(?:->|→|=>)\s)\S))"
    r"[^\n]*?(?=,\s+(?:but|which|whereas|although)\b|;\s|:\s|\s[—–]\s|\s(?:->|→|=>)\s|\.\s|\.?\s*$)",
    re.I | re.M,
)
_BELIEF = re.compile(
    r"\bI\s+(?:\w+\s+)?(?:thought|said|believed|assumed|answered|picked|chose|selected|guessed|went|claimed)\b"
    r"|^\W*(?:thought|believed|assumed)\s+(?=\w)",
    re.I | re.M,
)


# an aside that names where the notes come from: "(v3, after the course + practice tests)"
_SOURCES = re.compile(r"\s*\([^()]*\b(?:after|based on|using|via|source[sd]?|incl\.?|including)\b[^()]*\)", re.I)


def without_sources(title: str, document: bool = True) -> str:
    """A document's title less an aside that names its sources: "Cram tables (after the
    course and practice tests)" is a cram sheet, where "Traps (practice exams log)" is a
    log; a section's title (`document` False) as it is."""
    return _SOURCES.sub("", title) if document and "(" in title else title


def taken_back(text: str) -> list[tuple[int, int]]:
    """Where a mistake log takes a claim back in `text` (see _TAKEN_BACK), or the
    note-taker struck it out ("max ~~7~~ 14 days"), as spans."""
    spans = [m.span() for m in _TAKEN_BACK.finditer(text)] if _RETRACTED.search(text) else []
    if _BELIEF.search(text):
        spans = _union_spans(spans, [m.span() for m in _WRONG_CLAIM.finditer(text)])
    if "~~" in text:
        spans = _union_spans(spans, [m.span() for m in STRUCK_OUT.finditer(text)])
    return spans


def without_taken_back(text: str) -> str:
    """`text` without the claims a mistake log takes back or struck out: what it says after them."""
    text = _TAKEN_BACK.sub("", text) if _RETRACTED.search(text) else text
    text = _WRONG_CLAIM.sub("", text) if _BELIEF.search(text) else text
    return STRUCK_OUT.sub("", text) if "~~" in text else text


def _union_spans(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(first + second):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


# text struck out, with the space after it: "~~7~~ 14 days", "~~1 Gbps max~~ from 50 Mbps"
STRUCK_OUT = re.compile(r"~~(?=\S)[^~\n]{1,200}?(?<=\S)~~[ \t]*")


# a course's numbering in a heading: "Module 3 - ", "Lecture 11.1 —", "5. "
_COURSE_PART = (
    r"(?:module|chapter|lecture|lesson|section|sec|part|unit|week|day|step|phase|stage|lab|exercise|slide|video|"
    r"episode|deck|tab|sheet)\.?\s*\d+(?:\.\d+)*[a-z]?"
)
COURSE_NUMBER = re.compile(
    # "Lecture 4 - ", "Sec 12 / Lecture 88 — ", "3.2 "; "2FA", "3-tier", "802.1Q" keep their digits
    rf"^(?:{_COURSE_PART}(?:\s*[/|,·]\s*{_COURSE_PART})*|\d+(?:\.\d+)*[.)]?(?=\s))\s*(?:[-–—:.]\s*)?(?=\S)",
    re.I,
)


# a file's title names the notes, not a topic: "AWS SAA course notes", "Self-quiz drill"
# a line that opens with its own short key: "role session: 1 h default, max 12 h",
# "sqs - msg 256 KB", "IGW (Internet Gateway) - one per VPC"
KEY_LINE = re.compile(r"^[\w(][\w ()/&+.'-]{0,40}?(?::|::|\s[-–—=→]\s)\s*\S")
# a title of an outline written by indentation alone ("gp2", "io2 block express",
# "EBS"), to match whole, without a colon after it
BARE_TITLE = re.compile(r"[A-Za-z][\w+/&'-]*(?:\s+[\w+/&'-]+){0,3}")


DOCUMENT_TITLE = re.compile(
    r"\b(?:notes|note ?book|exam|prep|preparation|study|studying|course|(?:cheat|cram|comparison|reference) ?sheets?|"
    r"cheat|cram|guide|mind ?maps?|certification|certified|glossary|"
    r"associate|practitioner|professional|quiz|drill|flash ?cards?|revision|self[- ]test|[A-Z]{3}-C\d\d|"
    # "My question bank — AWS SAA / CLF", "SAA checklist", "Slide deck export"
    r"question ?bank|check ?list|slide ?deck|(?-i:SAA|CLF|DVA)(?:-C0\d)?)\b",
    re.I,
)


def same_value(value: str) -> str:
    """A value as the cloze it is hidden in: "300 seconds" and "300 s" are one value (a
    card that hid one and showed the other would give its answer away)."""
    m = _VALUE_UNIT.fullmatch(value.strip())
    if not m:
        return value
    unit = m.group(2).casefold()
    return f"{m.group(1).replace(',', '')} {UNIT_NAMES.get(unit, unit)}"


_VALUE_UNIT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*([A-Za-z]+)")


_CLAUSE_BREAK = re.compile(r"[|;·,\n]|\s[—–]\s|<br")


def cloze_numbers(text: str, spans: list[tuple[int, int]], gaps: list[bool] | None = None) -> tuple[list[int], int]:
    """The cloze number of each figure of a sentence (`spans` in order, gaps and figures
    no longer gaps alike, for those keep the number they had so that the gaps after
    them keep theirs). Each value spelled its own way takes a number of its own, in
    order; the same value said again, in any spelling ("60 seconds", then "60 s", or,
    between two gaps (`gaps`), a bare "300" after "300 s"), is hidden in the first
    one's cloze, its own number left unused; a span that opens with a word is a sum said
    after its total ("5 IPs (first 4 + last 1)"), hidden with it. Also the highest number taken, used or not: a cloze
    added later is numbered after it."""
    clozes: dict[str, int] = {}
    same: dict[str, int] = {}
    figures: dict[str, tuple[int, int]] = {}  # each figure's first gap: its cloze, where it ends
    numbered: list[int] = []
    for k, (start, end) in enumerate(spans):
        value = text[start:end]
        if k and (value.startswith("(") and "+" in value or value[:1].isalpha()):
            numbered.append(numbered[-1])
            continue
        own = clozes.setdefault(value, len(set(numbered) | set(clozes.values())) + 1)
        figure, bare = re.sub(r"[^\d.]", "", value), not re.search(r"[^\W\d_]", value)
        gap = gaps is None or gaps[k]
        said = figures.get(figure) if gap and bare else None
        # (close after it, in the same clause: "300 s default (the desk sets 300 too)")
        near = said is not None and start - said[1] <= 80 and not _CLAUSE_BREAK.search(text, said[1], start)
        n = same.get(same_value(value)) or (said[0] if near else 0) or own  # type: ignore[index]
        numbered.append(same.setdefault(same_value(value), n))
        if gap:
            figures.setdefault(figure, (n, end))
    return numbered, max([*numbered, *clozes.values()], default=0)


# words a parent ends on that tell the note-taker to remember, not what the points are of
FILLER_TAIL = re.compile(
    r"[\s,;:—–-]*\b(?:(?:kindly|please|pls|must|do)\s+)?(?:remember|note|keep in mind|memori[sz]e|learn)"
    r"(?:\s+(?:these|this|them|it|well|by heart))?\s*[!.]*$",
    re.I,
)
