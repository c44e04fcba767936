"""Our own words: no sentence of the factsheet's template, nor of the sheets `almen export` writes, is a near-copy of
BL's printed sheet, and every national fact is numbered with its source and said once.

tests/reference/bl-faktaark-glostrup-2024.txt is BL's published sheet for Glostrup (2024), kept ONLY to check that we
do not copy it; it is not shipped and the app never reads it.
"""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path

import pytest
from test_factsheet_dst import _pdf_text

from almen_gui.cli import main
from almen_gui.factsheet.build import build_spec
from almen_gui.factsheet.spec import load_template

BL_SHEET = Path(__file__).parent / "reference" / "bl-faktaark-glostrup-2024.txt"
NEAR_COPY = 0.8  # difflib's ratio from which a sentence counts as BL's, reworded at most a little
SHORTEST = 6  # words: shorter texts (a chart's "Ungdomsboliger", "Tal for hele landet.") are names, not sentences
# The template's names filled in as for Glostrup, the kommune of BL's sheet: a copy is a copy with the name in it.
GLOSTRUP = {"kommune": "Glostrup Kommune", "kommune_versaler": "GLOSTRUP KOMMUNE", "navn": "Glostrup", "aar": "2024",
            "periode": "2023", "dato": "15. januar 2026", "kilde": "BL's egne beregninger", "felter": "beboere",
            "side": "1", "sider": "2", "nummer": "1", "antal": "6",
            "tabeller": "BOL101 (2010–2026) og BYGV33 (2021–2025)", "hentet": "15. januar 2026 kl. 12.00"}
_SENTENCE_END = re.compile(r"(?<=[.!?:…])\s+(?=[A-ZÆØÅ0-9\"”„(])")
_DASH = re.compile(r"\s+[–—-]\s+")


def sentences(text: str) -> list[str]:
    """Every sentence of `text` (a line is at least one: a heading, a bullet), and each clause between dashes too,
    casefolded: a copied clause inside a sentence of our own is still a copy."""
    found = []
    for line in text.splitlines():
        for sentence in _SENTENCE_END.split(line):
            for piece in (sentence, *_DASH.split(sentence)):
                piece = " ".join(piece.split()).casefold()
                if len(piece.split()) >= SHORTEST and piece not in found:
                    found.append(piece)
    return found


def _bl_sentences() -> list[str]:
    lines = BL_SHEET.read_text(encoding="utf-8").splitlines()
    return sentences("\n".join(line for line in lines if not line.startswith("#")))


def near_copies(texts: list[str]) -> list[tuple[float, str, str]]:
    """(ratio, ours, BL's) for each of our sentences too close to one of BL's."""
    theirs = _bl_sentences()
    copies = []
    for ours in {s for text in texts for s in sentences(text)}:
        ratio, closest = max((difflib.SequenceMatcher(None, ours, bl).ratio(), bl) for bl in theirs)
        if ratio >= NEAR_COPY:
            copies.append((round(ratio, 2), ours, closest))
    return sorted(copies, reverse=True)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value.format_map(GLOSTRUP)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def test_no_sentence_of_the_template_is_a_near_copy_of_bls_printed_sheet():
    texts = _strings(load_template())
    assert len({s for text in texts for s in sentences(text)}) > 60  # the whole template was read, not a part
    assert near_copies(texts) == []


@pytest.mark.parametrize("theirs", [
    "ALMENE BOLIGER GØR GLOSTRUP KOMMUNE BEDRE",  # the old headline, and the old template's rewordings of BL:
    "Den almene boligsektor har plads til både nye og nuværende borgere.",
    "Seniorboliger, bofællesskaber, ungdomsboliger og familieboliger møder mennesker dér, hvor de er i livet.",
    "Boligsociale helhedsplaner, ofte med støtte fra Landsbyggefonden, løfter boligområder med særlige "
    "udfordringer.",
])
def test_the_check_catches_a_reworded_copy_of_bls_sentence(theirs):
    assert near_copies([f"Vores egen indledning. {theirs} Og så videre."])


@pytest.mark.parametrize("name, layout", [("Glostrup", "fuld"), ("Glostrup", "kort")])
def test_the_exported_sheet_is_in_our_own_words_and_says_each_national_fact_once_with_its_source(
        bundled, tmp_path, name, layout):
    assert main(["export", name, "--format", "pdf", "--layout", layout, "--out", str(tmp_path)]) == 0
    [pdf] = tmp_path.glob("*.pdf")
    flat = " ".join(_pdf_text(pdf).split())
    spec = build_spec(bundled, 161)
    # The sources are named as they name themselves: a citation is not a sentence of ours.
    citations = [spec.source_line, *(f.source for f in spec.facts)]
    assert near_copies([functools.reduce(lambda text, cited: text.replace(cited, ""), citations, flat)]) == []
    # The residents of the whole country: told once, with its source and year where it stands.
    assert flat.count("1 million") == 1
    assert re.search(r"1 million mennesker [^.]*\(BL, 2024\)", flat), flat
    # The numbered facts: each with its number and source once; no fact without one.
    assert [f.note_number for f in spec.facts] == list(range(1, len(spec.facts) + 1))
    assert all(f.source for f in spec.facts)
    for fact in spec.facts if layout == "fuld" else spec.facts[:1]:  # the one-page sheet keeps what fits
        assert flat.count(f"{fact.note_number}) {fact.source}") == 1, fact
        assert flat.count(" ".join(fact.text[1:].split()[:6])) == 1, fact
    # The kommune's right to allocate every fourth vacant family dwelling: in the whole sheet's words, once.
    assert flat.count("hver fjerde ledige almene familiebolig") == (1 if layout == "fuld" else 0)
