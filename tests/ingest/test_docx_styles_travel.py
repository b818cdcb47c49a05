"""A brief keeps its file's look: the team's Verbatim styles travel with it and are written back.

``wake-r4-aff.docx`` defines Emphasis without a box; our export used to box every emphasised word.
New briefs get Verbatim's defaults with the box off unless asked for (``EVIDENCE_EMPHASIS_BOX``).
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from evidence.domain import Brief
from evidence.domain.brief import OutlineError, check_styles
from evidence.ingest.docx import read_docx
from evidence.settings import Settings
from exports.docx import DocxOptions, write_docx
from tests.fixtures.docx import VERBATIM_STYLES, make_docx, p, r, style
from tests.fixtures.shared import verbatim

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _style(data: bytes, style_id: str):  # type: ignore[no-untyped-def]
    document = docx.Document(io.BytesIO(data))
    return next(s for s in document.styles if s.style_id == style_id)


def _boxed(data: bytes) -> bool:
    return _style(data, "Emphasis").element.find(f"{W}rPr/{W}bdr") is not None


def test_team_emphasis_without_box_comes_back_without_box() -> None:
    brief, _ = read_docx(verbatim() / "wake-r4-aff.docx")
    assert brief.styles["emphasis"]["box"] is False
    exported = write_docx(brief, DocxOptions(emphasis_box=True))  # the team's own style wins
    assert not _boxed(exported)
    again, _ = read_docx(exported)
    assert again.styles["emphasis"] == brief.styles["emphasis"]


def test_team_fonts_and_sizes_travel() -> None:
    styles = [
        *VERBATIM_STYLES[:4],
        style("paragraph", "Heading4", "heading 4", "Tag", "Normal", 3, '<w:b/><w:sz w:val="24"/>'),
        style("character", "Style13ptBold", "Style 13 pt Bold", "Cite", rpr='<w:rFonts w:ascii="Georgia"/><w:b/>'),
        *VERBATIM_STYLES[6:7],
        style("character", "Emphasis", "Emphasis", rpr='<w:b/><w:u w:val="single"/><w:bdr w:val="single"/>'),
    ]
    body = p(r("Tag"), "Heading4") + p(r("Ace 21", "Style13ptBold") + r(", 2021")) + p(r("text"))
    brief, _ = read_docx(make_docx(body, styles))
    assert brief.styles["tag"]["size"] == 12
    assert brief.styles["cite"]["font"] == "Georgia"
    assert brief.styles["emphasis"]["box"] is True
    exported = write_docx(brief)  # the option's default (no box) does not override the file
    assert _style(exported, "Heading4").font.size == Pt(12)
    assert _style(exported, "Style13ptBold").font.name == "Georgia"
    assert _boxed(exported)
    # Verbatim's identity of each style is untouched by a team's look.
    assert _style(exported, "Heading4").name == "Heading 4"


def test_new_brief_uses_defaults_with_no_box_unless_asked() -> None:
    assert Settings().emphasis_box is False
    plain = write_docx(Brief("New"))
    assert not _boxed(plain)
    assert _style(plain, "Heading4").font.size == Pt(13)
    assert _boxed(write_docx(Brief("New"), DocxOptions(emphasis_box=True)))


def test_setting_reads_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVIDENCE_EMPHASIS_BOX", "true")
    assert Settings().emphasis_box is True


def test_styles_are_checked_as_data() -> None:
    assert check_styles({"tag": {"size": 12.5, "font": "Arial"}}) == {"tag": {"size": 12.5, "font": "Arial"}}
    for bad in ({"footer": {}}, {"tag": {"size": "big"}}, {"tag": {"colour": "red"}}, {"tag": {"size": True}}):
        with pytest.raises(OutlineError):
            check_styles(bad)


@pytest.mark.libreoffice
def test_libreoffice_opens_an_export_with_a_teams_look(tmp_path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    brief, _ = read_docx(verbatim() / "wake-r4-aff.docx")
    source = tmp_path / "wake.docx"
    source.write_bytes(write_docx(brief))
    subprocess.run(
        [office, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "txt:Text",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    text = (tmp_path / "wake.txt").read_text(encoding="utf-8-sig")
    assert brief.cards()[0].tag in text
