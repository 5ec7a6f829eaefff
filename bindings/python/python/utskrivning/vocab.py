"""The spec's word lists as ``str`` enums: a member is its wire name (``Role.PATIENT ==
"patient"``), so members and plain strings can be used alike. The tests check every list
against the compiled core (``utskrivning.vocabulary()``)."""

from __future__ import annotations

from enum import Enum

__all__ = ["Role", "Routine", "Purpose", "AgendaItem", "SolStatus", "Lang"]


class _Word(str, Enum):
    def __str__(self) -> str:
        return str(self.value)


class Role(_Word):
    """Who performs an event or asks to view the case."""

    INPATIENT = "inpatient"
    CARE_CONTACT = "care_contact"
    SOCIAL_SERVICES = "social_services"
    MUNICIPAL_CARE = "municipal_care"
    REHAB = "rehab"
    PATIENT = "patient"
    RELATIVE = "relative"


class Routine(_Word):
    """The regional routine a case is admitted under."""

    PROFESSIONAL_CHECK_IN = "professional_check_in"
    INDIVIDUAL_CHECK_IN = "individual_check_in"


class Purpose(_Word):
    """What a consent is for."""

    CARE_REQUEST = "care_request"
    SIP = "sip"


class AgendaItem(_Word):
    """The agenda of the check-in under ``individual_check_in``, in order."""

    OPENING = "opening"
    SOL_APPLICATION = "sol_application"
    SIP_CONSENT = "sip_consent"
    OTHER_QUESTIONS = "other_questions"
    CLOSING = "closing"


class SolStatus(_Word):
    """What ``record_sol_application`` records."""

    APPLIED = "applied"
    ALREADY_EXISTS = "already_exists"
    DECLINED = "declined"


class Lang(_Word):
    """Display language of labels and messages."""

    SV = "sv"
    EN = "en"
