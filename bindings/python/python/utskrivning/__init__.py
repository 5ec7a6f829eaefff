"""utskrivning: Swedish discharge coordination (Lag 2017:612) as a typed state machine.

One :class:`Case` is one patient's inpatient episode. It changes only by events, each either
accepted (``case.apply(event)`` returns ``{"effects": [...]}``, what the embedding system must
carry out) or rejected with an exception under :class:`UtskrivningError` whose ``.code`` is the
spec's, the case left exactly as it was. All rules live in the compiled Rust core; this package converts.

>>> from datetime import datetime, timezone
>>> case = Case.admit(at=datetime(2026, 3, 2, 8, tzinfo=timezone.utc), case_id="c-1",
...                   routine=Routine.PROFESSIONAL_CHECK_IN, municipal_care_at_admission=False)
>>> case.phase
'admitted'
"""

from . import events
from ._native import SNAPSHOT_VERSION, Case, Planner, __version__, event_fields, label, vocabulary, worklist
from .errors import (
    ERRORS,
    AgreementIncomplete,
    AlreadyEnrolled,
    CaseFinished,
    ColorTrackNotUsed,
    ConsentMissing,
    InternalError,
    InvalidInput,
    MissingInformation,
    NoCareRelationship,
    NotPermitted,
    OpenItems,
    PreparationIncomplete,
    TimeWentBackwards,
    UtskrivningError,
    WrongPlace,
    WrongState,
)
from .types import (
    AccessEntry,
    Accepted,
    Agreement,
    Booking,
    Date,
    Deadline,
    Effect,
    EstimatedDischarge,
    EventDict,
    Json,
    MessageEntry,
    NotifyEffect,
    SessionAccessEntry,
    SessionInfo,
    SessionView,
    Slot,
    Time,
    WorklistItem,
)
from .vocab import AgendaItem, CareType, Lang, Message, Purpose, Role, Routine, SolStatus, WorkKind

__all__ = [
    "Case",
    "Planner",
    "worklist",
    "label",
    "vocabulary",
    "event_fields",
    "events",
    "SNAPSHOT_VERSION",
    "__version__",
    "Role",
    "Routine",
    "CareType",
    "Purpose",
    "AgendaItem",
    "SolStatus",
    "Message",
    "WorkKind",
    "Lang",
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
    "ERRORS",
    "UtskrivningError",
    "InvalidInput",
    "WrongState",
    "NotPermitted",
    "ConsentMissing",
    "AlreadyEnrolled",
    "MissingInformation",
    "ColorTrackNotUsed",
    "AgreementIncomplete",
    "PreparationIncomplete",
    "WrongPlace",
    "NoCareRelationship",
    "OpenItems",
    "TimeWentBackwards",
    "CaseFinished",
    "InternalError",
]
