"""Type aliases and the shapes of the dicts the library hands out (for type checkers; at run
time they are plain dicts and strings)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Optional, TypedDict, Union

__all__ = [
    "Time",
    "Json",
    "Agreement",
    "Deadline",
    "AccessEntry",
    "Effect",
    "Accepted",
    "EventDict",
    "Slot",
    "SessionInfo",
    "Booking",
    "SessionView",
    "SessionAccessEntry",
]

#: A point in time: a timezone-aware ``datetime`` or RFC 3339 text. Naive datetimes are
#: refused (``InvalidInput`` naming the field).
Time = Union[datetime, str]

#: A JSON-shaped value as the library returns it (times as RFC 3339 text).
Json = Any

#: An event as a dict: ``{"type", "at", "actor", <fields>}``.
EventDict = Dict[str, Any]

#: One effect of an accepted event: ``{"type": "notify", "message": ..., "to": [...]}``, …
Effect = Dict[str, Any]


class Accepted(TypedDict):
    """The answer to an accepted event (``Case.apply``, ``Planner.cancel``): the effects the
    embedding system must carry out, in the same shape in every binding."""

    effects: List[Effect]


class Agreement(TypedDict, total=False):
    """A region's agreement on deadlines; absent keys keep the law's defaults."""

    admission_notice_hours: int
    sip_invitation_days: int
    payment_days: int
    payment_counts_notice_day: bool
    payment_cutoff_hour: int
    daily_amount_sek: int


# Required keys in the base, optional ones in the subclass (no `NotRequired` before 3.11).
class _DeadlineKeys(TypedDict):
    kind: str
    owner: str
    due: str
    status: str


class Deadline(_DeadlineKeys, total=False):
    """One obligation as ``Case.deadlines(at)`` lists it; ``days`` and ``amount_sek`` only for
    payment responsibility, ``met_at`` once met."""

    met_at: str
    days: int
    amount_sek: int


class _AccessKeys(TypedDict):
    at: str
    role: str
    action: str
    outcome: str


class AccessEntry(_AccessKeys, total=False):
    """One line of the access log; ``code`` for a refusal."""

    code: str


class Slot(TypedDict):
    """One slot of a check-in session (``Planner.slots``); ``care_contact`` is the unit holding
    it (``None`` when free), ``case_id`` ``None`` when free or a questions slot."""

    session: str
    index: int
    starts_at: str
    ends_at: str
    care_contact: Optional[str]
    case_id: Optional[str]


class SessionInfo(TypedDict):
    """A session from the weekly times (``Planner.sessions_between``), with its free slots."""

    session: str
    starts_at: str
    ends_at: str
    slots: int
    free: int


class Booking(TypedDict):
    """An accepted booking: the slot, and the case's effects (the meeting link to send)."""

    slot: Slot
    effects: List[Effect]


class SessionView(TypedDict):
    """A session as one party may see it (``Planner.view``)."""

    session: str
    starts_at: str
    ends_at: str
    slot_minutes: int
    slots: List[Slot]


class _SessionAccessKeys(TypedDict):
    at: str
    role: str
    session: str
    outcome: str


class SessionAccessEntry(_SessionAccessKeys, total=False):
    """One line of the planner's access log of session views; ``code`` for a refusal."""

    code: str
