"""Encoding detection and repair: what a debater's text file turns into, and what the report says."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from evidence.ingest.encoding import decode_bytes, repair_text
from evidence.ingest.report import IngestError
from tests.fixtures.shared import seed_brief_file

SENTENCE = "Russia’s “de facto partition” of Syria — naïve, said the café’s owner."


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-8-sig", "utf-16", "utf-32"])
def test_decode_reads_common_encodings(encoding):
    text, notes = decode_bytes(SENTENCE.encode(encoding))
    assert text == SENTENCE
    assert (notes == []) == (encoding == "utf-8")


def test_decode_names_the_encoding_it_guessed():
    text, notes = decode_bytes("Россия и США не договорились о Сирии, сказал дипломат.".encode("cp1251"))
    assert text.startswith("Россия и США")
    assert notes == ["read as cp1251 (it is not UTF-8)"]


def test_decode_refuses_binary_and_empty_files():
    with pytest.raises(IngestError, match=r"brief.txt looks like a binary file, not text"):
        decode_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4, name="brief.txt")
    with pytest.raises(IngestError, match=r"looks like a binary file, not text"):
        decode_bytes(bytes(range(1, 9)) * 500)
    with pytest.raises(IngestError, match=r"notes.txt is empty"):
        decode_bytes(b" \n\n", name="notes.txt")


def test_decode_refuses_a_damaged_bom_file():
    with pytest.raises(IngestError, match="UTF-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")


def test_repair_decodes_the_seed_escape_and_reports_it():
    text, notes = repair_text(seed_brief_file().read_text(encoding="utf-8"))
    assert "adding¡ “We reached" in text
    assert "\\xA1" not in text
    assert notes == ["replaced literal \\xA1 with ¡ (1×)"]
    assert "Won’t" in text  # curly quotes are the source's, not damage


def test_repair_fixes_mojibake_and_keeps_curly_quotes():
    original = "Russia’s “plan” for Syria — naïve, said the café’s owner."
    broken = original.encode("utf-8").decode("cp1252", errors="replace")  # as a Windows tool shows it
    assert "Russiaâ€™s" in broken
    text, notes = repair_text(broken.replace("\ufffd", "\x9d"))
    assert text == original
    assert notes == ["repaired mojibake (text decoded with the wrong encoding) (1 line)"]


def test_repair_escapes_windows_bytes_and_unicode_but_not_ascii_code():
    text, notes = repair_text(r"Russia\x92s \u201cplan\u201d: print('\x41\n')")
    assert text == r"Russia’s “plan”: print('\x41\n')"
    assert "replaced literal \\x92 with ’ (1×)" in notes
    assert "replaced literal \\u201c with “ (1×)" in notes


def test_repair_normalises_to_nfc_and_line_endings():
    decomposed = "cafe\u0301 au lait\r\nsecond line"
    text, notes = repair_text(decomposed)
    assert text == "café au lait\nsecond line"
    assert unicodedata.is_normalized("NFC", text)
    assert notes == ["normalised accented characters to Unicode NFC (1 line)"]


def test_repair_leaves_clean_text_alone():
    assert repair_text(SENTENCE) == (SENTENCE, [])
