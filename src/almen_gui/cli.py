"""The `almen` command line and the `almen-gui` launcher. Qt is imported lazily: list/show/validate never need it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from almen_gui import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in what the user asked for; told in one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, no usage dump
        raise UsageError(f"{message} (se '{self.prog} --help')")


def _load(args):
    from almen_gui.model import DataError, load_bundled_dataset, load_dataset

    if args.data is None:
        return load_bundled_dataset()
    try:
        return load_dataset(Path(args.data))
    except DataError as exc:
        raise UsageError(f"datasættet kan ikke bruges: {exc}") from None


def _cmd_list(args) -> int:
    dataset = _load(args)
    print(f"{'kode':>4}  {'kommune':<18} {'region':<20} faktaark")
    for kommune in dataset.kommuner:
        have, total = dataset.completeness(kommune.kode)
        state = "komplet" if have == total else ("ingen tal" if have == 0 else f"{have} af {total} tal")
        print(f"{kommune.kode:>4}  {kommune.navn:<18} {kommune.region:<20} {state}")
    return EXIT_OK


def _cmd_show(args) -> int:
    from almen_gui.model.formatting import format_period

    dataset = _load(args)
    kommune = _lookup(dataset, args.kommune)
    figures = dataset.figures_for(kommune.kode)
    print(f"{kommune.officielt_navn} (kode {kommune.kode_text}, {kommune.region})")
    print(f"Datasæt: {dataset.label}")
    names = dataset.metadata.figure_names
    width = max(len(dataset.metadata.field(n).title) for n in names)
    for name in names:
        field = figures.field(name)
        print(f"  {field.title:<{width}}  {figures.text(name):>14}  ({format_period(field.period)})")
    print(f"Kilde: {dataset.metadata.source}")
    if figures.missing:
        print(f"{len(figures.missing)} af {len(names)} tal er ikke oplyst for {kommune.navn}.")
    return EXIT_OK


def _lookup(dataset, query: str):
    from almen_gui.model import KommuneNotFound

    try:
        return dataset.kommune(query)
    except KommuneNotFound as exc:
        raise UsageError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="almen", description="Almene boliger pr. kommune: vis tal og eksportér faktaark.")
    parser.add_argument("--version", action="version", version=f"almen-gui {__version__}")
    parser.add_argument("--data", metavar="FIL", help="brug tallene i et datasæt (CSV eller XLSX) i stedet for de medfølgende")
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    commands.required = True

    listing = commands.add_parser("list", help="de 98 kommuner, og om datasættet har et komplet faktaark")
    listing.set_defaults(run=_cmd_list)

    show = commands.add_parser("show", help="alle tal for én kommune med periode og kilde")
    show.add_argument("kommune", metavar="KOMMUNE", help="kode (161, 0161) eller navn (Glostrup)")
    show.set_defaults(run=_cmd_show)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return args.run(args)
    except UsageError as exc:
        print(f"almen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `almen list | head`
        return EXIT_OK


def gui_main(argv: list[str] | None = None) -> int:
    """The `almen-gui` launcher: the window (or the kiosk)."""
    from almen_gui.qt.launch import run_gui

    return run_gui(sys.argv[1:] if argv is None else argv)
