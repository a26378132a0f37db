"""The shared Q&A reader on long inputs: a long list of questions is read in one pass,
not once per question."""

from __future__ import annotations

import time

from cheatdeck.extract import extract
from cheatdeck.parse import parse_notes


def test_a_long_list_of_questions_is_not_read_once_per_question() -> None:
    questions = "\n".join(f"- What is item {i}?" for i in range(3000))
    started = time.perf_counter()
    facts = extract([parse_notes(f"# Practice\n{questions}\n", "q.md")]).facts
    # read once per question, this list took 12 s on the project's 2-core machine
    assert time.perf_counter() - started < 5.0
    assert not [f for f in facts if f.kind == "question"]  # questions with no answers
