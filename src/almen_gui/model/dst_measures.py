"""Danmarks Statistik's measures, each named here once: the fetch (model/dst.py), the sheets, the charts, the kiosk and
the command line all use these names, and the data package (`danmarks_statistik` in data/datapackage.json) describes
each under the same name. No import of the fetch client: naming a measure loads no network code."""

ALMENE = "dst_almene_boliger"  # dwellings owned by almene boligselskaber (BOL101)
ANDEL = "dst_andel_almene_pct"  # their share of all dwellings (BOL101)
I_ALT = "dst_boliger_i_alt"  # all dwellings (BOL101)
PAABEGYNDT = "dst_paabegyndte_almene"  # almene dwellings started, per year (BYGV33)
BEBOERE = "dst_beboere_almene"  # residents in almene dwellings (BOL201, fetched when DST answers for it)
MEASURES = (ALMENE, ANDEL, I_ALT, PAABEGYNDT, BEBOERE)
