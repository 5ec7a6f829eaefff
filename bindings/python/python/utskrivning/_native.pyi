# Type stub of the compiled module `utskrivning._native` (bindings/python/src). Every function
# raises only `utskrivning.UtskrivningError` subclasses for bad input or a fault inside.

from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union, final

from .events import Event
from .types import (
    AccessEntry,
    Accepted,
    Agreement,
    Booking,
    Date,
    Deadline,
    EventDict,
    Indicators,
    PaymentModel,
    PaymentRow,
    SessionAccessEntry,
    SessionInfo,
    SessionView,
    SimPresets,
    SimSummary,
    Slot,
    Time,
    WorklistItem,
)
from .vocab import CareType, Lang, Role, Routine

__all__ = [
    "Case",
    "Planner",
    "worklist",
    "indicators",
    "payment_basis",
    "payment_preset",
    "PAYMENT_PRESETS",
    "SimRun",
    "sim_preset",
    "sim_params",
    "sim_categories",
    "sim_presets",
    "label",
    "vocabulary",
    "event_fields",
    "from_fhir_task",
    "_panic_for_test",
    "_worklist_panic_for_test",
    "_indicators_panic_for_test",
    "SNAPSHOT_VERSION",
    "__version__",
]

SNAPSHOT_VERSION: int
PAYMENT_PRESETS: Tuple[str, ...]
__version__: str

@final
class Case:
    """One patient's discharge case. ``Case()`` is the moment before admission: the first
    event applied must be ``admit``; ``Case.admit(...)`` does both."""

    def __init__(self) -> None: ...
    @staticmethod
    def admit(
        *,
        at: Time,
        case_id: str,
        routine: Union[Routine, str],
        municipal_care_at_admission: bool,
        municipality: Optional[str] = None,
        care_type: Optional[Union[CareType, str]] = None,
        agreement: Optional[Agreement] = None,
    ) -> Case:
        """Admits a patient (the ``admit`` event, by ``inpatient``); ``municipality`` is the
        four-digit kommunkod, ``care_type`` ``somatic`` (the default) or ``psychiatric``."""
    def apply(self, event: Union[Dict[str, Any], Event, str]) -> Accepted:
        """Applies one event (a dict, a typed event or JSON text); returns ``{"effects": [...]}``."""
    def apply_many(self, events: Iterable[Union[Dict[str, Any], Event, str]]) -> List[Accepted]:
        """Applies events in order; stops at the first rejection (``details["index"]``)."""
    def view(self, role: Union[Role, str], at: Time) -> Dict[str, Any]:
        """The case as ``role`` may see it; logged in the access log."""
    def deadlines(self, at: Time) -> List[Deadline]:
        """Every obligation with its owner, due time and status at ``at``."""
    def to_fhir(self, at: Time) -> str:
        """The case as an HL7 FHIR R4 Bundle of type ``collection`` (JSON text), deadlines'
        status and the Bundle's ``timestamp`` at ``at`` (docs/fhir.md)."""
    def snapshot(self, key: Optional[Union[bytes, str]] = None) -> str:
        """The snapshot as JSON text (state, journal, access log, format version, the heads of
        its hash chain: HMAC-SHA-256 under ``key`` when given, a ``str`` key as its UTF-8,
        else SHA-256). The key is never stored, logged or put in an error."""
    @staticmethod
    def restore(
        snapshot: Union[str, Mapping[str, Any]],
        key: Optional[Union[bytes, str]] = None,
        *,
        upgrade_unsigned: bool = False,
    ) -> Case:
        """A case from a snapshot, its chain checked under ``key``; tampered, truncated or newer
        ones are refused (``{"field": "journal", "problem": "tampered"}`` under the wrong key
        or none), and under a key a version 1 snapshot too (``{"field": "version", "problem":
        "unsigned"}``) unless ``upgrade_unsigned``. Runs without the GIL."""
    def snapshot_bytes(self, key: Optional[Union[bytes, str]] = None) -> bytes:
        """The binary snapshot: the journal and the access log, compactly, with a 32-byte
        digest (HMAC-SHA-256 under ``key`` when given, else SHA-256); no state is stored."""
    @staticmethod
    def restore_bytes(data: bytes, key: Optional[Union[bytes, str]] = None) -> Case:
        """A case from a binary snapshot, its digest checked under ``key``; a tampered or
        truncated one, or one written under another key or none, is refused
        (``{"field": "snapshot", "problem": "tampered"}``)."""
    @staticmethod
    def replay(journal: Union[str, Sequence[Dict[str, Any]]]) -> Case:
        """A case replayed from its journal (as ``journal`` gives it, or its JSON text);
        runs without the GIL."""
    @property
    def state(self) -> Dict[str, Any]:
        """The case state, every track, as the scenarios match it."""
    @property
    def phase(self) -> str:
        """The phase alone."""
    @property
    def journal(self) -> List[Dict[str, Any]]:
        """The accepted events, in order."""
    @property
    def access_log(self) -> List[AccessEntry]:
        """Every view, allowed or refused."""
    def copy(self) -> Case: ...
    def __copy__(self) -> Case: ...
    def __deepcopy__(self, memo: Any) -> Case: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...
    def _apply_json_path_for_test(self, event: Union[Dict[str, Any], Event, str]) -> Accepted: ...
    def _panic_for_test(self) -> None: ...

@final
class Planner:
    """One hospital's check-in sessions (docs/sessions.md): weekly times, booked slots and the
    log of session views. It changes a case only through the case's own events; a refusal
    changes neither the case nor the planner."""

    def __new__(cls, config: Union[str, Mapping[str, Any]]) -> Planner:
        """``{"hospital", "slot_minutes", "times": [{"weekday", "starts", "ends"}]}``."""
    def sessions_between(self, from_: Time, to: Time) -> List[SessionInfo]:
        """Every session starting in ``[from_, to)`` (at most a year), with its free slots."""
    def slots(self, session: str) -> List[Slot]:
        """Every slot of a session, free ones included, in time order."""
    def slot_of(self, case_id: str) -> Optional[Slot]:
        """The slot the planner holds for a case, if any."""
    def book(self, session: str, case: Case, at: Time) -> Booking:
        """Books a case into a session (the case takes ``book_check_in`` at the slot's start)."""
    def rebook(self, session: str, case: Case, at: Time) -> Booking:
        """Moves a booked case to a slot in ``session``; its old slot is freed."""
    def cancel(self, case: Case, at: Time) -> Accepted:
        """Cancels a case's check-in and frees its slot; answers as ``Case.apply``."""
    def regroup(self, session: str, cases: Sequence[Case], at: Time) -> List[Booking]:
        """Puts each care contact's slots together; a booking for each case that moved."""
    def reserve_questions_slot(self, session: str, care_contact: str, at: Time) -> Slot:
        """A slot for a care contact with no case in the session, for others' questions."""
    def release_questions_slot(self, session: str, care_contact: str) -> None:
        """Frees a care contact's questions slot."""
    def view(
        self,
        session: str,
        role: Union[Role, str],
        at: Time,
        cases: Optional[Sequence[Case]] = None,
        care_contact: Optional[str] = None,
    ) -> SessionView:
        """The session as ``role`` may see it; logged in the planner's access log."""
    @property
    def access_log(self) -> List[SessionAccessEntry]:
        """Every session view, allowed or refused."""
    def snapshot(self) -> str:
        """The snapshot as JSON text (configuration, booked slots, access log, format version)."""
    @staticmethod
    def restore(snapshot: Union[str, Mapping[str, Any]]) -> Planner:
        """A planner from a snapshot; tampered or newer ones are refused."""
    def _panic_for_test(self, cases: Sequence[Case]) -> None: ...

def worklist(
    role: Union[Role, str], at: Time, cases: Sequence[Case], unit: Optional[str] = None
) -> List[WorklistItem]:
    """What ``role`` has to do at ``at`` across ``cases``, overdue first; ``unit`` narrows a
    care contact's list to that unit's cases. Each case that gives items logs a ``worklist``
    line in its access log. A case given twice is ``InvalidInput`` (``duplicate``); ``patient``
    and ``relative`` get ``NotPermitted``."""

def indicators(cases: Sequence[Case], from_: Date, to: Date) -> Indicators:
    """The national follow-up's figures for the cases discharged on a Stockholm date in
    ``[from_, to)`` (each a ``datetime.date`` or ``YYYY-MM-DD``; errors name them ``from`` and
    ``to``), overall and per (municipality, care type). Read only: nothing is logged. ``to``
    not after ``from_``, or a case given twice, is ``InvalidInput``."""

def payment_basis(
    cases: Sequence[Case], from_: Date, to: Date, model: Union[PaymentModel, Mapping[str, Any], str]
) -> List[PaymentRow]:
    """What each municipality owes for the cases discharged in ``[from_, to)`` under ``model``
    (a dict or JSON text, read strictly: a bad field is ``InvalidInput`` naming it)."""

def payment_preset(name: str) -> PaymentModel:
    """A named preset's model (``PAYMENT_PRESETS``; docs/payment.md gives their sources); an
    unknown name is ``InvalidInput`` on ``preset``."""

@final
class SimRun:
    """One simulated year (crate ``utskrivning-sim``): the parameters (a dict, JSON text or
    ``None``; missing keys from the preset of ``region`` and ``year``) are checked here, before
    any case is written (``InvalidInput`` naming the field). ``utskrivning.sim`` wraps it."""

    def __new__(cls, params: Optional[Union[Dict[str, Any], str]] = None, seed: int = 1) -> SimRun: ...
    @property
    def total_cases(self) -> int:
        """The cases the run writes: the year's admissions and the 30 warm-up days'."""
    @property
    def seed(self) -> int: ...
    def __len__(self) -> int:
        """The cases written so far."""
    def params(self) -> Dict[str, Any]:
        """The parameters, every one present."""
    def advance(self, n: int) -> int:
        """Writes and applies up to ``n`` more cases (on every core, the GIL released); answers
        how many are written in all."""
    def columns(self) -> Dict[str, Tuple[str, bytes]]:
        """The rows written as columns: ``{name: (NumPy dtype, little-endian bytes)}``."""
    def summary(self) -> SimSummary:
        """The indicators, figures per care type and payment basis of the year's discharges."""

def sim_preset(region: str, year: int) -> Dict[str, Any]:
    """A region's preset for a year, every parameter present."""

def sim_params(params: Optional[Union[Dict[str, Any], str]] = None) -> Dict[str, Any]:
    """The parameters completed from their preset and checked (what a run will use)."""

def sim_categories() -> Dict[str, List[str]]:
    """The words behind each coded column, in code order."""

def sim_presets() -> SimPresets:
    """The regions and years there are presets of."""

def label(kind: str, word: str, lang: Union[Lang, str] = "sv") -> str:
    """The Swedish (default) or English display label of a word of the spec."""

def vocabulary() -> Dict[str, List[str]]:
    """Every word list of the spec, by kind."""

def event_fields() -> Dict[str, List[str]]:
    """Each event type's own fields, from the core's parser."""

def from_fhir_task(task: Union[str, Mapping[str, Any]], at: Time) -> EventDict:
    """The event a FHIR R4 Task from municipal care's system stands for (status ``received``,
    ``accepted``, ``rejected`` with ``statusReason.text``, or ``businessStatus``
    completion_requested with ``output``), at ``at``, as the dict ``Case.apply`` takes."""

def _panic_for_test() -> None: ...
def _worklist_panic_for_test(cases: Sequence[Case]) -> None: ...
def _indicators_panic_for_test(cases: Sequence[Case]) -> None: ...
