"""Type aliases and the shapes of the dicts the library hands out (for type checkers; at run
time they are plain dicts and strings)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Dict, List, Literal, Optional, TypedDict, Union

__all__ = [
    "Time",
    "Date",
    "Json",
    "Agreement",
    "Deadline",
    "AccessEntry",
    "Effect",
    "NotifyEffect",
    "Accepted",
    "MessageEntry",
    "EstimatedDischarge",
    "WorklistItem",
    "EventDict",
    "Slot",
    "SessionInfo",
    "Booking",
    "SessionView",
    "SessionAccessEntry",
    "Figures",
    "IndicatorGroup",
    "Indicators",
    "PaymentRow",
    "IndividualModel",
    "AverageModel",
    "PaymentModel",
    "FiguresByCareType",
    "SimSummary",
    "SimPresets",
]

#: A point in time: a timezone-aware ``datetime`` or RFC 3339 text. Naive datetimes are
#: refused (``InvalidInput`` naming the field).
Time = Union[datetime, str]

#: A calendar day: a ``datetime.date`` or ``YYYY-MM-DD`` text (``set_estimated_discharge``'s
#: ``date``; the typed event writes a ``date`` as that text, a dict event takes the text).
Date = Union[date, str]

#: A JSON-shaped value as the library returns it (times as RFC 3339 text).
Json = Any

#: An event as a dict: ``{"type", "at", "actor", <fields>}``.
EventDict = Dict[str, Any]

#: One effect of an accepted event: ``{"type": "notify", "id": "m1", "message": ..., "to": [...]}``
#: (see :class:`NotifyEffect`), ``{"type": "state_changed", "track", "from", "to"}``, …
Effect = Dict[str, Any]


class _NotifyKeys(TypedDict):
    type: str
    id: str
    message: str
    to: List[str]


class NotifyEffect(_NotifyKeys, total=False):
    """An effect of ``type`` ``"notify"``: a message the embedding system must send to ``to``
    (each role once, in the spec's Roles order). ``id`` (``m1``, ``m2``, … within the case) is
    the one its recipients acknowledge it by (``acknowledge_message``). ``meeting_at`` for
    ``check_in_booked`` and ``sip_invitation``; ``estimated_discharge`` (``YYYY-MM-DD``) for
    ``estimated_discharge_changed``, and for ``admission_notice``, where it is ``None`` when
    no date has been set."""

    meeting_at: str
    estimated_discharge: Optional[str]


class MessageEntry(TypedDict):
    """A message the case keeps (the state's ``messages``, in the order sent): ``acknowledged``
    holds the recipients that have acknowledged it, in the order they did."""

    id: str
    message: str
    at: str
    to: List[str]
    acknowledged: List[str]


class EstimatedDischarge(TypedDict):
    """The state's ``estimated_discharge`` once set (``None`` before)."""

    date: str


class WorklistItem(TypedDict):
    """One thing a role has to do (``utskrivning.worklist``). ``ref`` names the message
    (``m3``), question (``q1``) or deadline (its kind), ``None`` for the other kinds; ``due``
    is ``None`` where nothing is due."""

    case_id: str
    kind: str
    ref: Optional[str]
    since: str
    due: Optional[str]
    overdue: bool


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
    acknowledgement_hours: int


# Required keys in the base, optional ones in the subclass (no `NotRequired` before 3.11).
class _DeadlineKeys(TypedDict):
    kind: str
    owner: str
    due: str
    status: str
    since: str


class Deadline(_DeadlineKeys, total=False):
    """One obligation as ``Case.deadlines(at)`` lists it; ``since`` when it arose, ``days`` and
    ``amount_sek`` only for payment responsibility, ``met_at`` once met."""

    met_at: str
    days: int
    amount_sek: int


class _AccessKeys(TypedDict):
    at: str
    role: str
    action: str
    outcome: str


class AccessEntry(_AccessKeys, total=False):
    """One line of the access log (``action`` ``read`` for a view, ``worklist`` for a
    worklist); ``code`` for a refusal."""

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


class Figures(TypedDict):
    """The figures of one set of discharges (``utskrivning.indicators``: the period's, or one
    group's). Nothing is rounded; a share or mean over no cases is ``None``."""

    discharges: int
    same_day: int
    same_day_share: Optional[float]
    episodes_with_days: int
    ready_days_total: int
    mean_ready_days: Optional[float]
    beds_per_day: float


class IndicatorGroup(Figures):
    """One (municipality, care type) group's figures; ``municipality`` is ``None`` for cases
    admitted without one."""

    municipality: Optional[str]
    care_type: str


#: The indicators of a period (``utskrivning.indicators``): ``from`` and ``to`` as
#: ``YYYY-MM-DD``, ``days`` (``to − from``, the divisor of ``beds_per_day``), ``overall``, and
#: ``groups`` sorted by municipality code (``None`` last), then ``somatic`` before
#: ``psychiatric``. (``from`` is a keyword in Python, hence the functional form.)
Indicators = TypedDict(
    "Indicators",
    {"from": str, "to": str, "days": int, "overall": Figures, "groups": List[IndicatorGroup]},
)


class _PaymentRowKeys(TypedDict):
    municipality: Optional[str]
    discharges: int
    payable_days: float
    amount_sek: float


class PaymentRow(_PaymentRowKeys, total=False):
    """One municipality's payment basis (``utskrivning.payment_basis``); the average model adds
    ``individual_cases``, ``individual_days`` and ``excess_days``. Nothing is rounded."""

    individual_cases: int
    individual_days: float
    excess_days: float


class IndividualModel(TypedDict):
    """The law's rule: each case's payment days as its own agreement counts them."""

    kind: Literal["individual"]
    daily_amount_sek: float


class _AverageModelKeys(TypedDict):
    kind: Literal["average"]
    threshold_days: float
    include_same_day: bool
    daily_amount_sek: float


class AverageModel(_AverageModelKeys, total=False):
    """A region's model on a municipality's average ready days; ``individual_after_days`` may
    be absent or ``None`` (no such rule)."""

    individual_after_days: Optional[float]


#: How the payment basis is counted (docs/payment.md); ``utskrivning.payment_preset(name)``
#: gives the named presets.
PaymentModel = Union[IndividualModel, AverageModel]


class FiguresByCareType(TypedDict):
    """The overall figures of each care type (the national follow-up publishes them apart)."""

    somatic: Figures
    psychiatric: Figures


class SimSummary(TypedDict):
    """A simulated year's figures (``utskrivning.sim``): the cases written (warm-up included)
    and the events the engine applied; the indicators, the figures per care type and the
    payment basis under the run's model, over the cases discharged on a Stockholm date in the
    year."""

    cases: int
    events: int
    indicators: Indicators
    by_care_type: FiguresByCareType
    payment_basis: List[PaymentRow]


class SimPresets(TypedDict):
    """The regions and years the simulator has presets of."""

    regions: List[str]
    years: List[int]
