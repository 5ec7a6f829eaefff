# Type stub of the compiled module `utskrivning._native` (bindings/python/src). Every function
# raises only `utskrivning.UtskrivningError` subclasses for bad input or a fault inside.

from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union, final

from .events import Event
from .types import AccessEntry, Agreement, Deadline, Effect, Time
from .vocab import Lang, Role, Routine

__all__ = ["Case", "label", "vocabulary", "event_fields", "_panic_for_test", "SNAPSHOT_VERSION", "__version__"]

SNAPSHOT_VERSION: int
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
        agreement: Optional[Agreement] = None,
    ) -> Case:
        """Admits a patient (the ``admit`` event, by ``inpatient``)."""
    def apply(self, event: Union[Dict[str, Any], Event, str]) -> List[Effect]:
        """Applies one event (a dict, a typed event or JSON text); returns its effects."""
    def apply_many(self, events: Iterable[Union[Dict[str, Any], Event, str]]) -> List[List[Effect]]:
        """Applies events in order; stops at the first rejection (``details["batch_index"]``)."""
    def view(self, role: Union[Role, str], at: Time) -> Dict[str, Any]:
        """The case as ``role`` may see it; logged in the access log."""
    def deadlines(self, at: Time) -> List[Deadline]:
        """Every obligation with its owner, due time and status at ``at``."""
    def snapshot(self) -> str:
        """The snapshot as JSON text (state, journal, access log, format version)."""
    @staticmethod
    def restore(snapshot: Union[str, Mapping[str, Any]]) -> Case:
        """A case from a snapshot; tampered, truncated or newer ones are refused."""
    @staticmethod
    def replay(journal: Union[str, Sequence[Dict[str, Any]]]) -> Case:
        """A case replayed from its journal (as ``journal`` gives it, or its JSON text)."""
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
    def _panic_for_test(self) -> None: ...

def label(kind: str, word: str, lang: Union[Lang, str] = "sv") -> str:
    """The Swedish (default) or English display label of a word of the spec."""

def vocabulary() -> Dict[str, List[str]]:
    """Every word list of the spec, by kind."""

def event_fields() -> Dict[str, List[str]]:
    """Each event type's own fields, from the core's parser."""

def _panic_for_test() -> None: ...
