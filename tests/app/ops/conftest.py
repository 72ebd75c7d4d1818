"""Fixtures of the operations' tests: a rich plan stored in a real data folder, the clock set.
The helpers the tests import are in ops_helpers.py."""

from __future__ import annotations

from datetime import date

import pytest

from app.model import Plan

TODAY = date(2027, 6, 10)


from ops_helpers import rich_plan  # noqa: E402


@pytest.fixture
def plan_id(ws) -> int:
    return ws.db.insert_plan(rich_plan())


@pytest.fixture
def plan(ws, plan_id) -> Plan:
    return ws.plan(plan_id)


@pytest.fixture(autouse=True)
def _today(clock_at):
    clock_at(TODAY)
