"""Opening an uploaded .docx safely: what the file really is, zip limits, and hardened XML.

Uploads come from anyone, so the file is checked before a byte of XML is parsed: a PDF or an old
.doc renamed .docx, a password-protected file (Word wraps those in an OLE container), a corrupt
zip, or a zip bomb each get a one-line message the user can act on, instead of a traceback or a
server that runs out of memory. The sizes a zip *declares* are checked first and the parts are
then read with a cap, because a hostile zip can lie about them.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from evidence.ingest.report import IngestError

MB = 1024 * 1024
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "/officeDocument"
_STYLES = "/styles"


@dataclass(frozen=True, slots=True)
class DocxLimits:
    """How much an import may cost; the defaults fit any real brief with room to spare.

    A 1,000-card Verbatim file is about 2 MB zipped and 20 MB of XML, so the defaults leave a
    factor of ten before refusing anything.
    """

    max_bytes: int = 50 * MB
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
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / 1024:.0f} KB"


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
    """Bytes still allowed out of the archive, shared by every part read."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def read(self, archive: zipfile.ZipFile, name: str) -> bytes:
        chunks: list[bytes] = []
        try:
            with archive.open(name) as stream:
                while True:
                    chunk = stream.read(min(1 * MB, self.left + 1))
                    if not chunk:
                        break
                    self.left -= len(chunk)
                    if self.left < 0:
                        raise IngestError(
                            f"refused: {name} expands beyond the size its archive declares, which is how zip bombs work"
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise IngestError(f"the Word file is corrupt ({name} cannot be decompressed: {exc})") from None
        return b"".join(chunks)


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
    """Check, open and parse the parts of a .docx; every refusal is an :class:`IngestError`."""
    raw = load_bytes(data, limits)
    sniff(raw)
    archive = open_zip(raw, limits)
    budget = _Budget(limits.max_uncompressed)
    with archive:
        main = _target(archive, budget, "_rels/.rels", "", _OFFICE_DOC) or "word/document.xml"
        if main not in archive.NameToInfo:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                raise IngestError("this is an Excel workbook, not a Word file")
            if "ppt/presentation.xml" in names:
                raise IngestError("this is a PowerPoint file, not a Word file")
            raise IngestError(f"this zip is not a Word document: it has no {main}")
        document = parse_xml(budget.read(archive, main), main)
        folder = posixpath.dirname(main)
        rels_name = posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels")
        styles_name = _target(archive, budget, rels_name, folder, _STYLES) or posixpath.join(folder, "styles.xml")
        styles = (
            parse_xml(budget.read(archive, styles_name), styles_name) if styles_name in archive.NameToInfo else None
        )
        core = None
        if "docProps/core.xml" in archive.NameToInfo:
            core = parse_xml(budget.read(archive, "docProps/core.xml"), "docProps/core.xml")
    return DocxParts(document=document, styles=styles, core=core)
