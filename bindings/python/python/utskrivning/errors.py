"""The exceptions of utskrivning: one class per error code of the spec, all under
:class:`UtskrivningError`, plus :class:`InternalError` (code ``internal``) for a fault in the binding itself.

Every instance has ``.code`` (the spec's code), ``.details`` (a dict naming fields, states,
roles and codes, never text a person wrote) and a message in English (``str(e)``) and Swedish
(``.message_sv``).
"""

from __future__ import annotations

from typing import Any, ClassVar, Dict, Mapping, Optional, Type

__all__ = [
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
    "ERRORS",
]


class UtskrivningError(Exception):
    """A rejection: the case is exactly as it was before the call."""

    code: ClassVar[str] = ""

    def __init__(
        self,
        message: str,
        details: Optional[Mapping[str, Any]] = None,
        message_sv: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.message_sv = message if message_sv is None else message_sv
        self.details: Dict[str, Any] = dict(details or {})

    def __reduce__(self) -> Any:
        return (type(self), (self.message, self.details, self.message_sv))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, details={self.details!r})"


class InvalidInput(UtskrivningError):
    code = "invalid_input"


class WrongState(UtskrivningError):
    code = "wrong_state"


class NotPermitted(UtskrivningError):
    code = "not_permitted"


class ConsentMissing(UtskrivningError):
    code = "consent_missing"


class AlreadyEnrolled(UtskrivningError):
    code = "already_enrolled"


class MissingInformation(UtskrivningError):
    code = "missing_information"


class ColorTrackNotUsed(UtskrivningError):
    code = "color_track_not_used"


class AgreementIncomplete(UtskrivningError):
    code = "agreement_incomplete"


class PreparationIncomplete(UtskrivningError):
    code = "preparation_incomplete"


class WrongPlace(UtskrivningError):
    code = "wrong_place"


class NoCareRelationship(UtskrivningError):
    code = "no_care_relationship"


class OpenItems(UtskrivningError):
    code = "open_items"


class TimeWentBackwards(UtskrivningError):
    code = "time_went_backwards"


class CaseFinished(UtskrivningError):
    code = "case_finished"


class InternalError(UtskrivningError):
    """A fault in the binding, not a rejection of input: ``details["reason"]`` is ``panic`` (a
    panic was caught: a bug to report), ``poisoned`` (the object was being changed when one
    struck, and answers this from then on) or ``output`` (an answer could not be written)."""

    code = "internal"


#: Each spec code's class (and ``internal``'s), by code.
ERRORS: Dict[str, Type[UtskrivningError]] = {
    cls.code: cls
    for cls in (
        InvalidInput,
        WrongState,
        NotPermitted,
        ConsentMissing,
        AlreadyEnrolled,
        MissingInformation,
        ColorTrackNotUsed,
        AgreementIncomplete,
        PreparationIncomplete,
        WrongPlace,
        NoCareRelationship,
        OpenItems,
        TimeWentBackwards,
        CaseFinished,
        InternalError,
    )
}


def _from_native(code: str, message_en: str, message_sv: str, details: Mapping[str, Any]) -> UtskrivningError:
    """Called by the compiled module to build the exception it raises."""
    cls = ERRORS.get(code, InternalError)
    return cls(message_en, details, message_sv)
