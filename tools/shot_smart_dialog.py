"""Screenshot of the SMART checklist dialog on a realistic, partly SMART goal.

Run offscreen: ``QT_QPA_PLATFORM=offscreen .venv/bin/python tools/shot_smart_dialog.py [out.png]``.
A temporary database is built and thrown away; the PNG lands in resources/screenshots/ by default.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from goaldesk.domain.model import GoalDraft
from goaldesk.domain.smart import Criterion
from goaldesk.ui.shell.app import make_application
from goaldesk.ui.shell.context import AppContext
from goaldesk.ui.smart.smart_dialog import SmartDialog

OUT = Path(__file__).resolve().parent.parent / "resources" / "screenshots" / "smart-dialog.png"


def main(out: Path = OUT) -> Path:
    """Build the goal, open the dialog at a usual size, overrule one criterion, save the grab."""
    app = make_application(sys.argv[:1])  # as the app starts: English plurals, icons, names
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        ctx = AppContext.open(Path(tmp) / "demo.sqlite3", settings)
        try:
            skills = ctx.categories.category_by_key("skill-development") or ctx.categories.categories()[-1]
            today = ctx.today()
            goal = ctx.goals.create_goal(
                GoalDraft(
                    title="Improve my presentation skills within three months",
                    category_id=skills.id,
                    description="Practise short talks at the Monday team meeting and ask colleagues "
                    "for feedback after every talk.",
                    start_date=today - timedelta(days=14),
                )
            )
            dialog = SmartDialog(ctx, goal=goal)
            dialog.resize(760, 960)
            dialog.show()
            dialog.sections[Criterion.RELEVANT].override_box.setChecked(True)
            dialog.show_rewrite()
            app.processEvents()
            out.parent.mkdir(parents=True, exist_ok=True)
            dialog.grab().save(str(out))
            dialog.close()
        finally:
            ctx.undo_stack.clear()
            ctx.close()
    return out


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
