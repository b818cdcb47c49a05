"""Turning bytes of unknown encoding into clean Unicode, and saying what was repaired.

Research arrives from Windows laptops, news databases and old websites: cp1252 files, UTF-8 with a
BOM, text that was decoded twice ("Russiaâ€™s"), and exports that wrote a character as the
literal escape "\\xA1". Cards must carry the source's words, so every repair is reported rather
than made silently, and curly quotes are kept exactly as the source had them.

The literal-escape rule: "\\xHH" (HH from A0 to FF) becomes the Latin-1 character U+00HH, and
"\\x80"–"\\x9F" the Windows-1252 character of that byte (those code points are invisible controls
in Latin-1, and Windows exports are where such escapes come from); "\\uHHHH" and "\\UHHHHHHHH"
become that code point when it is printable. An escape is the exporter's spelling of one specific
character, so decoding it is the only reading that adds nothing; whether that character was what
the author meant (the seed's "adding\\xA1 “We reached" most likely lost a colon) is for the user
to judge, which is why the report names every escape it decoded. Escapes of plain ASCII ("\\x41",
"\\n") are left alone: they occur in real text about code and are not mojibake.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

import ftfy
from charset_normalizer import from_bytes

from evidence.ingest.report import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF = 64 * 1024  # enough bytes to tell text from binary without reading a 100 MB file twice
_MIN_PRINTABLE = 0.95
# UTF-16/32 without a BOM: Latin text in them is full of NUL bytes (refused above), and on short
# files charset-normalizer otherwise reads cp1252 as UTF-16 Chinese.
_NO_BOM_EXCLUDED = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7"]
_ESCAPE = re.compile(r"\\x([0-9A-Fa-f]{2})|\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Characters a clean line may contain without ftfy looking at it: ASCII text (no control
# characters but tab), the non-breaking space, and typographic punctuation (quotes, dashes, …).
_UNUSUAL = re.compile(r"[^\t\x20-\x7e\u00a0\u2010-\u2027\u2030-\u205e]")
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,  # debaters' sources use curly quotes; they are not damage
    fix_character_width=False,  # full-width characters in Asian sources are the source's own
    fix_line_breaks=False,  # done once, below, without a report line per line
    normalization="NFC",
    explain=True,
)
_STEP_WORDS = {
    "unescape_html": "decoded HTML entities such as &amp;",
    "remove_terminal_escapes": "removed terminal colour codes",
    "restore_byte_a0": "repaired mojibake (a non-breaking space decoded with the wrong encoding)",
    "replace_lossy_sequences": "replaced unrecoverable mojibake with �",
    "decode_inconsistent_utf8": "repaired mojibake (UTF-8 decoded with the wrong encoding)",
    "fix_c1_controls": "replaced invisible control characters with their Windows-1252 meaning",
    "fix_latin_ligatures": "split typographic ligatures (ﬁ → fi)",
    "fix_surrogates": "repaired broken surrogate pairs",
    "remove_control_chars": "removed invisible control characters",
}


def decode_bytes(data: bytes, *, name: str = "the file") -> tuple[str, list[str]]:
    """Decode a text file's bytes; the list says which encoding was used when it was not UTF-8.

    Raises IngestError for an empty file or for one that is not text at all (a .docx or an image
    renamed .txt), so the user hears what is wrong instead of seeing a screen of garbage.
    """
    if not data.strip():
        raise IngestError(f"{name} is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), [f"read as {encoding.upper()} (it starts with a byte-order mark)"]
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"{name} claims to be {encoding.upper()} but is damaged at byte {exc.start}"
                ) from None
    head = data[:_SNIFF]
    if b"\x00" in head:
        raise IngestError(f"{name} looks like a binary file, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8")
        notes: list[str] = []
    except UnicodeDecodeError:
        text, encoding = _guess(data, name)
        notes = [f"read as {encoding} (it is not UTF-8)"]
    sample = text[:_SNIFF]
    printable = sum(1 for c in sample if c.isprintable() or c in "\n\r\t\f")
    if sample and printable / len(sample) < _MIN_PRINTABLE:
        raise IngestError(f"{name} looks like a binary file, not text ({printable * 100 // len(sample)}% printable)")
    return text, notes


def _guess(data: bytes, name: str) -> tuple[str, str]:
    """Pick an encoding for bytes that are not UTF-8.

    Mostly-English text with a few accented letters and curly quotes is Windows-1252 far more often
    than anything else, yet on such short evidence charset-normalizer ties a dozen code pages and
    may pick Central European cp1250 ("naïve" → "naďve"). So cp1252 wins when it decodes cleanly and
    most of its letters are ASCII; otherwise (Cyrillic, Greek, Asian text) charset-normalizer decides.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        sample = text[:_SNIFF]
        letters = [c for c in sample if c.isalpha()]
        foreign = sum(1 for c in letters if ord(c) > 127)
        if foreign <= 0.3 * len(letters) and not ftfy.is_bad(sample):
            return text, "cp1252 (Windows Western)"
    match = from_bytes(data, cp_exclusion=_NO_BOM_EXCLUDED).best()
    if match is None:
        raise IngestError(f"{name} looks like a binary file, not text (no text encoding fits it)")
    return str(match), match.encoding


def repair_text(text: str) -> tuple[str, list[str]]:
    """Fix mojibake and literal escapes and normalise to NFC; the list says what changed.

    Runs line by line and skips lines with nothing to repair, so it stays linear and fast on
    long files.
    """
    notes: list[str] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, escapes = _decode_escapes(text)
    for literal, (char, count) in escapes.items():
        notes.append(f"replaced literal {literal} with {char} ({count}×)")
    steps: Counter[str] = Counter()
    out: list[str] = []
    for line in text.split("\n"):
        if _needs_ftfy(line):
            fixed, explanation = ftfy.fix_and_explain(line, _FTFY)
            if fixed != line:
                steps.update(_describe(explanation or [], line, fixed))
            line = fixed
        out.append(line)
    for step, count in steps.items():
        notes.append(f"{step} ({count} line{'s' if count != 1 else ''})")
    return "\n".join(out), notes


def _needs_ftfy(line: str) -> bool:
    """Whether a line could hold anything ftfy repairs; most lines of a brief cannot.

    Mojibake of UTF-8 always shows Latin-1 letters (â€™, Ã©) or, read as another code page,
    letters of that script; curly quotes, dashes and non-breaking spaces alone are clean text.
    """
    return "&" in line or _UNUSUAL.search(line) is not None


def _describe(explanation: Sequence[tuple[str, str]], before: str, after: str) -> set[str]:
    """Turn ftfy's plan into words a debater understands; one entry per kind of change."""
    words: set[str] = set()
    for action, parameter in explanation:
        if action in {"encode", "decode", "transcode"}:
            words.add("repaired mojibake (text decoded with the wrong encoding)")
        elif action == "apply":
            words.add(_STEP_WORDS.get(parameter, parameter.replace("_", " ")))
        elif action == "normalize" and unicodedata.normalize("NFC", before) != before:
            words.add("normalised accented characters to Unicode NFC")
    if not words and before != after:
        words.add("repaired characters")
    return words


def _decode_escapes(text: str) -> tuple[str, dict[str, tuple[str, int]]]:
    if "\\" not in text:
        return text, {}
    seen: dict[str, tuple[str, int]] = {}

    def replace(match: re.Match[str]) -> str:
        literal = match.group(0)
        char = _escape_char(match)
        if char is None:
            return literal
        _, count = seen.get(literal, (char, 0))
        seen[literal] = (char, count + 1)
        return char

    return _ESCAPE.sub(replace, text), seen


def _escape_char(match: re.Match[str]) -> str | None:
    byte, short, long = match.groups()
    if byte is not None:
        value = int(byte, 16)
        if value < 0x80:
            return None  # "\x41": ASCII written as an escape is code, not mojibake
        if value < 0xA0:
            try:
                return bytes([value]).decode("cp1252")
            except UnicodeDecodeError:
                return None  # the five bytes cp1252 leaves undefined
        return chr(value)
    value = int(short or long, 16)
    if value < 0xA0 or 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        return None
    char = chr(value)
    return char if char.isprintable() else None
