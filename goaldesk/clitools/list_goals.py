"""``goaldesk list``: the goals in a terminal, for a quick look or a script."""

from __future__ import annotations

import argparse
import json

from goaldesk.clitools.common import open_service
from goaldesk.domain.dates import deadline_hint
from goaldesk.domain.model import GoalQuery
from goaldesk.domain.validation import visible


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--search", default="", help="only goals whose title or description contains this")


def run(args: argparse.Namespace) -> int:
    service = open_service(args)
    names = {c.id: c.name for c in service.categories.categories()}
    today = service.store.today()
    goals = service.goals.list_goals(GoalQuery(text=args.search))
    if args.json:
        print(json.dumps([
            {"id": g.id, "title": g.title, "type": names.get(g.category_id), "horizon": g.horizon.value,
             "status": g.status.value, "deadline": g.deadline.isoformat() if g.deadline else None,
             "progress": None if g.progress is None else round(g.progress, 4)}
            for g in goals
        ], ensure_ascii=False, indent=2))
    else:
        for g in goals:
            progress = "  —" if g.progress is None else f"{round(g.progress * 100):3d}%"
            # visible(): a title holding ESC or BEL must not drive the terminal (older imports let them in)
            print(f"{g.id:5d}  {progress}  {g.horizon.label:10}  {visible(names.get(g.category_id, '?')):18}  "
                  f"{visible(g.title)}  ({deadline_hint(g.deadline, today)})")
    service.store.close()
    return 0
