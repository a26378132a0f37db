"""Numbers to remember: limits, defaults and sizes stated in a sentence.

    Maximum 16 EC2 instances can attach to one volume.       a limit word before it
    the cooldown period (default 300 seconds)                 a unit after it
    storage grows in 10GB steps, up to 128 TB                 sizes, %, x, ms, days
    Restore takes 1-3 days. Replica lag is sub 10 ms.         ranges, "sub", "under"
    - Retention: 1,000 objects                                "Label: N things"

Each sentence is one fact; each number in it becomes a cloze. Numbers given only
as an illustration ("Ex: set min capacity to 10 at 5 P.M") are not limits, and
neither are names with digits (EC2, t2.micro, HTTP/2, IPv4), layers or ports.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from cheatdeck.extract.common import fact
from cheatdeck.extract.read import (
    MY_PICK,
    PRACTICE_NUMBER,
    SELF_TEST,
    Statement,
    arrow_lines,
    prose,
    said_by,
    unspoken,
    worked_example,
    written_line,
)
from cheatdeck.extract.registry import Kind
from cheatdeck.extract.table_numbers import extract_table_numbers
from cheatdeck.model import Fact, Number, Section
from cheatdeck.text import (
    ANSWERER_LABEL,
    ANSWERERS,
    ASKER_LABEL,
    ASKERS,
    BARE_TITLE,
    BLANK,
    FIGURE,
    FILLER_TAIL,
    HINT,
    INI_SECTION_LINE,
    KEY_LINE,
    LIST_ITEM,
    MNEMONIC,
    OPEN_WORDS,
    SPEAKER,
    TREE_BRANCH,
    cloze_numbers,
    is_apparatus,
    is_lab,
    is_step,
    normalise,
    number_key,
    parse_int,
    plain,
    sentences,
    taken_back,
    top_level_split,
    without_asides,
    without_diary_prefix,
    without_pictographs,
    without_sources,
)
from cheatdeck.vocab import (
    AREA_WORDS,
    ATTRIBUTE_WORDS,
    EBS_TYPE_PATTERN,
    EXAMPLE_MARKERS,
    FEATURE_WORDS,
    FOREIGN_TIME_UNITS,
    HEAP_WORDS,
    MULTIWORD_SERVICES,
    NOTE_LABEL_WORDS,
    RECALL_LABELS,
    SERVICE_WORDS,
    STOP_WORDS,
    TAG_META,
    names_a_cloud_service,
    names_a_heap,
    names_an_area,
)

# "3,500" in thousands; "99,99" and "1,25" with a decimal comma (two digits after it at
# most, or more than three, so never "3,500"; not in a list, "1,7,35"); "16.000" with a
# dot is read as written
_NUM = r"\d{1,3}(?:,\d{3})+(?!\d)|(?<!\d,)\d+,(?:\d{1,2}|\d{4,})(?![\d,])|\d+(?:\.\d+)?"
_UNIT = (
    # ("5 min .. 5 GB max": a minimum, paired with a maximum of sizes after it, not minutes)
    r"%|x\b|ms\b|µs\b|ns\b|milliseconds?\b|s\b|secs?\b|seconds?\b|minutes?\b|"
    r"mins?\b(?!\s*(?:\.\.+|–|-|to|/)\s*~?\d[\d.,]*\s*[KMGTP]i?B\b\s*max\b)|hours?\b|"
    r"hrs?\b|h\b|days?\b|weeks?\b|months?\b|years?\b|yrs?\b|[KMGTP]i?B(?:/s|ps)?\b|[kmgtKMGT]bps\b|"
    r"[KMGT]\b(?=\s+\w)|k\b|req(?:uest)?s?/s\b|rps\b|per cent\b|percent\b|IOPS\b|QPS\b|TPS\b|vCPUs?\b"
)
_NUMBER = re.compile(
    rf"(?<![\w.$/#=:-])(?<![\w.]-)(?<![$€£]\d,)(?<![$€£]\d\d,)({_NUM})(?:\s*(?:-|–|to)\s*({_NUM}))?(\s*(?:{_UNIT}))?(?![\w.]\w|\.\d)"
)
_CUE_BEFORE = re.compile(
    r"\b(?:max(?:imum)?|min(?:imum)?|up to|at most|at least|over|default|defaults to|limit(?:ed)?(?: to| of)?|"
    r"between|sub|under|less than|more than|fewer than|no more than|only|within|every|has|have|"
    r"around|about|approx(?:imately)?|than)\s*(?:is\s*|of\s*|:\s*|\(\s*)?$",
    re.I,
)
_CUE_ANYWHERE = re.compile(
    r"\b(?:can|cannot|can't|up to|max|maximum|minimum|limit|limited|only|at least|at most|"
    r"default|supports?|allows?|per|each|must|retain|retention|lasts?|takes?)\b",
    re.I,
)
_NOT_A_LIMIT = re.compile(
    r"^\s*(?:[a-z]+\s+)?(?:types?|kinds?|ways?|sorts?|options|categories|steps|parts|main|different)\b", re.I
)
_IDENTIFIER_BEFORE = re.compile(r"(?:\blayers?|\bports?|\bL|\bv|\bversion|\bstep|\bphase|#|\bno\.?)\s*$", re.I)
_CLOCK = re.compile(r"^\s*(?:[AP]\.?M\b\.?|o'clock|:\d\d)", re.I)
_OUTLINE = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]|\d+(?:\.\d+)+)\s+(?=\D)")  # "2.", "3)", "1.2", not "4 days"
_MAX_LENGTH = 180
_MAX_NUMBERS = 40
# "A: 256 KB" answers a question (earlier versions left these labels out too); "Tip:",
# "Definition:" only announce the sentence
_ANSWER_LABELS = "a|q|answer|note"
_ANSWER_LABEL = re.compile(rf"^\s*(?:(?:{_ANSWER_LABELS})\s*:|ans(?:wer)?\s*[.:])\s*", re.I)  # "Ans. 16,000"
_LABELS = (
    rf"{_ANSWER_LABELS}|definition|tip|fact|remember|important|key point|exam tip|pro tip|side ?notes?|nb|fyi"
    r"|speaker ?notes?|key terms?|reminder|lesson(?: learned)?|takeaway|gotcha|trap|heads[ -]up|watch out|careful"
    r"|caution|warning|explanation|reason|why|p\.?\s?s\.?|summary|recap|tl;?dr|attention(?:\s*\d+)?|attn|reality|truth|actually|right|correct"
    # a revision log's marks of what was recalled: "forgot: ...", "still confusing: ..."
    rf"|{'|'.join(re.escape(w) for w in RECALL_LABELS)}"
    rf"|{ANSWERERS}"
    r"|rule(?: of thumb)?|(?:the )?rule to remember|rule\s*(?:#|no\.?\s*)?\d+"
    r"|(?:exam |pro )?(?:tip|fact|trap|note|lesson)\s*(?:#|no\.?\s*)?\d+"  # "Tip #33:", "Fact 66:", a running number
)
# what a practice question taught: the one line of a quiz that states a fact
_LESSON = re.compile(r"^\s*(?:lessons?(?: learned)?|takeaways?|rule|remember|learned|key point)\s*[:=→]\s*", re.I)
# the answer a practice question's point gives: "Right: ...", "Correct answer: ..."
_PICKED = re.compile(r"^\s*(?:right|correct(?:\s+answer)?|solution)\s*[:=→]", re.I)
_LABEL = re.compile(
    rf"^\s*(?:(?:{_LABELS})\s*:|ans(?:wer)?\s*[.:]|\[\^?\d{{1,2}}\](?=\s)"  # "[2] 40 KB ...": a footnote's mark"
    # the note-taker talking to themselves: "Remember that ...", "Did you know that ...",
    # an exam checklist's "Know that ..."
    r"|(?:remember|note|keep in mind|don'?t forget|did you know|know|understand)(?: that)?(?=\s+\S+\s+\S)"
    r"(?!\s+(?:is|are|was)\b))\s*",
    re.I,
)


def extract_numbers(section: Section, statements: Sequence[Statement]) -> Iterator[Fact]:
    if any(is_apparatus(title) or is_lab(title) for title in section.heading_path):
        return  # a table of contents numbers pages; a lab numbers its steps
    # "Practice exam 2 - scenarios" sets up questions: only the lessons drawn from them state facts
    # (not a title's source: "Cram tables (after the course + practice tests)")
    # "Lessons learned from practice tests": what the tests taught, stated (a practice
    # exam's own section under it is still one)
    quiz = any(
        _QUIZ.search(without_sources(title, n == 0)) and not (n == 0 and _LESSONS.search(title))
        for n, title in enumerate(section.heading_path)
    )
    journal = any(_JOURNAL.search(title) for title in section.heading_path)
    exam = any(re.search(r"\bexam\b", title, re.I) for title in section.heading_path)
    if section.heading_path and is_step(section.heading_path[-1]):
        return  # "1.2 Create three virtual machines": the values of a lab's steps
    # "5. Archives read once a year, 12 h retrieval OK." over "   - Right: Deep Archive":
    # a practice question's stem, whose figures set up the question, and its answer
    stems = {st.parent for st in statements if st.kind == "item" and st.depth and _PICKED.match(st.text)}
    for st in prose(statements):
        if not _A_DIGIT.search(st.text) or quiz and not _LESSON.match(st.text) and not (journal and _lesson(st.text)):
            continue
        if st.kind == "item" and (st.text in stems or st.depth and st.parent in stems and _PICKED.match(st.text)):
            continue  # the question's card asks it
        if HINT.match(st.text) or MNEMONIC.match(st.text):
            continue  # "Hint: same max as the retention", "Trick: 22 — two snakes": a clue, not a fact
        if SELF_TEST.match(plain(st.text)):
            continue  # "Q max message size — A 256 KB": the prompt's own question card asks it
        if _SCENARIO_LABEL.match(plain(st.text)):
            continue  # "Scenario: a batch job runs 40 minutes ...": a question's setting, its figures no facts
        if worked_example(st):
            continue  # "worked:" over "- 100 GiB gp2 -> 3 x 100 = 300 IOPS": sums, not facts
        if section.level <= 1 and st.kind == "line" and SPEAKER.search(st.block.text):
            continue  # "Typed up while rewatching at 1.25x ... in my own words": a preface
        # an arrow outline's item ("- S3" / "  -> limits -> object -> max 5 TB" / ...): its
        # lines kept apart, each shown alone on its cards, the key that of the item read whole
        arrowed = arrow_lines(st)
        said = _lined(st) if st.kind == "definition" else _pointed(st) if st.parts else arrowed or st.text
        heads = _arrow_heads(section, st, arrowed) if arrowed else {}
        bare = _OUTLINE.sub("", _HINT_AFTER.sub("", said))  # "/16 to /28 Hint: 5 IPs ...": a clue wraps on
        text = _LABEL.sub("", bare)
        speaker = said_by(section, st.line)
        if speaker and text.startswith(f"{speaker}:") and not _LEANING.match(text[len(speaker) + 1 :]):
            # "Ana: Redshift is 5439" in a chat log: Ana's words (not "Ben: and bursts to
            # 3000", which goes on from the line before, read as it always was)
            text = text[len(speaker) + 1 :].lstrip()
        # a label only this version leaves out ("Tip:") stays in the fact's identity
        label = bare[: len(bare) - len(text)] if not _ANSWER_LABEL.match(bare) else ""
        opening = _opening(st)
        if opening:
            # "A NAT gateway, which:" over "- scales from 5 Gbps up to 100 Gbps":
            # the item ends the lead-in's sentence
            text = f"{opening} {text}"
        # "- Lambda" over "  - max timeout: 15 minutes": say whose timeout it is
        parent = st.parent.rstrip(" :") if st.kind == "item" and st.depth > 0 else ""
        fits = 0 < len(parent.split()) <= 5
        # "- S3 storage classes (min storage duration)", "- gp2 SSD": a parent with an
        # aside (what its figures measure) or a name's digit; earlier versions left it
        # out of the line's key, and so does this one
        short = re.sub(r"\s*\([^()]{1,40}\)", "", parent).strip()
        named_parent = parent if not (fits and not _NUMBER.search(parent)) and 0 < len(short.split()) <= 5 else ""
        titled_only = not re.search(r"[:=→]|\s[-–—]\s", short)  # a title, not "scope: regional or zonal"
        named_parent = named_parent if titled_only and len(named_parent.split()) <= 9 else ""
        named_parent = "" if _FIGURE_IN.search(named_parent) else named_parent
        parent = parent if fits and not _NUMBER.search(parent) else ""
        # "Storage classes (min duration):" over "  One Zone-IA: 30 days": the line is
        # one of the lead's; earlier versions keyed it without the lead
        over = _indented_under(section, st.line) if st.kind == "line" else ""
        titled = _titled_by_indent(section, st.line) if st.kind == "line" and not over else ""
        topic = _paragraph_subject(st) if st.kind == "line" else ""
        if st.kind == "line" and max(map(len, st.parts), default=len(text)) > _MAX_LENGTH:
            # "Auto Scaling (ASG) — min/desired/max; default cooldown 300 s; ...": a long
            # line that opens with a name is about it, whichever part a card shows (not
            # lines a thought each: "SQS delay: 0 (def)" names only its own line's thought)
            topic = _lead_label(text) or _long_line_name(text) or topic
        written = sentences(text)
        # "Set 4 Q11: nobody may delete the logs for 7 years. ... Multi-Attach: up to 16":
        # a logged practice question's first sentence is its scenario, its figures no facts;
        # what the entry goes on to say is what the question taught
        logged = _LOGGED_LABEL.match(plain(text)) and _LOGGED_ANSWER.search(plain(st.text))
        scenario = written[0][1] if written and logged else None
        if st.kind == "item" and len(written) > 1:
            topic = _item_subject(written[0][1])  # "- Kinesis Data Streams when ... Shard = 1 MB/s in"
        if st.kind == "definition" and st.block.term:
            # "Lambda" over ": Serverless. Up to 15 minutes ...": the term a definition list defines
            topic = re.sub(r"\s*\([^()]*\)$", "", _TERM_MARKS.sub("", plain(st.block.term)))
        if st.kind == "line":
            # "Me: how long does SQS keep messages?" over "Tutor: up to 14 days": the
            # answer's figures are about what was asked
            # (not a line that names its own: "EC2" / "Spot notice 2 min" / "Lambda timeout 15 min")
            title = _line_title(st)
            title = "" if title and _names_its_own(text, title) else title
            topic = _asked_before(section, st.line, bare) or title or topic
            topic = topic or _tagged(section, st.line)  # "Aurora keeps 6 copies. #aurora"
        # "**SQS** is a queue. Messages are kept 4 days ... **Lambda** runs ...": a
        # paragraph's sentence is about the bold name that opens it or an earlier one
        named = _sentence_subjects(st, [sentence for _offset, sentence in written], topic)
        pieces = [
            (p, about)
            for (_offset, sentence), about in zip(written, named, strict=True)
            for p in _clauses(sentence, st.kind == "item")
        ]
        if not topic and len(pieces) > 1 and len(st.parts) < 2:
            # "- KMS: symmetric by default ; deletion wait 7-30 days", "**Spread** — ...; max 7"
            # (not lines a thought each: "SQS delay: 0 (def)" / "long poll ≤ 20 s")
            topic = (
                _lead_label(pieces[0][0])
                or _bold_head(_OUTLINE.sub("", st.markdown))
                or (_first_name(pieces[0][0]) if st.kind == "item" else "")
            )
        if not topic and arrowed:
            topic = _arrow_head(arrowed.split("\n", 1)[0])  # "- S3" over its arrow lines: S3's
        if not topic and st.kind == "item" and st.depth > 0 and not parent:
            # "- io2 Block Express → max 256,000 IOPS, ..." over "  - durability 99.999%";
            # "- Route 53" over "  - health checks every 30 s" (a name whose figure keeps it
            # out of the line's key, said on the card all the same)
            topic = _parent_head(_undecorated(plain(st.parent))) or _numbered_name(plain(st.parent))
            # "20. Lambda functions can run for at most 15 minutes ..." over "   - /tmp is 512 MB
            # by default": a parent sentence that opens with a service's name is about it
            topic = topic or (_first_name(_OUTLINE.sub("", plain(st.parent))) if _A_DIGIT.search(st.parent) else "")
        if not topic and st.kind == "item" and st.depth == 0 and st.label:
            # "**gp3 (General Purpose SSD)**" over "- baseline 3,000 IOPS ...": gp3's points
            topic = _label_name(st.label)
        part = topic if topic.casefold() in FEATURE_WORDS else ""
        if (not topic or part) and st.kind == "item" and st.depth == 0 and st.lead:
            topic = _callout_title(section, st)  # "> [!note] SQS" over "> - retention 4 days": SQS's
            own = _lead_label(text) or _bold_head(st.markdown)
            # ("- FIFO: 300 msg/s" under "<summary>SQS</summary>" is SQS's: a part of a
            # service names no thing of its own)
            if not topic and (not own or own.casefold() in FEATURE_WORDS):
                # "<summary>SQS</summary>" over "- retention 4 days", "Rule 8: gp2 - IOPS tied
                # to size" over "- 3 IOPS per GiB": SQS's, gp2's points (not "- **Standard-IA**
                # – 99.9%", which names its own)
                topic = _toggle_title(st.lead) or _lead_name(unspoken(section, st.lead))
                # "20. Lambda functions can run for at most 15 minutes ..." over a list of its
                # own ("- /tmp is 512 MB by default"): the sentence's service
                # (not a point that opens with a name of its own: "4. CloudTrail event history = 90 days")
                one_sentence = "\n" not in st.lead.strip() and "|" not in st.lead and len(st.lead.split()) <= 40
                one_sentence = one_sentence and not re.match(r"\W*[A-Z]", text)
                topic = topic or (_first_name(plain(st.lead)) if one_sentence and _A_DIGIT.search(st.lead) else "")
            topic = topic or part  # (the line opens with its part: "FIFO: ..." under SQS says "(SQS)")
        if not topic and st.kind == "item" and len(st.parents) >= 2 and _PART_OF.match(plain(st.parents[-1])):
            # "- S3" / "  - limits" / "    - multipart above 100 MB": the points are S3's
            topic = _owner(plain(_undecorated(st.parents[-2])))
        if not topic and st.kind == "item" and len(st.parents) >= 2:
            # "- S3" / "  - classes" / "    - One Zone-IA" / "      - min 30 days": the
            # card says the parent; the names above it say whose ("S3 classes")
            topic = _ancestry(st.parents[:-1])
        if not topic and st.kind == "item" and st.depth == 0:
            topic = _bullet_owner(section, st.line)  # "• SQS" over "  ◦ Limits: msg 256 KB"
        if not topic and st.kind == "item" and len(st.parents) >= 2 and _A_DIGIT.search(st.parent):
            # "- Aurora" / "  - storage" / "    - 6 copies / 3 AZ" / "      - grows to 128 TiB":
            # a parent that states a figure is a fact of its own; the titles above it say whose
            topic = _titles_above(st.parents[:-1])
        if not topic and st.kind == "item" and len(st.parents) >= 3 and _A_DIGIT.search(st.parents[-2]):
            # "- EC2" / "  - reserved" / "    - 1 or 3 yr" / "      - standard" / "        - up to
            # 72%": the titles above the figure between say whose
            topic = _titles_above(st.parents[:-1])
        if not topic and st.kind != "line":
            topic = _tagged(section, st.line)  # "- up to 15 replicas #aurora #limits": Aurora's
        claims = taken_back(text)
        for n, (sentence, about) in enumerate(pieces):
            # a paragraph's sentences say their own (none where a sentence names several);
            # a list item's are the item's
            # (not a later part that names its own: "io1: 64,000 IOPS. io2 BE: 256,000 IOPS")
            about = (
                about
                if st.kind == "line"
                else about
                or ("" if n and (_names_its_own(sentence, topic) or _names_another(sentence, topic)) else topic)
            )
            if not about and section.heading_path:
                # "Flexible: min 90 days" under "## Glacier Flexible vs Deep Archive": the
                # part is about the side it names (or the side its line's lead names)
                heading = section.heading_path[-1]
                about = _side_named(heading, sentence) or (_side_named(heading, pieces[0][0]) if n else "")
            if is_step(sentence) or scenario is not None and sentence in scenario:
                continue  # "Start the lab and wait 1-2 minutes": an instruction
            at = text.find(sentence) if claims else -1
            if at >= 0 and any(s <= at and at + len(sentence.rstrip(" .;!")) <= e for s, e in claims):
                continue  # "thought Spot gives a 5 min warning. WRONG": a claim taken back
            context = parent or named_parent or over or titled
            found = _number_fact(
                _before_example(sentence),
                context,
                label if n == 0 and not opening else "",
                titled=not names_an_area(about or topic or _nearest_title(section.heading_path)),
                # a line keyed as written (a task's box, a self-test's blanks, a point read on)
                # keeps the clause as earlier versions cut it: its key is made from that
                own=not _keyed_as_written(section, st.line),
                journal=journal,
                exam=exam,
            )
            if claims and found:
                found = _without_claims(found)  # "thought it lasts 5 min ✗ → up to 15 min": 15
            if found and about:
                # the card says it where the sentence does not (not "kindly remember" after it)
                found = replace(found, subject=FILLER_TAIL.sub("", about) or about)
            if found and parent and (_NO_TOPIC.match(parent) or _OWN_STRUGGLE.search(parent)):
                # "- common" over "  - deregistration delay 0–3600 s": the label says no
                # whose; the card leaves it out, the fact keeps the key it always had
                said = f"{parent} — {found.said or found.text}"
                found = replace(found, said=said)
            elif found and parent and not _opens_with(found, parent):
                shown = FILLER_TAIL.sub("", parent)  # "Lambda limits kindly remember": "Lambda limits"
                if shown and shown != parent:
                    found = _headed(found, shown, said=f"{parent} — {found.said or found.text}")
                else:
                    found = _headed(found, parent, said=f"{parent} — {found.said}" if found.said else "")
            elif found and named_parent and not _opens_with(found, named_parent):
                found = _headed(found, named_parent, said=found.said or found.text)
            if found and titled and not _opens_with(found, titled):
                # a title with a figure in it ("gp2", "io1") is no part of the sentence's key
                # (see text.number_key), so the key holds it apart
                found = _headed(found, titled, within=titled if re.search(r"\d", titled) else "")
            if found and over and not _opens_with(found, over):
                found = _headed(found, over, said=found.said or found.text)
            if found and n == 0 and not found.said:
                found = _as_ticked(found, section, st.line)
            if found and not found.said:
                found = _as_drawn(found, section, st.line)
            if found and n == 0 and not found.said:
                found = _as_sectioned(found, section, st.line)
            if found and len(pieces) == 1 and not found.said:
                found = _as_filled(found, section, st.line)
            if found and n == len(pieces) - 1 and not found.said and st.line in section.joined:
                # "- hibernation limits: RAM < 150 GB" over "user data size: 16 KB" at the
                # margin: one point as earlier versions read it, whose key this one keeps
                found = replace(found, said=f"{found.text} {plain(section.joined[st.line])}")
            if found and heads:
                found = _under_heads(found, heads)
            if found:
                yield fact("number", found, section, st.line)


def _arrow_heads(section: Section, st: Statement, arrowed: str) -> dict[str, str]:
    """An arrow outline item's lines, each with the name the line it hangs from opens
    with ("- EBS" / "  -> gp2 -> 1 GiB-16 TiB" / "     -> max 16,000": "gp2" for the last),
    which its card puts before it (see `_under_heads`); `arrowed`, its lines (`arrow_lines`)."""
    out: dict[str, str] = {}
    above: list[tuple[int, str, bool]] = []  # (indent, head, a name alone) of the lines above
    for n, (line, said) in enumerate(zip(st.block.lines, arrowed.split("\n"), strict=True)):
        raw = section.source_lines[line.number - 1] if 0 < line.number <= len(section.source_lines) else ""
        indent = len(raw) - len(raw.lstrip())
        # "-> gp3" / "-> baseline 3,000 IOPS" at one indent: a line that is a name alone
        # heads the lines after it at its indent, as an indented one does
        alone = above[-1][1] if above and above[-1][0] == indent and above[-1][2] else ""
        while above and above[-1][0] >= indent:
            above.pop()
        head = alone or (above[-1][1] if above and n else "")
        if head and _ARROWED.match(said):
            out.setdefault(said.strip(), head)
        parts = [p for p in re.split(r"\s*(?:->|→|=>|⇒)\s*", said.strip()) if p]
        own = parts[0] if parts else ""
        named = bool(own) and not _NUMBER.search(own) and len(own.split()) <= 3
        above.append((indent, own if named else head, named and len(parts) == 1 and bool(re.search(r"[A-Z\d]", own))))
    return out


def _under_heads(found: Number, heads: dict[str, str]) -> Number:
    """The number's arrow lines each shown under its head ("-> max 16,000" reads "gp2 ->
    max 16,000"); the key stays that of the lines as written (`said`)."""
    text, out = found.text, []
    moves: list[tuple[int, int]] = []  # (position in text, characters put before it)
    at = 0
    for line in text.split("\n"):
        head = heads.get(line.strip())
        if head:
            moves.append((at, len(head) + 1))
            out.append(f"{head} {line}")
        else:
            out.append(line)
        at += len(line) + 1
    if not moves:
        return found

    def moved(span: tuple[int, int]) -> tuple[int, int]:
        shift = sum(k for pos, k in moves if pos <= span[0])
        return span[0] + shift, span[1] + shift

    return replace(
        found,
        text="\n".join(out),
        values=tuple(map(moved, found.values)),
        skipped=tuple(map(moved, found.skipped)),
        said=found.said or text,
    )


_ARROWED = re.compile(r"^(?:->|→|=>|⇒)\s")


def _arrow_head(first: str) -> str:
    """The name an arrow outline's first line gives ("S3", "gp3 -> 1 GiB to 16 TiB",
    "Databases -> RDS" gives none, an area); "" otherwise."""
    m = re.match(r"^\W{0,3}([A-Za-z][\w-]*(?:\s+[A-Z0-9][\w-]*){0,2})\s*(?:->|→|=>|:|$)", first.strip())
    if not m or names_an_area(m.group(1)):
        return ""
    word = m.group(1).split()[0]
    named = EBS_TYPE_PATTERN.fullmatch(m.group(1)) or names_a_cloud_service(word) and not _MEASURE.fullmatch(word)
    return m.group(1) if named else ""


def _lined(st: Statement) -> str:
    """A definition list's entry with its lines kept apart ("Lambda:" / "Serverless." /
    "timeout: 3 s default, max 15 min" / "memory: ..."): each line of its meaning a point
    the card shows alone, as a list's items are. The words, and so the key, are those
    of the entry read as one line; the term's own marks ("Lambda ***") are left out."""
    term = _TERM_MARKS.sub("", plain(st.block.term))
    lined = f"{term}:\n" + "\n".join(plain(line.text) for line in st.block.lines)
    return lined if normalise(lined) == normalise(st.text) else st.text


def _pointed(st: Statement) -> str:
    """Points indented under a bare title, joined as one statement as they always were
    (their key), with their lines kept apart for the card that shows one (see `_lined`)."""
    lined = "\n".join(st.parts)
    return lined if normalise(lined) == normalise(st.text) else st.text


# "Lambda ***", "Aurora !!": a term the note-taker marked as one to learn
_TERM_MARKS = re.compile(r"\s*[*!]+$")


def _opens_with(found: Number, head: str) -> bool:
    return normalise(found.text).startswith(normalise(head))


def _headed(found: Number, head: str, **identity: str) -> Number:
    """The number's sentence read under its head ("gp2 — max: 16,000 IOPS"), its values
    moved along; `identity`, the key fields that keep it what it was (said, within)."""
    shift = len(head) + 3
    values = tuple((a + shift, b + shift) for a, b in found.values)
    skipped = tuple((a + shift, b + shift) for a, b in found.skipped)
    return replace(found, text=f"{head} — {found.text}", values=values, skipped=skipped, **identity)


def _without_claims(found: Number) -> Number | None:
    """A sentence's figures less those of a claim it takes back ("thought a lock lasts
    5 min ✗ → ..."): no gap, their cloze numbers kept; None when no figure is left."""
    claims = taken_back(found.text)
    wrong = [(a, b) for a, b in found.values if any(s <= a and b <= e for s, e in claims)]
    if not wrong:
        return found
    kept = tuple(v for v in found.values if v not in wrong)
    return replace(found, values=kept, skipped=tuple(sorted((*found.skipped, *wrong)))) if kept else None


_TENS_OF = re.compile(r"(?<![\d,])1(?:0+|(?:,000)+)s$")  # "10s", "100s", "1,000s"; not "60s" (seconds)


def _as_filled(found: Number, section: Section, line: int) -> Number:
    """A self-test line ("gp3 max IOPS = ____ (16,000)"), now read with its blanks
    filled in (see parse._filled_blanks), keyed as earlier versions read it, blanks and
    all."""
    raw = written_line(section, line)
    if not raw or not BLANK.search(raw):
        return found
    written = plain(LIST_ITEM.sub("", raw, count=1)).strip()
    return replace(found, said=written) if written != found.text else found


def _tagged(section: Section, line: int) -> str:
    """What a line's tags say it is about ("#aurora #limits" -> "aurora"): the first
    tag that names a thing, not a kind of note ("#limits", "#wrong", "#todo") or an
    area ("#storage"); "" for a line without one."""
    for tag in section.tags.get(line, ()):
        # "#lambda/coldstart": Lambda's; "#exam-tip", "#to-review", "#saa-c03": a kind of note
        words = [w for w in re.split(r"[-_]", tag.split("/", 1)[0]) if w]
        if words and not any(w.casefold() in TAG_META for w in words) and not names_an_area(" ".join(words)):
            return " ".join(words)
    return ""


def _as_ticked(found: Number, section: Section, line: int) -> Number:
    """A point of a task list ("- [x] Know that a queue keeps ... 14 days"), now read
    without its box and its "Know that", keyed as earlier versions read it, box and all."""
    raw = written_line(section, line)
    m = _TICKED.match(raw)
    if not m:
        return found
    written = plain(raw[m.end() :]).strip()
    if written != found.text and normalise(written).endswith(normalise(found.text)):
        return replace(found, said=written)
    return found


def _as_drawn(found: Number, section: Section, line: int) -> Number:
    """A branch of a tree drawn with box lines ("│   ├── 5 IPs reserved per subnet"), now
    read as a point under the branch it hangs from, keyed as earlier versions read the
    line: on its own, box lines and all (which are no words of its key)."""
    raw = written_line(section, line)
    if not raw or not TREE_BRANCH.match(raw):
        return found
    written = plain(raw).strip()
    return replace(found, said=written) if number_key(written) != number_key(found.text) else found


def _as_sectioned(found: Number, section: Section, line: int) -> Number:
    """The first line of a settings file's section ("retention.default = 4 days" under
    "[sqs]", now its heading), keyed as earlier versions read it, the header its first
    words."""
    raw = written_line(section, line)
    if not INI_SECTION_LINE.match(raw) or not normalise(raw).endswith(normalise(found.text)):
        return found  # (not "[^1]: ...", a footnote as written)
    return replace(found, said=plain(raw).strip())


# a task list's point as written: "- [x] ", "1. [ ] "
_TICKED = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?=\[[ xX]\]\s)")


def _indented_under(section: Section, line: int) -> str:
    """The short lead ending in ":" that an indented line of a paragraph sits under
    ("Storage classes (min duration):" over "  Standard-IA: 30 days"), without its
    colon; "" when the line is not indented under one."""
    written = _line(section, line)
    if written.lstrip()[:1] in "-*+>|":
        return ""
    lead = plain(_over(section, line))
    # "classes:   # min storage duration": a settings file's key, what its values measure
    # said in its comment
    lead, _, comment = lead.partition(" # ")
    lead = lead.rstrip()
    if comment and re.search(r"\d", lead):
        # "io1:   # provisioned" over "  max: 64,000 IOPS": a name with a figure, whose
        # lines earlier versions read on their own; they still do
        return ""
    short = lead.endswith(":") and 0 < len(lead.split()) <= _LEAD_WORDS and not _NUMBER.search(lead)
    aside = f" ({comment.strip()})" if comment.strip() and len(comment.split()) <= _LEAD_WORDS else ""
    return lead.rstrip(" :") + aside if short else ""


_TEXT_BULLET = re.compile(r"^[•◦▪▫‣⁃]\s+")  # a bullet typed as a character, not Markdown's


def _asked_before(section: Section, line: int, said: str) -> str:
    """The question a dialogue's answer line answers: "Tutor: up to 14 days" under "Me:
    how long does SQS keep messages?" is about "how long does SQS keep messages?"."""
    if line < 2 or not ANSWERER_LABEL.match(said):
        return ""
    asked = ASKER_LABEL.match(_line(section, line - 1).strip())
    question = plain(_line(section, line - 1).strip()[asked.end() :]).strip() if asked else ""
    return question if 0 < len(question.split()) <= 12 else ""


def _bullet_owner(section: Section, line: int) -> str:
    """The name a point typed with a bullet character is indented under ("• SQS" over
    "  ◦ Limits: msg 256 KB, ..."): such points are all read at the top of their list,
    so the card says whose they are; "" for any other line."""
    if not _TEXT_BULLET.match(_line(section, line).lstrip()):
        return ""
    above = _over(section, line)
    m = _TEXT_BULLET.match(above)
    name = plain(above[m.end() :]) if m else ""
    named = 0 < len(name.split()) <= 4 and not _NUMBER.search(name) and not re.search(r"[:=→—]", name)
    return name if named else ""


def _titled_by_indent(section: Section, line: int) -> str:
    """The title a "key: value" line is indented under, in notes outlined by
    indentation alone ("  gp2" over "    max: 16,000 IOPS"); part of what the line
    says, since "max: 16,000 IOPS" and "max: 64,000 IOPS" are two facts."""
    if not KEY_LINE.match(_line(section, line).strip()):
        return ""
    title = _over(section, line)
    return title if BARE_TITLE.fullmatch(title) else ""


def _line(section: Section, line: int) -> str:
    lines = section.source_lines
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _over(section: Section, line: int) -> str:
    """The nearest line above an indented line of a paragraph that is indented less,
    stripped; "" for a line not indented, or none such in its paragraph."""
    written = _line(section, line)
    indent = len(written) - len(written.lstrip())
    if not indent:
        return ""
    for k in range(line - 2, max(-1, line - 2 - _MAX_LEAD_DISTANCE), -1):
        above = section.source_lines[k]
        if not above.strip():
            return ""
        if len(above) - len(above.lstrip()) < indent:
            return above.strip()
    return ""


# "11 9s", "11 nines": not "11 nines (99.999999999%)", whose figures were gaps of their own
_NINES = re.compile(r"(?<![\w.,])(\d{1,2})\s*(?:9'?s|nines)\b(?!\s*\()", re.I)
_SPELLED_NINES = re.compile(r"\b99\.(9+)")  # "99.999999999%": as many nines as its count
_NINES_SPELLED_AFTER = re.compile(r"(?<![\w.,])\d{1,2}\s*(?:9'?s|nines)\s*\(\s*~?99[.,]9+\s*%\s*\)", re.I)


def _spelled_counts(sentence: str) -> set[str]:
    """The counts of nines the sentence spells out as figures ("99.99%" -> {"4"})."""
    return {str(2 + len(m.group(1))) for m in _SPELLED_NINES.finditer(sentence)}


_HINT_AFTER = re.compile(r"\s+(?:\*\*|__)?(?:Hint|HINT)s?(?:\*\*|__)?\s*:.*$")  # not "the exam hint: ..."
_MAX_LEAD_DISTANCE = 30
_LEAD_WORDS = 6


# a parent item that names no topic, only a heap: "common", "misc", "other"
_NO_TOPIC = re.compile(
    r"^(?:common|misc\.?|miscellaneous|general|others?|notes?|basics|stuff|random|various|extras?)$", re.I
)


# a parent over what the note-taker gets wrong: "Questions I keep getting wrong", "things I mix up"
_OWN_STRUGGLE = re.compile(
    r"^\W*(?:(?:the\s+)?(?:questions?|qs|things|stuff|facts|numbers|points|mistakes|errors|traps|gotchas)|what)\b"
    r".*\b(?:I|I'm|I've|me|my)\b.*\b(?:wrong|forget\w*|mix\w*\s+up|confus\w*|unsure|not sure)\b",
    re.I,
)


def _clauses(sentence: str, shorthand: bool) -> list[str]:
    """A list item's clauses: "PITR = last 35 days; TTL = free expiry" is two facts, each
    a card of its own. Prose keeps its semicolons ("up to 15 replicas; Oracle 5" leans on
    the clause before)."""
    if not shorthand or "; " not in sentence:
        return [sentence]
    parts = top_level_split(sentence, "; ")  # "[from 100 MB; max 10,000 parts]" is one aside
    if len(parts) == 1:
        return [sentence]
    alone = all(len(p.split()) >= 2 for p in parts) and not any(_GOES_ON.match(p) for p in parts[1:])
    if alone and taken_back(parts[0]):
        return [sentence]  # "I thought it kept 7 days; it keeps 24 hours": the claim says what the rest is about
    return parts if alone else [sentence]


# a clause that goes on from the one before: "...; after 14 days it is deleted"
_GOES_ON = re.compile(
    r"(?:or|and|but|so|also|then|this|that|these|those|it|its|they|them|after|before|when|while|until|"
    r"if|because|which|otherwise|else)\b",
    re.I,
)


# an item that starts with a verb of its own sentence's subject: "is managed by AWS"
_CONTINUES_LEAD = re.compile(
    r"^(?:is|are|was|were|has|have|had|can|cannot|can't|will|won't|must|may|should|does|doesn't|do|don't)\b"
)
_OPENING_WORDS = 15


def _opening(st: Statement) -> str:
    """The start of the sentence a list item finishes: the last sentence of its lead-in
    when that ends in ":" and the item goes on in lower case; "" otherwise."""
    if st.kind != "item" or st.depth or not st.lead.endswith(":") or not _CONTINUES_LEAD.match(st.text):
        return ""
    found = sentences(st.lead)
    last = found[-1][1].rstrip(" :") if found else ""
    return last if 2 <= len(last.split()) <= _OPENING_WORDS and not _NUMBER.search(last) else ""


# "Amazon SQS is ...", "The NAT Gateway lets ...": a name, then a verb that says what it is
_SUBJECT = re.compile(
    r"^(?:The\s+|An?\s+)?(?!(?:There|It|This|That|These|Those|They|We|You|He|She|I)\b)"
    r"((?:Amazon\s+|AWS\s+)?[A-Z][\w.-]*(?:\s+(?:[A-Z0-9][\w.-]*|[a-z]?[A-Z][\w-]*)){0,3})\s+"
    r"(?:is|are|was|has|have|can|lets|allows|provides|stores|keeps|gives|supports|runs|offers|works|acts)\b"
)


def _paragraph_subject(st: Statement) -> str:
    """What a paragraph is about, from its first sentence, when that starts by naming it
    ("SQS is a queue. ...") or is that name alone ("2024-03-14 — Aurora. Storage = ...",
    a study log's entry)."""
    if not st.block.lines or st.block.kind != "paragraph":
        return ""
    first = without_diary_prefix(plain(st.block.lines[0].text))
    m = (_TITLE_SENTENCE.match(first) if not _LABEL.match(first) else None) or _SUBJECT.match(first)
    if not m and _LED_IN.match(first):
        m = _SUBJECT.match(first[_LED_IN.match(first).end() :])  # type: ignore[union-attr]  # "For decoupling: SQS is a queue"
    keyed = sum(1 for line in st.block.lines if _EQUALS_NAME.match(plain(line.text)))
    if not m and keyed == 1:
        # "SQS = pull, decoupling. ..." over "Key facts: ...": the name it sets equal to
        # what it is (not in lines of "X = ..." each, which name their own)
        m = _EQUALS_NAME.match(first)
        m = m if m and _LEAD_NAME_SHAPE.match(m.group(1)) else None
    if not m and first.endswith(":") and len(st.block.lines) > 1:
        # "Lambda numbers you'll get asked:" over the paragraph's lines: the name it opens with
        m = _LEAD_NAME.match(first + " ")
        m = m if m and _LEAD_NAME_SHAPE.match(m.group(1)) else None
    if not m and len(st.block.lines) > 2 and _first_name(f"{first.strip(' *_:')}: ") == first.strip(" *_:"):
        # "AURORA" over "replicas = up to 15" / "copies = 6 across 3 AZ": a name on a line
        # of its own titles the lines under it
        name = first.strip(" *_:")
        return name.capitalize() if name.isupper() and len(name) > 4 else name
    return m.group(1) if m and not _NOT_A_TITLE.match(m.group(1)) else ""


def _line_title(st: Statement) -> str:
    """The name on a line of its own that the paragraph's lines under it belong to, the
    nearest above ("<b>SQS FIFO</b><br>" over "300 msg/s", "AURORA" over "replicas = up
    to 15", "Route 53" over "health checks every 30 s"); "" when none is."""
    for line in reversed(st.block.lines):
        if line.number > st.line:
            continue  # (a paragraph read whole, "Route 53" / "health checks every 30 s", is under its first line)
        said = without_asides(plain(_HTML_MARK.sub(" ", line.text))).strip(" *_:")
        words = said.split()
        if not 1 <= len(words) <= 4 or len(said) > 40 or re.search(r"[=:;,.!?→—–]|\s-\s", said):
            continue
        if words[0].casefold() in STOP_WORDS or words[0].casefold() in NOTE_LABEL_WORDS or _TWO_THINGS.search(said):
            return ""  # "THE LAMBDA PART", "MY NOTES", "EC2 + EBS": words, not a name
        said = re.sub(r"^(?:Amazon|AWS)\s+(?=\S)", "", said)  # "Amazon S3": S3
        words = said.split()
        if (
            _numbered_name(said)
            or EBS_TYPE_PATTERN.fullmatch(said)
            or _first_name(f"{said}: ") == said
            or _A_DIGIT.search(said) is None
            and names_a_cloud_service(words[0])
            and not _MEASURE.fullmatch(words[0])
            # "Transit Gateway", "Route 53 Resolver", "S3 Glacier", "Aurora Serverless v2":
            # capitalised words, or a name's digit, and no figure with its unit
            or all(_NAME_WORD.fullmatch(w) for w in words)
            and len(words) > 1
            and not _MEASURED.search(said)
        ):
            return said.capitalize() if said.isupper() and len(words) == 1 and len(said) > 4 else said
        if _A_DIGIT.search(said) is None:
            return ""  # "<b>Throughput</b>": a title that names nothing, over the lines under it
    return ""


_NAME_WORD = re.compile(r"[A-Z][\w-]*|[A-Za-z]+\d[\w-]*|\d{1,4}")
_MEASURED = re.compile(rf"\d\s*(?:{_UNIT})")  # "Glacier 90 days": a figure, no title


_HTML_MARK = re.compile(r"<[^<>]*>|&nbsp;|&#160;")


_LED_IN = re.compile(r"^[A-Za-z][\w ,'-]{0,30}:\s+(?=[A-Z])")  # "For decoupling: ", "Messaging: "
_EQUALS_NAME = re.compile(r"^((?:Amazon\s+|AWS\s+)?[A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*){0,3})\s*=\s*(?=\S)")
# "Aurora. Storage = ...", "S3 basics. Buckets are ...": a name of a few words, a full
# stop, then the notes ("On-Demand: per-second billing" is a key and its value)
_TITLE_SENTENCE = re.compile(
    r"^((?:Amazon\s+|AWS\s+)?[A-Z0-9][\w@/+-]+(?:\s+[\w@/+-]+){0,2})(?:\s*\([^()]{1,40}\))?\.\s+(?=\S)"
)
_NOT_A_TITLE = re.compile(
    r"(?:notes?|tips?|summary|today|yes|no|ok|okay|done|update|recap|also|then|so|correct|right|wrong|answer"
    r"|explanation|why|result|example|hint|question|ans|q|a)\b",
    re.I,
)


def _sentence_subjects(st: Statement, written: list[str], topic: str) -> list[str]:
    """What each sentence of a paragraph is about: the name set in bold that opens it, or
    that opens the last such sentence before it ("**SQS** is a queue. Messages are kept
    4 days." / "**Lambda** runs ..."); the paragraph's subject until one does. A list
    item's sentences keep the item's."""
    if st.kind != "line":
        return [""] * len(written)
    found = re.findall(r"\*\*([^*]{1,60})\*\*|__([^_]{1,60})__", st.markdown)
    bold = [plain(term) for pair in found for term in pair if term]
    about, out = topic, []
    for sentence in written:
        # a figure set in bold ("**256 KB**") is what the sentence says, not whom about
        names = [
            b for b in bold if _NAME.match(b) and not b[:1].isdigit() and b in sentence and not _BOLD_LABEL.match(b)
        ]
        opening = next((b for b in names if sentence.lstrip().startswith(b)), "")
        if opening and _SEVERAL_NAMES.match(sentence.lstrip()[len(opening) :]):
            about = ""  # "**io1** and **io2** are ...": about both
        elif opening:
            about = re.sub(r"\s*\([^()]*\)$", "", opening)  # "KMS (Key Management Service)" is about KMS
        elif names:
            about = ""  # "The HDD types are **st1** (...) and **sc1**": about the names it sets in bold
        led = _LEAD_NAME.match(sentence.lstrip()) if not names else None
        if led and "\n" in sentence and sentence.lstrip().split("\n", 1)[0].strip() != led.group().strip():
            led = None  # "SQS delay: 0 (def)" / "long poll ≤ 20 s": lines a thought each, the name only the first's
        if led and _LEAD_NAME_SHAPE.match(led.group(1)) and not _NOT_A_TITLE.match(led.group(1)):
            # "SQS standard queue: at-least-once ... Retention defaults to 4 days.": the
            # name that leads a sentence with a colon is what the sentences after it are about
            about = led.group(1)
        elif not names and not led and "\n" not in sentence.strip():
            # "Limit: Kinesis shard 1 MB/s in. Retention 24 h ...", "SQS retention 4 days.
            # Visibility 30 s.": the name a sentence opens with, after a label of the notes',
            # is what the sentences after it are about (not a part of the one before it:
            # "PITR keeps 35 days. Streams keep 24 hours." under DynamoDB)
            said = re.sub(r"^\s*[A-Za-z]+:\s+", "", sentence.lstrip())
            name = _first_name(said)
            if name and not (about and name.casefold() in FEATURE_WORDS and about.casefold() not in FEATURE_WORDS):
                # (a sentence that names two services says whose it is not: "SQS triggers
                # Lambda in batches of 10. Timeout up to 15 min")
                about = "" if _names_another(said[len(name) :], name) else name
            elif not name and _names_its_own(said, about) or about and _names_another(said, about):
                # "gp2 = 3 IOPS per GiB", "The older gp2 ties ..." after gp3's sentence: not gp3's
                about = ""
        named = _NAMED_SUBJECT.match(sentence.lstrip())
        # "gp2 is the older SSD, ...: 3 IOPS per GiB, a floor of 100 IOPS, ...": about gp2,
        # whichever of its clauses a card shows
        if named and not opening:
            out.append(named.group(1))
        elif not opening and _OWN_SUBJECT.match(sentence.lstrip()):
            # "Spot Instances are like ...": a sentence that names its own subject (none
            # where it names several: "Reserved Instances and Savings Plans are ...")
            own = _OWN_SUBJECT.match(sentence.lstrip()).group(1)  # type: ignore[union-attr]
            out.append("" if re.search(r"\s(?:and|or|&)\s", own) else own)
        else:
            out.append(about)
    return out


# a label in bold over a sentence's figures, no name: "**Key facts:**", "**Numbers:**"
_BOLD_LABEL = re.compile(
    r"^(?:(?:key|quick|main|important|big|core|useful|handy|exam|my|the)\s+)?"
    r"(?:facts?|numbers?|figures?|limits?|defaults?|notes?|points?|takeaways?|tips?|summary|recap|stats?)\s*:?\s*$",
    re.I,
)


# a sentence led by a name and a colon: "SQS standard queue: ...", "API Gateway: ...",
# "Lambda limits I want to have cold: ..." (the name, up to three words or its capitals)
_LEAD_NAME = re.compile(
    r"^(?!(?:The|A|An|This|That|These|Those|It|Its|Each|Every|All|Some|Most|In|On|For|With|When|If|Default|Max"
    r"|Maximum|Min|Minimum|Total|Average|Typical|Usual|Also|But|So|And|Then|Today|Note|Tip|Why|How|What"
    r"|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Several|Many|Both|Mnemonic|Rule|Trap|Exam|Last|First|Next"
    r"|Remember|Important|Warning|Attention|Lesson|Reminder|Key|Limits?|Quotas?"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Yesterday|Tonight|Week|Day"
    rf"|(?i:{ASKERS}|{ANSWERERS}))\b)"
    r"((?:Amazon\s+|AWS\s+)?[A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*)*(?=[^:.!?]{0,60}:\s)(?:(?:\s+[a-z][\w-]*){1,2}(?=:))?)"
)


# a name, not a category ("Routing policies"): capitals or a digit in its first word, or
# capitalised words alone ("Lambda", "API Gateway")
_LEAD_NAME_SHAPE = re.compile(r"^(?:\S*[A-Z0-9]\S*[A-Z0-9]|[A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*)*$)")


# a sentence that opens with a name of its own, of two capitalised words or more ("Spot
# Instances are ...", "Reserved Instances and Savings Plans are ..."), not a common word
# that opens it ("Messages can be ...")
_OWN_SUBJECT = re.compile(
    r"^(?!(?:The|A|An|This|That|These|Those|It|Its|Each|Every|All|Some|Most|In|On|For|With|When|If|Default|Max"
    r"|Maximum|Min|Minimum|Total|Average|Typical|Usual)\b)"
    r"([A-Z][\w-]*(?:\s+(?:and|or|&)\s+[A-Z][\w-]*|\s+[A-Z0-9][\w-]*){1,5})\s+"
    r"(?:is|are|was|were|has|have|can|cannot|lets|allows|gives|keeps|stores|runs|supports|offers|provides)\b"
)


# a sentence that opens with a name ("gp2", "DynamoDB", "S3 Glacier") and says what it is or does
_NAMED_SUBJECT = re.compile(
    r"((?:[a-z]*[A-Z][a-z]*[A-Z][\w-]*|[A-Za-z]+\d[\w-]*)(?:\s+[A-Z0-9][\w-]*){0,2})\s+"
    r"(?:is|are|was|has|have|can|gives|keeps|stores|runs|supports|allows|lets|offers|provides|reaches|goes)\b"
)
_FIGURE_IN = re.compile(r"(?<![A-Za-z])\d")  # "Top 10", "Route 53"; not "S3", "gp2"
_SEVERAL_NAMES = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b)\s*[A-Za-z]*[A-Z0-9]")
# a name worth saying on a card: capitalised or with a digit ("SQS", "Multi-AZ", "gp3"),
# not a common word in bold ("**never**")
_NAME = re.compile(r"^(?:[A-Z]|\w*\d)")


# a list item that opens with a name of two or more words, or one that says what it is:
# "Kinesis Data Streams instead when ...", "SQS is ..."
_ITEM_SUBJECT = re.compile(r"^((?:Amazon\s+|AWS\s+)?[A-Z][\w.-]*(?:\s+[A-Z0-9][\w.-]*){1,3})\s+[a-z(]")


def _item_subject(first: str) -> str:
    """What a list item of several sentences is about, from its first sentence ("Thought
    SQS keeps ...": a mistakes diary's belief is about SQS; "gp3: 1 GiB - 16 TiB.", "ASG
    default cooldown 300 s.": a name it opens with, before its colon or its own words)."""
    first = _BELIEF_OPENING.sub("", first, count=1)
    m = _SUBJECT.match(first) or _ITEM_SUBJECT.match(first)
    if m:
        return m.group(1)
    return _first_name(first)


def _first_name(sentence: str) -> str:
    """The name of a service or a volume type a sentence opens with, before its colon or
    its own words ("gp3: 1 GiB - 16 TiB", "Lambda deployment zip 50 MB"); "" otherwise."""
    m = _NAME_FIRST.match(without_asides(sentence))  # "st1 (500 MiB/s) and sc1 ...": two
    return m.group(1) if m and names_a_cloud_service(m.group(1)) and not _MEASURE.fullmatch(m.group(1)) else ""


def _names_its_own(part: str, topic: str) -> bool:
    """Whether a later part of a list item opens with a name other than the item's
    ("io2 BE: 256,000 IOPS" in an item about io1), before a colon or as a volume type."""
    m = re.match(r"^\W{0,3}([A-Za-z][\w-]*)(\s+[A-Z][\w-]*)?", part)
    if not m:
        return False
    if re.match(r"(?:both|either|neither)\b", m.group(1), re.I):
        return True  # "st1: ... sc1: ... Both min 125 GiB": about the two
    first = m.group(1)
    # "GSI default 20" (after LSI's), "Aurora 6 copies", "Direct Connect 1 / 10 Gbps"; not
    # "Max 16,000 IOPS", "RAM < 150 GB", "PITR 35 days" in notes about DynamoDB
    topic_head = normalise(topic).split()[:1]
    part_of = first.casefold() in FEATURE_WORDS and bool(topic_head) and topic_head[0] not in FEATURE_WORDS
    named = names_a_cloud_service(first) and not _MEASURE.fullmatch(first) and not part_of
    two = f"{first}{m.group(2) or ''}"
    # two capitalised words: a service of their own ("Direct Connect"), or a sibling of a
    # thing named by several words ("Deep Archive" after "Glacier Flexible Retrieval",
    # "Partition PG" after "Spread PG"); not a part of a service named by one ("Global
    # Database" in notes about Aurora, "Encrypt API" in notes about KMS)
    sibling = bool(m.group(2)) and first[:1].isupper() and not _LEAD_NOT_A_NAME.match(first) and len(topic.split()) > 1
    whole = bool(m.group(2)) and (two.casefold() in MULTIWORD_SERVICES or sibling)
    named = named or whole
    own = (two if whole else first if named else "").strip(" *_")
    typed = EBS_TYPE_PATTERN.match(part.lstrip())
    own, topic = normalise(own or (typed.group(1) if typed else "")), normalise(topic)
    # (not the topic's own name, whole or in part: "Kinesis Data" in notes about Kinesis Data Streams)
    return bool(own) and not (own.startswith(topic) or topic.startswith(own))


def _names_another(sentence: str, about: str) -> bool:
    """Whether a sentence's first words name a volume type or a service other than the
    one the sentences before it are about ("The older gp2 ties ..." after gp3's)."""
    words = re.findall(r"[A-Za-z][\w-]*", sentence)[:5]
    named = [
        w
        for w in words
        if EBS_TYPE_PATTERN.fullmatch(w)
        or w.casefold() in SERVICE_WORDS
        or re.fullmatch(r"[A-Z]{2,5}\d?|[A-Z]+\d[A-Z]*|[a-z]+\d", w)
        and not _MEASURE.fullmatch(w)
        and not _SHOUTED.fullmatch(w)
        and w.casefold() not in FEATURE_WORDS
        and w.casefold() not in NOTE_LABEL_WORDS
    ]
    lead = " ".join(words).casefold()
    return any(not _mentions_name(about, w) for w in named) or any(
        service in lead and not _mentions_name(about, service) for service in MULTIWORD_SERVICES
    )


# a word in capitals for weight, no name: "14 days is the MAX", "NOT readable", "PUT"
_SHOUTED = re.compile(
    r"MAX|MIN|NOT|NO|ONLY|ALL|AND|OR|THE|YES|NEVER|ALWAYS|MUST|PER|EACH|DEFAULT|TOTAL|BOTH|NEW|OLD|FREE"
    r"|GET|PUT|POST|DELETE|HEAD|COPY|LIST|READ|WRITE|IN|OUT|ON|OFF|UP|DOWN|USD|EUR|GBP|JPY|INR|CAD|AUD"
)


def _mentions_name(name: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", name, re.I) is not None


# a capitalised word that opens a sentence, no name: "Max 16,000 IOPS", "Default 4 Days"
_LEAD_NOT_A_NAME = re.compile(
    r"(?:The|A|An|This|That|It|Max|Maximum|Min|Minimum|Default|Up|Only|Each|Every|All|Per|Both|No|Not"
    r"|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)$",
    re.I,
)


# a name a sentence opens with, then its colon or its own words: "gp3: ...", "Lambda deployment zip ..."
# (not one of two: "io1 vs io2", "SQS and SNS")
_NAME_FIRST = re.compile(r"^\W{0,3}([A-Za-z][\w-]*)\**(?::\s|\s+(?!(?:vs\.?|versus|and|or|nor|plus|with)\b)[a-z(])")
# what a figure measures, no name: "IOPS per GiB ...", "RCU = ..."
_MEASURE = re.compile(r"(?:[KMGTP]i?B(?:ps|/s)?|[kmgt]bps|IOPS|[QTR]PS|vCPUs?|AZs?|IPs?|TTL|SLA|CIDR)", re.I)


def _numbered_name(parent: str) -> str:
    """A parent item that is a name with a number of its own ("Route 53", "[[Route 53]]
    #networking", "Windows Server 2022"), not a part of the notes ("Week 3", "Lesson 13")."""
    said = re.sub(r"\s+#[\w/-]+", "", parent).strip(" :[]*_")
    m = re.fullmatch(r"((?:[A-Z][\w-]*\s+){1,3})\d{1,4}", said)
    if not m or not _A_DIGIT.search(said):
        return ""
    words = [w.casefold() for w in m.group(1).split()]
    return "" if any(w in NOTE_LABEL_WORDS or w in _PARTS_OF_NOTES for w in words) else said


_PARTS_OF_NOTES = frozenset(
    """part section lesson chapter module lecture unit step round set top page video session practice test domain
    scenario layer question exam task case level tier phase version""".split()
)


# a chat line's words that go on from the line before: "and ...", "was 10k, now 16,000"
_LEANING = re.compile(r"\s*(?:and|but|so|or|also|plus|then|was|were|yes|yeah|no|nope|ok|okay|right|same)\b", re.I)
_BELIEF_OPENING = re.compile(r"^\W*(?:I\s+)?(?:thought|believed|assumed)\s+(?:that\s+)?", re.I)
_A_DIGIT = re.compile(r"\d")  # one search, not a generator over every character


def _lead_label(first: str) -> str:
    """The name a line of clauses opens with, before its colon or dash ("KMS: symmetric
    AES-256 ; deletion wait 7-30 days", "Auto Scaling (ASG) — ..."): what its later
    clauses are about; "" when it opens with no name ("retention:", "Summary:")."""
    m = _LEAD_LABEL.match(first)
    if not m:
        return ""
    words = m.group(1).split()
    # a name: "KMS", "DynamoDB", "EBS snapshot", "Kinesis Data Streams"; not a word of
    # the notes' own ("Summary", "Durability") that heads its line's other clauses
    named = (
        any(sum(c.isupper() for c in w) >= 2 for w in words)
        or len(words) > 1
        and all(w[:1].isupper() for w in words)
        or len(words) == 1
        and names_a_cloud_service(words[0])  # "Lambda: ...; ..."
    )
    return m.group(1) if named else ""


def _long_line_name(text: str) -> str:
    """The name a long line of clauses opens with where no label says it: "Kinesis Data
    Streams default retention is ...; each shard ...", "Lambda limits I need to know:
    max timeout ...; memory ..."; "" otherwise."""
    m = _LONG_LINE_NAME.match(text)
    if m:
        return m.group(1)
    label = re.match(r"^([^:;.]{1,60}):\s", text)
    owner = _owner(label.group(1)) if label and len(label.group(1).split()) <= _LABEL_NAME_WORDS else ""
    rest = label.group(1)[len(owner) :] if owner and label else ""
    if owner.casefold() in NOTE_LABEL_WORDS:
        return ""  # "Key facts: ...", "Quick numbers: ...": the notes' label, no name
    return owner if owner and _PART_WORDS.match(rest.strip()) else ""


_LABEL_NAME_WORDS = 8
_LONG_LINE_NAME = re.compile(
    r"^(?!(?:A|An|The|All|When|If|In|On|For|This|That|These|Those|It|Its|Each|Every|Some|Most|You|We|I|My|Exam|Tip"
    r"|Note|Key|Big|Quick|Summary|Remember|Important|Default|Max|Maximum|Min|Minimum)\b)"
    r"((?:Amazon\s+|AWS\s+)?[A-Z][\w.-]*(?:\s+[A-Z0-9][\w.-]*){1,3})\s+[a-z(]"
)
_PART_WORDS = re.compile(r"(?:limits?|quotas?|numbers|figures|facts|basics|sizes|defaults)\b", re.I)
_LEAD_LABEL = re.compile(
    r"^((?:Amazon\s+|AWS\s+)?[A-Z][\w.+-]*(?:\s+[A-Za-z0-9][\w.+-]*){0,3})(?:\s+\([^()]{1,20}\))?(?::|\s[-–—]\s)\s*"
)


def _callout_title(section: Section, st: Statement) -> str:
    """The title of the callout a list sits in ("> [!note] SQS" over "> - retention 4
    days"), when it names a thing: a few words, a capital or a digit among them, none a
    word of the notes' own ("Exam trap", "Tip", "still unsure"); "" otherwise."""
    lead = plain(st.lead).strip()
    words = lead.split()
    if not 1 <= len(words) <= 3 or not re.search(r"[A-Z0-9]", lead) or SPEAKER.search(lead):
        return ""
    if any(w.casefold().strip(".,:&/") in _NOT_A_CALLOUT_NAME for w in words) or names_an_area(lead):
        return ""
    written = dict(section.written) if section.written else {}  # the lines as written, markers and all
    for n in range(st.line - 1, max(0, st.line - 40), -1):
        raw = written.get(n, "")
        if _CALLOUT_TITLE.match(raw):
            return lead if plain(_CALLOUT_TITLE.sub("", raw)).strip() == lead else ""
    return ""


_CALLOUT_TITLE = re.compile(r"^\s*>\s*\[![\w-]+\][+-]?\s*")


def _toggle_title(lead: str) -> str:
    """The thing the toggle a list sits in names, as exports write it in HTML ("<details>
    <summary>Lambda limits</summary>" over "- env vars 4 KB total" gives "Lambda"): a
    service's name, with what the title says it gives of it left out; not a title that
    names none ("Storage classes", "Answer", "Day 3") or asks."""
    m = _SUMMARY.search(lead)
    title = without_pictographs(plain(re.sub(r"<[^<>]*>", "", m.group(1)))) if m else ""
    words = without_asides(title).strip(" :").split()  # "S3 (continued)"
    while len(words) > 1 and words[-1].casefold() in _WHAT_OF_IT:
        words.pop()  # "Lambda limits", "S3 numbers": Lambda's, S3's, as other notes name them
    if not 1 <= len(words) <= 3 or "?" in title or not names_a_cloud_service(words[0]) or _TWO_THINGS.search(title):
        return ""
    return " ".join(words)


def _lead_name(lead: str) -> str:
    """The name the line that leads a list opens with, after a label of the notes' own
    ("Rule 8: gp2 - IOPS tied to size" -> "gp2", "Lambda, the serverless one:" ->
    "Lambda"): a service's or a volume type's name, not a word that starts a sentence
    ("Exam tips:", "Remember:")."""
    said = _LABEL.sub("", plain(lead).strip(), count=1)
    name = _owner(said)
    words = name.split()
    if not words or len(words) > 3 or not names_a_cloud_service(words[0]) or len(said.split()) > _LEAD_WORDS:
        return ""
    return "" if _TWO_THINGS.search(said) else name  # "Lambda behind API Gateway:": whose, it does not say


# a title or a lead of two things: "EFS vs FSx", "Lambda behind API Gateway", "SQS and SNS"
_TWO_THINGS = re.compile(r"\b(?:vs\.?|versus|behind|with|and|or|plus)\b|[&/+]", re.I)


_LEAD_WORDS = 12  # a longer line is a sentence of its own, not a list's title


# what a title says it gives of its thing: "Lambda limits", "EC2 pricing"
_WHAT_OF_IT = frozenset("limits limit quotas numbers figures pricing costs basics facts stuff notes defaults".split())


_SUMMARY = re.compile(r"<summary>(.*?)</summary>", re.I | re.S)
_NOT_A_CALLOUT_NAME = (
    ATTRIBUTE_WORDS | AREA_WORDS | HEAP_WORDS | TAG_META | frozenset("summary overview info warning caution".split())
)


def _label_name(label: str) -> str:
    """The name a label over a list gives its points ("gp3 (General Purpose SSD)" ->
    "gp3", "SQS FIFO:" -> "SQS FIFO"); "" for a word of the notes' own ("Features",
    "Node types", "Limits")."""
    name = _owner(plain(label).strip(" :"))
    if not name or _PART_OF.match(name) or _NO_TOPIC.match(name) or _LABEL.match(f"{name}:"):
        return ""  # "**IMPORTANT**", "NOTE": a label, not a name
    if _TWO_THINGS.search(without_asides(plain(label))):
        return ""  # "SNS + Kinesis:": whose, it does not say
    return name if any(c.isdigit() for c in name) or any(sum(c.isupper() for c in w) >= 2 for w in name.split()) else ""


def _side_named(heading: str, first: str) -> str:
    """The side of a compared pair ("Glacier Flexible vs Deep Archive") that a line's
    lead names ("Flexible: min 90 days"); "" when the heading compares nothing or the
    lead names no one side."""
    sides = [s.strip() for s in re.split(r"\s+(?:vs\.?|versus)\s+", plain(heading), flags=re.I)]
    m = re.match(r"^\s*([\w][\w .+/-]{0,30}?)\s*(?::|\s[-–—→]\s)", first)
    if len(sides) < 2 or not m:
        return ""
    lead = normalise(m.group(1))
    if not m.group(1)[:1].isupper() and not m.group(1)[:1].isdigit():
        return ""  # "instances: up to 20": a word the sides share, not a name
    # the words that tell a side apart end it: "Flexible" of "Glacier Flexible", not the
    # "S3" of "S3 Standard vs Standard-IA", which both are
    named = [s for s in sides if re.search(rf"(?<![\w-]){re.escape(lead)}(?![\w-])", normalise(s))]
    return named[0] if len(named) == 1 and normalise(named[0]).endswith(lead) else ""


def _owner(item: str) -> str:
    """The name an outline item opens with, which the points a level below it belong to:
    "S3", "Amazon RDS", "EBS (block storage)" -> "EBS"; "" for an item that opens with no
    name ("storage")."""
    m = _OWNER_NAME.match(item.strip(" *_"))
    return m.group(1) if m else ""


_OWNER_NAME = re.compile(
    r"((?:Amazon\s+|AWS\s+)?(?:[A-Z][\w.-]*|[a-z]+\d[\w-]*)(?:\s+(?:(?:and|&)\s+)?(?:[A-Z0-9][\w.-]*|[a-z]+\d[\w-]*)){0,3})"
    r"(?![\w.-])"
)
# an outline item that names a part of its parent, not a thing: "limits", "classes",
# "Storage classes", "routing policies"
_PART_OF = re.compile(
    r"^\s*(?:[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}|(?i:(?:storage\s+|instance\s+|volume\s+|routing\s+|pricing\s+)?"
    r"(?:limits?|quotas?|classes|types|tiers|options|policies|features|pricing|costs?|numbers|sizes?|basics|"
    r"performance|durability|retention|security|scaling|networking|storage)))\s*:?\s*$"
)


def _titles_above(parents: Sequence[str]) -> str:
    """The short titles an outline's point sits under, from the outermost down ("Aurora
    storage"), up to the first that states something (a figure, a colon, more than three
    words); the outermost alone when they run long; "" when the outermost states something."""
    titles: list[str] = []
    for item in parents:
        words = plain(item).strip(" :").split()
        states = _A_DIGIT.search(item) and not _owner(plain(item)) or re.search(r"[:=→]", item)
        if not words or len(words) > 3 or states:
            break
        titles.append(" ".join(words))
    said = " ".join(titles)
    return said if len(said.split()) <= 5 else titles[0] if titles else ""


def _ancestry(parents: Sequence[str]) -> str:
    """The nearest name among an outline's items above a point's parent, with the parts
    of it between ("S3" over "classes" -> "S3 classes"); "" when a long item or none
    with a name comes first."""
    between: list[str] = []
    for k, item in enumerate(reversed(parents)):
        item = _undecorated(item)  # "📨 SQS", "λ Lambda": the name, not its pictograph
        words = plain(item).strip(" :").split()
        if (
            not words
            or len(words) > 3
            or _A_DIGIT.search(item)
            and not _owner(plain(item))
            or re.search(r"[:=→]", item.rstrip().rstrip(":"))  # "**Route 53**:" over its parts is a title
        ):
            return ""
        name = _owner(plain(item).strip(" :"))
        # a name ("S3", "EC2", "Auto Scaling"), not a category word ("Compute", "Databases")
        named = name and (len(words) > 1 or _A_DIGIT.search(name) or sum(c.isupper() for c in name) >= 2)
        # an outline's outermost item, one capitalised word over parts ("Lambda" over "pkg")
        named = named or k == len(parents) - 1 and between and _TOP_NAME.fullmatch(name or "") is not None
        # "io1 (PIOPS)": a name with its aside is the name
        if named and name == without_asides(" ".join(words)).strip():
            said = " ".join([name, *reversed(between)])
            return said if len(said.split()) <= 5 else name
        if not _PART_OF.match(" ".join(words)):
            return ""
        between.append(" ".join(words))
    return ""


def _undecorated(item: str) -> str:
    """An outline item without the pictograph or sign it opens with ("📨 SQS", "λ Lambda")."""
    return _LEADING_SIGN.sub("", without_pictographs(item)) if item[:1] and not item[:1].isascii() else item


_LEADING_SIGN = re.compile(r"^\s*[^\x00-\x7f]\ufe0f?\s+(?=\S)")
# one capitalised word that names a thing, not an area of the syllabus or a heap of notes
_TOP_NAME = re.compile(
    r"(?!(?i:" + "|".join(sorted(AREA_WORDS | HEAP_WORDS)) + r")$)[A-Z][a-z]{2,14}(?<!ing)(?<!ion)(?<!ity)"
)


def _bold_head(markdown: str) -> str:
    """The term a line sets in bold before its dash or colon ("**Spread** — each on its
    own rack"): what the line is about."""
    m = re.match(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)([^*_]{1,40})(?:\*\*|__)\s*(?:—|–|-|:|→|=)\s", markdown)
    return m.group(1).strip() if m else ""


def _parent_head(parent: str) -> str:
    """The name a long parent item opens with, before its arrow, dash or colon ("io2
    Block Express → max 256,000 IOPS, ..."): what the points under it are about."""
    m = re.match(r"^\**([A-Za-z][\w.+/-]*(?:\s+[\w.+/-]+){0,3}?)\**\s*(?:→|->|=>|=|—|–|:)\s+\S", parent)
    if not m or not any(c.isupper() or c.isdigit() for c in m.group(1)):
        return ""  # "storage → ...": a word of the notes, not a name
    words = [w.casefold() for w in re.findall(r"[A-Za-z]+", m.group(1))]
    if any(w in TAG_META or w in NOTE_LABEL_WORDS for w in words) or names_an_area(m.group(1)):
        return ""  # "Hot tip — memorise these", "Week 3: review", "Storage — what it bills": no name
    return m.group(1)


def _before_example(sentence: str) -> str:
    """The part of a sentence before "Ex:", "for example", "e.g." and the like."""
    m = EXAMPLE_MARKERS.search(sentence)
    if not m:
        return sentence
    return sentence[: m.start()].rstrip(" ,(-–—:;")


# a lessons journal's frame around a fact: "I forgot that ...", "I mixed up ...", "I did not know ..."
_FRAME = re.compile(
    r"\bI\s+(?:forgot|mixed\s+up|confused|missed|(?:did\s+not|didn'?t)\s+(?:know|remember|realise|realize)|"
    r"keep\s+(?:forgetting|mixing\s+up)|(?:have\s+)?learn(?:ed|t))\b(?:\s+that\b)?",
    re.I,
)


def _lesson(text: str) -> bool:
    """Whether a journal's entry tells what the note-taker got wrong and what is right
    ("I thought ...; it is ...", "I forgot that ..."), not a practice question's scenario."""
    return _FRAME.search(text) is not None or bool(taken_back(text))


def _unframed(sentence: str, spans: list[tuple[int, int]]) -> str:
    """What the sentence says before its first figure that is no taken-back claim, less
    a lessons journal's frames: "I said the timeout is 5 minutes, which was the old
    limit; it is now 15" is the journal's fact, not the note-taker talking."""
    claims = taken_back(sentence)
    first = next((a for a, b in spans if not any(s <= a and b <= e for s, e in claims)), spans[0][0])
    before = sentence[:first]
    for s, e in reversed([c for c in claims if c[1] <= first]):
        before = before[:s] + before[e:]
    return _FRAME.sub(" ", before)


# who said it, before what they said: "Instructor said:", "the docs say:", "tutor mentioned:"
_SAID_BY = re.compile(r"\b(?:said|says|mentioned|told us|recommends?|stressed)\s*$", re.I)


def _keyed_as_written(section: Section, line: int) -> bool:
    """Whether the facts of a line take their key from the line as written (_as_ticked,
    _as_filled, a point read on at the margin)."""
    raw = written_line(section, line)
    return bool(raw and (_TICKED.match(raw) or BLANK.search(raw))) or line in section.joined


def _number_fact(
    sentence: str,
    context: str = "",
    label: str = "",
    titled: bool = False,
    own: bool = True,
    journal: bool = False,
    exam: bool = False,
) -> Number | None:
    """The number fact of a sentence; `label`, what was left out before it ("Tip: ");
    `titled`, whether a heading or a subject says what the sentence is about; `own`,
    whether a long sentence is cut to its figures' clause with that clause's subject;
    `journal`, whether a heading says the notes log lessons or mistakes (whose frames,
    "I forgot that ...", are no remark of the note-taker's); `exam`, whether a heading
    is about the exam (whose domain weights are no fact)."""
    sentence = sentence.strip()
    aside = re.match(r"^([^:]{1,80}):\s+(?=\S)", sentence)
    if aside and (SPEAKER.search(aside.group(1)) or _SAID_BY.search(aside.group(1))):
        label += sentence[: aside.end()]
        sentence = sentence[aside.end() :]  # "I keep mixing them up: the limit is 256 KB"
    if sentence.endswith("?") and re.match(r"\W*did you know\b", label, re.I):
        sentence = sentence.rstrip("?").rstrip()  # "Did you know ... up to 40 receipts?" tells it
    if len(sentence) < 6 or sentence.endswith("?") or _ASKED.search(sentence):
        return None  # "Largest single PUT? → 5 GB": a question and its answer, not a sentence
    spans: list[tuple[int, int]] = []
    cued = _CUE_ANYWHERE.search(sentence) is not None
    # a sentence is remembered by a few numbers; past the first ones it is a table or a
    # list written on one line, and weighing each of its numbers would only cost time
    for m in itertools.islice(_NUMBER.finditer(sentence), _MAX_NUMBERS):
        if _counts(sentence, m, cued):
            spans.append((m.start(), m.end()))
    # "11 9s durability": the count of nines is the figure, with its nines (where no
    # "99.999999999%" says it too, whose figures were gaps of their own)
    for m in _NINES.finditer(sentence) if "9s" in sentence or "nines" in sentence.casefold() else ():
        if _SPELLED_NINES.search(sentence) and m.group(1) in _spelled_counts(sentence):
            continue  # "99.999999999% (11 9s)": the figure is the gap
        if any(a < m.end() and b > m.start() for a, b in spans):  # a gap there already: "11 [...]s"
            spans = [(a, b) for a, b in spans if b <= m.start() or a >= m.end()] + [m.span()]
    spans.sort()
    if not spans:
        return None
    # the words a label left out still tell the figure ("Attention: 14 days max"), as they did
    words = re.findall(r"[A-Za-z]{2,}", f"{context} {label} {re.sub(_NUMBER, ' ', sentence)}")
    if len(words) < 3 - (titled and bool(words)):
        # "256 KB." alone says nothing to remember it by; "Retention 1 to 14 days" under a
        # heading says what the heading's thing keeps
        return None
    if not context and re.match(r"^\W*\d", label + sentence) and len(words) < 4:
        return None  # "4 days default, 14 max": whose? the subject is somewhere else
    if _EXAM_FORMAT.search(sentence) or (exam or _EXAM.search(sentence)) and _DOMAIN_WEIGHTS.search(sentence):
        return None  # "exam: 65 questions, 130 minutes, pass 720", its domains' weights: the test's, not AWS's
    # "Got 72% (practice test 3)", "Got 61% (40/65)"
    scored = _SCORE.search(sentence) and _MY_SCORE.search(sentence) or _GOT_SCORE.match(sentence)
    said_before = _unframed(sentence, spans) if journal else sentence[: spans[0][0]]
    if scored or _SCORE.search(_outside_asides(sentence, spans)) or SPEAKER.search(said_before):
        # "practice test #2: 58%", "I got 72% on ...": the note-taker, not AWS (an aside
        # with no figure of the card's, "(fixed after practice test 2)", says where from)
        return None
    if not context and _NO_SUBJECT.match(sentence):
        return None  # "can mount to 100s of instances": the sentence starts at its verb
    if not context and _LEANS_ON_BEFORE.match(sentence):
        return None  # "Or you can set it up in one AZ, 90% cheaper": what is, is said before
    if _CUT_OFF.search(sentence) or _LEANS_ON_IT.search(sentence[: spans[0][0]]):
        return None  # a sentence cut off ("... can wait 12 hours" is), or "when you create it"
    spans = _worked_out(sentence, spans)
    spans = _with_sums(sentence, with_equivalents(sentence, _every_occurrence(sentence, spans)))
    # "11 9s (99.999999999%)": the count and its figure are one answer, not "9s" (seconds)
    # (where two gaps are there, they keep their numbers: the second is hidden with the first)
    for m in _NINES_SPELLED_AFTER.finditer(sentence) if "9" in sentence else ():
        inside = [(a, b) for a, b in spans if m.start() <= a < m.end()]
        if len(inside) == 1:
            spans = sorted([span for span in spans if span not in inside] + [m.span()])
    shown = [span for span in spans if not _said_again(sentence, span, spans)]
    # "5 IPs (first 4 + last 1) ... 256 - 5": a sum that opens with no figure is hidden
    # with the total before it (deck), and goes with it
    spans = [
        span
        for i, span in enumerate(spans)
        if span in shown and not (i and spans[i - 1] not in shown and re.match(r"\(?\s*[^\W\d]", sentence[span[0] :]))
    ]
    if len(spans) > 1:
        # "1 primary region + up to 5 secondary": a bare one beside other figures is
        # the trivial part, as is a range's zero ("0 s – 12 h, default 30 s"); the
        # others are what is worth remembering
        spans = [(a, b) for a, b in spans if not _trivial(sentence, a, b)] or spans
    # "every [...] minute": a unit in the singular gives its one away, where the card
    # shows it (a one written twice is hidden with its unit: "1 day – 1 yr")
    if len(re.findall(r"(?<![\d.,])1(?![\d.,])", sentence)) == 1:
        spans = [(a, b) for a, b in spans if not _ONE_IN_SINGULAR.match(sentence[a:b])]
    if not spans:
        return None
    earlier = _trim(sentence.rstrip(" :;,"), spans)[0]  # the clause as earlier versions kept it: its identity
    text, spans = _trim(sentence.rstrip(" :;,"), spans, own=own)  # "... up to about 72% off;" goes on elsewhere
    if text.count("(") > text.count(")"):
        text += ")"  # a clause cut inside its brackets still closes them
    if earlier.count("(") > earlier.count(")"):
        earlier += ")"
    # figures that are no fact to recall, left out only now, once the sentence is cut as
    # earlier versions cut it (its identity) and counted where they stood, so that the
    # gaps after them keep their cloze numbers:
    # - "If the question mentions sending 10% of traffic to a new version, think
    #   weighted": the figures of a scenario set it up, the answer after it is the fact;
    # - "AWS keeps 5 IPs per subnet: network, router, DNS, reserved and broadcast": the
    #   list after it counts the answer out
    # - "waits 7-30 days (default 30)": a figure that ends a range the card shows
    # - "15 min = 900 seconds": a figure that says the one before it again
    # - "128 MB-10,240 MB": the "240 MB" of a figure read only from its comma on
    # - "0 bytes up to 5 TB": the zero a range opens with, nothing to learn
    # - "bumped to 1 MiB in 2025", "since Dec 2020": a year says when, not how much
    # - "10k buckets (was 100)", "used to be 100": a value no longer true
    # - "256 KB (1 MiB now?)", "maybe 25?": a value the note-taker doubts
    # - "100s of instances": "hundreds of", no figure to recall
    scenarios = [m.span() for m in _SCENARIO.finditer(text)] if _CONDITION_WORD.search(text) else []
    # "target tracking, misalnya CPU at 40%": "for example" in another language sets up
    # an example, no fact (the English markers cut the sentence before, as they always did)
    example = _EXAMPLE_ELSEWHERE.search(text)
    if example:
        # to the end of the bracket it is in ("(misalnya 512 MB for APIs), timeout 15 min"),
        # or of its clause ("por ejemplo for slow boots, max 7200 s")
        opened = text.count("(", 0, example.start()) > text.count(")", 0, example.start())
        close = text.find(")", example.end()) if opened else -1
        after = _EXAMPLE_ENDS.search(text, example.end()) if not opened else None
        end = close if close >= 0 else after.start() if after else len(text)
        scenarios.append((example.start(), end))
    # "5 TB / 10,000 parts = 500 MB", "99.99% x 99.5% = ~99.49%": each figure of a sum
    # shown whole is worked out from the others
    if "=" in text or "≈" in text:
        scenarios += [m.span() for m in _EQUATION.finditer(text)]
        # "256 - 5 = 251": a difference or a sum worked out in full
        scenarios += [m.span() for m in _ARITHMETIC.finditer(text) if _adds_up(m) and m.span() not in spans]
    skipped = [
        (a, b)
        for a, b in spans
        if any(s <= a and b <= e for s, e in scenarios)
        or _counted_out(text, a, b)
        or _VAGUE_AMOUNT.match(text[a:])
        and not _LIMIT_WORDS.search(text)
        or _ends_a_range(text, (a, b), spans)
        or _restated(text, (a, b), spans) is not None
        or _restates_shown(text, (a, b), spans)
        or a >= 2
        and _THOUSANDS_TAIL.match(text, a - 2) is not None
        or zero_opening(text, a, b)
        or _a_year(text, a, b)
        or _OUTDATED.search(text, max(0, a - 30), a) is not None
        or _OUTDATED_AFTER.match(text, b) is not None
        or _PUT_WRONG.match(text, b) is not None  # "max 5 min → nein, falsch! 15 min"
        or _footnote(text, a, b)
        or _doubted(text, a, b)
        or _TENS_OF.search(text, a, b) is not None
        and text.startswith(" of ", b)  # "100s of": "hundreds of"
        or _SAY_AFTER.match(text, b) is not None
        or _SAY_BEFORE.search(text, max(0, a - 12), a) is not None
    ]
    # a figure the sentence keeps as a gap elsewhere stays hidden here too
    shown = {text[a:b] for a, b in spans if (a, b) not in skipped}
    skipped = [(a, b) for a, b in skipped if text[a:b] not in shown]
    if len(skipped) == len(spans):
        return None
    kept = tuple(span for span in spans if span not in skipped)
    said = f"{label}{earlier}" if label or earlier != text else ""
    found = joined_thousands(Number(text, kept, said=said, skipped=tuple(skipped)))
    return found if found.values else None


# "3 500", "16 000", "10 240 MB": thousands set apart by a space (not "sc1 250", "io1 100",
# figures side by side "16 32 64 128", "0 800 123"; a first group of three before
# anything but "000" is two columns: "500 500MiB/s"; "gp2 16 000" is one)
_SPACED_THOUSANDS = re.compile(
    r"(?<![\w.,])(?<!(?<![A-Za-z])\d\s)(?!0)"
    r"(?:\d{1,2}(?:[ \u00a0\u202f]\d{3})*[ \u00a0\u202f]\d\d0|\d{3}(?:[ \u00a0\u202f]\d{3})*[ \u00a0\u202f]000)"
    r"(?![\d,]|\.\d|\s\d)"
)  # (a last group that ends in 0: "24 168 h" after "default/max:" is two figures)
# "default/max: 24 168 h", "min/max 1 365 days": two figures named before them
_PAIR_WORDS = "min|max|minimum|maximum|default|def|soft|hard|base|baseline|burst|std|standard|free|paid|low|high"
_PAIR_BEFORE = re.compile(rf"\b(?:{_PAIR_WORDS})\s*/\s*(?:{_PAIR_WORDS})\b[^\w\d]{{0,4}}(?:\w+[^\w\d]{{1,3}})?$", re.I)
_PORTS_BEFORE = re.compile(r"\b(?:ports?|open|opens|allow|listen\w*)\b[^\d]{0,12}$", re.I)  # "open 80 443"


def joined_thousands(found: Number) -> Number:
    """A figure written with spaces for thousands ("3 500 PUT/s") as one gap: earlier
    versions made a gap of each group ("[...] 500" asked 3). The gap of the figure's
    first group (or of a range that ends in it: "100 to 64 000") becomes the whole
    figure's, and each group after it stays in the numbering as a figure within that
    gap (`skipped`). Where the cloze numbers (text.cloze_numbers) of the gaps that stay
    would change, as where "2" of "2 000" shares its cloze with a later "2", the figure
    stays as earlier versions read it. The spaces of a joined figure become
    non-breaking: the sentence's identity (its words without digits) is the same."""
    text = found.text
    if not any(c.isdigit() for c in text) or not _SPACED_THOUSANDS.search(text):
        return found
    values, skipped = list(found.values), list(found.skipped)
    before = sorted(values + skipped)
    old, top = cloze_numbers(text, before, [span in values for span in before])
    number_of = dict(zip(before, old, strict=True))
    for m in _SPACED_THOUSANDS.finditer(text):
        group = sorted(span for span in values + skipped if span[0] < m.end() and span[1] > m.start())
        if not group or _PORTS_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue
        if _PAIR_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue
        first, whole = group[0], (min(group[0][0], m.start()), max(m.end(), *(b for _a, b in group)))
        kept = first in values
        joined = text[: m.start()] + re.sub(r"\s", "\u00a0", m.group()) + text[m.end() :]
        new_values = [span for span in values if span not in group] + ([whole] if kept else [])
        new_skipped = [span for span in skipped if span not in group] + ([] if kept else [whole]) + group[1:]
        after = sorted(set(new_values + new_skipped))
        new, _top = cloze_numbers(joined, after, [span in new_values for span in after])
        now = dict(zip(after, new, strict=True))
        # each figure keeps its number, and the whole figure its first group's, or one of
        # its own where that number was the first group's alone (deck: a number two gaps
        # share in two parts of a line is given anew to the later one)
        alone = all(n != number_of[first] for span, n in number_of.items() if span not in group)
        if all(now[span] == n for span, n in number_of.items() if span not in (first, whole)) and (
            now[whole] == number_of[first] or alone and now[whole] > top
        ):
            text, values, skipped = joined, new_values, new_skipped
            number_of, top = now, max(top, _top)
            if whole in values and (_restated(text, whole, values) is not None or _restates_shown(text, whole, values)):
                # "1 h max (3 600 s)": said again in other units, now it reads as one figure
                values, skipped = [span for span in values if span != whole], [*skipped, whole]
    return replace(found, text=text, values=tuple(sorted(values)), skipped=tuple(sorted(set(skipped))))


# a sum written out with its figures: "16,000 / 3 = 5,333.3 -> ~5,334" (not "3 x GiB", nor
# "6 copies + 3 AZ = 128 TiB" or "/28 / 5 VPCs / 5 IPs → /28 = 11", a line of facts)
_EQUATION = re.compile(
    r"~?\d[\d,.]*(?:\s*%|\s*[A-Za-z][\w-]*){0,3}\s+[x×*/]\s+~?\d[\d,.]*[^;,=≈\n/→]*?[=≈]\s*~?\d[\d,.]*"
    r"(?:\s*%|\s*[A-Za-z/]+)?(?:[^;,\d\n]*?(?:->|→|=)\s*~?\d[\d,.]*(?:\s*%|\s*[A-Za-z/]+)?)*"
)


# figures joined by + or − (with spaces, not a range's "7-30") and their result
_ARITHMETIC = re.compile(
    r"(?<![\w.,/])(\d[\d,.]*)((?:\s+[-−+]\s+\d[\d,.]*)+)(?:\s+[^\W\d]+)?\s*=\s*(\d[\d,.]*)(?![\w])"
)


def _worked_out(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "a /24 gives 256 − 5 = 251 usable": a result worked out in full is one gap, the
    working hidden with it (shown, it would give the result away); a figure of the
    working said elsewhere on the line ("5 IPs reserved, so 256 - 5 = 251") is shown there."""
    if "=" not in sentence:
        return spans
    for m in _ARITHMETIC.finditer(sentence):
        inside = [(a, b) for a, b in spans if m.start() <= a < m.end()]
        if not _adds_up(m) or not any(a >= m.start(3) for a, _b in inside):
            continue
        working = {f.rstrip(".,") for f in re.findall(r"\d[\d,.]*", sentence[m.start() : m.end()])}
        others = [span for span in spans if span not in inside]
        # "5 IPs reserved, so /24 = 256 - 5 = 251": a figure the working says again is
        # shown, not asked (its card would show the working, the working's its figure)
        others = [
            (a, b)
            for a, b in others
            if not (re.match(r"\d[\d,.]*", sentence[a:b]) and sentence[a:b].split()[0].rstrip(".,") in working)
        ]
        spans = sorted([*others, m.span()])
    return spans


def _adds_up(m: re.Match[str]) -> bool:
    """Whether "256 - 5 = 251" (an _ARITHMETIC match) is right, so that its figures are
    a working out, not three facts."""

    def value(figure: str) -> float | None:
        figure = figure.rstrip(".,")
        digits = figure.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", figure) else figure
        try:
            return float(digits)
        except ValueError:
            return None

    total = value(m.group(1))
    for sign, figure in re.findall(r"\s+([-−+])\s+(\d[\d,.]*)", m.group(2)):
        term = value(figure)
        if total is None or term is None:
            return False
        total = total + term if sign == "+" else total - term
    result = value(m.group(3))
    return total is not None and result is not None and abs(total - result) < 1e-9


def _nearest_title(path: Sequence[str]) -> str:
    """The nearest heading that says whose a section's points are: "Lambda" over
    "Limits" ("" when none)."""
    return next((title for title in reversed(path) if not names_a_heap(title)), "")


def _a_year(text: str, start: int, end: int) -> bool:
    """Whether a figure is a year ("in 2025", "since Dec 2020", "late 2024"), not an amount."""
    if _YEAR.fullmatch(text, start, end) is None:
        return False
    return _YEAR_BEFORE.search(text, max(0, start - 12), start) is not None


_YEAR = re.compile(r"(?:19[89]|20[0-4])\d")
_MONTH = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_YEAR_BEFORE = re.compile(
    rf"\b(?:in|since|until|till|as of|circa|late|early|mid|(?:{_MONTH})[a-z]*\.?)\s*$",
    re.I,
)
# "(was 100, raised in 2024)", "used to be 100", "previously 5", "(not 7 days, that was the
# old max)": what the value was or is not
_OUTDATED = re.compile(
    r"(?:\bused\s+to\s+be|\bpreviously|\bformerly|\bold\s+(?:limit|value|default|max(?:imum)?)\s*(?:was|[:=])?"
    r"|[(\[]\s*was|[(\[,;]\s*not)\s*(?:only\s+|just\s+)?$",
    re.I,
)


# "100 buckets per account was the old default", "60 s (no longer)": a value no longer true
_OUTDATED_AFTER = re.compile(
    r"[^\S\n]*(?:[A-Za-z/]+[^\S\n]*){0,4}(?:was\s+the\s+(?:old|previous|former)|(?:\()?no\s+longer\b)", re.I
)


def _footnote(text: str, start: int, end: int) -> bool:
    """Whether a gap is a remark's number in brackets after a word ("... to 32766) (2).",
    "by default (1)"): a footnote, no figure."""
    return (
        start >= 2
        and not text[start - 2].isdigit()
        and text[end : end + 1] == ")"
        and _FOOTNOTE_MARK.match(text, start - 1) is not None
    )


_FOOTNOTE_MARK = re.compile(r"\(\d\)(?=\s*(?:$|[.,;:)(]))")


# a figure picked to show how something works, not a fact: "(keep CPU at 50%, say)", "say 40 instances"
_SAY_AFTER = re.compile(r"\s*,\s*say\b")
_SAY_BEFORE = re.compile(r"[(,;]\s*say,?\s+~?$", re.I)  # "(say 40 instances)", "with, say, 40"; not "exam will say 16k"


# an aside that asks ("(25 now?)", "(1 MiB since 2025?? exam says 256)"): short, one clause
_ASKS = re.compile(r"[^();]{0,60}\?[^();]{0,60}")


def _doubted(text: str, start: int, end: int) -> bool:
    """Whether the note-taker doubts a figure: "(1 MiB now?)", "up to 25??", "maybe 10"."""
    if _DOUBT_AFTER.match(text, end) is not None or re.match(r"\W*\?{2,}", text):
        return True  # "(1 MiB now?)", "??? default is 29 s": the note-taker not sure
    if _DOUBT_BEFORE.search(text, max(0, start - 30), start) is not None:
        return True
    # "(I think raised to 1 MB in 2025?? check)", "-- heard it went up to 1 MiB, verify":
    # an aside that hedges what it says
    open_at = text.rfind("(", 0, start)
    if open_at >= 0 and ")" not in text[open_at:start]:
        close = text.find(")", end)
        close = close if close >= 0 else len(text)
        # the innermost bracket only: "(...; Global DB < 1 s lag, 5 secondaries (more now?); ...)"
        inner = text[open_at + 1 : close]
        if "(" not in text[end:close] and (_HEDGE.search(inner) or _ASKS.fullmatch(inner)):
            return True
    dash = max(text.rfind(" -- ", 0, start), text.rfind(" — ", 0, start), text.rfind(" – ", 0, start))
    if dash < 0 or "(" in text[dash:start]:
        return False
    # the dash's clause up to the end of the figure's own: "-- heard it went up to 1 MiB in 2025, ..."
    stop = re.search(r"[,;.](?:\s|$)|\s[-–—]{1,2}\s", text[end:])
    return _HEDGE.search(text[dash : end + (stop.start() if stop else len(text) - end)]) is not None


# words that hedge an aside: the note-taker is not sure of it, or means to check it
_HEDGE = re.compile(
    r"\?\?|\b(?:i\s+think|i\s+believe|not\s+sure|unsure|apparently|probably|i\s+heard|heard\s+(?:that|this|it|they)|"
    r"rumou?red?|to\s+be\s+confirmed|tbc|tbd)\b|\?\s*$"
    r"|(?:^|[?,;]\s*|\b(?:to|need\s+to|must|should|pls|please|double[- ]?))\s*(?:check|verify)\b[\s!?.]*$",
    re.I,
)


# a figure whose own short clause ends in "?": "(10 now?)", "(or 15? double check)"; a
# clause that goes on before its "?" asks something else ("… 5 TB, and what about multipart?")
_DOUBT_AFTER = re.compile(
    r"[^\S\n]*(?:[A-Za-z%/]+[^\S\n]*){0,2}\?"
    r"|[^\S\n]*(?:[A-Za-z%/]+[^\S\n]+){2,5}[A-Za-z%/]+[^\S\n]*\?\?"  # words apart by spaces: no backtracking
)
_DOUBT_BEFORE = re.compile(
    r"\b(?:maybe|perhaps|apparently|possibly|not\s+sure(?:\s+if)?|unsure(?:\s+if)?|i\s+guess)\s+"
    r"(?:(?:up\s+to|about|around|like|it'?s|is)\s+)?~?$",
    re.I,
)


def zero_opening(text: str, start: int, end: int) -> bool:
    """Whether a gap is the zero a range opens with ("0 bytes up to 5 TB"), not the range."""
    m = _ZERO_OPENS.match(text, start)
    return m is not None and m.end() > end and not re.search(r"\d", text[start + 1 : end])


_ZERO_OPENS = re.compile(rf"0(?:\s*(?:B\b|bytes?\b|{_UNIT}))?\s*(?:up\s+to|to|-|–|—)\s*\d", re.I)
_THOUSANDS_TAIL = re.compile(r"\d,\d{3}")
# the condition of an exam tip, up to what it says to think of
_SCENARIO = re.compile(
    r"\b(?:if|when(?:ever)?)\s+(?:(?:the\s+|a\s+)?(?:question|scenario|exam|prompt|stem|it|they)\s+"
    r"(?:mentions?|says?|asks?|describes?|wants?|needs?|requires?|talks?\s+about|has|gives?|involves?)"
    r"|you\s+(?:see|read))\b[^,;→]*?(?=,|;|→|->|\s(?:think|then|pick|choose|answer)\b|$)"
    # "Given an app that takes 20 min to warm up, When ..., Then Hibernate": a scenario
    # written as given, when and then sets up its answer up to "Then"
    r"|^\W*given\b.*?(?=[\s,;]then\b)",
    re.I,
)
_EXAMPLE_ELSEWHERE = re.compile(
    r"(?<![\w.])(?:z\.\s?B\.|p\.\s?ej\.|p\.\s?ex\.|bijv\.|t\.\s?ex\.|f\.\s?eks\.|π\.\s?χ\.|örn\.|напр\.|"
    r"misalnya|contohnya|por ejemplo|par exemple|zum Beispiel|por exemplo|per esempio|bijvoorbeeld|"
    r"beispielsweise|örneğin|например|ví dụ)(?!\w)|例如|比如|例えば|เช่น",
    re.I,
)
_SCENARIO_LABEL = re.compile(r"^\W*(?:scenario|situation|case study|use case|exam question)\s*#?\d*\s*[:\-–—]\s", re.I)
# a practice question logged by its number: "Set 4 Q11: ...", "Q7. ..."
# what shows a logged question's first sentence is its scenario: an answer or a pick after it
_LOGGED_ANSWER = re.compile(rf"\b(?:(?:answer|ans|correct|right answer)\b|{MY_PICK})", re.I)
_LOGGED_LABEL = re.compile(rf"^\W*{PRACTICE_NUMBER}\s*[:.)]\s", re.I)
_EXAMPLE_ENDS = re.compile(r";|,\s*(?:max(?:imum)?|min(?:imum)?|default|up to|limit)\b", re.I)
_CONDITION_WORD = re.compile(r"\b(?:if|when|given)", re.I)


# "1000 of concurrent clients", "100-1000 of instances": shorthand for "thousands of", a
# round figure that is no limit ("1000s of" says so itself, and stays a gap)
# what says a figure is the note-taker's own result: "Got 72%", "scored", "Week 3: 65%"
_MY_SCORE = re.compile(r"\b(?:got|scored?|passed|failed|pass(?:ing)? mark|my|week\s+\d+|attempt|try)\b", re.I)


def _outside_asides(sentence: str, spans: Sequence[tuple[int, int]]) -> str:
    """A sentence without its bracketed asides that hold none of its figures."""
    if "(" not in sentence:
        return sentence
    return re.sub(
        r"\([^()]*\)", lambda m: m.group() if any(m.start() <= a < m.end() for a, _b in spans) else " ", sentence
    )


# "Lambda concurrency: 1000 of concurrent executions per region by default": a limit
_LIMIT_WORDS = re.compile(r"\b(?:max(?:imum)?|min(?:imum)?|limit|quota|default|up to|per|at most|at least)\b", re.I)
_VAGUE_AMOUNT = re.compile(
    r"(?:10{2,}|1(?:,000)+)(?:\s*[-–]\s*(?:10{2,}|1(?:,000)+))?\s+of\s+"
    r"(?!the\b|an?\b|its\b|their\b|these\b|those\b|them\b|which\b)[a-z]",
    re.I,
)
_ONE_IN_SINGULAR = re.compile(r"^1\s*(?:second|minute|hour|day|week|month|year)\b(?!s)", re.I)
_QUIZ = re.compile(
    r"\b(?:practice|mock|sample)\s+(?:tests?|exams?|questions?)\b|\bscenario[- ]based\b|\bscenario questions\b|\bquiz",
    re.I,
)
# a heading over a log of lessons or mistakes: "Lessons learned", "Mistakes journal", "What I got wrong"
_JOURNAL = re.compile(r"\b(?:lessons?|takeaways?|learn(?:ed|t|ings)|mistakes?|errors?|wrong|journal)\b", re.I)
_LESSONS = re.compile(r"\b(?:lessons?|takeaways?|learn(?:ed|t|ings))\b", re.I)
_ASKED = re.compile(r"\?\s*(?:→|->|=>|[-–—:·]\s)")
# an exam's format: its number of questions ("65 q", "65 questions") or its pass mark
_GOT_SCORE = re.compile(r"^\W*(?:I\s+)?(?:got|scored|passed with|failed with)\s+~?\d+(?:[.,]\d+)?\s*%", re.I)
_EXAM = re.compile(r"\bexam\b", re.I)
_DOMAIN_WEIGHTS = re.compile(r"\bdomains\b.{0,40}\d\s*%", re.I)
_EXAM_FORMAT = re.compile(
    r"^\W*(?:(?:study|revision|my)\s+)?plan\b.{0,30}\b\d+\s*(?:weeks?|months?)\b|"  # a study plan
    # hours of study a day: "Plan = 1h weekdays, 3h+ weekends", "Schedule: 2 hours every evening"
    r"^\W*(?:(?:study|revision|my)\s+)?(?:plan|schedule)\b.{0,30}\b\d+(?:[.,]\d)?\s*(?:h|hrs?|hours?)\b|"
    r"\b\d+\s*(?-i:q|q's|qs)\b|\b\d+\s*questions\b|\bpass(?:ing)?(?:\s+(?:score|mark))?\s*(?:[:=≥>]\s*|is\s+)?\d{3,4}\b(?!\s*[a-zA-Z])",
    re.I,
)
_SCORE = re.compile(r"\b(?:practice|mock|sample)\s+(?:tests?|exams?|quiz(?:zes)?)\b|\bscored?\b", re.I)
_NO_SUBJECT = re.compile(
    r"^\W*(?:can|cannot|can't|could|will|would|must|should|may|might|is|are|was|were|has|have|supports?|allows?|"
    r"provides?|offers?|gives?|lets?|needs?|requires?)\b",
)  # in lower case: a clipped fragment ("can mount to 1000s of hosts"); "Can be ..." under
# its heading is a sentence that the heading gives a subject
# a sentence that starts by pointing back at the one before it has no subject of its own
_LEANS_ON_BEFORE = re.compile(
    r"^\s*(?!(?-i:IT)\b)(?:or|and|but|so|also|then|this|that|these|those|it|its|they|them)\b", re.I
)  # ("IT: objects < 128 KB ...", Intelligent-Tiering, is no "it")


# a sentence cut before its end stops on a word that cannot end one
_CUT_OFF = re.compile(rf"(?<![\w-])(?:{OPEN_WORDS})\W*$")
# "it", "they" in the first words with no name before them: the subject is in the
# sentence before ("When you create it you give it a /16 block"; "DynamoDB items and
# their attributes" names its own)
_LEANS_ON_IT = re.compile(r"^\W*(?:(?![A-Z]{2}|[A-Z][a-z]+[A-Z])[\w'-]+\W+){0,3}?(?:it|they|them|its|their)\b")
_EQUIVALENT = re.compile(
    rf"^\s*\(\s*(?:~|≈|=\s*)?(?:(?:{_NUM})\s*(?:{_UNIT})|(?:\d+|eleven|nine|six|five|four|three)\s*(?:nines|9'?s))\s*\)"
    r"|^\s*(?://|=|≈)\s*~?(?:\d+|eleven|nine|six|five|four|three)\s*(?:nines|9'?s)\b",
    re.I,
)  # "900 s (15 min)", "99.999999999% (11 nines)", "99.999999999% // 11 nines"


def with_equivalents(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A value and the same value in other units hidden together: "max 900 s (15 min)"
    with "(15 min)" showing would answer its own cloze, as would "11 nines" before
    "(99.999999999%)"."""
    out = []
    for start, end in spans:
        m = _EQUIVALENT.match(sentence[end:])
        nines = _NINES_BEFORE.search(sentence, max(0, start - 30), start) if not m else None
        if nines and sentence[end : end + 1] == ")" and not any(nines.start() <= a < start for a, _b in spans):
            out.append((nines.start(), end + 1))  # "11 nines (99.999999999%)": one answer, said twice
            continue
        out.append((start, end + m.end()) if m else (start, end))
    return [span for span in out if not any(a < span[0] < b for a, b in out if (a, b) != span)]


_NINES_BEFORE = re.compile(r"(?:\b\d{1,2}|\beleven|\bnine|\bsix|\bfive|\bfour|\bthree)\s*(?:nines|9'?s)\s*\(\s*$", re.I)


def _with_sums(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A value hidden with the sum just after it that gives it away: "5 IPs (first 4 +
    last 1)", "5 reserved → the first four and the last one" are asked as "[...] IPs
    [...]"."""
    out = []
    for start, end in spans:
        value = parse_int(re.sub(r"[^\d,]", "", sentence[start:end]) or "x")
        out.append((start, end))
        m = _SUM_AFTER.match(sentence, end)
        if m and "+" not in m.group(2):
            m = None  # "(1 primary and 4 secondary)": its figures were gaps of their own
        said = _SUM_SAID.match(sentence, end) if not m else None
        # "→ first 4 + last 1", opening with a word (deck: such a span shares its total's
        # cloze); "→ 4 + 1", opening with a figure, would take a cloze number of its own
        if said and said.group(2)[:1].isalpha() and not any(said.start(2) <= a < said.end() for a, _b in spans):
            m = said  # "→ the first four and the last one": no figure in it is a gap of its own
        sum_text = m.group(2) if m else ""
        terms = [_term_value(t) for t in _SUM_TERM.findall(sum_text)] if _SUM_JOIN.search(sum_text) else []
        if value is not None and len(terms) >= 2 and None not in terms and sum(terms) == value:  # type: ignore[arg-type]
            # "5 CIDRs (1 primary + 4 secondary)": the sum a gap of its own, one the card
            # hides with the value (deck: a span that opens with no figure shares the
            # cloze of the one before it)
            out.append((m.start(2) - (1 if m.group(2) and sentence[m.start(2) - 1] == "(" else 0), m.end()))
    # the figures inside the sum are no gaps of their own
    return [(a, b) for a, b in out if not any(c <= a and b <= d and (a, b) != (c, d) for c, d in out)]


# the words between a value and its brackets (its unit, "per subnet"), then the brackets,
# read possessively: a bracket left open fails at once
_SUM_AFTER = re.compile(r"((?:\s+[A-Za-z/]+){0,3}\s*\()([^()]*+)\)")
_WORD_FIGURES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_FIGURE_TERM = r"\d+|" + "|".join(_WORD_FIGURES)
# a sum after an arrow or a colon: "→ first 4 + last 1", ": the first four and the last one"
_SUM_SAID = re.compile(
    rf"((?:\s+[A-Za-z/]+){{0,6}}?\s*(?:→|->|:|=|—|–)\s*)"
    rf"((?:the\s+)?(?:[a-z]+\s+)?(?:{_FIGURE_TERM})(?:\s+[a-z]+)?"
    rf"(?:\s*(?:\+|,?\s+and\s+|\s+plus\s+)\s*(?:the\s+)?(?:[a-z]+\s+)?(?:{_FIGURE_TERM})(?:\s+[a-z]+)?){{1,3}})"
    r"(?=\s*(?:[.;,)]|$))",
    re.I,
)
_SUM_JOIN = re.compile(r"\+|\band\b|\bplus\b", re.I)
_SUM_TERM = re.compile(rf"(?<![\w.])(?:{_FIGURE_TERM})(?![\w.])", re.I)


def _term_value(term: str) -> int | None:
    if term.isdigit():
        return int(term)
    low = term.lower()
    return _WORD_FIGURES.index(low) + 1 if low in _WORD_FIGURES else None


def _ends_a_range(text: str, span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a lone figure is an end of a range that another gap holds ("7-30 days
    (default 30)"): each card would show the other's answer."""
    return range_ended(text, span, spans) is not None


def tied_to(
    text: str, span: tuple[int, int], spans: Sequence[tuple[int, int]], skipped: Sequence[tuple[int, int]] = ()
) -> int | None:
    """The index in `spans` of the value a figure says again, which its card hides with
    it: the end of a range its default repeats ("7-30 days (default 30)"), or the
    value it restates in other units ("15 min = 900 seconds"), also through a chain of
    restatements ("1 h = 60 min = 3600 s": 3600 s is hidden with 1 h)."""
    if any(a <= span[0] and span[1] <= b and (a, b) != span for a, b in spans):
        return None  # the "500" of "3 500": a group within a figure's gap (joined_thousands)
    found = range_ended(text, span, spans)
    if found is not None:
        return found
    every = sorted([*spans, *skipped])
    seen = {span}
    while (k := _restated(text, span, every)) is not None and every[k] not in seen:
        if every[k] in spans:
            return list(spans).index(every[k])
        span = every[k]
        seen.add(span)
    return None


def hidden_together(
    text: str, spans: Sequence[tuple[int, int]], skipped: Sequence[tuple[int, int]]
) -> dict[int, tuple[tuple[int, int], tuple[tuple[int, int], ...]]]:
    """The gaps that hide, as one answer, the figures tied to them just after them: "7-30
    days (default 30)", "900 s = 15 min", "15 min (900 s)" are each one gap, answered
    whole, not "[...] days (default [...])" (two gaps, one answer). For each such gap
    (its index in `spans`): the span it hides and the tied figures it takes in. A tie
    further off ("5 days ... max 5") is still hidden on its own."""
    ties: dict[int, list[tuple[int, int]]] = {}
    for span in skipped:
        k = tied_to(text, span, spans, skipped)
        if k is not None:
            ties.setdefault(k, []).append(span)
    out = {}
    for k, tied in ties.items():
        start, end = spans[k]
        taken = []
        for a, b in sorted(tied):
            between = text[end:a]
            # only the words that join them: " (default ", " s = ", " // ", ", default "
            if a < end or len(between) > _RANGE_TO_DEFAULT or len(re.findall(r"[^\W\d_]+", between)) > 3:
                break
            if any(end <= x < a for x, _y in [*spans, *skipped]) or re.search(r"\d|[;.]\s", between):
                break
            opened = len(re.findall(r"[(（]", text[spans[k][0] : a])) > len(re.findall(r"[)）]", text[spans[k][0] : a]))
            closing = re.match(r"(?:\s*[^\W\d]{1,12}\.?)?\s*[)）]", text[b:]) if opened else None
            unit = re.match(r"\s*([^\W\d]{1,12})\.?", text[b:]) if not closing else None
            if unit and not any(p.fullmatch(unit.group(1)) for _m, p, _s in _AMOUNT_UNITS):
                unit = None
            # "(604.800 Sek)": its unit and bracket too; "86.400 s = 24 Std.": its unit
            end = b + (closing.end() if closing else unit.end() if unit else 0)
            taken.append((a, b))
        if taken:
            out[k] = ((start, end), tuple(taken))
    return out


def _restated(text: str, span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> int | None:
    """The index in `spans` of the value just before a figure that says it again in
    other units of the same measure ("15 min = 900 seconds", "10 GB = 10,240 MB"), or
    says the same amount again in brackets ("15 min max (900 s)", "11 nines
    (99.999999999%)"): either one on a card would give the other away."""
    for k, (a, b) in enumerate(spans):
        if b <= span[0] and _RESTATED_BY.fullmatch(text, b, span[0]):
            first, then = _measure(text[a:b]), _measure(text[span[0] : span[1]])
            same = first and then and first[0] == then[0] and first[1] != then[1]
            return k if same or _same_amount(text, (a, b), span) else None
        if b <= span[0] and _UNIT_RESTATED_BY.fullmatch(text, b, span[0]) and _same_amount(text, (a, b), span):
            return k  # "15 minit = 900 s": a unit the figure's gap leaves out, then its other units
        if (
            b <= span[0]
            and _BRACKETED_AFTER.fullmatch(text, b, span[0])
            and re.match(r"\s*(?:[^\W\d]{1,12}\.?\s*)?[)）]", text[span[1] :])
            and _same_amount(text, (a, b), span)
        ):
            return k
    return None


def _restates_shown(text: str, span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a figure in brackets says again a figure just before it that is no gap
    ("valid 3 días (259.200 s)"): its card would be the sum of what it shows."""
    if not re.match(r"\s*[)）]", text[span[1] :]):
        return False
    before = _SHOWN_BEFORE.search(text, max(0, span[0] - 40), span[0])
    if not before or any(a <= before.start(1) < b for a, b in spans):
        return False
    return _same_amount(text, before.span(1), span)


# a bracket opened to say a figure again: "(", "（", "(~", "(= ", "(approx. "
_BRACKET_OPEN = r"[(（]\s*(?:~|≈|=|approx\.?|about|ca\.?|i\.e\.?)?\s*"
_SHOWN_BEFORE = re.compile(rf"(?<![\w.,])({_NUM})(?=\s*[^\W\d_]+)[^()（\d]{{0,24}}{_BRACKET_OPEN}$", re.I)
# "15 minit = 900 s": a unit the figure's gap leaves out, then the same amount in other
# units (not after a comma: "10,240 MB memory, 10 GB /tmp", "60 s, 1 min for detailed
# monitoring" are two facts of one amount)
_UNIT_RESTATED_BY = re.compile(r"\s*(?:[^\W\d]{1,12}\s*)?(?:=|≈|//)\s*")
_RESTATED_BY = re.compile(r"\s*(?:=|≈|is|//)\s*")  # not "~", a range: "1 s ~ 15 min"
# "15 min max (900 s)", "11 nines (~99.999999999%)": the same amount again in brackets
_BRACKETED_AFTER = re.compile(rf"\s*(?:[A-Za-z.]+\s*)?{_BRACKET_OPEN}", re.I)
# a unit's size in the measure's smallest: seconds, bytes (both 1000 and 1024 are read)
_AMOUNT_UNITS = (
    ("time", re.compile(r"ms|milliseconds?", re.I), 0.001),
    # (and their words in some other languages notes mix in: "15 minit (900 s)", "12 ore")
    (
        "time",
        re.compile(rf"s|secs?|seconds?|{FOREIGN_TIME_UNITS['s']}", re.I),
        1,
    ),
    (
        "time",
        re.compile(rf"min|mins|minutes?|{FOREIGN_TIME_UNITS['min']}", re.I),
        60,
    ),
    (
        "time",
        re.compile(rf"h|hrs?|hours?|{FOREIGN_TIME_UNITS['h']}", re.I),
        3600,
    ),
    (
        "time",
        re.compile(rf"d|days?|{FOREIGN_TIME_UNITS['d']}", re.I),
        86400,
    ),
    ("time", re.compile(rf"weeks?|{FOREIGN_TIME_UNITS['week']}", re.I), 7 * 86400),
    ("time", re.compile(rf"months?|{FOREIGN_TIME_UNITS['mo']}", re.I), 30.44 * 86400),
    ("time", re.compile(rf"years?|yrs?|{FOREIGN_TIME_UNITS['y']}", re.I), 365 * 86400),
    *(("size", re.compile(rf"{p}i?B|{p}o"), 1000**n) for n, p in enumerate("KMGTP", 1)),
)
_NINES_WORD = re.compile(r"\s*(?:nines|9'?s|nueves|neunen|negens|noves|neuf)\b", re.I)


def _amounts(text: str, span: tuple[int, int]) -> list[tuple[str, float]]:
    """What a value measures and how much, in the measure's smallest unit, its unit
    written in the value or just after it: "15 min" -> [("time", 900.0)]; "11" before
    "nines" and "99.999999999%" -> [("nines", 11.0)]; "1.000 s" is read both ways."""
    value, after = (
        re.sub(r"(?<=\d)[\u00a0\u202f](?=\d)", "", text[span[0] : span[1]].strip()),
        text[span[1] : span[1] + 14],
    )
    number = re.match(_NUM, value)
    if not number:
        return []
    if re.fullmatch(r"9{2,}(?:[.,]9+)?\s*%", value):
        return [("nines", float(value.count("9")))]
    digits = number.group()
    grouped = re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits)
    figures = {float(digits.replace(",", "").replace(".", ""))} if grouped else set()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", digits):
        figures.add(float(digits.replace(",", ".")))
    if value == digits and _NINES_WORD.match(after):
        return [("nines", f) for f in figures]
    word = re.match(r"\s*([^\W\d_]+)", after)
    unit = value[number.end() :].strip() or (word.group(1) if word else "")
    for measure, pattern, size in _AMOUNT_UNITS:
        if unit and pattern.fullmatch(unit):
            return [(measure, f * size) for f in figures]
    return []


def _same_amount(text: str, one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Whether two values are one amount in two units ("15 min", "900 s"; "10 GB",
    "10,240 MB"; "11" nines, "99.999999999%")."""
    if text[one[0] : one[1]].strip() == text[other[0] : other[1]].strip():
        return False
    for measure, x in _amounts(text, one):
        for then, y in _amounts(text, other):
            small, big = sorted((x, y))
            if measure != then or small <= 0:
                continue
            if measure == "size" and any(abs(big / small - 1.024**n) < 0.005 for n in range(6)):
                return True
            if measure != "size" and big / small <= 1.02:
                return True
    return False


_MEASURES = (
    ("time", re.compile(r"(ms|milliseconds?|s|secs?|seconds?|min(?:ute)?s?|h|hrs?|hours?|days?|weeks?)$", re.I)),
    ("size", re.compile(r"([KMGTP]i?B)$")),
)


def _measure(value: str) -> tuple[str, str] | None:
    """What a value measures and in which unit: "900 seconds" -> ("time", "seconds")."""
    for measure, unit in _MEASURES:
        m = unit.search(value.strip())
        if m and re.match(rf"^(?:{_NUM})\s*{re.escape(m.group(1))}$", value.strip()):
            return measure, m.group(1).casefold().rstrip("s")[:3]
    return None


def range_ended(text: str, span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> int | None:
    """The index in `spans` of the range whose end a default repeats ("7-30 days
    (default 30)"), if any: the range's card hides the default with it."""
    figure = text[span[0] : span[1]]
    if not re.fullmatch(rf"(?:{_NUM})(?:\s*(?:{_UNIT}))?", figure) or not _DEFAULT_BEFORE.search(text, 0, span[0]):
        return None
    value = re.match(_NUM, figure).group()  # type: ignore[union-attr]
    for k, (a, b) in enumerate(spans):
        m = _RANGE_ENDS.match(text, a, b) if b <= span[0] and span[0] - b <= _RANGE_TO_DEFAULT else None
        if m and value in (m.group(1), m.group(2)):
            return k
    return None


_DEFAULT_BEFORE = re.compile(r"\bdefault(?:s\s+to)?\s*(?:is\s*|of\s*|[:=]\s*)?$", re.I)
_RANGE_TO_DEFAULT = 30  # characters from a range's end to its "(default N)"
_RANGE_ENDS = re.compile(rf"({_NUM})\s*(?:-|–|—|to)\s*({_NUM})")


def _counted_out(sentence: str, start: int, end: int) -> bool:
    """Whether a count is followed by a list of that many things ("5 IPs per subnet:
    network, router, DNS, reserved and broadcast"), which gives it away, or counts the
    points of a list in a short lead of its own ("Remember 5 things about subnets",
    "6 EBS volume types"), which says what the list is, no fact."""
    count = re.match(r"\d+(?![\d,.])", sentence[start:end])  # "5 IPs", not "3,500"
    if not count or not 2 <= int(count.group()) <= 12:
        return False
    if (
        _LIST_COUNT.match(sentence, end)
        and re.fullmatch(r"\W*(?:(?:remember|know|top|the|these|my)\s+)?", sentence[:start], re.I)
        and len(sentence.split()) <= _LIST_LEAD_WORDS
        and len(re.findall(r"(?<![\w.])\d", sentence)) == 1
    ):
        return True  # (not "CloudFront has 3 price class options", a fact about CloudFront)
    listed = re.match(r"[^:.;()]{0,40}:\s*(.+)$", sentence[end:])
    if not listed:
        return False
    items, depth, last = [], 0, 0
    rest = listed.group(1).rstrip(" .")
    for m in re.finditer(r"[()\[\]]|,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", rest):
        if m.group() in "([":
            depth += 1
        elif m.group() in ")]":
            depth = max(0, depth - 1)
        elif not depth:
            items.append(rest[last : m.start()])
            last = m.end()
    items.append(rest[last:])
    return len([i for i in items if i.strip()]) == int(count.group())


# what a list's lead counts: "5 things about subnets", "6 EBS volume types", "7 Lambda numbers"
_LIST_COUNT = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}(?:things|facts|points|items|rules|numbers|types|ways|kinds|tips|steps|options|"
    r"reasons|differences|pillars|traps|questions)\b",
    re.I,
)
_LIST_LEAD_WORDS = 8


def _trivial(sentence: str, start: int, end: int) -> bool:
    """A bare one beside other figures ("1 primary region + up to 5 secondary"), or the
    zero a range starts from ("0 s – 12 h"): not what is worth remembering."""
    value = sentence[start:end].strip()
    if value == "1":
        return True
    return re.fullmatch(r"0(?:\s*[A-Za-z]+)?", value) is not None and _RANGE_ON.match(sentence, end) is not None


_RANGE_ON = re.compile(r"\s*(?:[A-Za-z]+\s*)?(?:–|-|—|to)\s*\d")


def _every_occurrence(sentence: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each value hidden wherever the sentence says it: "5 replicas, and 5 is the
    most" with one 5 left showing would answer its own cloze."""
    found = set(spans)
    for start, end in spans:
        value = sentence[start:end]
        bare = not re.search(r"[^\d,.\s]", value)
        said = _next_word(sentence, end)
        for m in re.finditer(rf"(?<![\w.]){re.escape(value)}(?![\w]|\.\d)", sentence):
            if bare and (_next_word(sentence, m.end()) != said or sentence[m.start() - 1 : m.start()] == "/"):
                continue  # "/16 (65,536 addresses) and /28 (16 addresses)": two different 16s
            if not any(a < m.end() and m.start() < b for a, b in found):
                found.add((m.start(), m.end()))
    return sorted(found)


def _said_again(sentence: str, span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether the figure a cloze hides is written again outside every cloze: "30
    days after acceptance (still open at Day 30)" shows its own answer."""
    m = FIGURE.search(sentence, span[0], span[1])
    if not m:
        return False
    if "=" in sentence[span[0] : span[1]]:
        m = list(FIGURE.finditer(sentence, span[0], span[1]))[-1]  # "32 - 5 = 27": the result is the answer
    for again in re.finditer(rf"(?<![\w.,]){re.escape(m.group())}(?![\w]|[.,]\d)", sentence):
        if not any(a <= again.start() < b for a, b in spans):
            return True
    return False


def figure_spans(text: str) -> list[tuple[int, int]]:
    """Where the figures of a short value are, each with its unit ("1 min – 14 days":
    "1 min" and "14 days"), as a sentence's gaps are found."""
    return [m.span() for m in _NUMBER.finditer(text)]


def _next_word(sentence: str, end: int) -> str:
    m = re.match(r"\s*([A-Za-z]+)", sentence[end:])
    return m.group(1).casefold() if m else ""


def _counts(sentence: str, m: re.Match[str], cued: bool) -> bool:
    # only the words near the number matter; a bounded window keeps long lines linear
    before, after = sentence[max(0, m.start() - 60) : m.start()], sentence[m.end() : m.end() + 60]
    if _IDENTIFIER_BEFORE.search(before) or _CLOCK.match(after):
        return False
    if len(m.group(1)) >= 9 and m.group(1).isdigit():
        return False  # "202503121141", "123456789012": a time stamp or an ID, no figure to recall
    if re.match(r"^\s*(?:st|nd|rd|th)\b", after, re.I):
        return False
    if m.group(3):  # a unit: 128 TB, 300 seconds, 20%, 5x
        return True
    if _NOT_A_LIMIT.match(after):
        # "There are 2 types of hosted zone": the card worth having asks which ones
        return False
    if re.match(r"^\s*of\s*$", after):
        return False
    if re.search(r"\b[A-Z][\w-]*\s+$", before) and not _CUE_BEFORE.search(before):
        return False  # a name with a number in it: "Route 53", "Windows 11"
    if _CUE_BEFORE.search(before):
        return True
    if re.search(r"(?:^|[:=→])\s*$", before) and re.match(r"^\s*(?:of\s+)?[A-Za-z]|^\s*\(|^\s*$", after):
        return True  # "EFS scale : 1000 of concurrent clients", "Max pods per node: 110 (default)"
    value = float(m.group(1).replace(",", ""))
    if value < 2 or re.match(r"^\s*[a-z]?[\w-]*\s*[A-Z]", after) is None and not re.match(r"^\s*[a-z]", after):
        return False
    return cued


# a figure the note-taker says right after is wrong, in any language they write in:
# "5 min → nein, falsch!", "5 min -> wrong", "7 days (wrong)", "5 min — errado"
_PUT_WRONG = re.compile(
    r"\s*(?:[A-Za-z/%]{1,8}\s*)?(?:→|->|=>|—|–|-|:|\(|,)?\s*"
    r"(?:wrong|incorrect|nope|nein|falsch|errado|errada|faux|falso|falsa|incorrecto|incorreto|yanlış|salah|❌|✗)\b",
    re.I,
)


# where a sentence's next clause, with a subject of its own, opens: "...; FIFO is ...", "..., while replicas are ..."
_CLAUSE_OPENS = re.compile(r";\s+|,?\s+(?:while|whereas)\s+")


def _trim(sentence: str, spans: list[tuple[int, int]], own: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """Keep a long sentence to the clauses around its numbers; `own`, whether the
    subject kept is that of the clause the numbers are in ("SQS standard is ...; FIFO is
    ..., with 300 messages per second": FIFO's), not the sentence's first words, as
    earlier versions kept it."""
    if len(sentence) <= _MAX_LENGTH:
        return sentence, spans
    cuts = [0] + [m.end() for m in re.finditer(r"[,;(]\s|\s[-–—]\s|=>", sentence)] + [len(sentence)]
    start = max(c for c in cuts if c <= spans[0][0])
    end = min(c for c in cuts if c >= spans[-1][1])
    if end - start > _MAX_LENGTH:
        # never cut inside a word: the clause starts after a space before its number
        start = max(start, sentence.rfind(" ", 0, max(spans[0][0] - 80, 0)) + 1)
        stop = sentence.find(" ", min(spans[-1][1] + 80, len(sentence)))
        end = min(end, stop if stop >= 0 else len(sentence))
    while start < spans[0][0] and sentence[start] == " ":
        start += 1
    # a clause cut from the middle keeps the sentence's first words, its subject
    head = sentence[: cuts[1]].rstrip(" ,;(-–—=>") if start > 0 and len(cuts) > 2 else ""
    head = head if head and len(head.split()) <= 14 and head[-1:].isalnum() else ""
    if head and not sentence[len(head) : start].strip(" ,;(-–—=>"):
        start, head = 0, ""  # "... SSDs are **gp2**, whose IOPS ...": only a comma would be left out
    clause = max((m.end() for m in _CLAUSE_OPENS.finditer(sentence[:start])), default=0) if own and head else 0
    if clause > len(head):
        # the clause the numbers are in opens after a semicolon or "while": its own first
        # words say what they are of, after the sentence's ("SQS standard is ... … FIFO is
        # exactly-once ..., with 300 messages per second")
        own_head = sentence[clause : min(c for c in cuts if c > clause)].rstrip(" ,;(-–—=>")
        if clause >= start or not sentence[clause + len(own_head) : start].strip(" ,;(-–—=>"):
            start = min(start, clause)  # the clause whole: only a comma would be left out
        elif len(own_head.split()) <= 14:
            if head.count("(") > head.count(")"):
                head = head[: head.rfind("(")].rstrip()  # "a vehicle (big hull": its bracket is no subject
            head = f"{head} … {own_head}"
    text = sentence[start:end].rstrip(" ,;(-–—=>")
    prefix = f"{head} … " if head else "…" if start > 0 else ""
    moved = [(a - start + len(prefix), b - start + len(prefix)) for a, b in spans]
    return prefix + text, moved


def describe_number(d: Number) -> str:
    return d.cloze()


def combine_numbers(old: Number, new: Number) -> tuple[Number, str | None]:
    old_values = [old.text[a:b] for a, b in old.values]
    new_values = [new.text[a:b] for a, b in new.values]
    if normalise(" ".join(old_values)) != normalise(" ".join(new_values)):
        return old, f'"{new.text}"'
    return old, None


def beside_typed(f: Fact, typed: list[Fact]) -> Fact | None:
    """A number on a line that gave a typed fact or a question is that fact's card
    ("How many replicas? → up to 15" is the question's); on a line that gave only EBS
    volumes, its other figures are still asked ("gp3: 1 GiB - 16 TiB, max 16,000 IOPS,
    1,000 MiB/s": the EBS card asks the maximum IOPS, shown on the others' cards)."""
    if not typed:
        return f
    if all(t.kind == "ebs_volume" for t in typed):
        return _besides_ebs_maxima(f, typed)
    return None


# units of an EBS line's other figures: a figure written with one is no IOPS maximum
_OTHER_UNITS = frozenset("gb gib tb tib mb mib mb/s mib/s gb/s gib/s kb kib ms s min h d days".split())


def _besides_ebs_maxima(f: Fact, volumes: list[Fact]) -> Fact | None:
    """A number fact without the gaps that hide an EBS maximum its line states (shown as
    text, keeping their cloze numbers); None when nothing else is left to ask."""
    maxima = {v.data.max_iops for v in volumes if v.data.max_iops}
    number = f.data
    text = number.text

    def figure(a: int, b: int) -> str:
        m = re.match(r"[\d.,\u202f\u00a0 ]*\d(?:\s?[kK](?![A-Za-z]))?", text[a:b])  # "16,000", "16k"
        return m.group().strip() if m else text[a:b]

    def a_maximum(a: int, b: int) -> bool:
        # "max 16,000 IOPS", "Max IOPS: 16000"; not "1,000 MiB/s" beside them
        own = re.search(r"[A-Za-z/]+", text[a:b])
        after = re.match(r"\s*([A-Za-z/]*)", text[b:])  # matches always, maybe empty
        unit = own.group() if own else after.group(1) if after else ""
        other_unit = bool(unit) and unit.casefold() in _OTHER_UNITS
        thousands = "k" if re.match(r"[kK](?![A-Za-z])", text[b:]) else ""  # "64[...]k": its k after the gap
        return not other_unit and parse_int(figure(a, b) + thousands) in maxima  # "min 100, max 16,000" too

    shown_figures = {figure(a, b) for a, b in number.values if a_maximum(a, b)}
    # "max. 500 IOPS und 500 MiB/s": with the IOPS shown, the same figure beside it is no gap
    asked = tuple((a, b) for a, b in number.values if not a_maximum(a, b) and figure(a, b) not in shown_figures)
    # "max 250 MiB/s and 250 IOPS": two gaps of one figure, each card would show the other's
    figures = [figure(a, b) for a, b in asked]
    asked = tuple(span for span, said in zip(asked, figures, strict=True) if figures.count(said) == 1)
    if not asked or len(asked) == len(number.values):
        return None if not asked else f
    shown = tuple(span for span in number.values if span not in asked)
    return replace(f, data=replace(number, values=asked, skipped=tuple(sorted((*number.skipped, *shown)))))


KIND = Kind(
    name="number",
    data_type=Number,
    rules=(extract_numbers, extract_table_numbers),
    description="sentences that state a number worth remembering (limits, sizes, durations)",
    describe=describe_number,
    card="cloze",
    combine=combine_numbers,
    beside_typed=beside_typed,
)
