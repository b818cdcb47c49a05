"""One "answers to" grammar for plain-text and Word briefs, and one way to write it back."""

from __future__ import annotations

from dataclasses import replace

import pytest

from evidence.domain.brief import Brief, Heading, Level
from evidence.domain.headers import heading_title, read_answers_to
from evidence.ingest.docx import read_docx
from evidence.ingest.textbrief import read_text_brief
from exports.docx import write_docx


@pytest.mark.parametrize(
    ("line", "title", "speech"),
    [
        ("AT: Russia won't cooperate", "Russia won't cooperate", None),
        ("A2: Sanctions fail", "Sanctions fail", None),
        ("A-2: Russia", "Russia", None),
        ("A/2 Russia", "Russia", None),
        ("answers to: the plan", "the plan", None),
        ("2AC---AT: Russia", "Russia", "2AC"),
        ("2nc - A2: Idlib", "Idlib", "2NC"),
        ("1AR AT Turns", "Turns", "1AR"),
    ],
)
def test_answers_to_headers_are_read_with_their_speech(line: str, title: str, speech: str | None) -> None:
    assert read_answers_to(line) == (title, speech)


@pytest.mark.parametrize("line", ["At the same time, Russia stalls", "Attacks rise", "Russia won't cooperate"])
def test_sentences_are_not_headers(line: str) -> None:
    assert read_answers_to(line) is None


def test_written_titles_read_back_as_the_same_block() -> None:
    for heading in (
        Heading(Level.BLOCK, "Russia", label="answers-to", speech="2AC"),
        Heading(Level.BLOCK, "AT: Russia", label="answers-to"),
        Heading(Level.BLOCK, "Russia cooperates now", label="uniqueness"),
    ):
        written = heading_title(heading)
        header = read_answers_to(written)
        if heading.label == "answers-to":
            assert header is not None and header.speech == heading.speech
            assert written.count("AT:") == 1
        else:
            assert written == "Uniqueness: Russia cooperates now"


@pytest.mark.parametrize("title", ["A-2: Russia", "2AC---A2: Russia", "AT: Russia"])
def test_plain_text_and_word_files_agree_on_a_header(title: str) -> None:
    card = "Russia won't cooperate\nAce 21 (Mehmet Ace, columnist, 9-16-2021)\nRussia will never cooperate on Syria.\n"
    text = f"{title}\n\n{card}"
    from_text, _ = read_text_brief(text, name="t")
    block = from_text.children[0]
    assert isinstance(block, Heading) and (block.label, block.title) == ("answers-to", "Russia")

    brief = Brief(title="t")  # the block typed as is, with no label: Word holds only the words
    brief.children.append(replace(block, title=title, label=None, speech=None))
    from_word, _ = read_docx(write_docx(brief))
    heading = from_word.children[0]
    assert isinstance(heading, Heading)
    assert (heading.label, heading.title, heading.speech) == (block.label, block.title, block.speech)
