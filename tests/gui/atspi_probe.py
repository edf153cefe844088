"""Reads and acts on GoalDesk through the AT-SPI accessibility bus, as a screen reader does.

Runs under the system Python (Debian's python3-pyatspi; the GObject bindings are not in the venv):
``/usr/bin/python3 atspi_probe.py COMMAND [ARGS]``, with DBUS_SESSION_BUS_ADDRESS naming the session
bus that the AT-SPI bus is registered on. Prints one JSON document on stdout. Commands:

- ``walk [--active] [--details]``: every showing node of the app's active window (or of every window),
  with role, name, description, the interfaces it offers and its path (``--details``: also its object
  attributes, such as a tree item's "level", and its states), and which are interactive but unnamed;
- ``press NAME``: the first showing node called NAME that has an Action: its first action is done;
- ``select TABLE_NAME ROW``: select a row (child) of a table/tree through the Selection interface;
- ``headers TABLE_NAME``: the column headers the Table interface reads (hidden headers are read too);
- ``listen SECONDS EVENT...``: the events of those types seen in that time (announcements, names).
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi

INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "combo box", "text", "entry",
    "password text", "spin button", "slider", "page tab", "menu item", "check menu item",
    "radio menu item", "table", "tree", "tree table", "list", "table cell", "list item", "tree item",
    "scroll bar", "link", "page tab list", "tool bar", "menu bar", "dial",
}


def app_node():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        node = desktop.getChildAtIndex(i)
        if node is not None and (node.name or "").lower().startswith("goaldesk"):
            return node
    raise SystemExit(json.dumps({"error": "GoalDesk is not on the accessibility bus"}))


def showing(node) -> bool:
    try:
        return node.getState().contains(pyatspi.STATE_SHOWING)
    except Exception:  # a node gone while walking
        return False


def interfaces(node) -> list[str]:
    try:
        return sorted(pyatspi.listInterfaces(node))
    except Exception:
        return []


def attributes(node) -> dict[str, str]:
    """Object attributes ("level", "toolkit", ...) as a dict."""
    try:
        pairs = node.getAttributes() or []
    except Exception:
        return {}
    return dict(p.split(":", 1) for p in pairs if ":" in p)


def states(node) -> list[str]:
    try:
        return sorted(pyatspi.stateToString(s) for s in node.getState().getStates())
    except Exception:
        return []


def walk(node, path: str, out: list[dict], depth: int = 0, details: bool = False) -> None:
    if node is None or depth > 60 or not showing(node):
        return
    role = node.getRoleName()
    entry = {"role": role, "name": node.name or "", "description": node.description or "", "path": path,
             "interfaces": interfaces(node), "children": node.childCount}
    if details:
        entry["attributes"] = attributes(node)
        entry["states"] = states(node)
    out.append(entry)
    for i in range(min(node.childCount, 400)):
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, f"{path}/{child.getRoleName()}[{i}]", out, depth + 1, details)


def active_windows(app) -> list:
    windows = [app.getChildAtIndex(i) for i in range(app.childCount)]
    active = [w for w in windows if w is not None and w.getState().contains(pyatspi.STATE_ACTIVE)]
    return active or [w for w in windows if w is not None and showing(w)]


def cmd_walk(args: list[str]) -> dict:
    app = app_node()
    nodes: list[dict] = []
    every = [app.getChildAtIndex(i) for i in range(app.childCount)]
    for window in active_windows(app) if "--active" in args else every:
        if window is not None:
            walk(window, f"{window.getRoleName()}:{window.name}", nodes, details="--details" in args)
    unnamed = [n for n in nodes if n["role"] in INTERACTIVE and not n["name"].strip()]
    return {"nodes": nodes, "interactive": sum(n["role"] in INTERACTIVE for n in nodes), "unnamed": unnamed}


def find(node, test, depth: int = 0):
    if node is None or depth > 60 or not showing(node):
        return None
    if test(node):
        return node
    for i in range(min(node.childCount, 400)):
        found = find(node.getChildAtIndex(i), test, depth + 1)
        if found is not None:
            return found
    return None


def cmd_press(args: list[str]) -> dict:
    name = args[0]
    node = find(app_node(), lambda n: n.name == name and "Action" in interfaces(n))
    if node is None:
        return {"error": f"no showing node called {name!r} with an action"}
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    started = time.monotonic()
    try:
        action.doAction(0)
    except Exception as exc:  # GLib.GError: the app did not answer (a blocking exec() in the slot)
        return {"pressed": name, "actions": names, "answered": False, "error": str(exc).splitlines()[0],
                "seconds": round(time.monotonic() - started, 3)}
    return {"pressed": name, "actions": names, "answered": True, "seconds": round(time.monotonic() - started, 3)}


def cmd_select(args: list[str]) -> dict:
    name, row = args[0], int(args[1])
    node = find(app_node(), lambda n: n.name == name and "Selection" in interfaces(n))
    if node is None:
        return {"error": f"no showing node called {name!r} with Selection"}
    ok = node.querySelection().selectChild(row)
    return {"selected": bool(ok)}


def cmd_headers(args: list[str]) -> dict:
    """The column headers of a table or tree as the Table interface reads them (a hidden header too)."""
    name = args[0]
    node = find(app_node(), lambda n: n.name == name and "Table" in interfaces(n))
    if node is None:
        return {"error": f"no showing node called {name!r} with a Table"}
    table = node.queryTable()
    headers = []
    for column in range(table.nColumns):
        header = table.getColumnHeader(column)
        headers.append(header.name if header is not None else table.getColumnDescription(column))
    return {"headers": headers}


def cmd_listen(args: list[str]) -> dict:
    seconds, kinds = float(args[0]), args[1:]
    seen: list[dict] = []

    def on_event(event) -> None:
        source = event.source
        seen.append({"type": event.type, "detail": str(event.any_data) if event.any_data is not None else "",
                     "source": (source.name if source is not None else ""),
                     "role": (source.getRoleName() if source is not None else "")})

    for kind in kinds:
        pyatspi.Registry.registerEventListener(on_event, kind)
    end = time.monotonic() + seconds
    print(json.dumps({"listening": kinds}), flush=True)  # the caller acts once this line is out
    while time.monotonic() < end:
        pyatspi.Registry.pumpQueuedEvents()
        from gi.repository import GLib

        GLib.MainContext.default().iteration(False)
        time.sleep(0.01)
    return {"events": seen}


def main() -> None:
    command, args = sys.argv[1], sys.argv[2:]
    commands = {"walk": cmd_walk, "press": cmd_press, "select": cmd_select, "headers": cmd_headers,
                "listen": cmd_listen}
    result = commands[command](args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
