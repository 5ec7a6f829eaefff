"""Typed events: one frozen dataclass per event type of the spec, for code that wants a type
checker's help. ``case.apply(SendCareRequest(at=..., actor=Role.CARE_CONTACT, question=...))``
is the same as applying the dict ``to_dict()`` gives: the core's parser reads both, so the rules
(and the errors) have one source. The tests check that these classes and their fields are
exactly the core's (``utskrivning.event_fields()``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, ClassVar, Dict, Optional, Sequence, Tuple, Type, TypeVar, Union

from .types import Agreement, Date, Time
from .vocab import AgendaItem, CareType, Purpose, Role, Routine, SolStatus

__all__ = [
    "Event",
    "EVENTS",
    "Admit",
    "SendAdmissionNotice",
    "SetEstimatedDischarge",
    "AssignCareContact",
    "AddRehabParty",
    "MarkReadyForDischarge",
    "UnmarkReadyForDischarge",
    "Discharge",
    "CloseCase",
    "Cancel",
    "BookCheckIn",
    "CancelCheckIn",
    "StartCheckIn",
    "StartItem",
    "SkipItem",
    "EndCheckIn",
    "SendCareRequest",
    "AcknowledgeCareRequest",
    "RequestCompletion",
    "CompleteCareRequest",
    "AcceptCareRequest",
    "RejectCareRequest",
    "CloseCareRequest",
    "GiveConsent",
    "DeclineConsent",
    "WithdrawConsent",
    "DecideColorTrack",
    "ScheduleSip",
    "HoldSip",
    "RecordSolApplication",
    "RaiseQuestion",
    "AcknowledgeMessage",
    "SendAdministrativeMessage",
    "AnswerQuestion",
]

RoleLike = Union[Role, str]


@dataclass(frozen=True)
class Event:
    """What every event carries: when, and who performs it."""

    type: ClassVar[str] = ""
    #: The fields that may be left out (default ``None``), filled in by ``_event``.
    _optional: ClassVar[Tuple[str, ...]] = ()
    at: Time
    actor: RoleLike

    def to_dict(self) -> Dict[str, Any]:
        """The event as the dict the core reads; optional fields left as ``None`` are left out."""
        d: Dict[str, Any] = {"type": self.type}
        d.update(self.__dict__)  # the fields, in order (a dataclass without slots)
        for name in self._optional:
            if d[name] is None:
                del d[name]
        return d


#: Every event class, by its ``type``.
EVENTS: Dict[str, Type[Event]] = {}


_E = TypeVar("_E", bound=Type[Event])


def _event(cls: _E) -> _E:
    EVENTS[cls.type] = cls
    cls._optional = tuple(f.name for f in fields(cls) if f.default is None)
    return cls


# --- phase ---------------------------------------------------------------------------------


@_event
@dataclass(frozen=True)
class Admit(Event):
    type: ClassVar[str] = "admit"
    case_id: str
    routine: Union[Routine, str]
    municipal_care_at_admission: bool
    #: The home municipality's four-digit code (kommunkod), e.g. ``"1480"``.
    municipality: Optional[str] = None
    care_type: Optional[Union[CareType, str]] = None
    agreement: Optional[Agreement] = None


@_event
@dataclass(frozen=True)
class SendAdmissionNotice(Event):
    type: ClassVar[str] = "send_admission_notice"
    to: Sequence[RoleLike]


@_event
@dataclass(frozen=True)
class SetEstimatedDischarge(Event):
    """The estimated day of discharge (planerat utskrivningsdatum); a ``datetime.date`` is
    written as ``YYYY-MM-DD``."""

    type: ClassVar[str] = "set_estimated_discharge"
    date: Date

    def to_dict(self) -> Dict[str, Any]:
        d = super().to_dict()
        # A datetime is a date too, but not a calendar day: left for the core to refuse.
        if isinstance(self.date, date) and not isinstance(self.date, datetime):
            d["date"] = self.date.isoformat()
        return d


@_event
@dataclass(frozen=True)
class AssignCareContact(Event):
    type: ClassVar[str] = "assign_care_contact"
    unit: str


@_event
@dataclass(frozen=True)
class AddRehabParty(Event):
    type: ClassVar[str] = "add_rehab_party"
    provider: str


@_event
@dataclass(frozen=True)
class MarkReadyForDischarge(Event):
    type: ClassVar[str] = "mark_ready_for_discharge"


@_event
@dataclass(frozen=True)
class UnmarkReadyForDischarge(Event):
    type: ClassVar[str] = "unmark_ready_for_discharge"


@_event
@dataclass(frozen=True)
class Discharge(Event):
    type: ClassVar[str] = "discharge"


@_event
@dataclass(frozen=True)
class CloseCase(Event):
    type: ClassVar[str] = "close_case"


@_event
@dataclass(frozen=True)
class Cancel(Event):
    type: ClassVar[str] = "cancel"
    reason: str


# --- check_in ------------------------------------------------------------------------------


@_event
@dataclass(frozen=True)
class BookCheckIn(Event):
    type: ClassVar[str] = "book_check_in"
    starts_at: Time
    remote: bool


@_event
@dataclass(frozen=True)
class CancelCheckIn(Event):
    type: ClassVar[str] = "cancel_check_in"


@_event
@dataclass(frozen=True)
class StartCheckIn(Event):
    type: ClassVar[str] = "start_check_in"


@_event
@dataclass(frozen=True)
class StartItem(Event):
    type: ClassVar[str] = "start_item"
    item: Union[AgendaItem, str]


@_event
@dataclass(frozen=True)
class SkipItem(Event):
    type: ClassVar[str] = "skip_item"
    item: Union[AgendaItem, str]
    reason: str


@_event
@dataclass(frozen=True)
class EndCheckIn(Event):
    type: ClassVar[str] = "end_check_in"


# --- care_request --------------------------------------------------------------------------


@_event
@dataclass(frozen=True)
class SendCareRequest(Event):
    type: ClassVar[str] = "send_care_request"
    question: str


@_event
@dataclass(frozen=True)
class AcknowledgeCareRequest(Event):
    type: ClassVar[str] = "acknowledge_care_request"


@_event
@dataclass(frozen=True)
class RequestCompletion(Event):
    type: ClassVar[str] = "request_completion"
    missing: Sequence[str]


@_event
@dataclass(frozen=True)
class CompleteCareRequest(Event):
    type: ClassVar[str] = "complete_care_request"
    supplied: str


@_event
@dataclass(frozen=True)
class AcceptCareRequest(Event):
    type: ClassVar[str] = "accept_care_request"


@_event
@dataclass(frozen=True)
class RejectCareRequest(Event):
    type: ClassVar[str] = "reject_care_request"
    reason: str


@_event
@dataclass(frozen=True)
class CloseCareRequest(Event):
    type: ClassVar[str] = "close_care_request"


# --- consents ------------------------------------------------------------------------------


@_event
@dataclass(frozen=True)
class GiveConsent(Event):
    type: ClassVar[str] = "give_consent"
    purpose: Union[Purpose, str]
    written_information_given: Optional[bool] = None


@_event
@dataclass(frozen=True)
class DeclineConsent(Event):
    type: ClassVar[str] = "decline_consent"
    purpose: Union[Purpose, str]


@_event
@dataclass(frozen=True)
class WithdrawConsent(Event):
    type: ClassVar[str] = "withdraw_consent"
    purpose: Union[Purpose, str]


# --- color_track, sip, sol_application, follow_ups -----------------------------------------


@_event
@dataclass(frozen=True)
class DecideColorTrack(Event):
    type: ClassVar[str] = "decide_color_track"
    track: str
    agreed_by: Sequence[RoleLike]


@_event
@dataclass(frozen=True)
class ScheduleSip(Event):
    type: ClassVar[str] = "schedule_sip"
    meeting_at: Time
    place: str
    participants: Sequence[RoleLike]


@_event
@dataclass(frozen=True)
class HoldSip(Event):
    type: ClassVar[str] = "hold_sip"


@_event
@dataclass(frozen=True)
class RecordSolApplication(Event):
    type: ClassVar[str] = "record_sol_application"
    status: Union[SolStatus, str]


@_event
@dataclass(frozen=True)
class RaiseQuestion(Event):
    type: ClassVar[str] = "raise_question"
    text: str
    concerns_inpatient: bool


# --- messages ------------------------------------------------------------------------------


@_event
@dataclass(frozen=True)
class AcknowledgeMessage(Event):
    """A recipient acknowledges (kvitterar) a message by its ``id`` (``m1``, …)."""

    type: ClassVar[str] = "acknowledge_message"
    id: str


@_event
@dataclass(frozen=True)
class SendAdministrativeMessage(Event):
    type: ClassVar[str] = "send_administrative_message"
    to: Sequence[RoleLike]
    text: str


@_event
@dataclass(frozen=True)
class AnswerQuestion(Event):
    type: ClassVar[str] = "answer_question"
    id: str
