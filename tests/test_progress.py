"""Progress math: pace, forecast, status, small-win thresholds and running totals (pure, no database)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from goaldesk.domain.enums import MetricKind
from goaldesk.domain.model import CheckIn
from goaldesk.domain.progress import (
    PaceStatus,
    forecast,
    ideal_fraction,
    ideal_line,
    ideal_value,
    pace_status,
    progress_fraction,
    recent_rate,
    totals,
    wins_crossed,
)

D0 = date(2025, 1, 1)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def checkin(n: int, value: float, cid: int = 0) -> CheckIn:
    return CheckIn(id=cid, goal_id=1, on=day(n), value=value)


# ---------------------------------------------------------------- existing behaviour kept


def test_progress_fraction_unchanged() -> None:
    assert progress_fraction(0, 100, 25) == 0.25
    assert progress_fraction(80, 70, 75) == 0.5  # decreasing target
    assert progress_fraction(0, 100, 150) == 1.0
    assert progress_fraction(0, 0, 5) is None
    assert progress_fraction(None, None, None, 1, 4) == 0.25
    assert progress_fraction(None, None, None) is None


# ---------------------------------------------------------------- ideal pace


def test_ideal_value_interpolates_and_clamps() -> None:
    assert ideal_value(day(0), day(100), 10.0, 110.0, day(50)) == pytest.approx(60.0)
    assert ideal_value(day(0), day(100), 10.0, 110.0, day(-5)) == 10.0
    assert ideal_value(day(0), day(100), 10.0, 110.0, day(150)) == 110.0
    assert ideal_value(day(0), day(100), 80.0, 70.0, day(25)) == pytest.approx(77.5)


def test_ideal_value_with_deadline_on_start_day() -> None:
    assert ideal_value(day(0), day(0), 0.0, 5.0, day(0)) == 0.0
    assert ideal_value(day(0), day(0), 0.0, 5.0, day(1)) == 5.0


def test_ideal_line_runs_from_start_baseline_to_deadline_target() -> None:
    assert ideal_line(day(0), day(30), 2.0, 9.0) == [(day(0), 2.0), (day(30), 9.0)]


def test_ideal_fraction() -> None:
    assert ideal_fraction(day(0), day(10), day(5)) == 0.5
    assert ideal_fraction(day(0), day(10), day(-1)) == 0.0
    assert ideal_fraction(day(0), day(10), day(11)) == 1.0


# ---------------------------------------------------------------- totals


def test_totals_cumulative_keeps_last_value_per_day_sorted() -> None:
    got = totals([checkin(5, 3.0), checkin(1, 1.0), checkin(5, 4.0)], MetricKind.CUMULATIVE, None)
    assert got == [(day(1), 1.0), (day(5), 4.0)]


def test_totals_increments_add_up_from_baseline() -> None:
    got = totals([checkin(2, 5.0), checkin(1, 2.0), checkin(2, 1.0)], MetricKind.INCREMENT, 10.0)
    assert got == [(day(1), 12.0), (day(2), 18.0)]
    assert totals([checkin(1, 2.0)], MetricKind.INCREMENT, None) == [(day(1), 2.0)]


def test_totals_empty_and_backwards() -> None:
    assert totals([], MetricKind.CUMULATIVE, 0.0) == []
    assert totals([], MetricKind.INCREMENT, 3.0) == []
    assert totals([checkin(1, 5.0), checkin(2, 3.0)], MetricKind.CUMULATIVE, 0.0) == [(day(1), 5.0), (day(2), 3.0)]
    assert totals([checkin(1, 5.0), checkin(2, -2.0)], MetricKind.INCREMENT, 0.0) == [(day(1), 5.0), (day(2), 3.0)]


def test_totals_fifty_thousand_checkins() -> None:
    many = [checkin(i // 10, 1.0, i) for i in range(50_000)]
    got = totals(many, MetricKind.INCREMENT, 0.0)
    assert len(got) == 5_000
    assert got[-1] == (day(4_999), 50_000.0)


# ---------------------------------------------------------------- rate and forecast


def test_recent_rate_needs_two_days() -> None:
    assert recent_rate([]) is None
    assert recent_rate([(day(0), 1.0)]) is None
    assert recent_rate([(day(0), 1.0), (day(0), 2.0)]) is None


def test_recent_rate_uses_window() -> None:
    slow_then_fast = [(day(i), 0.1 * i) for i in range(100)] + [(day(100 + i), 10 + 2.0 * i) for i in range(30)]
    assert recent_rate(slow_then_fast, window_days=28) == pytest.approx(2.0)


def test_recent_rate_reaches_back_past_a_long_gap() -> None:
    assert recent_rate([(day(0), 0.0), (day(100), 50.0)], window_days=28) == pytest.approx(0.5)


def test_forecast_linear() -> None:
    points = [(day(i), float(i)) for i in range(11)]  # 1 unit/day, at 10 on day 10
    assert forecast(points, 20.0, day(10)) == day(20)


def test_forecast_no_convergence() -> None:
    flat = [(day(0), 5.0), (day(10), 5.0)]
    falling = [(day(0), 5.0), (day(10), 3.0)]
    assert forecast(flat, 20.0, day(10)) is None
    assert forecast(falling, 20.0, day(10), baseline=0.0) is None
    assert forecast([], 20.0, day(10)) is None
    assert forecast([(day(0), 5.0)], 20.0, day(10)) is None


def test_forecast_decreasing_target() -> None:
    points = [(day(0), 80.0), (day(10), 78.0)]  # -0.2 / day toward 70
    assert forecast(points, 70.0, day(10), baseline=80.0) == day(50)


def test_forecast_already_reached_and_stale() -> None:
    assert forecast([(day(0), 0.0), (day(5), 12.0)], 10.0, day(9), baseline=0.0) == day(5)
    # The pace says day 20, but it is day 30 and no check-in since: the forecast cannot be in the past.
    assert forecast([(day(0), 0.0), (day(10), 10.0)], 20.0, day(30)) == day(30)


def test_forecast_too_slow_is_no_convergence() -> None:
    assert forecast([(day(0), 0.0), (day(1000), 0.001)], 1_000_000.0, day(1000)) is None


# ---------------------------------------------------------------- status


def test_pace_status() -> None:
    today = day(50)
    assert pace_status(0.5, day(0), day(100), today) is PaceStatus.ON_TRACK
    assert pace_status(0.3, day(0), day(100), today) is PaceStatus.BEHIND
    assert pace_status(0.8, day(0), day(100), today) is PaceStatus.AHEAD
    assert pace_status(1.0, day(0), day(100), today) is PaceStatus.ACHIEVED
    assert pace_status(0.2, day(0), day(100), today, achieved=True) is PaceStatus.ACHIEVED
    assert pace_status(0.9, day(0), day(40), today) is PaceStatus.OVERDUE
    assert pace_status(None, day(0), day(40), today) is PaceStatus.OVERDUE
    assert pace_status(None, day(0), day(100), today) is PaceStatus.NO_DATA
    assert pace_status(0.4, day(0), None, today) is PaceStatus.NO_DATA


def test_pace_status_labels_and_values() -> None:
    assert PaceStatus.ON_TRACK.label == "On track"
    assert PaceStatus("behind") is PaceStatus.BEHIND
    assert all(s.label for s in PaceStatus)
    assert isinstance(PaceStatus.AHEAD, str)


# ---------------------------------------------------------------- small wins


@pytest.mark.parametrize(
    ("old", "new", "crossed"),
    [
        (0.0, 0.3, [25]),
        (None, 0.6, [25, 50]),
        (0.24, 1.0, [25, 50, 75, 100]),
        (0.25, 0.49, []),
        (0.5, 0.3, []),
        (0.3, None, []),
        (0.7, 0.75, [75]),
        (0.7, 0.7499999999999, [75]),
        (1.0, 1.0, []),
    ],
)
def test_wins_crossed(old: float | None, new: float | None, crossed: list[int]) -> None:
    assert wins_crossed(old, new) == crossed


def test_pace_line_is_piecewise_after_adjustments() -> None:
    from goaldesk.domain.progress import pace_line

    start = date(2026, 1, 1)
    # Plan: 100 by 2026-04-11 (100 days); on day 50 the target becomes 150 and the deadline 2026-05-31.
    line = pace_line(start, 0.0, [(start, 100.0, date(2026, 4, 11)), (date(2026, 2, 20), 150.0, date(2026, 5, 31))])
    assert line[0] == (start, 0.0)
    assert line[1] == (date(2026, 2, 20), 50.0)  # where the first plan had reached on the change day
    assert line[-1] == (date(2026, 5, 31), 150.0)
    assert pace_line(start, 0.0, [(start, 10.0, date(2026, 2, 1))]) == [(start, 0.0), (date(2026, 2, 1), 10.0)]
    assert pace_line(start, 0.0, []) == []
