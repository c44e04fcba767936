"""The bundled data is real, complete where it should be, and empty (never zero) where we have no figures."""

import csv
import json
import math
from collections import Counter

from almen_gui import paths
from almen_gui.model.metadata import load_metadata

CONTRACT = ["kode", "beboere", "ungdomsboliger", "familieboliger", "aeldreboliger", "igangsat_ungdomsboliger",
            "igangsat_familieboliger", "igangsat_aeldreboliger", "fraflytning_familieboliger_pct",
            "andel_af_boligmassen_pct", "huslejeomsaetning_mio_kr", "lokal_omsaetning_mio_kr", "renovering_lbf_mio_kr"]

GLOSTRUP = {"beboere": 7900, "ungdomsboliger": 73, "familieboliger": 4451, "aeldreboliger": 90,
            "igangsat_ungdomsboliger": 0, "igangsat_familieboliger": 0, "igangsat_aeldreboliger": 0,
            "fraflytning_familieboliger_pct": 8, "andel_af_boligmassen_pct": 40, "huslejeomsaetning_mio_kr": 333,
            "lokal_omsaetning_mio_kr": 87, "renovering_lbf_mio_kr": 222}


def test_98_kommuner_in_five_regions():
    with (paths.data_dir() / "kommuner.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 98
    assert Counter(r["region"] for r in rows) == {"Region Hovedstaden": 29, "Region Midtjylland": 19,
                                                  "Region Nordjylland": 11, "Region Sjælland": 17,
                                                  "Region Syddanmark": 22}
    assert len({r["kode"] for r in rows}) == 98


def test_figures_file_has_exactly_the_contract_columns():
    metadata = load_metadata()
    assert ["kode", *metadata.figure_names] == CONTRACT
    with (paths.data_dir() / metadata.figures_file).open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert [c for c in header if c != "navn"] == CONTRACT


def test_every_figure_has_label_unit_period_and_source():
    for field in load_metadata().fields:
        assert field.title and field.unit and field.source, field
        # a period only where BL's sheet prints one: local turnover's is not printed, and none is supplied
        assert bool(field.period) == (field.name != "lokal_omsaetning_mio_kr"), field


GROUPS = {"beboere", "boliger", "igangsat", "boligmassen", "oekonomi"}


def test_every_figure_says_where_the_views_show_it():
    """Group, short title, order, comparable and mappable: what the cards, charts, comparison and map read."""
    metadata = load_metadata()
    for field in metadata.card_fields:
        assert field.group in GROUPS, field
        assert field.short_title and len(field.short_title) <= len(field.title), field
        assert isinstance(field.comparable, bool) and isinstance(field.mappable, bool), field
        assert field.kind in ("antal", "pct", "mio_kr"), field
        assert field.title and field.unit and field.source, field
        assert field.period or field.name == "lokal_omsaetning_mio_kr", field  # BL prints no period for it
    orders = [f.order for f in metadata.card_fields]
    assert len(set(orders)) == len(orders) and min(orders) >= 1, orders
    for field in metadata.derived:
        assert metadata.group(field.sum_of), field  # a sum of a group that exists


def test_the_views_lists_come_from_the_metadata():
    metadata = load_metadata()
    assert [f.name for f in metadata.card_fields] == [
        "beboere", "boliger_i_alt", "ungdomsboliger", "familieboliger", "aeldreboliger", "igangsat_ungdomsboliger",
        "igangsat_familieboliger", "igangsat_aeldreboliger", "fraflytning_familieboliger_pct",
        "andel_af_boligmassen_pct", "huslejeomsaetning_mio_kr", "lokal_omsaetning_mio_kr", "renovering_lbf_mio_kr"]
    assert [f.name for f in metadata.group("boliger")] == ["ungdomsboliger", "familieboliger", "aeldreboliger"]
    assert [f.short_title for f in metadata.group("oekonomi")] == ["Huslejeomsætning", "Lokal omsætning",
                                                                    "Renovering (LBF)"]
    assert not any(f.name.startswith("igangsat_") for f in metadata.comparable_fields)
    assert metadata.mappable_fields == metadata.comparable_fields


def test_national_facts_carry_their_sources():
    facts = load_metadata().national_facts
    sources = [f.source for f in facts if f.source]
    assert "Boligstat.dk (2024)" in sources
    assert "Landsbyggefonden (2023)" in sources
    assert len(sources) == 4


def test_glostrup_has_the_reference_figures_and_the_others_are_missing(bundled):
    glostrup = bundled.figures_for(161)
    assert {name: glostrup.value(name) for name in GLOSTRUP} == GLOSTRUP
    assert glostrup.is_complete
    assert bundled.complete_koder() == [161]
    for kommune in bundled.kommuner:
        if kommune.kode != 161:
            assert bundled.figures_for(kommune.kode).is_empty, kommune.navn
    assert all(math.isnan(v) for v in bundled.figures.drop(index=161).to_numpy().ravel())


def test_datapackage_is_valid_json_with_both_resources():
    package = json.loads((paths.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in package["resources"]} == {"kommuner", "kommunegraenser", "almene-boliger-2024"}


def test_derived_figures(bundled, synthetic_dataset):
    assert bundled.value(161, "boliger_i_alt") == 4614
    assert bundled.value(751, "boliger_i_alt") is None
    assert (bundled.rank(161, "beboere").number, bundled.rank(161, "beboere").among) == (1, 1)
    assert bundled.rank(751, "beboere") is None
    national = bundled.aggregate("beboere")
    assert not national.available and (national.have, national.total) == (1, 98)
    assert bundled.describe_aggregate("beboere") == "ikke oplyst (1 af 98 kommuner har tallet)"
    region = synthetic_dataset.aggregate("beboere", "Region Nordjylland")
    assert region.available and region.total == 11
    expected = sum(synthetic_dataset.value(k.kode, "beboere") for k in synthetic_dataset.kommuner
                   if k.region == "Region Nordjylland")
    assert region.value == expected
    assert synthetic_dataset.aggregate("andel_af_boligmassen_pct").how == "gennemsnit"
    assert synthetic_dataset.completeness(161) == (12, 12)
    assert bundled.completeness(751) == (0, 12)
