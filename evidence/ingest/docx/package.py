"""Opening an uploaded .docx safely: what the file really is, zip limits, and hardened XML.

Uploads come from anyone, so the file is checked before a byte of XML is parsed: a PDF or an old
.doc renamed .docx, a password-protected file (Word wraps those in an OLE container), a corrupt
zip, or a zip bomb each get a one-line message the user can act on, instead of a traceback or a
server that runs out of memory. The sizes a zip *declares* are checked first and the parts are
then read with a cap, because a hostile zip can lie about them.

The XML the reader parses has its own, smaller cap (``max_xml``): parsing costs about 25 times
the XML's size in memory and time grows with it, so a 2.7 MB file that expands to 210 MB of XML
is refused before any of it is parsed. The cap counts bytes as they come out of the decompressor,
so a zip that declares small sizes and expands anyway is cut off at the limit. Paragraphs and
runs are counted in the raw XML before parsing (a byte search per element name), because a
document of millions of one-letter runs is small as XML and enormous as a tree.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from evidence.ingest.report import IngestError
from evidence.settings import MB

_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "/officeDocument"
_STYLES = "/styles"
_CORE = "/metadata/core-properties"
_DC = "{http://purl.org/dc/elements/1.1/}"
_SPACES = re.compile(r"\s+")
#: Titles and authors that name the template or the machine, not the brief or its author: a
#: file cut from Verbatim's template is titled "Verbatim Mac" until someone changes it.
_PLACEHOLDER_TITLE = re.compile(r"(?:verbatim(?:\s+(?:mac|pc|\d[\d.]*))?|untitled(?:\s+document)?|document\d*)", re.I)
_PLACEHOLDER_AUTHOR = re.compile(r"(?:microsoft office user|windows user|user|author|owner|admin)", re.I)


@dataclass(frozen=True, slots=True)
class DocxLimits:
    """How much an import may cost; the defaults fit any real brief with room to spare.

    A 1,000-card Verbatim file is about 2 MB zipped, 20 MB of XML, 10,000 paragraphs and 30,000
    runs; the defaults refuse only what no brief needs. ``max_bytes``, ``max_xml`` and the counts
    come from the settings through :class:`evidence.ingest.limits.IngestLimits`.
    """

    max_bytes: int = 50 * MB
    #: XML parsed (document, styles, properties, relationships), counted as decompressed.
    max_xml: int = 50 * MB
    max_paragraphs: int = 200_000
    max_runs: int = 500_000
    max_uncompressed: int = 500 * MB
    max_ratio: float = 100.0
    max_entries: int = 10_000
    #: Entries smaller than this are exempt from the ratio check: tiny XML parts compress
    #: extremely well without being dangerous, and the total cap still bounds them.
    ratio_floor: int = 1 * MB


@dataclass(slots=True)
class DocxParts:
    """The XML parts the reader needs, already parsed."""

    document: etree._Element
    styles: etree._Element | None
    core: etree._Element | None


def _size(n: int) -> str:
    """A size as a file manager shows it (decimal units): "210 MB", "2.7 MB", "640 KB"."""
    if n >= 10 * MB:
        return f"{n / MB:.0f} MB"
    if n >= MB:
        return f"{n / MB:.1f} MB".replace(".0 MB", " MB")
    return f"{n / 1000:.0f} KB"


def load_bytes(data: bytes | Path, limits: DocxLimits) -> bytes:
    """Read the upload, refusing an oversized file before reading it when it is on disk."""
    if isinstance(data, Path):
        try:
            size = data.stat().st_size
        except OSError as exc:
            raise IngestError(f"cannot read {data.name}: {exc.strerror or exc}") from None
        if size > limits.max_bytes:
            raise IngestError(f"this file is {_size(size)}; the limit for a Word file is {_size(limits.max_bytes)}")
        return data.read_bytes()
    if len(data) > limits.max_bytes:
        raise IngestError(f"this file is {_size(len(data))}; the limit for a Word file is {_size(limits.max_bytes)}")
    return data


def sniff(data: bytes) -> None:
    """Refuse what is not a zip, naming what it is when the first bytes tell."""
    if not data:
        raise IngestError("the file is empty: nothing to import")
    head = data[:8]
    if head.startswith(b"%PDF"):
        raise IngestError("this is a PDF, not a Word file: import it as a PDF, or open it in Word and save as .docx")
    if head == _OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise IngestError(
                "this Word file is password-protected: open it in Word, remove the password "
                "(File › Info › Protect Document) and save it again"
            )
        raise IngestError(
            "this is an old Word 97–2003 .doc file, not .docx: open it in Word and save it as Word Document (.docx)"
        )
    if head.lstrip().startswith(b"{\\rtf"):
        raise IngestError("this is an RTF file, not a Word .docx file: open it in Word and save it as .docx")
    if not head.startswith(b"PK"):
        raise IngestError("this is not a Word .docx file (a .docx is a zip archive, and this file is not one)")


def open_zip(data: bytes, limits: DocxLimits) -> zipfile.ZipFile:
    """Open the archive and check its declared sizes before anything is decompressed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise IngestError(f"the Word file is corrupt (the zip archive cannot be read: {exc})") from None
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise IngestError(
            f"the file holds {len(infos)} parts (the limit is {limits.max_entries}): not a normal Word file"
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise IngestError("the Word file is encrypted (password-protected zip): remove the password and save again")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            raise IngestError(
                f"refused: part {info.filename} expands {ratio:.0f}× (limit {limits.max_ratio:.0f}×), "
                "which is how zip bombs work"
            )
    if total > limits.max_uncompressed:
        raise IngestError(
            f"refused: the file would expand to {_size(total)} (limit {_size(limits.max_uncompressed)}), "
            "which is how zip bombs work"
        )
    return archive


class _Budget:
    """Bytes still allowed out of the archive, shared by every part read.

    Two budgets are spent at once: everything decompressed (the zip-bomb guard) and the XML the
    reader parses (the cost guard, :attr:`DocxLimits.max_xml`). Both count real output of the
    decompressor, so a part that lies about its size is stopped at the limit, not after.
    """

    def __init__(self, limits: DocxLimits) -> None:
        self.left = limits.max_uncompressed
        self.xml_left = limits.max_xml
        self.xml_limit = limits.max_xml

    def read(self, archive: zipfile.ZipFile, name: str) -> bytes:
        chunks: list[bytes] = []
        try:
            with archive.open(name) as stream:
                while True:
                    chunk = stream.read(min(1 * MB, self.left + 1, self.xml_left + 1))
                    if not chunk:
                        break
                    self.left -= len(chunk)
                    self.xml_left -= len(chunk)
                    if self.xml_left < 0:
                        raise IngestError(
                            f"this file expands to more than {_size(self.xml_limit)} of XML; "
                            f"the limit is {_size(self.xml_limit)}"
                        )
                    if self.left < 0:
                        raise IngestError(
                            f"refused: {name} expands beyond the size its archive declares, which is how zip bombs work"
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise IngestError(f"the Word file is corrupt ({name} cannot be decompressed: {exc})") from None
        return b"".join(chunks)


_W_NS_BYTES = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_PREFIX = re.compile(rb"""xmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*["']$""")
#: What follows an element name as writers write it. A tab or newline there is legal XML but no
#: writer's habit; a file that uses it to hide its runs is stopped by the reader's own count.


def _prefixes(raw: bytes) -> set[bytes]:
    """Every prefix bound to Word's namespace (b"" for a default namespace); b"w" if none is.

    The namespace URI is found with a plain byte search (fast), then the attribute before it
    is read: a regular expression over the whole document would cost ten times as much.
    """
    found: set[bytes] = set()
    at = raw.find(_W_NS_BYTES)
    while at != -1:
        if m := _W_PREFIX.search(raw[max(0, at - 200) : at]):
            found.add(m.group(1) or b"")
        at = raw.find(_W_NS_BYTES, at + 1)
    return found or {b"w"}


def count_elements(raw: bytes, local: bytes, prefixes: set[bytes] | None = None) -> int:
    """How many ``<w:local …>`` start tags the raw XML holds, under any prefix bound to Word's
    namespace; a byte search, so it costs milliseconds where parsing costs seconds.

    It can over-count (the same bytes inside a comment) but not under-count a document Word or
    any other writer produces; the reader counts again while reading, as a backstop.
    """
    return _count_tags(raw, prefixes if prefixes is not None else _prefixes(raw)).get(local, 0)


def _count_tags(raw: bytes, prefixes: set[bytes]) -> dict[bytes, int]:
    """Paragraph and run start tags counted in one regular-expression pass over the bytes (one
    pass for both is a third of the cost of six ``bytes.count`` calls on a 5 MB document)."""
    names = b"|".join(re.escape(p + b":") if p else b"" for p in sorted(prefixes))
    pattern = re.compile(b"<(?:" + names + b")([pr])[ >/]")
    counts: dict[bytes, int] = {b"p": 0, b"r": 0}
    for match in pattern.finditer(raw):
        counts[match.group(1)] += 1
    return counts


def check_counts(raw: bytes, limits: DocxLimits) -> None:
    """Refuse a document with more paragraphs or runs than any brief has, before parsing it."""
    # Every element starts with "<" (markup only: text escapes it), so that one-byte count bounds
    # both counts; under the limits it settles the question at a thirtieth of the exact count's cost.
    if raw.count(b"<") <= min(limits.max_paragraphs, limits.max_runs):
        return
    counts = _count_tags(raw, _prefixes(raw))
    for local, what, limit in ((b"p", "paragraphs", limits.max_paragraphs), (b"r", "runs", limits.max_runs)):
        found = counts[local]
        if found > limit:
            raise IngestError(f"this file has {found:,} {what} of text; the limit is {limit:,}")


def _check_declared_xml(archive: zipfile.ZipFile, names: list[str], limits: DocxLimits) -> None:
    """Refuse early, with the exact figure, when the parts to parse declare more XML than allowed."""
    declared = sum(archive.NameToInfo[n].file_size for n in set(names) if n in archive.NameToInfo)
    if declared > limits.max_xml:
        raise IngestError(f"this file expands to {_size(declared)} of XML; the limit is {_size(limits.max_xml)}")


def _parser() -> etree.XMLParser:
    # No entity expansion, no DTD loading, no network, no unbounded trees: the XML is untrusted.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
    )


def parse_xml(raw: bytes, name: str) -> etree._Element:
    """Parse one part, refusing any DTD: Word never writes one, and entity tricks need one."""
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:  # markup only: text would be escaped (&lt;)
        raise IngestError(f"refused: {name} declares a DTD or entities, which Word never writes (an XML entity trick?)")
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        raise IngestError(f"the Word file is corrupt: {name} is not well-formed XML ({exc})") from None
    if root is None:  # pragma: no cover - lxml returns None only with recover=True
        raise IngestError(f"the Word file is corrupt: {name} is empty")
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise IngestError(f"refused: {name} declares a DTD, which Word never writes (an XML entity trick?)")
    return root


def _target(archive: zipfile.ZipFile, budget: _Budget, rels_name: str, base: str, kind: str) -> str | None:
    """Follow a relationship of type ``kind`` in ``rels_name``; None when there is none."""
    if rels_name not in archive.NameToInfo:
        return None
    rels = parse_xml(budget.read(archive, rels_name), rels_name)
    for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
        if (rel.get("Type") or "").endswith(kind) and rel.get("TargetMode") != "External":
            target = rel.get("Target") or ""
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join(base, target))
    return None


def open_docx(data: bytes | Path, limits: DocxLimits) -> DocxParts:
    """Check, open and parse the parts of a .docx; every refusal is an :class:`IngestError`.

    Part names are resolved first (from the small relationship parts), so the XML about to be
    parsed is checked against :attr:`DocxLimits.max_xml` by its declared size before a byte of it
    is decompressed, and by its real size while it is.
    """
    raw = load_bytes(data, limits)
    sniff(raw)
    archive = open_zip(raw, limits)
    budget = _Budget(limits)
    with archive:
        main = _target(archive, budget, "_rels/.rels", "", _OFFICE_DOC) or "word/document.xml"
        if main not in archive.NameToInfo:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                raise IngestError("this is an Excel workbook, not a Word file")
            if "ppt/presentation.xml" in names:
                raise IngestError("this is a PowerPoint file, not a Word file")
            raise IngestError(f"this zip is not a Word document: it has no {main}")
        folder = posixpath.dirname(main)
        rels_name = posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels")
        _check_declared_xml(archive, ["_rels/.rels", rels_name, main], limits)
        styles_name = _target(archive, budget, rels_name, folder, _STYLES) or posixpath.join(folder, "styles.xml")
        core_name = _target(archive, budget, "_rels/.rels", "", _CORE) or "docProps/core.xml"
        _check_declared_xml(archive, ["_rels/.rels", rels_name, main, styles_name, core_name], limits)
        document_xml = budget.read(archive, main)
        check_counts(document_xml, limits)
        document = parse_xml(document_xml, main)
        del document_xml
        styles = (
            parse_xml(budget.read(archive, styles_name), styles_name) if styles_name in archive.NameToInfo else None
        )
        core = None
        if core_name in archive.NameToInfo:
            core = parse_xml(budget.read(archive, core_name), core_name)
    return DocxParts(document=document, styles=styles, core=core)


def document_properties(core: etree._Element | None) -> tuple[str | None, str | None]:
    """The brief's title and author from ``docProps/core.xml`` (``dc:title``, ``dc:creator``).

    Our exports write them there, so a brief comes back under its own title, not its file name.
    Values that name the template or the machine ("Verbatim Mac", "Microsoft Office User") are
    not a brief's title or author and read as absent.
    """
    if core is None:
        return None, None
    found: list[str | None] = []
    for name, placeholder in (("title", _PLACEHOLDER_TITLE), ("creator", _PLACEHOLDER_AUTHOR)):
        el = core.find(f"{_DC}{name}")
        value = _SPACES.sub(" ", el.text).strip() if el is not None and el.text else ""
        found.append(value if value and not placeholder.fullmatch(value) else None)
    return found[0], found[1]
