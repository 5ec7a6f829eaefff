"""The spec's word lists as ``str`` enums: a member is its wire name (``Role.PATIENT ==
"patient"``), so members and plain strings can be used alike. The tests check every list
against the compiled core (``utskrivning.vocabulary()``)."""

from __future__ import annotations

from enum import Enum

__all__ = ["Role", "Routine", "CareType", "Purpose", "AgendaItem", "SolStatus", "Message", "WorkKind", "Lang"]


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


class CareType(_Word):
    """The kind of inpatient care a case is admitted to (``admit``'s ``care_type``)."""

    SOMATIC = "somatic"
    PSYCHIATRIC = "psychiatric"


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


class Message(_Word):
    """The kind of a message (a ``notify`` effect's ``message``, a state message's
    ``message``), in the spec's order."""

    ADMISSION_NOTICE = "admission_notice"
    ESTIMATED_DISCHARGE_CHANGED = "estimated_discharge_changed"
    CARE_CONTACT_ASSIGNED = "care_contact_assigned"
    REHAB_PARTY_ADDED = "rehab_party_added"
    READY_FOR_DISCHARGE = "ready_for_discharge"
    NO_LONGER_READY_FOR_DISCHARGE = "no_longer_ready_for_discharge"
    DISCHARGED = "discharged"
    CASE_CLOSED = "case_closed"
    CASE_CANCELLED = "case_cancelled"
    CHECK_IN_BOOKED = "check_in_booked"
    CHECK_IN_CANCELLED = "check_in_cancelled"
    CARE_REQUEST = "care_request"
    CARE_REQUEST_ACKNOWLEDGED = "care_request_acknowledged"
    COMPLETION_REQUESTED = "completion_requested"
    CARE_REQUEST_COMPLETED = "care_request_completed"
    CARE_REQUEST_ACCEPTED = "care_request_accepted"
    CARE_REQUEST_REJECTED = "care_request_rejected"
    CARE_REQUEST_CLOSED = "care_request_closed"
    CARE_REQUEST_WITHDRAWN = "care_request_withdrawn"
    CONSENT_RECORDED = "consent_recorded"
    COLOR_TRACK_DECIDED = "color_track_decided"
    SIP_INVITATION = "sip_invitation"
    SOL_APPLICATION_RECORDED = "sol_application_recorded"
    QUESTION_RAISED = "question_raised"
    QUESTION_ANSWERED = "question_answered"
    ADMINISTRATIVE_MESSAGE = "administrative_message"


class WorkKind(_Word):
    """What a worklist item asks of its role (``utskrivning.worklist``), in the spec's order
    of rows (the sort's last tie-breaker but one)."""

    ACKNOWLEDGE_MESSAGE = "acknowledge_message"
    DEADLINE = "deadline"
    ANSWER_QUESTION = "answer_question"
    ACKNOWLEDGE_CARE_REQUEST = "acknowledge_care_request"
    DECIDE_CARE_REQUEST = "decide_care_request"
    COMPLETE_CARE_REQUEST = "complete_care_request"
    CLOSE_CARE_REQUEST = "close_care_request"
    SCHEDULE_SIP = "schedule_sip"
    HOLD_SIP = "hold_sip"
    READY_FOR_DISCHARGE = "ready_for_discharge"


class Lang(_Word):
    """Display language of labels and messages."""

    SV = "sv"
    EN = "en"
