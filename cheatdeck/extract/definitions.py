"""Definitions: a term and what it means.

    - Sharding : a way to split a database       "Term : meaning", "Term = meaning",
    - **Term** - meaning      Term → meaning       "Term - meaning", "**Term** — meaning"
    Term                                           definition lists
    : meaning
    Amazon EventBridge is an event bus that ...    prose "X is a/an ..."

    Routing policies:                              named items of a list about a family
    - Geoproximity : shift traffic by bias         -> term "Geoproximity",
                                                      family "Route 53 routing policy"

Terms are short (at most five words); lines that only introduce a list ("Features:")
and words such as "Use cases" or "Example" are not terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache

from cheatdeck.extract.acronyms import acronyms_in, extract_acronyms
from cheatdeck.extract.common import clean, fact
from cheatdeck.extract.read import QUESTION_NUMBER, Statement, prose, said_by, scenario_lines
from cheatdeck.extract.registry import Kind
from cheatdeck.model import Block, Definition, DnsRecord, Fact, Port, Section
from cheatdeck.text import (
    COURSE_NUMBER,
    DOCUMENT_TITLE,
    SPEAKER,
    STRUCK_OUT,
    before_figures,
    defining_clause,
    example_text,
    is_apparatus,
    is_lab,
    is_link_line,
    is_step,
    is_task,
    meaning_form,
    measured_at,
    normalise,
    plain,
    property_of,
    sentences,
    statement_parts,
    without_asides,
    without_pictographs,
)
from cheatdeck.vocab import (
    ATTRIBUTE_WORDS,
    DEFAULT_WORD,
    FAMILY_WORDS,
    FOREIGN_LIMIT_WORDS,
    RECALL_LABELS,
    ROUTING_POLICY,
    STOP_WORDS,
    is_service,
    not_a_member,
)
from cheatdeck.vocab import IMPERATIVE_VERBS as _IMPERATIVE

_PROSE = re.compile(
    r"^(?:(?:An?|The)\s+)?(\*\*[^*]{1,60}\*\*|(?:An?\s+|The\s+)?[A-Z][\w-]*(?:\s+[A-Za-z0-9][\w-]*){0,3})\s+"
    r"(?:is|are|refers to|means)\s+((?:an?|the)\s+\w.+)$"
)
_LOWER_PROSE = re.compile(r"^(?:An?)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s+is\s+((?:an?|the)\s+\w.+)$")
_NOT_TERMS = frozenset(
    normalise(t)
    for t in """legend|both|either|neither|each|all|all of them|use cases|use case|features|main features|
    note|notes|
    example|examples|ex|e.g|
    for example|story|overview|prequisite|prerequisite|good to know|tip|tips|remember|summary|
    to sum up|why|how|steps|step|important|warning|caution|todo|see|see also|source|ref|link|
    result|results|answer|question|pros|cons|advantages|disadvantages|benefits|demo|output|input|
    type|types|command|usage|syntax|default|defaults|then|so|and|or|but|if|when|also|what|there|
    this|it|that|they|you|we|which|who|here|these|those|q|a|qa|answer|ans|
    problem|problems|solution|solutions|recommendation|recommendations|downside|downsides|upside|
    upsides|drawback|drawbacks|limitation|limitations|caveat|caveats|definition|reason|goal|goals|
    hint|info|key point|key points|takeaway|takeaways|reference|references|resources|links|
    where to follow|objective|objectives|learning objectives|table of contents|contents|toc|
    scenario|context|background|conclusion|keep in mind|exam tip|exam tips|pro tip|fact|facts|
    use|uses|purpose|meaning|description|details|value|role|function|benefit|advantage|
    disadvantage|pro|con|today|tomorrow|yesterday|tonight|later|next|next time|next week|done|
    to do|to-do|wip|status|plan|reminder|update|fix|workaround|cause|symptom|issue|error|
    wichtig|achtung|merken|hinweis|beachte|ojo|nota|importante|atenção|rappel|nb|n.b|
    no allow|no access|not allowed|title|tags|tag|date|author|id|collapsed|score|scores|progress|
    key term|key terms|speaker notes|speaker note|overall|basically|in short|anyway|honestly|in general|
    bottom line|verdict|got wrong|got it wrong|mistake|mistakes|my mistake|missed|
    exam|exams|rule|rules|hot tip|hot tips|must know|must-know|mnemonic|memory trick|trick|obs|obs!|
    cue|cues|exam cue|exam cues|keyword|keywords|exam keywords|trigger words|buzzwords|
    reality|truth|correct|actually|myth|myths|trap|traps|misconception|ps|p.s|recap|tldr|tl;dr""".split("|")
) | frozenset(normalise(t) for t in RECALL_LABELS)
_FAMILY = re.compile(
    r"((?:[A-Za-z0-9][\w-]*\s+){0,3}?(?:" + "|".join(FAMILY_WORDS) + r"))\b"
    r"(?:\s+of\s+([A-Za-z][\w -]{1,40}?))?(?=\s*(?:[(:,.]|(?:such as|are|is|that|you|we|can|in|to)\b|$))",
    re.IGNORECASE,
)
_FILLER = frozenset(
    "the a an some common two three four five six seven eight nine ten several many different there are "
    "is of main has have include includes following key various these those our its".split()
)
# a last sentence that only introduces what follows: "... The engines are :"
_LEAD_IN_TAIL = re.compile(r"(?<=[.!?])\s+[^.!?]*:\s*$")
_OWNER = re.compile(r"^([A-Z][\w.-]*(?:\s+[A-Z0-9][\w.-]*){0,2})\s+(?:has|have|offers|supports|provides)\b")
_CODE_SETTING = re.compile(r"^\W*`[^`]*[=:][^`]*`")
_ARROW = re.compile(r"→|->|=>")
_ASKS_THEN_ANSWERS = re.compile(r"\w\?\s+\S")
_ANSWERS = re.compile(r"^\s*(?:\*\*|__)?ans(?:wer)?s?(?:\*\*|__)?\s*[:.]", re.I)  # not "A:", a record type
_STEPS = re.compile(r"\b(?:process|steps?|procedure|how to .{0,40}|instructions|workflow)\s*:\s*$", re.I)
_PREPOSITIONS = frozenset("for in on at to with by from of if when where as via per into than".split())
_SINGULAR = {"policies": "policy", "strategies": "strategy", "classes": "class"}


def extract_definitions(section: Section, statements: Sequence[Statement]) -> Iterator[Fact]:
    if any(is_apparatus(title) or is_lab(title) for title in section.heading_path):
        return  # "## References", "## Table of contents": pages; "## Lab 2": what someone did
    if section.heading_path and is_step(section.heading_path[-1]):
        return  # "### Create three virtual machines": the settings of a lab's step
    heading_defined = _heading_defined(section)
    if heading_defined:
        yield heading_defined
    previous: Block | None = None
    said = list(prose(statements))
    scenarios = scenario_lines(statements)
    for n, st in enumerate(said):
        block, raw, text = st.block, without_pictographs(st.markdown), without_pictographs(st.text)
        if said_by(section, st.line):
            # "[19:04] Ana: ok tonight = ports + VPC": a chat log's line is talk, no term
            # defined ("Ana" least of all)
            previous = None
            continue
        if st.line in scenarios:
            continue  # "Replace a physical tape library → Tape Gateway": a need, asked as one (questions)
        if _ANALOGY.match(text):
            continue  # "Analogy: roles = elevator access": a picture to remember by, not a meaning
        if section.level <= 1 and st.kind == "line" and SPEAKER.search(block.text):
            continue  # "I lost my points on ... Each one: a table. Target: SAA-C03": the notes' preface
        if _ANSWERS.match(raw):
            continue  # "Ans. snapshot → new volume in the other AZ" answers the question above it
        if _ASKS_THEN_ANSWERS.search(text):
            continue  # "Which one keeps the client IP? NLB. ALB → a header": a question answered
        if is_link_line(raw) or st.kind == "item" and _JUDGEMENTS.search(plain(block.lead or section.title)):
            continue  # "Advantages of alias records:" - "Simplified management: ..." is a judgement
        if st.kind == "item" and _STEPS.search(plain(block.lead)):
            previous = block
            continue  # "AMI process:" - "Build an AMI - this also creates snapshots" is a step
        if _CODE_SETTING.match(raw):
            previous = block if st.kind == "item" else None
            continue  # "`exclude=kubelet kubeadm`: ..." is a line of a config file, not a term
        family = _family(section, block)
        if st.kind == "item" and st.depth and family is None and _STATES.search(st.parent) and _leans(text):
            # "shared responsibility: AWS = the cloud itself" over "- SG rules → you": the
            # item finishes its parent's statement and means nothing on its own
            previous = block
            continue
        found = _bold(raw, family) or _entry(text, family, block.kind)
        if found and st.kind == "item" and _ARROW.search(text) and len(found.meaning.split()) <= 3:
            # "- EC2 → placement groups" over "  - cluster → 1 AZ": a step down an outline
            # to the points under it, not what EC2 is
            # its points are steps of the outline too ("cluster → 1 AZ")
            below = _next_statement(said, n)
            if below and below.kind == "item" and below.block.depth > block.depth and _ARROW.search(below.text):
                found = None
        if found and raw != text:
            found = _with_markdown(found, raw)
        if not found and previous is not None and st.kind == "item" and block.depth > previous.depth:
            # "- Route 53" over "  - global, 100% SLA", "  - hosted zones", ...: points
            # about it, one of them no more its meaning than the others; a term set in
            # bold ("- **Sharding**") is defined by its first point
            following = _next_statement(said, n)
            alone = following is None or following.kind != "item" or following.block.depth <= previous.depth
            stressed = re.fullmatch(r"\s*(?:\*\*|__)[^*_]+(?:\*\*|__)\s*:?\s*", previous.text) is not None
            # "- EFS" / "  - limits" / "    - bursts to 500 MiB/s": a part of the item above
            # ("limits" in lower case) has no meaning of its own
            part = st.depth >= 2 and re.fullmatch(r"[a-z][a-z-]*(?: [a-z][a-z-]*)?", plain(previous.text).strip(" *_:"))
            found = _under_term(previous, text) if (alone or stressed) and not part else None
        if found and _heading_kind(found.term, section.title):
            found = None  # "Load Balancer: distributes traffic to appliances" under "Gateway Load Balancer"
        if found and found.family == family and (family or block.lead_quoted):
            family_said = _family(section, block, numbered=True, quoted=True)
            if family_said != family:  # "Route 53 policy", was "Lecture 9 policy": its identity stays
                found = replace(found, family_said=family_said or "")
        if (
            found
            and not found.family
            and ROUTING_POLICY.fullmatch(found.term)
            and any(_ABOUT_ROUTING.search(plain(said)) for said in (section.title, block.lead) if said)
        ):
            # "- failover: primary + secondary" under "## routing": a Route 53 routing policy,
            # asked as one; the identity stays that of the term with no family
            found = replace(found, family="Route 53 routing policy", family_said="")
        if found and found.family and not_a_member(found.term, found.family) and not _defines(found):
            # "- hosted zone: $0.50/month" under "## Routing policies": no policy, and no
            # meaning either (a member's limit, "returns up to 8 records", is one)
            found = None
        if found:
            yield fact("definition", found, section, st.line)
        if st.kind == "line":
            # prose: "A hosted zone is a container for records. Route 53 is a DNS service."
            for _offset, sentence in sentences(text)[1:]:
                if _ARROW.search(sentence):
                    continue  # "**AMI**: ... Regional → copy to other regions": a note, not a term
                more = _entry(sentence, None, "paragraph")
                if more:
                    yield fact("definition", more, section, st.line)
        previous = block if st.kind == "item" else None
    tables = {id(st.block): st.block for st in statements if st.kind == "row" and st.block.kind == "table"}
    for table in tables.values():
        yield from _from_table(section, table.header, table.rows)


def _next_statement(said: Sequence[Statement], n: int) -> Statement | None:
    """The statement after the n-th that is not of the same block (a list item's next point)."""
    return next((x for x in said[n + 1 :] if x.block is not said[n].block), None)


_TYPED_HEADER = re.compile(r"\bports?\b|iops|\blayers?\b|\brecords?\b|\bosi\b", re.I)
# a column of notes about the row, not of what it is: "What I must remember", "Key facts"
_NOTES_HEADER = re.compile(r"\b(?:remember|must know|to know|notes?|facts?|key points?|gotchas?|tips?|numbers)\b", re.I)
_MEANING_HEADER = re.compile(r"defin|meaning|descr|what|purpose|explanation|stands? for|expansion|use", re.I)


def _from_table(section: Section, header: tuple[str, ...], rows) -> Iterator[Fact]:
    """| Term | Meaning | tables; "| Routing policy | Use |" names a family; a table of
    acronyms gives acronyms. Tables of ports, volumes, layers or records are left to
    their own extractors."""
    cols = [plain(h) for h in header]
    if len(cols) < 2 or any(_TYPED_HEADER.search(c) for c in cols):
        return
    meaning_col = next(
        (i for i in range(1, len(cols)) if _MEANING_HEADER.search(cols[i]) and not _NOTES_HEADER.search(cols[i])), None
    )
    if any(_NOTES_HEADER.search(c) for c in cols[1:]) and meaning_col is None:
        return  # "| Topic | What I must remember |": notes to recall, not what each topic is
    if meaning_col is None and (len(cols) != 2 or cols[1].strip()):
        # "| Volume | Metric interval |": the second column is a relation, not what the
        # first one is; "What is gp2?" answered "every 5 minutes" would mislead
        return
    meaning_col = meaning_col or 1
    names = [normalise(cells[0]) for _line, cells in rows if cells and normalise(cells[0])]
    if len(set(names)) < len(names):
        return  # "| Protocol | ... |" repeats its first column: it does not name the rows
    phrase = _family_phrase(cols[0])
    family = _with_subject(phrase, section) if phrase else None
    family_said = _with_subject(phrase, section, numbered=True) if phrase else None
    # "| Policy | Typical use |": the cell says what the row is for, and is asked so
    use = re.search(r"\buse|purpose|when", cols[meaning_col], re.I) is not None
    for line, cells in rows:
        if meaning_col >= len(cells):
            continue
        term, meaning = plain(cells[0]).strip("*_ "), cells[meaning_col].strip()
        acronyms = [a for a in acronyms_in(f"{term} = {plain(meaning)}") if a.term == term]
        if acronyms:
            continue  # the acronym extractor reads the same row
        if use and meaning_form(meaning) not in ("for", "does"):
            said = meaning[:1].lower() + meaning[1:] if meaning[1:2].islower() else meaning
            # "automatically place VMs": the verb after an adverb
            verb = next((w.casefold() for w in said.split() if not w.casefold().endswith("ly")), "")
            # "pack VMs onto fewer hosts" is what it is used to do; "canary tests", what for
            meaning = f"to {said}" if verb in _IMPERATIVE or verb in _BASE_VERBS else f"for {said}"
        said = plain(meaning).split()
        if len(said) <= 3 and said[-1:] and said[-1].casefold() in _MEASURES and meaning[:1].islower():
            continue  # "| Prefix perf | request rate | 3,500 PUT ... |": which figure the row gives
        if (
            _is_term(term, True)
            and _is_meaning(plain(meaning), term, family)
            and not _is_number(plain(meaning), family)
        ):
            found = Definition(
                term, re.sub(r"\s+", " ", meaning), family, family_said=family_said if family_said != family else None
            )
            yield fact("definition", found, section, line.number)


_COPULA_THEN = re.compile(r"\s+(is|are|was|refers?\s+to|means?|stands?\s+for|acts?\s+(?:like|as))\s+(.+)$", re.I)


def _heading_defined(section: Section) -> Fact | None:
    """ "###### Connection Draining" then "Connection Draining refer to the time ...":
    a section whose first sentence says what its heading is."""
    if not section.heading_path or not section.blocks or section.blocks[0].kind != "paragraph":
        return None
    title = plain(section.title).rstrip(" :")
    names = {title}
    m = re.match(r"^(.+?)\s*\(([^()]+)\)$", title)  # "AMI(Amazon Machine Image)"
    if m:
        names |= {m.group(1).strip(), m.group(2).strip()}
    first = section.blocks[0]
    found = sentences(plain(first.text))
    if not found:
        return None
    sentence = found[0][1]
    for name in sorted(names, key=len, reverse=True):
        # compare the start as text: a pattern per heading would be compiled per section
        rest = re.sub(r"^(?:an?|the)\s+", "", sentence, flags=re.I)
        said = _COPULA_THEN.match(rest[len(name) :]) if rest.casefold().startswith(name.casefold()) else None
        if said and _is_term(name, True):
            meaning = clean(said.group(2)).rstrip(".")
            if said.group(1).casefold().startswith("act"):
                meaning = f"{said.group(1)} {meaning}"  # "acts like a DNS server" keeps its verb
            if _is_meaning(meaning, name) and not meaning.endswith(":") and len(meaning.split()) >= 3:
                term = m.group(1).strip() if m and name != m.group(1).strip() else name
                return fact("definition", Definition(term, meaning), section, first.line)
    return None


def _with_markdown(found: Definition, raw: str) -> Definition:
    """The meaning as the notes wrote it, `code` and **bold** kept, when the Markdown
    splits the same way as the plain text did."""
    split = _split(raw)
    balanced = split and split[1].count("`") % 2 == 0 and split[1].count("**") % 2 == 0
    if balanced and normalise(split[1]) == normalise(found.meaning) and plain(split[1]) == found.meaning:
        return Definition(found.term, re.sub(r"\s+", " ", split[1]), found.family, found.acronym)
    return found


def _under_term(parent: Block, text: str) -> Definition | None:
    """ "- **Sharding**" over "  - splitting a database into smaller parts": the first
    child of a bare term is what the term means."""
    term = plain(parent.text).strip()
    if term.endswith(":") or _split(term) or not _is_term(term, False) or _split(text):
        return None  # "- placement groups" over "  - cluster: one AZ": a member, not the meaning
    words = text.split()
    described = text[:1].islower() or len(words) >= 5 and not all(w[:1].isupper() for w in words)
    if described and _is_meaning(text, term) and not _is_number(text):
        return Definition(term, clean(text).rstrip("."))
    return None


def _bold(raw: str, family: str | None) -> Definition | None:
    """ "**DaemonSet**: runs one pod per node", "**kube-apiserver** is the front end"."""
    m = _BOLD_TERM.match(raw.strip())
    if not m:
        return None
    term = plain(m.group(1)).strip(" :")
    meaning = _without_expansion(term, clean(plain(m.group(2))))  # "**TTL** — time to live, how long ..."
    if not family and _cheat_line(meaning) and meaning_form(re.split(r";\s", meaning)[0]) != "property":
        # "**DynamoDB indexes** — LSI max. 5; GSI max. 20 (def.); ...": notes, no meaning
        # ("**SG** — stateful; ...": the answer to "stateful or stateless?")
        return None
    meaning = re.split(r";\s|,\s*(?:while|whereas|but)\b", meaning)[0].rstrip(".")
    if _is_term(term, True) and _is_meaning(meaning, term, family) and not _is_number(meaning, family):
        return Definition(term, meaning, family)
    return None


def _count_first(statement: str) -> bool:
    """Whether one of a statement's first words is a figure to recall, in whatever
    language: with a unit ("5 λεπτά", "29 seg", "7-30 วัน"), or four and more ("padrão 5
    por região", "3 500 PUT"); not a small count that is no limit ("connect 2 VPCs", "on 1
    listener"), a year, an address ("10.0.0.0/16"), a layer's or a port's number ("layer 4
    + 7", "port 22"), a name's ("Route 53"), nor "400+", "1000s", "3rd-party", "2FA"."""
    words = statement.split()
    numbered = False  # "layer 4 + 7": the 7 is a layer's number too
    for k, word in enumerate(words[:_COUNT_WORDS]):
        before = words[k - 1].strip(".:,").casefold() if k else ""
        figure = _FIGURE_WORD.fullmatch(word.rstrip(".,;:"))
        if not figure:
            numbered = numbered and before not in _JOINS and word.casefold() in _JOINS
            continue
        numbered = before in _NUMBERED or numbered and before in _JOINS
        unit = figure.group(2) or (words[k + 1] if k + 1 < len(words) else "")
        if numbered or _NOT_A_COUNT.fullmatch(word.rstrip(".,;:")):
            continue
        if measured_at(f"1 {unit}") is not None or not unit[:1].isascii() and unit[:1].isalpha():
            return True  # "29 seg", "5 λεπτά", "7-30 วัน", "2 นาที"
        if k and words[k - 1][:1].isupper() and words[k - 1].isalpha() and before not in _LIMITS:
            continue  # "Route 53", "Windows 2019"
        if _leading_amount(figure.group(1)) >= _COUNT:
            return True  # "padrão 5 por região", "prefixenként 3 500 PUT", "users 5k/acct"
    return False


_COUNT_WORDS = 4
_COUNT = 4  # a smaller bare count is no limit: "connect 2 VPCs", "all in 1 AZ"
# a word that is a figure, and what follows it in the word: "7-30", "5k/acct", "3.500", "%90"
_FIGURE_WORD = re.compile(r"[~≈<>≤≥%$€£]*(\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?(?:[–~-]\d+(?:[.,]\d+)?)?[kK]?)[%]?(\S*)")
_NOT_A_COUNT = re.compile(
    r"(?:19|20)\d\d|\d+(?:\.\d+){2,}\S*|\d+/\d+\S*|\d+\+\S*|\d+00s|\d+(?:st|nd|rd|th)\b\S*|\d+[A-Za-z]{2,}\S*", re.I
)
_NUMBERED = frozenset("layer layers level tier gen version v step phase port ports l iso fips ipv tls".split())
_JOINS = frozenset("+ / & and or e y et och i und en oder ou o и та".split())


def _leading_amount(said: str) -> float:
    """The amount a figure's leading number says: "5k" 5000, "3 500" 3500, "7-30" 7."""
    m = re.match(r"(\d+(?:[.,\s]\d{3})*)", said)
    value = float(re.sub(r"[.,\s]", "", m.group(1))) if m else 0.0
    return value * 1000 if said.rstrip().lower().endswith("k") else value


def _defines(found: Definition) -> bool:
    """Whether a definition's meaning says what its term is, read as a term of no family."""
    meaning = plain(found.meaning)
    return _is_meaning(meaning, found.term) and not _is_number(meaning)


def _is_number(meaning: str, family: str | None = None) -> bool:
    """ "Max pods per node: 110 (default)", "Lambda: 15 min max timeout, ..." or
    "payload: sync 6 MB, async 256 KB" state numbers (the number extractor's business),
    not what something is; a family member may be described by a limit ("returns up to
    8 healthy records")."""
    if re.match(r"^[~≈<>]?\s*/?\d", meaning):
        return True  # "/16 (65,536 addresses) … /28": a CIDR block's size is a figure too
    clause = defining_clause(meaning[:2000])
    if family is None and _LIMIT.search(clause):
        return True  # "Encrypt API ≤ 4 KB", "calls are limited to 4 KB", "max 7 per AZ": a limit
    if family is None and re.search(r"(?:^|\s)[~≈]?\d", clause) and len(clause.split()) <= 4:
        return True  # "up to ~72 %", "1 or 3 years": a figure, not what the term is
    first = statement_parts(clause)[0]
    bare = without_asides(first)  # "Snow family: Snowball Edge (ca 80 TB usable)": the aside is no limit
    if family is None and (_FOREIGN_LIMIT.search(bare) or _count_first(bare)):
        # "read replicas: до 15 (MySQL, ...)", "Spot: AWS เตือนก่อน 2 นาที", "EIP: padrão 5 por
        # região": a figure to recall, in the first statement ("connection pooling, cuts
        # failover hasta 66%" defines)
        return True
    if family is None and not _ARTICLE.match(meaning) and _opens_with_figure(first):
        return True  # "Backtrack: hasta 72 h", "tunnels: 2개, 1.25 Gbps each": a figure to recall, no meaning
    if family is None and not _ARTICLE.match(meaning) and (_figure_said(first) or _a_setting(first)):
        # "SQS: rétention 4 jours défaut", "cross zone: off by default, paid", "KMS: key
        # deletion waits 7 to 30 days": a setting or a figure of the term, which its
        # number card asks, not what the term is ("the default SSD volume", "a key valid
        # for 15 min" and "moves objects to IA after 30 days without access" say what)
        return True
    shown = before_figures(clause)
    if family is None and shown != clause and len(shown.split()) < 2 and clause[len(shown) : len(shown) + 1] == ".":
        # "alapért. 24 óra retention", "pl. 30 nap után IA": what is left before the
        # figures is a word cut short, no meaning ("VMs; per-second billing" still is one)
        return True
    figures = len(re.findall(r"\d\s*(?:[KMGT]i?B(?:/s)?|[KMGT]bps|IOPS|%|ms|s|min|h|d|days?|months?|years?)\b", clause))
    # "standard resolution 60 s, high resolution down to 1 s", "between /16 and /28"
    between = re.match(r"^between\s+\S*\d", clause) is not None
    return figures >= 3 or figures >= 2 and len(clause.split()) <= 12 or between


def _a_setting(statement: str) -> bool:
    """Whether a statement says what its term is set to by default ("off by default",
    "rétention 4 jours défaut"), not what it is ("default route table made with the
    VPC"); a default in brackets is an aside ("General Purpose (default)")."""
    said = re.sub(r"\([^()]*\)", "", statement)
    # (a long statement that mentions a default says more: "stateful firewall that
    # denies all inbound by default")
    return (
        len(said.split()) <= _SETTING_WORDS and DEFAULT_WORD.search(said) is not None and not _DEFAULT_THING.match(said)
    )


_SETTING_WORDS = 5


# "default route table made with each VPC": a thing that is the default, named
_DEFAULT_THING = re.compile(
    r"\s*default\s+(?!(?:on|off|is|are|was|for|to|in|at)\b)[a-z][\w-]*\s+[a-z][\w-]*\s+[a-z]", re.I
)


def _figure_said(statement: str) -> bool:
    """Whether a statement is a figure said of its term: a figure with its unit in a
    short statement, or among its first words ("key deletion waits 7 to 30 days")."""
    m = measured_at(statement)
    return m is not None and (len(statement.split()) <= _FIGURE_STATEMENT_WORDS or len(statement[:m].split()) <= 4)


_FIGURE_STATEMENT_WORDS = 6


def _opens_with_figure(statement: str) -> bool:
    """Whether a statement gives a figure to recall within its first words ("integration
    timeout 29 s", "CLI 기본 3600s"), not a meaning that mentions one later ("moves objects
    between tiers after 30 days without access")."""
    m = measured_at(statement)
    return m is not None and len(statement[:m].split()) <= _FIGURE_WORDS


_FIGURE_WORDS = 3


_LIMIT = re.compile(
    r"[≤≥<>]\s*~?\s*\d|\b(?:max(?:imum)?|min(?:imum)?|m[íi]n|m[áa]x|up to|limited to|at most|at least)\s*~?\s*\d", re.I
)
# "RDS read replicas: до 15 (MySQL, ...)", "partition: 最大 7 per AZ", "Spot: en fazla %90":
# "up to" or "about" in another language, before a figure
_FOREIGN_LIMIT = re.compile(rf"(?<![\w'])(?:{FOREIGN_LIMIT_WORDS})\s*[~≈]?\s*[%$€£]?\s*\d", re.I)


def _entry(text: str, family: str | None, kind: str = "item") -> Definition | None:
    text = _LEAD_IN_TAIL.sub("", text)
    split = _split(text)
    if split and kind == "paragraph" and len(split[0].split()) > 4:
        split = None  # in running prose only a short label before a colon is a term
    if split:
        term, meaning = split
        if term[:1].islower() and family is None and re.match(rf"\s*{re.escape(term)}\s*(?:→|->)", text):
            return None  # "not encrypted → VPN over DX", "high → ...": shorthand for what follows, no term
        example = re.match(r"^(.+?),\s*(?:ex|e\.g\.?|eg)$", term, re.I)
        if example:
            term, meaning = example.group(1), f"e.g. {meaning}"
        term = re.sub(r"^(?:an?|the)\s+", "", term.strip("*_ ").strip(), flags=re.I)
        term = _without_bracketed_expansion(term)
        meaning = _without_expansion(term, meaning)
        meaning = re.sub(r"^(?:is|are|means)\s+(?=\w)", "", meaning)  # "Sharding : is a type of ..."
        if family is None and kind != "definition" and term[:1].islower() and _a_property(term, meaning):
            return None
        if (
            _is_term(term, family is not None)
            and _is_meaning(meaning, term, family)
            and not _is_number(meaning, family)
        ):
            # "SQS: pull | SNS: push": the term's side of a comparison, not the other one's
            return Definition(term, _OTHER_SIDE.split(meaning, maxsplit=1)[0].strip(), family)
        return None
    if family:
        return None
    for pattern in (_PROSE, _LOWER_PROSE):
        m = pattern.match(text)
        if m:
            term = re.sub(r"^(?:an?|the)\s+", "", m.group(1).strip("*_ "), flags=re.I)
            meaning = re.split(r",\s*(?:while|whereas|but)\b", sentences(m.group(2))[0][1])[0].rstrip(".")
            if _is_term(term, True) and _is_meaning(meaning, term):
                return Definition(term, meaning)
    return None


# where a line's other side begins: " | SNS: push", " | Inspector: scans"
_OTHER_SIDE = re.compile(r"\s+\|\s+(?=[^|:]{1,40}:\s)")
_BOLD_TERM = re.compile(
    r"^(\*\*[^*]{1,60}\*\*|__[^_]{1,60}__)\s*(?:\([^)]{1,40}\)\s*)?"
    r"(?:(?<=:\*\*)|(?<=:__)|->|→|=>|=|:|—|–|--|-|\bis\b|\bare\b|\bmeans\b)\s*(.+)$"
)  # "**Term:** meaning" has its colon inside the bold
_TERM_LABEL = re.compile(
    r"^(?:key\s+terms?\s*:\s+|(?:terms?|definition|vocab(?:ulary)?|glossary)\s*:\s+(?=\*\*|__))", re.I
)
_SEPARATORS = tuple(
    re.compile(s) for s in (r"\s*:\s+|\s+:\s*", r"\s*=>?\s*", r"\s*(?:->|→)\s*", r"\s+(?:--|[-–—])\s+|\s*[—–]\s*", r":")
)


def _split(text: str) -> tuple[str, str] | None:
    """(term, meaning), trying the clearest separators first: "ECS - Load balancing
    (EC2 launch type) : each task..." is defined at the colon, not the dash. A label
    before a bold term ("Key term: **AZ** — ...") announces it."""
    text = _TERM_LABEL.sub("", text, count=1)
    bold = _BOLD_TERM.match(text)
    if bold:
        return bold.group(1), clean(bold.group(2))
    for n, sep in enumerate(_SEPARATORS):
        m = sep.search(text)
        if m and text[: m.start()].count("`") % 2:
            return None  # "`exclude=kubelet`": a separator inside code is code
        if m and text[m.start() : m.end() + 2].endswith("//"):
            return None  # "https://docs...": a link, not "https" defined
        if m and 0 < m.start() <= 60:
            term, meaning = text[: m.start()], clean(text[m.end() :])
            if _is_term(plain(term).strip("*_ "), True):
                return term, meaning
        if m and n == 0 and m.start() <= 120:
            # "ECS - Task Placements(only for EC2): ...": the colon ends a label too
            # long to be a term, so a dash inside that label does not start a meaning
            return None
    return None


def _leans(text: str) -> bool:
    """Whether an item says too little to stand alone ("SG rules → you"): a meaning of
    three words at most after its label."""
    split = _split(text)
    return split is None or len(split[1].split()) <= 3


def _a_property(term: str, meaning: str) -> bool:
    """Whether a label in lower case is followed by one of its properties rather than
    what it is: an adjective for a term ("stateful: replies let back in"), a choice
    ("hosted zone: public or private"), or a clause ending on a participle ("client IP
    preserved", "SG or NACL blocking"). "latency: time between a request and its
    response" and "hosted zone: a container for records" say what the term is."""
    if _ARTICLE.match(meaning) or meaning_form(meaning) in ("does", "for"):
        return False
    clause = plain(defining_clause(meaning[:2000]))
    words = clause.split()
    if re.search(r"(?:ful|less|able|ible|al|ive|ic|ous|[^e]ed)$", term) and " " not in term.strip():
        return True  # "stateful", "ephemeral", "unlimited": a quality, asked as a thing
    if re.search(r"\bor\b", " ".join(words[:4])) and len(words) <= 8:
        return True
    return bool(words) and re.search(r"(?:ed|ing)$", words[-1]) is not None and len(words) <= 6


def _without_bracketed_expansion(term: str) -> str:
    """ "EBS (Elastic Block Store)" -> "EBS", "Command Line Interface (CLI)" -> "Command
    Line Interface": the acronym card already links the two; other brackets
    ("Credentials Report (account-level)") stay."""
    m = re.match(r"^(.+?)\s*\(([^()]+)\)$", term)
    inside = m.group(2).strip() if m else ""
    if m and any(inside in (found.meaning, found.term) for found in acronyms_in(term)):
        return m.group(1).strip()
    return term


# the start of the next "TERM - meaning" entry on the same line
_NEXT_ENTRY = re.compile(r"^\**[A-Z][A-Za-z0-9]{1,7}\**\s*(?:[-–—:=]|→|->)\s")


def _heading_kind(term: str, title: str) -> bool:
    """Whether a term is the kind its heading's name ends in ("Load Balancer" under
    "Gateway Load Balancer"): what the notes say of it there is one part of the
    heading's own thing, and "What is a load balancer?" answered by it misleads."""
    if re.search(r"\b[A-Z]{2,}|\d", term) or title.rstrip().endswith("?"):
        return False  # "RDS" under "Amazon RDS" is the heading's own name; a question names no kind
    said, heading = normalise(plain(term)), normalise(re.sub(r"\([^()]*\)", "", plain(title)))
    qualifier = heading[: -len(said) - 1] if heading.endswith(f" {said}") else ""
    return bool(said) and qualifier not in ("", "amazon", "aws", "the")


def _without_expansion(term: str, meaning: str) -> str:
    """ "EC2 = Elastic Compute Cloud = IaaS": the acronym card has the expansion; the
    definition keeps what follows it."""
    several = acronyms_in(f"{term} = {meaning}")
    if len(several) > 1 and all(found.term in term and found.meaning in meaning for found in several):
        return ""  # "RPO / RTO: Recovery Point Objective / Recovery Time Objective": two acronym cards
    for found in several:
        # "Systems" is no expansion of SSM when "Manager" goes on with the name
        if (
            found.term == term
            and meaning.startswith(found.meaning)
            and not re.match(r"\s*[A-Z][a-z]", meaning[len(found.meaning) :])
        ):
            rest = clean(meaning[len(found.meaning) :])
            rest = re.sub(r"^\((.*)\)\.?$", r"\1", rest)
            rest = re.sub(r"^#\s+", "", rest)  # "RPO: recovery point objective  # how much loss is ok"
            rest = re.sub(r"^[/|·]\s*", "", rest)  # "RPO – recovery point objective / RTO – ...": the next entry
            if _NEXT_ENTRY.match(rest):
                return ""  # "HA - high availability. DR - disaster recovery.": DR's own entry
            return rest if len(rest.split()) >= 2 else ""
    return meaning


# labels that number or frame a note rather than name a thing: "Step 1", "Part 2",
# "Key rule", "Analogy", "Case study"
_LABEL_TERM = re.compile(
    r"^(?:(?:step|part|phase|stage|task|lab|lecture|module|chapter|section|exercise|question|example|"
    r"option|case)\s*[\d.]*\w?|(?:rule|law|tip|note|fact|lesson|point|item|trap|mistake|day|week|tema)\s*#?\d+|(?:key|golden|main|general)\s+(?:rule|idea|point|takeaway)s?|"
    r"(?:critical\s+|common\s+)?gotchas?|analogy|analogies|case study|rule of thumb|tl;?dr|bonus|extra|"
    r"best practices?|good practices?|pro tips?|exam tips?|fun fact|real[- ]world example|"
    # the parts of a practice question written down: "my answer: ...", "right: ...", "why: ..."
    r"(?:my |your |the |correct |right |wrong )?answers?|right|wrong|correct|incorrect|why|reason|explanation|"
    r"trap|mistake|lesson|takeaway|(?:i |what i )?(?:picked|chose|guessed|said|went with)|my pick|my choice|"
    r"lucky|score|result|"
    # a callout's word, numbered or not: "attention: st1 cannot boot", "attention 2: ..."
    r"(?:attention|attn|heads[- ]up|watch out|mnemonic|memory aid|trick)\s*\d*)$",
    re.I,
)


# verbs a use may start with, beyond the steps above: "pack VMs onto fewer servers"
_BASE_VERBS = frozenset(
    """pack store keep move share host serve reduce scale save protect route send cache run split spread
    balance encrypt replicate isolate back archive analyse analyze process deliver distribute shift place
    direct steer avoid cut lower expose block filter allow deny grant restrict limit control monitor track
    audit host migrate transfer sync stream decouple trigger invoke schedule automate manage detect prevent
    recover restore serve speed offload absorb survive fail""".split()
)
_ANALOGY = re.compile(r"^\W*(?:analog(?:y|ies)|metaphor|mnemonic|memory aid|think of (?:it|them) as)\b", re.I)
# lists of a thing's pros and cons: their items are judgements, not terms
_JUDGEMENTS = re.compile(r"\b(?:advantages?|disadvantages?|benefits?|pros|cons|drawbacks?|limitations?)\b", re.I)


_DATE = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+\d|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|(?:day|week|session)\s+\d)",
    re.I,
)


# a question word at the start, or the note-taker speaking ("I", "my", "we")
_ASKS_OR_TELLS = re.compile(
    r"^\W*(?i:which|what|why|how|when|where|who)\b|(?<![\w/])(?:I|I'm|I've|my|me|we|our)(?![\w/])"
)


_SCENARIO_TERM = re.compile(
    r"^\S+\s+(?:needing|needs|wanting|wants|requiring|accessing|calling|talking to|reaching|connecting to|"
    r"sending to|reading from|writing to)\s+\S"
    # "Blocking one specific bad IP", "Sharing a file system": a task, not a term
    r"|^[A-Za-z]+ing\s+(?:a|an|the|one|all|any|some|every|specific|your|its|their|traffic|data|files?)\b",
    re.I,
)


# the note-taker's own plans and logistics, not a term of the subject
_OWN_PLAN = re.compile(
    r"(?:my\s+)?(?:(?:exam|test)\s+(?:date|day|time|slot|booking|centre|center|location|voucher|attempt)|"
    r"(?:study|revision|review|exam)\s+(?:plan|target|goal|schedule|progress|status|deadline)s?|"
    r"my\s+(?:plan|target|goal|schedule|deadline|progress)s?)",
    re.I,
)


def _is_term(term: str, in_family: bool) -> bool:
    words = [w for w in term.split() if any(c.isalpha() for c in w)]
    if not words or len(words) > 5 or len(term) > 50 or normalise(term) in _NOT_TERMS:
        return False
    if len(words) > 1 and plain(words[0]).strip("*_").casefold() in _NEEDS and not _title_case(words):
        return False  # "Replicate existing objects too → S3 Batch Replication": a need and what meets it
    if words[-1].casefold().strip("*_:") in _LIST_LEADS:
        return False  # "S3 quick facts: max object 5 TB, ...", "SQS numbers: ...": a list's lead, not a term
    if re.fullmatch(r"\s*[a-z0-9]+(?:_[a-z0-9]+)+\s*", term):
        return False  # "object_lock: governance / compliance": a settings file's key, not a term
    if re.fullmatch(r"(?:Q|Question)\s+(?:for|to)\s+\w+|\w+\s+(?:said|says|answered)", plain(term).strip(), re.I):
        return False  # "Q for Sam: ...", "Sam said: ...": who asks and who answers, no term
    if re.match(r"^[^\w\"'(“‘]", plain(term)):
        return False  # "-- All other systems": a dash or an arrow left in front is no term
    if len(re.findall(r"(?<![\w.])\d[\d,.]*(?![\w.])", term)) >= 2:
        return False  # "st1 500 / sc1 250": figures side by side, not a name
    if re.fullmatch(r"[a-z]+(?:ful|less|able|ible|ive|ous)", plain(term).strip()):
        return False  # "stateful → return traffic allowed": a property of the thing above, not a term
    if re.fullmatch(r"\s*[\"“'‘].+[\"”'’]\s*", plain(term)):
        return False  # '"Static IP" → NLB or Global Accelerator': a keyword and what it points to
    if re.search(r"\b(?:said|says|mentioned|told us|recommends?|stressed)\s*$", plain(term), re.I):
        return False  # "Instructor said: ...": who said it, not a term
    if re.search(r"\b[A-Z]{3}-C\d\d\b", term):
        return False  # "AWS SAA-C03 - outline notes": the exam the notes are for, not a term
    named = plain(term).strip(" :*_.")
    port_after = re.fullmatch(r"([^\W\d][\w/-]*(?:\s+[^\W\d][\w/-]*)?)\s+(\d{2,5})", named)
    if re.search(r"\bports?\s+\d", named, re.I) or (
        port_after
        and (is_service(port_after.group(1)) or int(port_after.group(2)) > 1023)
        and not 1990 <= int(port_after.group(2)) <= 2039  # "EC2 2024": a year
    ):
        # "NFS 2049", "SMB 445", "GENEVE on port 6081": a name and its port, not a term
        # ("Route 53", "Harbour Route 12": a name's number)
        return False
    if re.search(r"[a-z]{2}[.!?]\s+[A-Z]", named):
        return False  # "SQS queues. Exam cue": the end of one sentence and a label of the next
    if re.search(rf"(?<![\w-]){QUESTION_NUMBER}$", named, re.I):
        return False  # "Set 2 Q45: users in one country ...": a practice question's number, not a term
    if _LABEL_TERM.match(plain(term).strip(" :*_")) or is_task(term):
        return False  # "Step 2", "TODO rewatch": a label of the notes, not a term
    if re.search(r"[.?!,;=→]$|^\d|https?:|[`$<>{}=→:;]|\bis\b|\bare\b|\bthe\b", term, re.I):
        return False  # "EBS bound to AZ; snapshot": two notes, no term
    if re.search(r"\b(?:which|what|how|why|where|whom?)\b", term, re.I):
        return False  # "Gateway endpoint supports which services": a question and its answer
    if words[0].casefold() in _PREPOSITIONS:
        return False  # "for CLB: it is called connection draining" is not a term
    if len(words) > 1 and words[0].casefold() in _QUANTIFIERS:
        return False  # "Any other service privately means ...": a case, not a term
    if _ASKS_OR_TELLS.search(plain(term)):
        return False  # "Which ports:", "Something I didn't expect:": a question or an aside
    if re.match(r"^(?:it|they|this|these|those|that|there|he|she|we|you|i)\b", plain(term), re.I) and len(words) > 1:
        return False  # "It does three things:" is a sentence, not a term
    if len(words) > 1 and re.search(
        r"(?<![\w-])(?:not|never|needs?|cannot|can't|won't|doesn't|isn't)(?![\w-])", term, re.I
    ):
        return False  # "DX not encrypted: ...", "Lambda in VPC needs internet: ...": a case and what to do
    if re.search(r"\b(?:does|do|has|have|can|will|should|must|did)\b", term) or not re.search(r"[A-Za-z]{2}", term):
        return False  # a verb makes a sentence of it; "(x)" names nothing
    if term.count("(") != term.count(")") or re.search(r"\d\s*(?:[KMGT]i?B|%|ms|s|min|h)\b", term):
        return False  # "Backups auto 1–35 days (0", "Encrypt max 4 KB": a cut statement, not a term
    if _SCENARIO_TERM.match(plain(term)):
        return False  # "EC2 needing S3", "Lambda calling an API": a case, not a term
    if re.search(r",\s+(?!(?:ex|e\.g\.?|eg)\s*$)", term, re.I):
        return False  # "FSx ONTAP, FSx OpenZFS": two names ("Target Tracking, Ex:" is one)
    if _DATE.match(plain(term)):
        return False  # "Wed 6 Mar: networking done", "Day 3: ...": a diary entry
    if _OWN_PLAN.fullmatch(plain(term).strip(" :*_")):
        return False  # "Exam date: end of next month", "Revision target: ...": the note-taker's plans
    if re.search(r"\s[—–-]\s", term):
        return False  # "Business — production system down": a label with its case, not a term
    if re.search(r"\bvs\.?(?!\w)|\bversus\b|≠|!|\?", term, re.I):
        return False  # "SG vs NACL:", "latency ≠ geolocation!!": a comparison, not a term

    if term[0].islower() and len(words) > 2 and not in_family:
        return False
    return bool(re.search(r"[A-Za-z]", term))


# a meaning that opens with a key of its own and a colon: "VPN: site to site: ..."
_NESTED_KEY = re.compile(r"^\s*[\w][\w /&+-]{0,24}:\s+\S[^:.]{0,60}:\s")


def _is_meaning(meaning: str, term: str, family: str | None = None) -> bool:
    if re.match(r"Q\s+\S", plain(term)) and re.match(r"A\s+\S", plain(meaning)):
        return False  # "Q DNS port — A 53": a self-test's question and answer labels, no term
    meaning = STRUCK_OUT.sub("", meaning).strip() if "~~" in meaning else meaning  # "~~a ramp~~": says nothing
    if not meaning or len(meaning) < 3 or meaning.endswith(":") or meaning.rstrip(" )*_").endswith("?"):
        return False  # "warm pools: do stopped instances cost anything?" is still a question
    if _FIGURE_FIRST.match(plain(meaning)):
        return False  # "Glacier Flexible Retrieval: min 90 days": a figure to recall (a cloze), no meaning
    parts = [p for p in re.split(r"[,;]\s+", plain(meaning)) if p.strip()]
    if len(parts) >= 2 and all(_figure_part(p) for p in parts):
        return False  # "Deep Archive: standard within 12 hours, bulk within 48 hours"
    if term.split() and term.split()[-1].casefold() in _ASPECTS and len(plain(meaning).split("; ")) >= 3:
        return False  # "S3 security: Block Public Access on; bucket policy + IAM; ...": an aspect's facts
    if re.match(r"\s*[•◦▪–!?✓✗✅❌★]", meaning) and len(re.findall(r"(?:^|\s)[•◦▪–!?✓✗✅❌★](?=\s?\w)", meaning)) >= 2:
        return False  # "key: • fact – note ? open question": the legend of the notes' marks
    items = plain(meaning).split("; ")
    short = sum(1 for x in items if len(re.sub(r"\([^()]*\)", "", x).split()) <= 3)
    kinds = term.split()[-1].casefold() in _KINDS_OF if term.split() else False
    if len(items) >= 3 and short * 3 >= 2 * len(items) and kinds:
        return False  # "Route 53 records — A (IPv4); AAAA (IPv6); MX; NS; ...": the members of a list
    if meaning.lstrip().startswith("# "):
        return False  # "classes:   # min storage duration": a settings key's comment, over its values
    if re.fullmatch(r"\s*[(（][^()（）]*[)）]\s*", plain(meaning)):
        return False  # "CMK: (old name)": an aside alone says nothing of what it is
    if family is None and _NESTED_KEY.match(plain(meaning)):
        return False  # "Hybrid: VPN: site to site: 2 tunnels": a chain of keys, the term only its first
    clause = defining_clause(meaning[:2000])  # the first sentence is all a card can hold
    chosen = property_of(meaning)
    if chosen and not _SHORTHAND.search(clause):
        if any(re.search(rf"\b{side}\b", term, re.I) for side in chosen[1].split(" or ")):
            return False  # "Regional endpoint: regional" asks what it says
        return _is_card_answer(meaning, term, family)  # "stateful, allow only": asked as the choice it is
    if _NOT_WHAT_IT_IS.match(meaning) or _SHORTHAND.search(clause.lstrip("→-=> ")) or _properties(clause):
        return False
    if family is None and _WHERE.match(plain(clause)):
        return False  # "SCP: in AWS Organizations", "en la consola": where it is found, not what it is
    if SPEAKER.search(clause) or _EXAM_REMARK.search(clause) and (len(clause.split()) <= 5 or "question" in clause):
        return False  # "Format is a mess, sorry future me", "a guaranteed question": the note-taker speaking
    if re.fullmatch(r"\s*[\"“][^\"“”]+[\"”]\s*", plain(meaning)):
        return False  # '"one-one-two-one-one, the cache is done"': a rhyme to remember it by
    if _A_DATE.match(plain(meaning)):
        return False  # "Created: March 3, 2024 9:14 PM": when the page was made
    if len(_PERCENT.findall(meaning)) >= 3:
        return False  # "TD1 58% · TD2 66% · TD3 71%": scores, not what something is
    if _ABOUT_OTHERS.match(plain(clause)):
        return False  # "ALB on by default, NLB off", "io1/io2 only": which others have it
    words = meaning.split()
    if _spells_out(term, words):
        return False  # "Standard-IA: infrequent access" gives the answer in the term's initials
    if len(words) <= 4 and all(w[:1].isupper() for w in words) and len(words) > 1:
        return False  # "RDS Read Replicas - Network Cost" is a title, not a definition
    return normalise(meaning) != normalise(term) and _is_card_answer(meaning, term, family)


# what a figure measures: "request rate", "deployment size" say which figure, not what it is
_MEASURES = frozenset(
    "size rate limit limits quota timeout throughput latency duration count speed interval period window".split()
)


def _spells_out(term: str, words: list[str]) -> bool:
    """Whether a short meaning is only what the initials in its term stand for
    ("Standard-IA: infrequent access", "the IA in it"): the acronym's card asks that."""
    initials = "".join(w[0] for w in words if w[:1].isalpha()).upper()
    joined = re.findall(r"(?<=\w-)([A-Z]{2,})\b", plain(term))  # "Standard-IA", "One Zone-IA"
    return 2 <= len(words) <= 4 and initials in joined


_FIGURE_FIRST = re.compile(
    r"\s*(?:(?:min(?:imum)?|max(?:imum)?|default|up\s+to|until|within|about|around|approx\.?)\s+|[~≈<>≤≥]\s*)?\d", re.I
)
# "standard within 12 hours, bulk within 48 hours": figures to recall, each part with its
# own, not what the thing is
_FIGURE_PART = re.compile(r"^([^\d]{0,30}?)(?<![\w./])\d")
_NAMED_BEFORE = re.compile(r"\b[A-Z][\w-]*\s+$")  # "Route 53", "Windows 11": a name's number


def _figure_part(part: str) -> bool:
    """Whether a part of a meaning opens on a figure to recall ("bulk within 48 hours")."""
    m = _FIGURE_PART.match(part)
    # a word labels the figure ("bulk within 48 hours"), not "2 then 4 seconds" of a list of figures
    return m is not None and re.search(r"[A-Za-z]{2}", m.group(1)) is not None and not _NAMED_BEFORE.search(m.group(1))


def _title_case(words: list[str]) -> bool:
    """ "Protect Mode", "Migration Hub": a name in title case, not a need ("Encrypt a volume")."""
    return all(w[:1].isupper() for w in words)


# "S3 quick facts: ...", "SQS numbers: ...", "EBS misc: ...": a list's lead, not a term
_LIST_LEADS = frozenset("facts numbers stats figures limits misc basics stuff bits recap details specs".split())
# a plural that names the kinds of a thing, over its members: "Route 53 records — A; AAAA; ..."
_KINDS_OF = frozenset(
    "records groups strategies families endpoints extras types policies classes options modes tiers kinds levels "
    "engines plans patterns models methods gateways".split()
)
_ASPECTS = ATTRIBUTE_WORDS | {"security", "networking", "features", "options", "tips"}
# a need's first word, or an instruction's: "Replicate existing objects → ...", "Need > 3,500 PUT/s → ..."
_NEEDS = _IMPERATIVE | frozenset(
    "need needs want replicate encrypt troubleshoot migrate restrict protect detect audit".split()
)
# "Everything else is an interface endpoint", "NOT NLB — ...": a case, not a term
_QUANTIFIERS = frozenset("any every all some each other another most many few no not everything anything".split())
# a remark about the exam rather than the thing: "a guaranteed question", "comes up on every exam"
# ("the exam's favourite compute service" still says what Lambda is)
_EXAM_REMARK = re.compile(r"\b(?:questions?|exams?)\b", re.I)
_PERCENT = re.compile(r"\d\s*%")
_A_DATE = re.compile(
    r"^\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}|\d{4}-\d{2}-\d{2})\b"
)
# a meaning that starts by naming other things and what holds for them
_NAME = r"[A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*"
_ACRONYM_LIKE = r"[A-Za-z0-9-]*(?:[A-Z][A-Za-z0-9-]*[A-Z0-9]|\d)[A-Za-z0-9-]*"  # SQS, MySQL, EC2; not "Tasks"
_ABOUT_OTHERS = re.compile(
    rf"^{_NAME}(?:\s*(?:/|\+|,|&|\band\b)\s*{_NAME})*\s+(?:only|on|off|both|via|fine|too)\b"
    rf"|^{_ACRONYM_LIKE}(?:\s*\([^()]*\))?(?:\s*(?:/|\+|,|&|\band\b)\s*(?:[A-Z][a-z]+\s+)?{_ACRONYM_LIKE})*\s+"
    r"(?:is|are|uses?|has|have|can|cannot|can't|will|must|runs?|gets?|keeps?)\b"
)  # "SQS (Simple Queue Service) is pull-based" under "Messaging:" says what SQS is
_URL = re.compile(r"(?:https?://|www\.)\S+")
# a line that states something ("label: value", "a = b", "a → b"), not a bare topic
_STATES = re.compile(r":\s*\S|=|→|->|\s[-–—]\s\S")
# a chain of shorthand ("AZ-locked → snapshot → restore", "bigger = GenerateDataKey")
# or a comparison ("SG = instance level vs NACL") is reasoning to unpack, not a meaning
_SHORTHAND = re.compile(r"→|->|=>|(?<![<>!=])=(?!=)|\bvs\.?(?!\w)|≠|\w\s>\s\w")


def _properties(meaning: str) -> bool:
    """ "stateful, allow only, ENI level": three or more clipped properties in a row,
    or any chain of three or more parts set off by dashes ("IPsec — 2 tunnels — 1.25
    Gbps"), list what a thing has, not what it is; "a managed queue, ..." or "serverless, fully
    managed, key-value NoSQL database" (a kind of thing at the end) still say what."""
    said = plain(meaning[:400])
    if len(re.findall(r"\s[—–]\s", said)) >= 2:
        return True  # "IPsec — 2 tunnels — ~1.25 Gbps per tunnel": a chain of notes about it
    if said.count(" / ") >= 3 and "," not in said:
        said = said.replace(" / ", ", ")  # "target tracking / step / simple / scheduled"
    elif said.count(" / ") == 2 and "," not in said and len(said.split()) <= 6:
        return True  # "min / desired / max": three settings, not what the thing is
    # "U2F / FIDO key" is two words joined, not four
    parts = [[w for w in re.sub(r"\([^()]*\)", "", p).split() if w not in _JOINS] for p in _top_level_parts(said)]
    if len(parts) >= 4 and sum(len(p) for p in parts) <= 2 * len(parts):
        return True  # "simple, weighted, latency, failover, ...": the members, not what it is
    if len(parts) < 3 or _ARTICLE.match(meaning):
        return False
    if any(len(p) > 3 for p in parts) and not (len(parts) >= 4 and sum(len(p) for p in parts) <= 3 * len(parts)):
        return False  # "subnet level, allow + deny, stateless, rules in number order, ...": still clipped
    return not _CATEGORY.search(" ".join(parts[-1]))


_JOINS = frozenset("/ & + |".split())


def _top_level_parts(text: str) -> list[str]:
    """Text split at the commas and semicolons outside brackets, in one pass."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += (c == "(") - (c == ")")
        if c in ",;" and depth <= 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


# the nouns that name what kind of thing something is
_CATEGORY = re.compile(
    r"\b(?:service|database|platform|system|store|tool|engine|protocol|network|server|queue|cache|framework|"
    r"language|format|model|api|interface|library|registry|repository|cluster|gateway|balancer|function|storage|"
    r"offering|product|solution|technique|method|approach|pattern|policy|device|appliance|container|file system)s?$",
    re.I,
)


_ARTICLE = re.compile(r"(?:an?|the|one of|any)\s", re.I)
# a ranking or a remark about the term, not what it is: "the cheapest of all", "the
# only service with ...", "a completely separate thing"
_NOT_WHAT_IT_IS = re.compile(
    r"^(?:the\s+)?(?:only|cheapest|fastest|slowest|biggest|largest|smallest|best|worst|most|least)\b|"
    r"^the\s+one\b(?!-)|^(?:an?|the)\s+(?:\w+\s+){0,2}(?:thing|stuff)(?=\s*(?:$|[,.;:—–(-]))"
    # "a classic use", "the default", "the older equivalent for vaults", "similar idea for
    # X", "same as above": what it is to something said before, which the card cannot show
    r"|^(?:an?|the)\s+(?:[\w-]+\s+)?(?:use|default|equivalent|counterpart|pick|example|answer)"
    r"\s*(?:$|[,.;:(]|\s+(?:for|of|to|in|with|when)\b)"
    r"|^(?:(?:the\s+)?same|similar)\b"
    # "NACLs: the stateless ones", "Deep Archive: the slow one": which of the things said before
    r"|^the\s+(?!(?:from|of|to|in|on|at|for|with|by|only)\b)[\w-]+\s+ones?\s*(?=$|[,.;:!)])"
    # "ALB: yes, always on": the answer to a question the line does not ask
    r"|^(?:yes|no|ja|nein|s[ií]|oui|non|tak|nie|evet|hayır|ya|tidak|sim|não|nej|nee)\b(?!-)\s*[,.;:!—–-]",
    re.I,
)

# a place the thing is found in, in a few languages: "in", "en", "im", "dans", "nel", "inside"
# what says a list is about Route 53's routing policies
_ABOUT_ROUTING = re.compile(r"\broute\s?53\b|\br53\b|\brouting\s+polic|^\W*routing\W*$", re.I)
_WHERE = re.compile(r"(?:in|en|im|dans|nel|nella)\s[^,;]{1,40}$", re.I)  # the place alone


def _is_card_answer(meaning: str, term: str, family: str | None) -> bool:
    """Whether the meaning makes an answer worth learning: not a link, an example, a
    rule or a fragment (left to the sheet or out), not the term's own words again,
    and a defining clause short enough to recall."""
    form = meaning_form(meaning)
    said = example_text(meaning) if form == "example" else meaning
    # a link's text is no answer either ("Official docs: [install guide](https://...)")
    clause = defining_clause(_URL.sub(" ", plain(re.sub(r"!?\[[^\]]*\]\([^)]*\)", " ", said))))
    words = normalise(clause).split()
    if _URL.search(meaning) and len(re.findall(r"[A-Za-z]{2,}", clause)) < 3:
        return False  # "Latest stable (v1.32) https://...": the link is the answer
    if len(words) < 2 and not re.search(r"[A-Za-z]{3}", clause) or len(words) > LONG_ANSWER:
        return False
    if not family and form in ("weak", "example"):
        return False
    if " || " in meaning:
        return False  # "runtime — Node.js, Python || JavaScript only": a row comparing two things
    if form == "property":
        return True  # "global": one word, and the answer to "regional or global?"
    if not family and _LIMIT_FIRST.match(plain(meaning)):
        return False  # "IGW: one per VPC", "Multi-Attach: only io1/io2, max 16": a rule or a limit, no meaning
    if not family and _cheat_line(plain(meaning)):
        return False  # "**DynamoDB indexes** — LSI max. 5; GSI max. 20 (def.)": figures, no meaning
    if _NAME_PATTERN.fullmatch(clause.strip()):
        return False  # "Fixed host name: xxx.region.elb.amazonaws.com": a pattern to recognise
    if family and form == "weak" and (len(words) < 3 or _CONDITION.match(clause)):
        # a member of a named family may be described by a fragment ("placed on
        # instances that match an expression"); "randomly" or "if ..." says too little
        return False
    if re.search(r"\b(?:can be|are|is|include|includes)\s*:?$", clause):
        return False  # "... it can be:" stops before what it says
    own = {_stem(w) for w in normalise(term).split()}
    roots = {w[:6] for w in normalise(term).split() if len(w) >= 6}
    content = [w for w in words if w not in STOP_WORDS]
    if not family and content[:1] and content[0] in _GENERIC_HEADS and any(w[:6] in roots for w in content[1:]):
        return False  # "Integration: the ability to integrate" goes round in a circle
    # "Lazy loading: loading lazily" says nothing; "Subnets: public subnet and private
    # subnet" names its kinds, not what it is
    kinds = [p.split() for p in re.split(r",\s*|\s+(?:and|or)\s+", normalise(clause)) if p.strip()]
    head = _stem(normalise(term).split()[-1]) if normalise(term) else ""
    if len(kinds) > 1 and all(len(k) <= 3 and _stem(k[-1]) == head for k in kinds):
        return False  # the whole meaning is a list of the term's kinds
    names = re.sub(r"\s*\([^()]*\)", "", plain(said)).strip()  # "weighted (% split)" names "weighted"
    listed = [p for p in re.split(r"\s+[|/]\s+|\s*,\s*", names) if p.strip()]
    last = normalise(term).split()[-1] if normalise(term) else ""
    if _stem(last) != last and len(listed) >= 3 and all(len(p.split()) <= 3 for p in listed):
        return False  # "Routing policies: simple | weighted | latency | ...": names, no meaning
    return sum(_stem(w) in own for w in words) * 2 < len(words)


# a meaning that opens with a limit, a count or a "not": what applies to the thing, not what it is
_LIMIT_FIRST = re.compile(
    r"\W*(?:\d|/\d|one per\b|per[- ]AZ\b|only\b|not\b|nobody\b|nothing\b|never\b|"
    r"(?:by )?default\s+\d|(?:up to|max(?:imum)?\.?|min(?:imum)?\.?|m[áa]x\.?)\s+~?\d|"
    r"(?:hasta|até|bis|jusqu'?à|fino a|tot)\s+~?\d|"  # "up to" in other languages
    # a figure written out: "thirty seconds default, twelve hours max"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|"
    r"ninety|hundred)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|percent|[KMGT]i?B)\b)",
    re.I,
)
_LIMITS = frozenset("max min def default up to approx ca about timeout limit".split())


def _cheat_line(meaning: str) -> bool:
    """Whether a meaning is a cheat line of three or more notes set apart by semicolons
    whose first is no meaning: a figure ("LSI max. 5; GSI max. 20; ..."), a few names
    side by side ("CRR / SRR; versioning req. on both; async"), or a word alone."""
    pieces = [p.strip() for p in re.split(r"\s*;\s+|\s+·\s+", meaning) if p.strip()]
    if len(pieces) < 3:
        return False
    first = re.sub(r"\([^()]*\)", "", pieces[0]).strip()
    names = [p for p in re.split(r"\s*/\s*|\s*,\s*", first) if p]
    # the words that say something, not units or limits: "LSI max. 5" has one, "full
    # prod in 2 regions" four
    said = [w for w in re.findall(r"[A-Za-z][\w.&-]*", first) if w.casefold().strip(".") not in _MEASURES | _LIMITS]
    return (
        re.search(r"(?<![\w.])\d", first) is not None
        and len(said) < 4
        or len(first.split()) < 2
        or len(names) > 1
        and all(len(p.split()) <= 2 for p in names)
    )


# a host name or address written as a pattern, alone: "xxx.region.elb.amazonaws.com"
_NAME_PATTERN = re.compile(r"[\w*<>{}-]+(?:\.[\w*<>{}-]+){2,}/?")


_GENERIC_HEADS = frozenset("ability act process practice way state quality fact capacity means".split())


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


LONG_ANSWER = 40
_CONDITION = re.compile(r"(?:if|when|whenever|while|this|these|it|they|you|we)\b", re.I)


def _family(section: Section, block: Block, numbered: bool = False, quoted: bool = False) -> str | None:
    """The family a list item names a member of, from its lead-in or its heading:
    "Routing policy can be routed by policy such as :" under "Route 53" gives
    "Route 53 routing policy" (`numbered`: see _with_subject). A quote or callout the
    list follows is no lead-in, though earlier versions took it for one (`quoted`)."""
    if block.kind != "item":
        return None
    # a list introduced by its own lead-in ("Metrics to scale on") is not a family
    # just because its heading names one
    lead = block.lead if quoted or not block.lead_quoted else ""
    text = plain(lead or section.title)
    if lead and re.search(r"\w\s*/\s*\w+\s*/\s*\w", text):
        return None  # "users / groups / roles / policies": a list of things, not one family
    phrase = _family_phrase(text)
    if not phrase:
        return None
    owner = _OWNER.match(text)  # "Kubernetes has four service types:"
    if owner and normalise(owner.group(1)) not in normalise(phrase):
        return f"{owner.group(1)} {phrase[0].lower() + phrase[1:]}"
    return _with_subject(phrase, section, numbered)


def _as_said(found: Definition, section: Section, phrase: str | None) -> Definition:
    """A definition whose family is now named without a course's numbering, keyed by
    the family as it was named before, so that its card keeps its review history."""
    if not phrase or found.family is None:
        return found
    said = _with_subject(phrase, section, numbered=True)
    if found.family == _with_subject(phrase, section) and said != found.family:
        return replace(found, family_said=said)
    return found


@lru_cache(maxsize=4096)
def _family_phrase(text: str) -> str | None:
    text = without_pictographs(text)  # "## Route 53 routing policies 🧭"
    lowered = text.casefold()
    if not any(word in lowered for word in FAMILY_WORDS):
        return None  # the regular expression below is slow to say no
    m = _FAMILY.search(text)
    if not m:
        return None
    words = m.group(1).split()
    # "There are 2 types" -> "types"; "Route 53 routing policies" keeps its 53
    while words and (words[0].isdigit() or words[0].casefold() in _FILLER):
        words = words[1:]
    if not words:
        return None
    last = words[-1].casefold()
    words[-1] = _SINGULAR.get(last, last[:-1] if last.endswith("s") and not last.endswith("ss") else last)
    if len(words) == 1 and words[0] in ("type", "kind", "option", "mode", "level", "class") and not m.group(2):
        return None
    if m.group(2):  # "two kinds of scalability" -> "kind of scalability"
        words = [*words, "of", *m.group(2).split()]
    words = [w if w[1:].lower() != w[1:] or i == 0 and w.isupper() else w.lower() for i, w in enumerate(words)]
    return " ".join(words)


def _with_subject(phrase: str, section: Section, numbered: bool = False) -> str:
    """Put the heading's subject in front of a short family name: "Route 53 routing
    policy"; a course's numbering is no subject ("Lecture 9 - Route 53" gives "Route 53"),
    nor is the file's title ("SAA-C03 master outline"), unless `numbered` (the family as
    earlier versions named it, for its identity)."""
    if len(phrase.split()) > 2:
        return phrase[0].upper() + phrase[1:]
    for depth, title in reversed(list(enumerate(section.heading_path))):
        shown = without_pictographs(plain(title))
        if not numbered:
            if depth == 0 and DOCUMENT_TITLE.search(shown):
                break  # "SAA-C03 master outline" names the notes, not a subject
            shown = COURSE_NUMBER.sub("", shown, count=1)
        subject = re.split(r"\s[-–—:]\s|:", shown)[0].strip()
        own = _family_phrase(subject) if subject else None
        if own and len(own.split()) > len(phrase.split()) and normalise(own).endswith(normalise(phrase)):
            # "| Policy | ... |" under "### Routing policies": the heading says which
            # policy; its own subject is one heading further up
            phrase = own
            if len(phrase.split()) > 2:
                break
            continue
        if subject and len(subject.split()) <= 3 and normalise(subject) not in normalise(phrase) and own is None:
            return f"{subject} {phrase}"
        break
    return phrase[0].upper() + phrase[1:]


def _definition_rules(section: Section, statements: Sequence[Statement]) -> Iterator[Fact]:
    # acronyms first: "EBS (Elastic Block Store)" is an acronym before it is a term
    yield from extract_acronyms(section, statements)
    # "Write Through: for writting": a meaning that is the term's own word asks nothing
    yield from (f for f in extract_definitions(section, statements) if not _restates_term(f.data))


def _restates_term(d: Definition) -> bool:
    """Whether a meaning is one word that says again a word of its term, however
    spelled ("Write Through: for writting", "Replication: replicating")."""
    said = re.split(r"(?<=[.!?])\s+", plain(d.meaning).strip(), maxsplit=1)[0]  # a card shows its first sentence
    words = re.findall(r"[A-Za-z]+", re.sub(r"^\s*(?:for|used for|to)\s+", "", said, flags=re.I))
    if d.acronym or len(words) != 1 or len(words[0]) < _STEM:
        return False
    stem = words[0][:_STEM].casefold()
    return any(w[:_STEM].casefold() == stem for w in re.findall(r"[A-Za-z]+", d.term) if len(w) >= _STEM)


_STEM = 4  # letters two words share at their start to say the same thing ("writ" of write, writting)


def describe_definition(d: Definition) -> str:
    family = f"[{d.family}] " if d.family else ""
    sign = "stands for" if d.acronym else "="
    return f"{family}{d.term} {sign} {d.meaning}".replace("\n", " / ")


def combine_definitions(old: Definition, new: Definition) -> tuple[Definition, str | None]:
    if normalise(old.meaning) == normalise(new.meaning) or normalise(new.meaning) in normalise(old.meaning):
        return old, None
    if old.acronym:
        return old, f'"{old.term}" expanded as "{new.meaning}"'
    # the sheet shows every statement; the card asks for the first (defining_clause)
    return replace(old, meaning=f"{old.meaning}\n{new.meaning}"), None


def names_a_typed_fact(d: Definition, names: set[str], shown: set[tuple[str, str]]) -> bool:
    """Whether a definition (not an acronym's) is of a name a typed fact goes by, or an
    acronym's expansion is already on a typed fact's card."""
    if d.acronym:
        return (normalise(d.term), normalise(d.meaning)) in shown
    bare = re.sub(r"\s*\([^()]*\)", "", d.term)  # "st1 (HDD)" is st1
    return normalise(d.term) in names or normalise(bare) in names


def restates_typed(f: Fact, typed: list[Fact]) -> bool:
    """Whether a definition only repeats the typed facts of its line. An acronym only
    does when it is the line's record type and the record's card says what it stands
    for; nor does "**etcd** is the key store; it listens on port 2379" define etcd by
    its port; a question's line may still define a term."""
    d: Definition = f.data  # type: ignore[assignment]
    if d.acronym:
        # "NS : Name Servers for the hosted zone": the record's own card says it
        return any(
            isinstance(t.data, DnsRecord)
            and t.data.type.upper() == d.term.upper()
            and normalise(d.meaning) in normalise(t.data.meaning)
            for t in typed
        )
    if not typed or all(t.kind == "question" for t in typed):
        return False
    if all(isinstance(t.data, Port) for t in typed):
        return any(str(t.data.port) in d.meaning for t in typed)
    return True


def beside_typed(f: Fact, typed: list[Fact]) -> Fact | None:
    return None if restates_typed(f, typed) else f


KIND = Kind(
    name="definition",
    data_type=Definition,
    rules=(_definition_rules,),
    description="terms with their meaning, acronyms with what they stand for, members of families",
    describe=describe_definition,
    combine=combine_definitions,
    beside_typed=beside_typed,
)
