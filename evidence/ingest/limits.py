"""How much one imported file may cost: bytes, XML, paragraphs, runs, PDF pages and CPU time.

A hostile file is small on the wire and huge once opened: a 2.7 MB .docx that expands to 210 MB of
XML, a 6 KB PDF whose one page takes minutes to lay out. Each reader checks the limit that fits
it *before* the expensive step (or stops early while doing it) and refuses the file with one line
that names the figure and the limit. The defaults are the ones in :mod:`evidence.settings`; the
CLI and the web layer build the limits from their settings with :meth:`IngestLimits.from_settings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evidence.ingest.docx.package import DocxLimits
from evidence.settings import MB


@dataclass(frozen=True, slots=True)
class IngestLimits:
    """Limits for reading one file. Sizes are in bytes (``MB`` = 1,000,000, as everywhere).

    The paragraph and run caps have no setting of their own: a 1,000-card Verbatim brief has
    about 10,000 paragraphs and 30,000 runs, so the defaults leave a factor of 15–20 and only
    refuse files that are built to exhaust memory.
    """

    max_file_bytes: int = 50 * MB
    max_docx_xml_bytes: int = 50 * MB
    max_docx_paragraphs: int = 200_000
    max_docx_runs: int = 500_000
    max_pdf_pages: int = 500
    pdf_time_limit_seconds: float = 60.0

    @classmethod
    def from_values(
        cls,
        *,
        max_upload_mb: float | None = None,
        max_docx_xml_mb: float | None = None,
        max_docx_paragraphs: int | None = None,
        max_docx_runs: int | None = None,
        max_pdf_pages: int | None = None,
        pdf_time_limit_seconds: float | None = None,
    ) -> IngestLimits:
        """Limits from plain values in the settings' units (MB for sizes); None keeps a default."""
        default = cls()
        return cls(
            max_file_bytes=default.max_file_bytes if max_upload_mb is None else int(max_upload_mb * MB),
            max_docx_xml_bytes=default.max_docx_xml_bytes if max_docx_xml_mb is None else int(max_docx_xml_mb * MB),
            max_docx_paragraphs=default.max_docx_paragraphs if max_docx_paragraphs is None else max_docx_paragraphs,
            max_docx_runs=default.max_docx_runs if max_docx_runs is None else max_docx_runs,
            max_pdf_pages=default.max_pdf_pages if max_pdf_pages is None else max_pdf_pages,
            pdf_time_limit_seconds=(
                default.pdf_time_limit_seconds if pdf_time_limit_seconds is None else pdf_time_limit_seconds
            ),
        )

    @classmethod
    def from_settings(cls, settings: Any) -> IngestLimits:
        """Limits from an :class:`evidence.settings.Settings` (read by attribute name, so ingest
        needs nothing else from the settings module)."""
        return cls.from_values(
            max_upload_mb=settings.max_upload_mb,
            max_docx_xml_mb=settings.max_docx_xml_mb,
            max_pdf_pages=settings.max_pdf_pages,
            pdf_time_limit_seconds=settings.pdf_time_limit_seconds,
        )

    def docx(self) -> DocxLimits:
        """The Word reader's limits: these caps over its zip-bomb defaults."""
        return DocxLimits(
            max_bytes=self.max_file_bytes,
            max_xml=self.max_docx_xml_bytes,
            max_paragraphs=self.max_docx_paragraphs,
            max_runs=self.max_docx_runs,
        )
