"""Read almen-gui as a screen reader does: its tree on the AT-SPI bus (role, name, description, labelled-by,
focusable), or what it announces while "zzq" is typed into the kommune search (or while the kiosk turns its pages).

Run by docs/atspi/run.sh with the system's python3 (Debian: python3-pyatspi); not part of the package or its tests.
"""

import sys

import pyatspi
from gi.repository import GLib


def find_app():
    for app in pyatspi.Registry.getDesktop(0):
        if app is not None and "almen" in (app.name or "").lower():
            return app
    return None


def labelled_by(node) -> list[str]:
    return [relation.getTarget(i).name for relation in node.getRelationSet()
            if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY for i in range(relation.getNTargets())]


def walk(node, depth: int = 0, lines: list[str] | None = None) -> list[str]:
    """Every showing node, a line each; long lists show their first rows only."""
    lines = [] if lines is None else lines
    states = node.getState()
    if not (states.contains(pyatspi.STATE_SHOWING) or depth < 2):
        return lines
    line = f"{'  ' * depth}[{node.getRoleName()}] {node.name!r}"
    if node.description:
        line += f" desc={node.description[:160]!r}"
    if labelled_by(node):
        line += f" labelled-by={labelled_by(node)}"
    if states.contains(pyatspi.STATE_FOCUSABLE):
        line += " focusable"
    lines.append(line)
    shown = node.childCount if node.childCount <= 8 or node.getRoleName() != "list" else 3
    for i in range(shown):
        walk(node.getChildAtIndex(i), depth + 1, lines)
    if shown < node.childCount:
        lines.append(f"{'  ' * (depth + 1)}… {node.childCount - shown} more")
    return lines


def find(node, role: str, name: str):
    if node.getRoleName() == role and name in (node.name or ""):
        return node
    for i in range(node.childCount):
        found = find(node.getChildAtIndex(i), role, name)
        if found is not None:
            return found
    return None


def listen(app, seconds: float) -> list[str]:
    """Announcements and name/description changes for `seconds`; in the window, "zzq" is typed into the search."""
    heard = []

    def on_event(event):
        heard.append(f"{event.type}: {event.any_data!r} from [{event.source.getRoleName()}] {event.source.name!r}")

    for kind in ("object:announcement", "object:property-change:accessible-description",
                 "object:property-change:accessible-name"):
        pyatspi.Registry.registerEventListener(on_event, kind)
    search = find(app, "text", "Søg kommune")
    if search is not None:
        GLib.timeout_add(500, lambda: search.queryEditableText().setTextContents("zzq") and False)
    GLib.timeout_add(int(seconds * 1000), lambda: pyatspi.Registry.stop() or False)
    pyatspi.Registry.start()
    return heard


if __name__ == "__main__":
    found = find_app()
    if found is None:
        sys.exit("almen-gui is not on the accessibility bus")
    print("\n".join(walk(found) if sys.argv[1:] == ["tree"] else listen(found, 7)))
