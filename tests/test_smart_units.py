"""The unit is said once ("12 modules passed"), and the deadline a goal's wording names is read as a date."""

from __future__ import annotations

from datetime import date

import pytest

from goaldesk.cli import main
from goaldesk.domain.smart import Criterion, SmartInput, assess
from goaldesk.domain.smart_base import counted, what_counted
from goaldesk.domain.wording_deadline import deadline_in_wording, offer_deadline

TODAY = date(2026, 12, 8)


@pytest.mark.parametrize(
    ("target", "metric", "unit", "said"),
    [
        (12, "modules passed", "modules", "12 modules passed"),
        (10, "songs", "songs", "10 songs"),
        (3, "talks given", "talks", "3 talks given"),
        (65, "client reports", "reports", "65 client reports"),
        (32, "on-time evenings", "evenings", "32 on-time evenings"),
        (3, "module", "modules", "3 modules"),
        (2, "reports", "client reports", "2 client reports"),
        (5, "longest run", "km", "5 km (longest run)"),
        (4, "", "kg", "4 kg"),
        (5, "reports", "", "5 reports"),
        (7, "", "", "7"),
    ],
)
def test_the_unit_is_said_once(target: float, metric: str, unit: str, said: str) -> None:
    assert counted(target, metric, unit) == said
    reasons = assess(SmartInput("Pass the course modules", today=TODAY, target=target, metric_name=metric,
                                unit=unit)).verdict(Criterion.MEASURABLE).reasons  # fmt: skip
    assert reasons[0] == f"Tracked against a target: {said}."


def test_what_counted_ignores_case_and_spacing() -> None:
    assert what_counted("  Songs ", "songs") == "songs"
    assert what_counted("Modules  passed", "modules") == "Modules passed"


def test_cli_says_the_unit_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["smart-check", "Learn ten songs on the guitar", "--metric", "songs", "--unit", "songs",
                 "--target", "10", "--today", TODAY.isoformat()]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Tracked against a target: 10 songs." in out
    assert "songs songs" not in out
    assert main(["smart-check", "Improve my presentation skills", "--metric", "talks given", "--unit", "talks",
                 "--target", "3", "--today", TODAY.isoformat()]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "3 talks given." in out and "talks given talks" not in out


@pytest.mark.parametrize(
    ("title", "due", "words"),
    [
        ("Earn the PMP certification within 6 months", date(2027, 6, 8), "within 6 months"),
        ("Learn Spanish in two months", date(2027, 2, 8), "in two months"),
        ("Run 5 km by June", date(2027, 6, 30), "by June"),
        ("Read 4 books within 3 weeks", date(2026, 12, 29), "within 3 weeks"),
        ("Save 3,000 for a safety net in a year", date(2027, 12, 8), "in a year"),
        ("Finish the report by 2027-03-01", date(2027, 3, 1), "2027-03-01"),
    ],
)
def test_deadline_in_wording(title: str, due: date, words: str) -> None:
    found = deadline_in_wording(title, "", TODAY)
    assert found is not None
    assert (found.due, found.words) == (due, words)


def test_deadline_counts_from_the_start_date_and_reads_the_description() -> None:
    found = deadline_in_wording("Earn the PMP certification", "Study every evening; done within 6 months.",
                                date(2027, 3, 1))  # fmt: skip
    assert found is not None and found.due == date(2027, 9, 1)


@pytest.mark.parametrize("title", ["grow in my career", "", "Improve my skills soon"])
def test_no_deadline_without_a_time_frame(title: str) -> None:
    assert deadline_in_wording(title, "", TODAY) is None


def test_offer_only_a_different_date() -> None:
    found = deadline_in_wording("Earn the PMP certification within 6 months", "", TODAY)
    assert offer_deadline(found, None) == date(2027, 6, 8)
    assert offer_deadline(found, TODAY) == date(2027, 6, 8)
    assert offer_deadline(found, date(2027, 6, 8)) is None
    assert offer_deadline(None, TODAY) is None
