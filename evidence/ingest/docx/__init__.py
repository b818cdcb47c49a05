"""Verbatim .docx import: a Word file debaters already have becomes a Brief.

``read_docx(data)`` returns the brief and an import report; a file refused as a whole raises
:class:`~evidence.ingest.report.IngestError` with a one-line reason.
"""

from evidence.ingest.docx.package import DocxLimits
from evidence.ingest.docx.reader import read_docx

__all__ = ["DocxLimits", "read_docx"]
