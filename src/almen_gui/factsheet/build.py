"""The one way to a kommune's sheet: on BL's figures where the dataset has them, else on Danmarks Statistik's
fetched figures (dst_sheet), else BL's sheet that says what is missing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from almen_gui.factsheet.dst_sheet import dst_spec
from almen_gui.factsheet.spec import FactsheetSpec, TemplateError, build_bl_spec, load_template
from almen_gui.model import Dataset
from almen_gui.model.coverage import DST, coverage

if TYPE_CHECKING:  # the fetch client behind model.dst is not needed to draw a sheet
    from almen_gui.model.dst import DstFigures


def build_spec(dataset: Dataset, kode: int, template: dict | None = None, today: dt.date | None = None,
               dst: DstFigures | None = None) -> FactsheetSpec:
    """The kommune's sheet on the dataset's figures; with fetched Danmarks Statistik figures (`dst`) a kommune the
    dataset has no figures for gets a sheet built on DST's figures instead (see dst_sheet)."""
    template = template or load_template()
    figures = dataset.figures_for(kode)
    try:
        spec = build_bl_spec(dataset, figures, template, today or dt.date.today())
        if coverage(dataset, kode, dst).sheet == DST:
            spec = dst_spec(spec, dataset, dst, template, today or dt.date.today())
        return spec
    except KeyError as exc:  # an edited template that lost a section or a sentence
        raise TemplateError(f"tekstskabelonen mangler teksten {exc}; se den medfølgende faktaark.toml") from None
