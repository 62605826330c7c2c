import datetime as dt

import pytest

from platform_core import workdays
from platform_core.workflow.models import CalendarDay

D = dt.date


@pytest.mark.django_db
def test_national_day_2026():
    assert workdays.working_days_between(D(2026, 9, 30), D(2026, 10, 9)) == 2
    # the make-up Saturday counts
    assert workdays.is_working_day(D(2026, 10, 10))
    assert workdays.working_days_between(D(2026, 10, 9), D(2026, 10, 10)) == 1


@pytest.mark.django_db
def test_same_day_and_next_day():
    assert workdays.working_days_between(D(2026, 11, 23), D(2026, 11, 23)) == 0
    assert workdays.working_days_between(D(2026, 11, 23), D(2026, 11, 24)) == 1
    assert workdays.working_days_between(D(2026, 11, 27), D(2026, 11, 30)) == 1  # Fri → Mon
    assert workdays.working_days_between(D(2026, 11, 24), D(2026, 11, 23)) == 0


@pytest.mark.django_db
def test_add_working_days_skips_holidays():
    assert workdays.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert workdays.add_working_days(D(2026, 9, 30), 0) == D(2026, 9, 30)
    start = D(2026, 3, 2)
    for n in range(0, 30):
        assert workdays.working_days_between(start, workdays.add_working_days(start, n)) == n


@pytest.mark.django_db
def test_admin_entered_2027_holiday_is_honoured():
    # 2027-01-01 is a Friday; without data it would be a working day (Monday–Friday fallback).
    assert workdays.is_working_day(D(2027, 1, 1))
    assert workdays.years_without_data([2027]) == [2027]
    CalendarDay.objects.create(date=D(2027, 1, 1), kind=CalendarDay.Kind.HOLIDAY, name="元旦")
    CalendarDay.objects.create(date=D(2027, 1, 2), kind=CalendarDay.Kind.WORKDAY, name="调休")
    assert not workdays.is_working_day(D(2027, 1, 1))
    assert workdays.is_working_day(D(2027, 1, 2))
    assert workdays.working_days_between(D(2026, 12, 31), D(2027, 1, 4)) == 2  # Sat 2 (make-up) + Mon 4
    assert workdays.years_without_data([2027]) == []


@pytest.mark.django_db
def test_year_without_data_falls_back_and_warns(admin_client):
    assert workdays.years_without_data([2028]) == [2028]
    assert workdays.is_working_day(D(2028, 1, 3))  # Monday
    assert not workdays.is_working_day(D(2028, 1, 1))  # Saturday
    response = admin_client.get("/admin/workflow/calendarday/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_override_beats_package_data():
    assert workdays.is_working_day(D(2026, 11, 25))
    CalendarDay.objects.create(date=D(2026, 11, 25), kind=CalendarDay.Kind.HOLIDAY, name="test")
    assert not workdays.is_working_day(D(2026, 11, 25))
