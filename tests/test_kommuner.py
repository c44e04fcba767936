import pytest

from almen_gui.model import KommuneNotFound, load_kommuner
from almen_gui.model.kommuner import matches


@pytest.fixture(scope="module")
def index():
    return load_kommuner()


@pytest.mark.parametrize("query, navn", [
    ("161", "Glostrup"), ("0161", "Glostrup"), (161, "Glostrup"), ("glostrup", "Glostrup"), ("GLOSTRUP", "Glostrup"),
    ("Glostrup Kommune", "Glostrup"), ("Hoje-Taastrup", "Høje-Taastrup"), ("høje taastrup", "Høje-Taastrup"),
    ("Koebenhavn", "København"), ("København", "København"), ("Kobenhavn", "København"),
    ("Københavns Kommune", "København"), ("Bornholms Regionskommune", "Bornholm"), ("aabenraa", "Aabenraa"),
    ("Åbenrå", "Aabenraa"), ("Aeroe", "Ærø"), ("101", "København"), ("860", "Hjørring"),
])
def test_lookup_by_code_or_name_ignores_case_and_accents(index, query, navn):
    assert index.lookup(query).navn == navn


def test_near_misses_get_suggestions(index):
    with pytest.raises(KommuneNotFound) as caught:
        index.lookup("Glostrop")
    assert caught.value.suggestions[0] == "Glostrup"
    assert "Mente du Glostrup" in str(caught.value)


def test_unknown_code_is_not_found(index):
    with pytest.raises(KommuneNotFound):
        index.lookup("999")
    assert index.find("411") is None  # Christiansø is not a kommune


def test_type_ahead_matching():
    assert matches("hoje", "Høje-Taastrup")
    assert matches("KØB", "København")
    assert matches("taastrup", "Høje-Taastrup")
    assert not matches("odense", "Glostrup")
