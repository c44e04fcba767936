"""Start the window: check that Qt can open a screen, set up logging and crash reporting, then run the app."""

from __future__ import annotations

import argparse
import ctypes
import logging
import os
import sys
from pathlib import Path

from almen_gui.argparse_da import danish_argparse
from almen_gui.qt.start.start_up_collector import collector_eased, resume_when_running

log = logging.getLogger(__name__)

# The shared libraries Qt's xcb plug-in loads, and the Debian/Ubuntu package that provides each.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
}


def missing_system_packages(libraries: dict[str, str] = XCB_LIBRARIES) -> list[str]:
    """Debian/Ubuntu packages whose library cannot be loaded (Linux only)."""
    missing = []
    for soname, package in libraries.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(package)
    return missing


def screen_problem() -> str | None:
    """One sentence saying why Qt cannot open a window here, or None when it can try."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None  # offscreen, wayland, ...: nothing of ours to check
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        return ("Der er ingen skærm at åbne vinduet på (DISPLAY er ikke sat); "
                "start programmet fra skrivebordet, eller brug Xvfb på en maskine uden skærm.")
    missing = missing_system_packages()
    if missing:
        return ("Qt mangler systembiblioteker for at åbne et vindue. Installér dem med: "
                f"sudo apt-get install {' '.join(missing)}")
    return None


class _HandOverParser(argparse.ArgumentParser):
    """Parses what another start handed over inside the running app: never prints, never exits."""

    def error(self, message: str):
        raise ValueError(message)

    def exit(self, status: int = 0, message: str | None = None):
        raise ValueError(message or f"exit {status}")


def build_parser(parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser,
                 add_help: bool = True) -> argparse.ArgumentParser:
    parser = parser_class(prog="almen-gui", description="Almene boliger pr. kommune.", add_help=add_help)
    parser.add_argument("--kommune", metavar="KOMMUNE", help="åbn på denne kommune (kode eller navn)")
    parser.add_argument("--data", metavar="FIL", help="brug tallene i et datasæt (CSV eller XLSX)")
    parser.add_argument("file", metavar="DATASÆT", nargs="?", help="som --data (så filer kan åbnes med programmet)")
    parser.add_argument("--boundaries", metavar="GEOJSON", help="kommunegrænser til kortet (GeoJSON fra DAGI/DAWA)")
    parser.add_argument("--new-instance", action="store_true", help="åbn et nyt vindue, selv om programmet kører")
    parser.add_argument("--kiosk", action="store_true", help="fuld skærm, uden menuer, til et venteværelse")
    parser.add_argument("--kiosk-config", metavar="FIL", help="kioskens indstillinger (standard: kiosk.ini i "
                        "brugerens konfigurationsmappe)")
    return parser


def parse_handed_over(argv: list[str], cwd: str) -> argparse.Namespace:
    """Another start's arguments, with its relative paths resolved in its folder; ValueError (in argparse's Danish
    words) if they are bad."""
    with danish_argparse():
        args = build_parser(_HandOverParser, add_help=False).parse_args(argv)
    args.data = args.data or args.file
    for name in ("data", "boundaries", "kiosk_config"):
        value = getattr(args, name)
        if value:
            setattr(args, name, str(Path(cwd, value)))  # an absolute path stays as it is
    return args


def run_gui(argv: list[str]) -> int:
    """Start the window (or the kiosk) and run until it closes (the collector runs rarely while it starts)."""
    with collector_eased():
        return _run_gui(argv)


def _run_gui(argv: list[str]) -> int:
    with danish_argparse():
        args = build_parser().parse_args(argv)
    args.data = args.data or args.file
    problem = screen_problem()
    if problem:
        print(f"almen-gui: {problem}", file=sys.stderr)
        return 1

    # lazy: Qt's libraries load only once screen_problem() has found the system libraries they need (a missing one is
    # one sentence, not an ImportError), and the app's modules load while the collector is eased
    from almen_gui.qt.common import crash
    from almen_gui.qt.start.app import create_application, open_main_window

    log_path = crash.setup_logging()
    app = create_application()
    resume_when_running()
    crash.install_excepthook(log_path)
    instance = None
    if not args.new_instance:
        from almen_gui.qt.start.single_instance import SingleInstance  # lazy: as Qt above

        instance = SingleInstance()
        if instance.start(argv):
            return 0  # the running almen-gui (or kiosk) on this screen comes to the front instead
    if args.kiosk or args.kiosk_config:
        # lazy: as Qt above; and the window starts without the kiosk's modules
        from almen_gui.qt.kiosk.config import KioskConfigError, load_kiosk_config
        from almen_gui.qt.kiosk.controller import open_kiosk

        try:
            config = load_kiosk_config(Path(args.kiosk_config) if args.kiosk_config else None)
        except KioskConfigError as exc:  # a kiosk nobody can leave (or unlock) must not start
            logging.getLogger("almen_gui.kiosk").error("%s", exc)
            print(f"almen-gui: {exc}", file=sys.stderr)
            return 2
        if args.data:
            config.data_file = args.data
        _kiosk = open_kiosk(None, config)  # kept referenced while the app runs
        if instance is not None:
            instance.activated.connect(lambda *_: log.info("Kiosken kører; en anden start blev ignoreret"))
        return app.exec()
    window = open_main_window(kommune=args.kommune, data=args.data, boundaries=args.boundaries)
    if instance is not None:
        from almen_gui.qt.start.kiosk_handover import KioskHandover  # lazy: as Qt above

        kiosk = window.findChild(KioskHandover)
        instance.activated.connect(lambda other, cwd: _on_handed_over(window, kiosk, other, cwd))
    return app.exec()


def _on_handed_over(window, kiosk, argv: list[str], cwd: str) -> None:
    """A second start handed its arguments over: the running window comes to the front with its kommune, dataset and
    boundaries, or, for `--kiosk`, hands the screen to the kiosk (`kiosk`, the window's KioskHandover) as
    Vis → Kiosktilstand does; arguments it cannot use are one message in the window. While the kiosk runs, nothing
    changes."""
    if kiosk.running():
        return
    try:
        args = parse_handed_over(argv, cwd)
    except ValueError as exc:
        log.warning("Ignorerer ugyldige argumenter fra en anden start: %s", exc)
        window.bring_to_front()
        window.tell.warn("almen-gui kører allerede", f"Den nye start blev ikke brugt: {str(exc).rstrip('.')}.")
        return
    if args.kiosk or args.kiosk_config:
        kiosk.start(Path(args.kiosk_config) if args.kiosk_config else None, args.data)
        return
    window.bring_to_front(kommune=args.kommune, data=args.data, boundaries=args.boundaries)
