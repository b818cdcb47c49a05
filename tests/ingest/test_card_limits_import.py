"""A file whose card breaks a card limit is refused with the limit, never a server error; a file
whose tag is merely long (a whole page styled as Tag in Word) keeps it as written."""

from __future__ import annotations

import io
import json

import docx
import pytest

from evidence.domain.card import MAX_MARKS
from evidence.ingest.files import read_bytes
from evidence.ingest.report import IngestError


def test_a_word_file_with_a_page_styled_as_a_tag_imports_it_as_written() -> None:
    document = docx.Document()
    document.add_paragraph("Russia escalates in Syria. " * 120, style="Heading 4")
    cite = document.add_paragraph()
    cite.add_run("Ace 21").bold = True
    cite.add_run(", columnist, 9-16-2021, https://example.com/idlib")
    document.add_paragraph().add_run("The crisis in Idlib deepened.").underline = True
    buf = io.BytesIO()
    document.save(buf)
    brief = read_bytes("page.docx", buf.getvalue()).brief
    assert brief is not None
    assert [c.tag for c in brief.cards()] == [("Russia escalates in Syria. " * 120).strip()]


def test_a_json_brief_with_too_many_marks_on_a_card_is_refused_with_the_count() -> None:
    text = "word " * 10
    card = {
        "type": "card",
        "tag": "t",
        "text": text,
        "marks": [{"kind": "underline", "start": 0, "end": 4}] * (MAX_MARKS + 1),
    }
    brief = {"format": "evidence-brief/1", "title": "b", "children": [card]}
    with pytest.raises(IngestError, match=r"at most 50,000 marks; this one has 50,001"):
        read_bytes("brief.json", json.dumps(brief).encode())
