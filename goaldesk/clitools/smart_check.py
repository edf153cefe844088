"""``goaldesk smart-check "TEXT"``: the automatic SMART check on a goal statement, without a database.

Handy for trying a wording before creating the goal, and for scripts (``--json``). Bad dates and
numbers are reported on stderr with exit status 2, like any other usage error.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from goaldesk.clitools.common import CliError
from goaldesk.domain.enums import Horizon
from goaldesk.domain.errors import DomainError
from goaldesk.domain.smart import Criterion, SmartInput, assess, rewrite_as_smart
from goaldesk.domain.validation import parse_number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # Values are taken as text and checked in run(), so a bad one is a clean "goaldesk: ..." error, exit 2.
    parser.add_argument("text", metavar="TEXT", help='the goal statement, e.g. "Finish an online course in two months"')
    parser.add_argument("--description", default="", metavar="TEXT", help="more detail about the goal")
    parser.add_argument("--deadline", metavar="YYYY-MM-DD", help="the deadline")
    parser.add_argument("--target", metavar="N", help="the number to reach")
    parser.add_argument("--baseline", metavar="N", help="where you start (default 0)")
    parser.add_argument("--unit", default="", metavar="U", help='unit of the target, e.g. kg or "per week"')
    parser.add_argument("--metric", default="", metavar="NAME", help='what is counted, e.g. "client reports"')
    parser.add_argument("--milestones", default="0", metavar="N", help="number of milestones planned")
    parser.add_argument("--why", default="", metavar="TEXT", help="why this goal matters")
    parser.add_argument("--long-term", action="store_true", help="judge it as a long-term goal")
    parser.add_argument(
        "--override",
        action="append",
        default=[],
        metavar="CRITERION",
        help="count a criterion as met by your own judgement (repeatable): " + ", ".join(c.value for c in Criterion),
    )
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="judge as of this date (default: today)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _date(text: str | None, option: str) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"{option} must be a date written YYYY-MM-DD, not {text.strip()[:40]!r}") from None


def _number(text: str | None, option: str) -> float | None:
    try:
        return parse_number(text, option, option)
    except DomainError as exc:
        raise CliError(exc.message) from None


def run(args: argparse.Namespace) -> int:
    """Print the assessment; the category is assumed (the app asks for one), so Relevant hinges on --why."""
    today = _date(args.today, "--today") or date.today()
    milestones = _number(args.milestones, "--milestones") or 0.0
    if milestones < 0 or not milestones.is_integer():
        raise CliError("--milestones must be a whole number from 0 up")
    for name in args.override:
        try:
            Criterion(name.strip().lower().replace("_", "-"))
        except ValueError:
            known = ", ".join(c.value for c in Criterion)
            raise CliError(f"--override must be one of {known}, not {name!r}") from None
    inp = SmartInput(
        args.text,
        description=args.description,
        why=args.why,
        horizon=Horizon.LONG if args.long_term else Horizon.SHORT,
        deadline=_date(args.deadline, "--deadline"),
        metric_name=args.metric,
        unit=args.unit,
        baseline=_number(args.baseline, "--baseline"),
        target=_number(args.target, "--target"),
        milestones_total=int(milestones),
        today=today,
    )
    assessment = assess(inp, frozenset(args.override))
    if args.json:
        print(json.dumps(assessment.to_json(), indent=2, ensure_ascii=False))
    else:
        print(assessment.to_text())
        print(f"\nSuggested wording: {rewrite_as_smart(inp)}")
    return 0
