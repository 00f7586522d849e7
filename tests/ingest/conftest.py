"""A writable copy of the real curated base per test, with the CLI pointed at it, and the fixture documents."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ENV_VARS, RealBase

FIXTURES = Path(__file__).parent / "fixtures"
TEXT_DOC = FIXTURES / "steppe_rail.txt"
HTML_DOC = FIXTURES / "caspian_ports.html"


@dataclass(frozen=True)
class Workspace:
    seeds: Path
    data: Path
    state: Path


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_base: RealBase) -> Workspace:
    seeds, data, state = tmp_path / "seeds", tmp_path / "data", tmp_path / "state"
    shutil.copytree(real_base.seeds_dir, seeds)
    shutil.copytree(real_base.curated_dir, data)
    state.mkdir()
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(state))
    monkeypatch.setenv("BRIEFBOT_SEEDS_DIR", str(seeds))
    monkeypatch.setenv("BRIEFBOT_CURATED_DIR", str(data))
    return Workspace(seeds, data, state)


def make_pdf(path: Path) -> Path:
    """A small two-page PDF with document metadata, made here rather than committed."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Tajikistan and China hydropower cooperation")
    pdf.set_author("Rustam Nazarov")
    pdf.set_font("Helvetica", size=11)
    paragraphs = [
        "Tajikistan and China hydropower cooperation",
        "China Eximbank lent Tajikistan $331 million in 2019 to upgrade the Dushanbe-2 power plant, "
        "according to the energy ministry of Tajikistan.",
        "Tajikistan joined the Asian Infrastructure Investment Bank as a founding member in 2015.",
    ]
    for n, text in enumerate(paragraphs):
        if n in (0, 2):  # the last paragraph on a page of its own
            pdf.add_page()
        pdf.multi_cell(0, 6, text)
        pdf.ln(4)
    pdf.output(str(path))
    return path
