"""The `almen` command line and the `almen-gui` launcher.

Both start here, so only what every command needs is imported at the top: the model, which the window loads anyway.
Qt, the factsheet renderer, Danmarks Statistik's network client and the window load inside the commands that need
them (the lazy points are listed in tests/test_imports.py): `almen list` starts without Qt, and `almen export` imports
Qt only after choosing the offscreen platform.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from almen_gui import __version__
from almen_gui.argparse_da import danish_argparse
from almen_gui.factsheet.formats import SheetFormat, SheetLayout, SheetSize
from almen_gui.model import DataError, KommuneNotFound, load_bundled_dataset, load_dataset, load_kommuner
from almen_gui.model.coverage import coverage, sheet_sources, sheets_sentence
from almen_gui.model.errors import os_reason
from almen_gui.model.figures_table import table_paths, write_figures_table
from almen_gui.model.files import WriteError, check_folder, check_name
from almen_gui.model.formatting import count_noun, format_number, format_period, format_stamp, format_value, in_sentence
from almen_gui.model.metadata import period_and_origin
from almen_gui.model.template import template_paths, write_template

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in what the user asked for; told in one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, no usage dump
        raise UsageError(f"{message} (se '{self.prog} --help')")


def _load(args):
    if args.data is None:
        return load_bundled_dataset()
    try:
        return load_dataset(Path(args.data))
    except DataError as exc:
        raise UsageError(f"datasættet kan ikke bruges: {exc}") from None


def _cmd_list(args) -> int:
    """Each kommune's sources and factsheet, as the window's list and the exports count them (model/coverage.py)."""
    dataset = _load(args)
    dst = _cached_dst()
    found = [(kommune, coverage(dataset, kommune.kode, dst)) for kommune in dataset.kommuner]
    print(f"{'kode':>4}  {'kommune':<18} {'region':<20} {'faktaark':<36} tal")
    for kommune, has in found:
        print(f"{kommune.kode:>4}  {kommune.navn:<18} {kommune.region:<20} {has.sheet_text:<36} {has.text}")
    print(sheets_sentence([has.sheet for _, has in found]) + ("" if dst is not None else
          " Danmarks Statistiks tal er ikke hentet («almen fetch»)."), file=sys.stderr)
    return EXIT_OK


def _cmd_show(args) -> int:
    dataset = _load(args)
    kommune = _lookup(dataset, args.kommune)
    figures = dataset.figures_for(kommune.kode)
    print(f"{kommune.officielt_navn} (kode {kommune.kode_text}, {kommune.region})")
    print(f"Datasæt: {dataset.label}")
    names = dataset.metadata.figure_names
    shown = dataset.metadata.card_fields  # as the window's cards: the computed sum included, and said so
    width = max(len(field.title) for field in shown)
    for field in shown:
        print(f"  {field.title:<{width}}  {figures.text(field.name):>14}  ({period_and_origin(field)})")
    print(f"Kilde: {dataset.metadata.source}")
    if dataset.metadata.derived:
        sums = ", ".join(f"{f.title}: {f.description[0].lower()}{f.description[1:].rstrip('.')}"
                         for f in dataset.metadata.derived)
        print(f"Beregnet af almen-gui: {sums}.")
    if figures.missing:
        print(f"{len(figures.missing)} af {len(names)} tal er ikke oplyst for {kommune.navn}.")
    _print_dst_section(dataset, kommune)
    return EXIT_OK


def _cached_dst():
    """The fetched Danmarks Statistik figures, or None (nothing fetched, or a damaged cache: said on stderr)."""
    from almen_gui.model.dst_cache import DstCacheError, load_dst_cache  # lazy: brings the network client (httpx)

    try:
        return load_dst_cache()
    except DstCacheError as exc:
        print(f"almen: {exc} Hent dem igen med «almen fetch».", file=sys.stderr)
        return None


def _print_dst_section(dataset, kommune) -> None:
    """DST's own figures under DST's names, each with its year and table; never mixed into BL's above."""
    dst = _cached_dst()
    if dst is None:
        return
    family = dataset.metadata.dst
    lines = []
    # The window's cards: each measure that is a figure of its own (not "Alle boliger", only the share's
    # denominator), at its latest year.
    for measure in family.measures:
        latest = dst.latest(measure.name, kommune.kode) if measure.comparable else None
        if latest is not None:
            year = format_period(latest[0], dst.is_provisional(measure.name, latest[0]))
            lines.append((measure.title, format_value(latest[1], measure.kind), year, measure))
    print()
    print(f"Danmarks Statistik (hentet {dst.fetched_text})")
    width = max(len(title) for title, *_ in lines)
    for title, text, period, measure in lines:
        # the share is almen-gui's own computation on DST's table, and says so
        origin = f"almen-guis beregning, {measure.table}" if measure.computed else measure.table
        print(f"  {title:<{width}}  {text:>14}  ({period}, {origin})")
    tables = sorted({measure.table for *_, measure in lines})
    print(f"{family.credit}, {' og '.join(tables)} ({family.measures[0].licence}). Danmarks Statistiks tal er en "
          "anden opgørelse end BL's ovenfor.")
    for table in tables:
        for note in dst.tables[table].footnotes:
            print(f"Fodnote til {table}: {note}")


def _cmd_fetch(args) -> int:
    # lazy: the network client (httpx) is for the commands that read or fetch Danmarks Statistik's figures
    from almen_gui.model.dst_cache import cache_path, update_dst_cache, what_is_kept
    from almen_gui.model.statbank import FetchCancelled, StatbankClient, StatbankError, parse_deadline

    try:
        deadline = None if args.frist is None else parse_deadline(args.frist, "--frist")
    except StatbankError as exc:
        raise UsageError(str(exc)) from None
    kept = what_is_kept(cache_path().is_file())
    client = None
    try:
        client = StatbankClient(deadline=deadline, waiting=_waiting)
        figures, path = update_dst_cache(client, load_kommuner(), _progress)
    except KeyboardInterrupt:
        error = FetchCancelled()
    except (StatbankError, WriteError) as exc:
        error = exc
    else:
        error = None
    finally:
        if client is not None:
            client.close()
    if error is not None:
        if sys.stderr.isatty():
            sys.stderr.write("\n")  # after the progress bar
        print(f"almen: {str(error).rstrip('.')}; {kept}.", file=sys.stderr)
        return EXIT_FAILED
    print(f"Hentede tal fra Danmarks Statistik ({figures.source_url}):")
    for table in figures.tables.values():
        measures = [m for m, t in figures.measure_tables.items() if t == table.id]
        years = sorted({p for m in measures for p in figures.periods(m)})
        print(f"  {table.id}: {_year_spans(years)} (opdateret {_date(table.updated)})")
    print(f"  {len(figures.areas('kommune'))} kommuner, {len(figures.areas('region'))} regioner og hele landet.")
    for note in figures.notes:
        print(f"  {note}")
    print(f"Gemt i {path}")
    return EXIT_OK


def _year_spans(years: list[str]) -> str:
    """["2010", "2011", "2012", "2023"] -> "2010–2012, 2023": gaps (closed years) stay visible."""
    spans: list[list[int]] = []
    for year in map(int, years):
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(format_period(f"{a}-{b}") if a != b else str(a) for a, b in spans)


def _date(stamp: str) -> str:
    return format_stamp(stamp)


def _refuse_existing(paths: list[Path], force: bool) -> None:
    """A file of the user's (a filled-in template, their own table) is not ours to replace unless --force says so.
    A name no file system takes is said first (asking whether it exists would fail with the system's words)."""
    for path in paths:
        check_name(path)
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        raise UsageError(f"{existing[0]} findes allerede og bliver ikke overskrevet; vælg et andet filnavn, "
                         "eller brug --force")


def _cmd_table(args) -> int:
    dataset = _load(args)
    try:
        _refuse_existing(table_paths(Path(args.out)), args.force)
        dst = _cached_dst()
        written = write_figures_table(Path(args.out), dataset, dst, args.form)
    except (DataError, WriteError) as exc:
        raise UsageError(str(exc)) from None
    for path in written:
        print(path)
    if dst is None:
        print("Danmarks Statistiks tal er ikke hentet endnu («almen fetch»); tabellen har kun datasættets tal.",
              file=sys.stderr)
    return EXIT_OK


def _cmd_template(args) -> int:
    dataset = _load(args)
    try:
        _refuse_existing(template_paths(Path(args.file)), args.force)
        written = write_template(Path(args.file), dataset)
    except (DataError, WriteError) as exc:
        raise UsageError(str(exc)) from None
    for path in written:
        print(path)
    return EXIT_OK


def _cmd_validate(args) -> int:
    path = Path(args.file)
    try:
        dataset = load_dataset(path)
    except DataError as exc:
        try:  # `almen validate bad.csv | head -1` still exits 2: the file is bad whether or not all is read
            for problem in exc.problems:
                print(problem)
            if exc.omitted:
                more = count_noun(exc.omitted, "problem", "problemer")
                print(f"… og {more} mere (kun de første {len(exc.problems)} vises)")
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
        warnings = len(exc.problems) + exc.omitted - exc.error_count
        print(f"{path.name}: {format_number(exc.error_count)} fejl"
              + (f", {count_noun(warnings, 'advarsel', 'advarsler')}" if warnings else "")
              + "; datasættet kan ikke bruges.", file=sys.stderr)
        return EXIT_USAGE
    for warning in dataset.warnings:
        print(warning)
    with_figures = sum(1 for k in dataset.kommuner if not dataset.figures_for(k.kode).is_empty)
    print(f"{path.name}: i orden. {count_noun(with_figures, 'kommune', 'kommuner')} har tal, "
          f"{len(dataset.complete_koder())} har alle "
          f"{len(dataset.metadata.fields)} tal (udgave {dataset.year}).")
    return EXIT_OK


def _cmd_install_desktop(args) -> int:
    from almen_gui import desktop  # lazy: its subprocess is for this command, not for every start of the window

    if not sys.platform.startswith("linux"):
        raise UsageError("install-desktop er til Linux; på Windows og macOS bruges den færdige pakke (se README)")
    try:
        files = desktop.uninstall() if args.uninstall else desktop.install()
    except OSError as exc:
        raise UsageError(f"menupunktet kunne ikke {'fjernes' if args.uninstall else 'installeres'}: {exc}") from None
    for path in files:
        print(path)
    verb = "Fjernede" if args.uninstall else "Installerede"
    print(f"{verb} almen-gui i programmenuen ({len(files)} filer).", file=sys.stderr)
    return EXIT_OK


def _start_qt() -> None:
    """Drawing text needs a QGuiApplication; the command line never opens a window, so no screen is needed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication  # lazy: Qt loads for `export` only, after the platform is chosen

    if QGuiApplication.instance() is None:
        _start_qt.app = QGuiApplication([sys.argv[0]])


def _progress(done: int, total: int, name: str) -> bool:
    if sys.stderr.isatty():
        filled = round(30 * done / total)
        sys.stderr.write(f"\r[{'#' * filled}{' ' * (30 - filled)}] {done}/{total} {name:<20}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
    return True


def _waiting(words: str) -> None:
    """While Danmarks Statistik is slow: in the progress line on a terminal, else a line of its own on stdout (the
    one sentence of a failure stays alone on stderr)."""
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{words:<60}")
        sys.stderr.flush()
    else:
        print(words, flush=True)


def _export_targets(dataset, args, dst=None) -> tuple[list[int], list[int]]:
    """(kommuner to export, kommuner skipped by --all for missing figures); a named incomplete one is an error.
    With Danmarks Statistik's figures fetched, a kommune without the dataset's figures has a sheet on DST's."""

    sources = sheet_sources(dataset, dst)
    if args.all:
        koder = [k.kode for k in dataset.kommuner]
        if args.allow_incomplete:
            return koder, []
        return [k for k in koder if sources[k]], [k for k in koder if not sources[k]]
    koder = list(dict.fromkeys(_lookup(dataset, name).kode for name in args.kommuner))
    for kode in koder:
        missing = dataset.figures_for(kode).missing
        if missing and not args.allow_incomplete and not sources[kode]:
            name = dataset.kommuner.by_code(kode).officielt_navn
            titles = [in_sentence(dataset.metadata.field(m).title) for m in missing]
            raise UsageError(f"{name} mangler {len(missing)} af {len(dataset.metadata.fields)} tal "
                             f"({', '.join(titles)}); brug --allow-incomplete for at eksportere alligevel")
    return koder, []


def _cmd_export(args) -> int:
    dataset = _load(args)
    if args.all and args.kommuner:
        raise UsageError("angiv enten kommuner eller --all, ikke begge")
    if not args.all and not args.kommuner:
        raise UsageError("angiv mindst én kommune, eller --all")
    folder = Path(args.out)
    _start_qt()
    # lazy: the renderer imports Qt, which must wait for _start_qt's offscreen platform (the spec comes with it)
    from almen_gui.factsheet.export import ExportError, check_layout, default_layout, export_many
    from almen_gui.factsheet.spec import TemplateError

    fmt, size = SheetFormat(args.format), SheetSize(args.size)  # the words argparse accepted, as members
    layout = SheetLayout.CAROUSEL if args.karrusel else SheetLayout(args.layout or default_layout(fmt, size))
    if args.karrusel and args.layout:
        raise UsageError("vælg enten --layout eller --karrusel, ikke begge")
    if layout == SheetLayout.CAROUSEL and (size, fmt) != (SheetSize.SQUARE, SheetFormat.PNG):
        raise UsageError("karrusellen er seks kvadratiske PNG-billeder; brug den med --size kvadrat --format png")
    try:
        check_layout(fmt, size, layout)
        if not folder.exists() and folder.parent.is_dir():  # `--out faktaark/` makes the folder it names
            folder.mkdir()
        check_folder(folder)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"mappen {folder} kunne ikke oprettes ({os_reason(exc)})") from None
    dst = _cached_dst()
    koder, skipped = _export_targets(dataset, args, dst)
    try:
        result = export_many(dataset, koder, folder, fmt, size, args.allow_incomplete, _progress, layout, dst)
    except (ExportError, TemplateError) as exc:
        raise UsageError(str(exc)) from None
    for path in result.written:
        print(path)
    if skipped:
        no_data = sum(1 for k in skipped if dataset.figures_for(k).is_empty)
        partial = len(skipped) - no_data
        reasons = ", ".join(part for part in (f"{no_data} uden tal" if no_data else "",
                                               f"{partial} med nogle af BL's tal" if partial else "") if part)
        print(f"Sprang {count_noun(len(skipped), 'kommune', 'kommuner')} uden komplet faktaark over ({reasons}); "
              f"--allow-incomplete tager {'den' if len(skipped) == 1 else 'dem'} med.", file=sys.stderr)
    for name, why in result.failed:
        print(f"almen: {name}: {why}", file=sys.stderr)
    print(f"Skrev {result.sheets} faktaark i {folder.resolve()}"
          + (f"; {len(result.failed)} fejlede" if result.failed else "") + ".", file=sys.stderr)
    if args.all:  # the same count as `almen list` and the window's Eksportér alle
        print(sheets_sentence(list(sheet_sources(dataset, dst).values())), file=sys.stderr)
    return EXIT_FAILED if result.failed else EXIT_OK


def _lookup(dataset, query: str):
    try:
        return dataset.kommune(query)
    except KommuneNotFound as exc:
        raise UsageError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="almen", description="Almene boliger pr. kommune: vis tal og eksportér faktaark.")
    parser.add_argument("--version", action="version", version=f"almen-gui {__version__}",
                        help="vis programmets version og afslut")
    parser.add_argument("--data", metavar="FIL", help="brug tallene i et datasæt (CSV eller XLSX) i stedet for de medfølgende")
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    commands.required = True

    listing = commands.add_parser("list", help="de 98 kommuner: hvilke tal de har, og hvilket faktaark")
    listing.set_defaults(run=_cmd_list)

    show = commands.add_parser("show", help="alle tal for én kommune med periode og kilde")
    show.add_argument("kommune", metavar="KOMMUNE", help="kode (161, 0161) eller navn (Glostrup)")
    show.set_defaults(run=_cmd_show)

    template = commands.add_parser("template", help="skriv en skabelon (XLSX eller CSV) til egne tal")
    template.add_argument("file", metavar="FIL", help="skabelonens filnavn, fx tal.xlsx eller tal.csv")
    template.add_argument("--force", action="store_true", help="overskriv filen, hvis den findes")
    template.set_defaults(run=_cmd_template)

    validate = commands.add_parser("validate", help="tjek et datasæt og vis alle problemer på én gang")
    validate.add_argument("file", metavar="FIL", help="datasættet (CSV eller XLSX)")
    validate.set_defaults(run=_cmd_validate)

    install_desktop = commands.add_parser("install-desktop", help="læg almen-gui i programmenuen (Linux)")
    install_desktop.add_argument("--uninstall", action="store_true", help="fjern menupunkt og ikoner igen")
    install_desktop.set_defaults(run=_cmd_install_desktop)

    fetch = commands.add_parser("fetch", help="hent tal om almene boliger fra Danmarks Statistik og gem dem")
    fetch.add_argument("--frist", metavar="SEKUNDER", default=None,
                       help="opgiv hentningen, hvis den ikke er færdig efter så mange sekunder (standard: "
                            "ALMEN_DST_FRIST eller 60)")
    fetch.set_defaults(run=_cmd_fetch)

    table = commands.add_parser("table", help="alle kommuners tal (datasættets og Danmarks Statistiks) som CSV/XLSX")
    table.add_argument("--out", metavar="FIL", required=True,
                       help="filen, fx tal.csv (med tal.datapackage.json, der beskriver kolonnerne) eller tal.xlsx")
    table.add_argument("--form", type=str.lower, choices=("bred", "lang"), default="bred",
                       help="bred: én række pr. kommune (standard); lang: kode, navn, kilde, mål, periode, værdi")
    table.add_argument("--force", action="store_true", help="overskriv filen, hvis den findes")
    table.set_defaults(run=_cmd_table)

    export = commands.add_parser("export", help="skriv faktaark som PNG eller PDF")
    export.add_argument("kommuner", metavar="KOMMUNE", nargs="*", help="kode eller navn; flere kan angives")
    export.add_argument("--all", action="store_true", help="alle kommuner med et komplet faktaark (se almen list)")
    export.add_argument("--out", metavar="MAPPE", default=".",
                        help="mappen filerne skrives i; den oprettes, hvis den ikke findes (standard: her)")
    # type=str.lower: "--size A4" and "--format PDF" are what people type
    export.add_argument("--format", type=str.lower, choices=[f.value for f in SheetFormat],
                        default=SheetFormat.PNG.value, help="filformat (standard: png)")
    export.add_argument("--size", type=str.lower, choices=[s.value for s in SheetSize], default=SheetSize.A4.value,
                        help="a4 (2480×3508, 300 dpi), skaerm (1920×1080) eller kvadrat (1080×1080)")
    export.add_argument("--layout", type=str.lower, choices=[SheetLayout.ONE_PAGE.value, SheetLayout.WHOLE.value],
                        default=None,
                        help="fuld: hele faktaarket på to A4-sider (standard for A4-PDF); kort: én side")
    export.add_argument("--karrusel", action="store_true",
                        help="med --size kvadrat: seks billeder til sociale medier, ét budskab hver (…-1.png … -6.png)")
    export.add_argument("--allow-incomplete", action="store_true",
                        help="eksportér også kommuner med manglende tal; de står som «ikke oplyst»")
    export.set_defaults(run=_cmd_export)
    for command in (listing, show, template, export, table):  # `almen show Aarhus --data tal.xlsx` reads naturally too
        command.add_argument("--data", metavar="FIL", default=argparse.SUPPRESS, help="som det globale --data")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        with danish_argparse():
            args = build_parser().parse_args(argv)
        return args.run(args)
    except UsageError as exc:
        print(f"almen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `almen list | head`
        _silence_stdout()
        return EXIT_OK


def _silence_stdout() -> None:
    """The reader of our output has gone (`| head`): send the rest nowhere, so exiting does not fail on it."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (tests capture stdout)
        pass


def gui_main(argv: list[str] | None = None) -> int:
    """The `almen-gui` launcher: the window (or the kiosk)."""
    from almen_gui.qt.start.launch import run_gui  # lazy: the command line's commands start without the window

    return run_gui(sys.argv[1:] if argv is None else argv)
