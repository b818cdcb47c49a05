"""Files the Word importer must refuse, each with a one-line message saying what is wrong.

Every hostile input is built here, in the test: a zip bomb, XML entity tricks, a PDF and an old
.doc renamed .docx, a password-protected file, an oversized upload.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF

from evidence.ingest.docx import DocxLimits, read_docx
from evidence.ingest.report import IngestError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
DOCUMENT = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
    '<w:p><w:pPr><w:pStyle w:val="Heading4"/></w:pPr><w:r><w:t>Tag</w:t></w:r></w:p>'
    '<w:p><w:r><w:rPr><w:rStyle w:val="Style13ptBold"/></w:rPr><w:t>Ace 21</w:t></w:r></w:p>'
    "<w:p><w:r><w:t>Body</w:t></w:r></w:p></w:body></w:document>"
)


def zip_of(parts: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def refuse(data: bytes | Path, *, limits: DocxLimits | None = None) -> str:
    with pytest.raises(IngestError) as info:
        read_docx(data, limits=limits)
    message = str(info.value)
    assert "\n" not in message and len(message) < 300, message
    return message


def test_a_minimal_valid_file_imports() -> None:
    brief, _ = read_docx(zip_of({"word/document.xml": DOCUMENT}))
    assert [c.tag for c in brief.cards()] == ["Tag"]


def test_pdf_renamed_docx() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Russian aggression in Syria now")
    message = refuse(bytes(pdf.output()))
    assert message.startswith("this is a PDF, not a Word file")


def _ole(*stream_names: str) -> bytes:
    """An OLE compound-file header followed by directory entries naming ``stream_names``."""
    header = OLE_MAGIC + b"\x00" * 16 + struct.pack("<HH", 0x3E, 0x3) + b"\xfe\xff" + b"\x00" * 478
    entries = b""
    for name in ("Root Entry", *stream_names):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entries += encoded.ljust(64, b"\x00") + struct.pack("<H", len(encoded)) + b"\x00" * 62
    return header + entries.ljust(4096, b"\x00")


def test_old_doc_renamed_docx() -> None:
    message = refuse(_ole("WordDocument", "1Table", "\x05SummaryInformation"))
    assert "old Word 97–2003 .doc" in message and "save it as" in message


def test_password_protected_docx() -> None:
    # Word stores an encrypted .docx as an OLE file holding EncryptionInfo + EncryptedPackage.
    message = refuse(_ole("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"))
    assert "password-protected" in message


def test_encrypted_zip_entries() -> None:
    data = bytearray(zip_of({"word/document.xml": DOCUMENT}, zipfile.ZIP_STORED))
    # Set the "encrypted" general-purpose flag in the local and central headers.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + offset] |= 0x1
    assert "encrypted" in refuse(bytes(data))


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00garbage" * 50,
        zip_of({"word/document.xml": DOCUMENT})[:-30],  # truncated: no central directory
    ],
    ids=["garbage", "truncated"],
)
def test_corrupt_zip(data: bytes) -> None:
    assert refuse(data).startswith("the Word file is corrupt")


def test_corrupt_xml() -> None:
    message = refuse(zip_of({"word/document.xml": DOCUMENT[:-40]}))
    assert "word/document.xml is not well-formed XML" in message


def test_not_a_zip_at_all() -> None:
    assert "not a Word .docx file" in refuse(b"Answers to: Russia\nTag\nCite\nBody")
    assert "empty" in refuse(b"")


def test_zip_without_word_document() -> None:
    assert "no word/document.xml" in refuse(zip_of({"notes.txt": "hello"}))
    assert "Excel" in refuse(zip_of({"xl/workbook.xml": "<workbook/>"}))


def test_zip_bomb_refused_by_ratio_before_decompressing() -> None:
    bomb = zip_of({"word/document.xml": DOCUMENT, "word/media/zeros.bin": b"\x00" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    message = refuse(bomb)
    assert "zip bomb" in message and "word/media/zeros.bin" in message


def test_zip_bomb_refused_by_total_size() -> None:
    parts: dict[str, bytes | str] = {"word/document.xml": DOCUMENT}
    parts.update({f"word/media/{i}.bin": bytes(range(256)) * 4096 for i in range(4)})  # 4 × 1 MB, incompressible-ish
    limits = DocxLimits(max_uncompressed=3 * 1024 * 1024)
    message = refuse(zip_of(parts, zipfile.ZIP_STORED), limits=limits)
    assert "would expand to" in message and "zip bomb" in message


def test_zip_bomb_with_lying_sizes_is_cut_off() -> None:
    """A zip that declares a tiny size for a part that expands hugely never gets read in full."""
    real = b"<x/>" + b" " * (5 * 1024 * 1024)
    data = bytearray(zip_of({"word/document.xml": DOCUMENT, "word/styles.xml": real}))
    entry = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)  # central entry of styles.xml
    struct.pack_into("<I", data, entry + 24, 4)  # declared uncompressed size: 4 bytes
    local = data.find(b"PK\x03\x04", 4)
    struct.pack_into("<I", data, local + 22, 4)
    message = refuse(bytes(data))
    assert "corrupt" in message or "zip bomb" in message


def test_too_many_entries() -> None:
    parts: dict[str, bytes | str] = {"word/document.xml": DOCUMENT}
    parts.update({f"junk/{i}": "" for i in range(20)})
    assert "parts" in refuse(zip_of(parts), limits=DocxLimits(max_entries=10))


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="W_NS"><w:body><w:p><w:pPr><w:pStyle w:val="Heading4"/></w:pPr>
<w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>""".replace("W_NS", W_NS)

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="W_NS"><w:body><w:p><w:pPr><w:pStyle w:val="Heading4"/></w:pPr>
<w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>""".replace("W_NS", W_NS)


# The same trick with the DTD pushed past the first few kilobytes by a long comment.
PADDED_LAUGHS = BILLION_LAUGHS.replace("<!DOCTYPE", "<!--" + " " * 10_000 + "-->\n<!DOCTYPE", 1)


@pytest.mark.parametrize(
    "xml", [BILLION_LAUGHS, EXTERNAL_ENTITY, PADDED_LAUGHS], ids=["billion-laughs", "external-entity", "padded"]
)
def test_xml_entity_tricks(xml: str) -> None:
    message = refuse(zip_of({"word/document.xml": xml}))
    assert "DTD" in message and "word/document.xml" in message


def test_entity_trick_in_styles_part() -> None:
    styles = EXTERNAL_ENTITY.replace("w:document", "w:styles")
    assert "word/styles.xml" in refuse(zip_of({"word/document.xml": DOCUMENT, "word/styles.xml": styles}))


def test_oversized_upload_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.docx"
    with big.open("wb") as f:
        f.truncate(200 * 1_000_000)  # a sparse 200 MB file: cheap to make, refused by size alone
    message = refuse(big)
    assert "200 MB" in message and "50 MB" in message


def test_limits_are_configurable() -> None:
    data = zip_of({"word/document.xml": DOCUMENT, "pad.bin": random.Random(0).randbytes(200_000)})
    assert "limit" in refuse(data, limits=DocxLimits(max_bytes=100_000))
    brief, _ = read_docx(data, limits=DocxLimits(max_bytes=10_000_000))
    assert len(brief.cards()) == 1
