//! One case's story: every event after `admit`, drawn from the parameters, in the order the
//! engine will see them. The turns are those of examples/python/simulate.py (the same model,
//! written there in Python through `Case.apply`); the ready notice and the discharge are placed
//! on Stockholm days so that the days between them follow the calibrated wait
//! ([`crate::ReadyWait`]), and what must come before a discharge — municipal care's answer to
//! a care request, the SIP a red track holds at the hospital — is fitted into that wait, as it
//! is in practice: the wait is the time the municipality needs.

use utskrivning::{
    AgendaItem, CareType, CivilDate, Event, EventKind, MUST_AGREE, Purpose, RED_TRACK_PLACE, Role, Routine, SolStatus,
    Timestamp,
};

use crate::calendar::{Calendar, DAY, HOUR, MINUTE};
use crate::params::Params;
use crate::rng::Rng;

/// What a story is about, drawn before its events.
pub(crate) struct Setting {
    pub routine: Routine,
    pub care_type: CareType,
    pub municipal_care_at_admission: bool,
    pub admitted: i64,
}

/// The events of one story, built out of order and sorted by time (ties in the order written).
pub(crate) struct Story {
    events: Vec<(i64, u32, Role, EventKind)>,
}

impl Story {
    fn add(&mut self, at: i64, actor: Role, kind: EventKind) {
        let n = self.events.len() as u32;
        self.events.push((at, n, actor, kind));
    }

    fn time_of(&self, pred: impl Fn(&EventKind) -> bool) -> Option<i64> {
        self.events.iter().find(|e| pred(&e.3)).map(|e| e.0)
    }

    /// The events in time order, as the engine takes them.
    pub(crate) fn into_events(mut self) -> Vec<Event> {
        self.events.sort_unstable_by_key(|e| (e.0, e.1));
        self.events.into_iter().map(|(at, _, actor, kind)| Event { at: time(at), actor, kind }).collect()
    }
}

pub(crate) fn time(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap_or(Timestamp::MIN)
}

fn text(s: &str) -> String {
    s.to_string()
}

/// The earliest time on a Stockholm working day (08:00–15:00) at or after `at`.
fn working_time(rng: &mut Rng, cal: &Calendar, at: i64) -> i64 {
    let day = cal.day_of(at);
    let clock = at - cal.midnight(day);
    if clock < 8 * HOUR {
        (cal.midnight(day) + rng.between(8 * HOUR, 12 * HOUR)).max(at)
    } else if clock >= 15 * HOUR {
        cal.midnight(day + 1) + rng.between(8 * HOUR, 12 * HOUR)
    } else {
        at
    }
}

/// Durations laid end to end from `start`, shrunk in proportion when they would end after
/// `end` (each at least a minute): the steps of an answer fitted into the time there is.
fn fit(start: i64, end: i64, durations: &[i64]) -> Vec<i64> {
    let total: i64 = durations.iter().sum();
    let room = end - start;
    let scale = if total > room && total > 0 { room.max(0) as f64 / total as f64 } else { 1.0 };
    let mut t = start;
    durations
        .iter()
        .map(|&d| {
            t += ((d as f64 * scale) as i64).max(MINUTE);
            t
        })
        .collect()
}

pub(crate) fn write(rng: &mut Rng, p: &Params, cal: &Calendar, s: &Setting) -> Story {
    use Role::{CareContact, Inpatient, MunicipalCare, Patient, SocialServices};
    let pr = &p.probabilities;
    let mut story = Story { events: Vec::with_capacity(28) };
    let professional = s.routine == Routine::ProfessionalCheckIn;
    let enrolled = s.municipal_care_at_admission;

    let notice = s.admitted
        + if rng.chance(pr.late_notice) {
            rng.between(24 * HOUR + MINUTE, 48 * HOUR)
        } else {
            rng.between(30 * MINUTE, 20 * HOUR)
        };
    let mut to = vec![CareContact, SocialServices];
    if enrolled {
        to.push(MunicipalCare);
    }
    story.add(notice, Inpatient, EventKind::SendAdmissionNotice { to });
    let stay = (rng.lognormal(p.stay_median_days * DAY as f64, p.stay_sigma) as i64).min(120 * DAY);
    if rng.chance(pr.estimated_discharge) {
        let day = cal.day_of(s.admitted + stay + DAY / 2);
        let date = cal.first().checked_add(jiff::Span::new().days(day as i64)).unwrap_or(cal.first());
        story.add(notice + MINUTE, Inpatient, EventKind::SetEstimatedDischarge { date: date as CivilDate });
    }
    let assigned = notice + rng.between(30 * MINUTE, 4 * HOUR);
    story.add(assigned, CareContact, EventKind::AssignCareContact { unit: text("Vårdcentralen") });
    if rng.chance(pr.rehab) {
        story.add(
            assigned + rng.between(5 * MINUTE, HOUR),
            Inpatient,
            EventKind::AddRehabParty { provider: text("Rehab") },
        );
    }
    let booked = assigned + rng.between(70 * MINUTE, 2 * HOUR);
    let starts_at = cal.midnight(cal.day_of(booked) + 1) + rng.between(8 * HOUR, 15 * HOUR);
    story.add(booked, Inpatient, EventKind::BookCheckIn { starts_at: time(starts_at), remote: professional });

    let needs_care = !enrolled && rng.chance(pr.needs_municipal_care);
    let red = rng.chance(pr.red_track);

    // The care request: consent, the request, municipal care's acknowledgement, perhaps a
    // completion, its answer. The answer's time is fitted later (before the discharge) under
    // seed 000; under seed 003 it comes before the check-in, as that routine asks.
    struct Request {
        sent: i64,
        steps: Vec<i64>,
        completion: bool,
        accepted: bool,
    }
    let mut request: Option<Request> = None;
    let consent_care_request = |story: &mut Story, rng: &mut Rng, start: i64| -> Option<Request> {
        if rng.chance(pr.consent_declined) {
            story.add(start, Patient, EventKind::DeclineConsent { purpose: Purpose::CareRequest });
            return None;
        }
        story.add(
            start,
            Patient,
            EventKind::GiveConsent { purpose: Purpose::CareRequest, written_information_given: Some(true) },
        );
        let sent = start + 2 * MINUTE;
        story.add(sent, CareContact, EventKind::SendCareRequest { question: text("Behov av kommunal hemsjukvård") });
        let completion = rng.chance(pr.completion_requested);
        let mut steps = vec![rng.between(HOUR, 8 * HOUR)];
        if completion {
            steps.push(rng.between(HOUR, 6 * HOUR));
            steps.push(rng.between(12 * HOUR, 48 * HOUR));
        }
        steps.push(rng.exponential(36.0 * HOUR as f64) as i64 + 30 * MINUTE);
        Some(Request { sent, steps, completion, accepted: !rng.chance(pr.rejected) })
    };
    // Writes the request's answer at the times given (one per step).
    let answer = |story: &mut Story, r: &Request, times: &[i64]| -> i64 {
        let mut it = times.iter().copied();
        let mut t = it.next().unwrap_or(r.sent + MINUTE);
        story.add(t, MunicipalCare, EventKind::AcknowledgeCareRequest);
        if r.completion {
            t = it.next().unwrap_or(t + MINUTE);
            story.add(t, MunicipalCare, EventKind::RequestCompletion { missing: vec![text("Läkemedelslista")] });
            t = it.next().unwrap_or(t + MINUTE);
            story.add(t, CareContact, EventKind::CompleteCareRequest { supplied: text("Läkemedelslista bifogad") });
        }
        t = it.next().unwrap_or(t + MINUTE);
        if r.accepted {
            story.add(t, MunicipalCare, EventKind::AcceptCareRequest);
        } else {
            story.add(t, MunicipalCare, EventKind::RejectCareRequest { reason: text("Insatsen ges inte av kommunen") });
        }
        t
    };
    let agreed_by = MUST_AGREE.to_vec();
    let mut decision: Option<i64> = None;
    let (ended, sip_consent_at, sip_needed);
    if professional {
        let start = starts_at;
        story.add(start, CareContact, EventKind::StartCheckIn);
        if needs_care {
            let at = start + rng.between(2 * MINUTE, 10 * MINUTE);
            request = consent_care_request(&mut story, rng, at);
        }
        if red {
            story.add(start + 15 * MINUTE, CareContact, EventKind::DecideColorTrack { track: text("red"), agreed_by });
        } else if rng.chance(0.5) {
            story.add(start + 15 * MINUTE, CareContact, EventKind::DecideColorTrack { track: text("none"), agreed_by });
        }
        sip_consent_at = start + 18 * MINUTE;
        if rng.chance(pr.sol_application) {
            let status = sol_status(rng);
            story.add(start + 20 * MINUTE, SocialServices, EventKind::RecordSolApplication { status });
        }
        ended = start + rng.between(25 * MINUTE, 45 * MINUTE);
        story.add(ended, CareContact, EventKind::EndCheckIn);
        sip_needed = red;
    } else {
        // Seed 003: municipal health care is settled before the meeting, whose agenda follows.
        let mut start = starts_at;
        if needs_care {
            let at = assigned + rng.between(HOUR, 6 * HOUR);
            if let Some(r) = consent_care_request(&mut story, rng, at) {
                let times = fit(r.sent, i64::MAX / 4, &r.steps);
                let settled = answer(&mut story, &r, &times) + rng.between(30 * MINUTE, 4 * HOUR);
                story.add(settled, CareContact, EventKind::CloseCareRequest);
                start = start.max(settled + 10 * MINUTE);
                decision = Some(settled);
            }
        }
        if red {
            story.add(
                assigned + 30 * MINUTE,
                CareContact,
                EventKind::DecideColorTrack { track: text("red"), agreed_by },
            );
        }
        story.add(start, CareContact, EventKind::StartCheckIn);
        story.add(start + MINUTE, CareContact, EventKind::StartItem { item: AgendaItem::Opening });
        story.add(start + 3 * MINUTE, SocialServices, EventKind::StartItem { item: AgendaItem::SolApplication });
        if rng.chance(pr.sol_application) {
            let status = sol_status(rng);
            story.add(start + 8 * MINUTE, SocialServices, EventKind::RecordSolApplication { status });
        }
        story.add(start + 12 * MINUTE, CareContact, EventKind::StartItem { item: AgendaItem::SipConsent });
        sip_consent_at = start + 15 * MINUTE;
        story.add(start + 21 * MINUTE, CareContact, EventKind::StartItem { item: AgendaItem::OtherQuestions });
        story.add(start + 26 * MINUTE, CareContact, EventKind::StartItem { item: AgendaItem::Closing });
        ended = start + 27 * MINUTE;
        story.add(ended, CareContact, EventKind::EndCheckIn);
        sip_needed = true;
    }

    // Ready for discharge: the stay drawn, on a working day, after the meeting.
    let earliest = (ended + 30 * MINUTE).max(notice + HOUR);
    let mut ready = working_time(rng, cal, (s.admitted + stay).max(earliest));
    story.add(ready, Inpatient, EventKind::MarkReadyForDischarge);
    if rng.chance(pr.unmark) {
        let unmarked = ready + rng.between(6 * HOUR, 24 * HOUR);
        story.add(unmarked, Inpatient, EventKind::UnmarkReadyForDischarge);
        let again = unmarked + rng.between(DAY, 3 * DAY);
        ready = working_time(rng, cal, again);
        story.add(ready, Inpatient, EventKind::MarkReadyForDischarge);
    }
    // The wait the follow-up counts: the same Stockholm day, or a geometric number of days.
    let wait = p.ready_wait.of(s.care_type);
    let ready_day = cal.day_of(ready);
    let mut leaves = if rng.chance(wait.same_day) {
        let end_of_day = cal.midnight(ready_day + 1) - 10 * MINUTE;
        rng.between(ready + HOUR, end_of_day.min(ready + 10 * HOUR))
    } else {
        let days = rng.geometric_from_one(wait.mean_days).min(120) as usize;
        cal.midnight(ready_day + days) + rng.between(9 * HOUR, 20 * HOUR)
    };

    // Seed 000's answer comes before the discharge it allows (fitted into the wait); a
    // rejection is answered in its own time.
    if let Some(r) = request.as_ref() {
        let natural = fit(r.sent, i64::MAX / 4, &r.steps);
        let last = natural.last().copied().unwrap_or(r.sent);
        let times = if r.accepted && last > leaves - 30 * MINUTE {
            let room_end = (leaves - rng.between(30 * MINUTE, 3 * HOUR)).max(r.sent + 10 * MINUTE);
            fit(r.sent, room_end, &r.steps)
        } else {
            natural
        };
        let t = answer(&mut story, r, &times);
        if r.accepted && t + 30 * MINUTE > leaves {
            leaves = t + rng.between(30 * MINUTE, 3 * HOUR);
        }
        decision = Some(t);
    }

    if sip_needed {
        if rng.chance(pr.sip_consent_declined) {
            story.add(sip_consent_at, Patient, EventKind::DeclineConsent { purpose: Purpose::Sip });
        } else {
            story.add(
                sip_consent_at,
                Patient,
                EventKind::GiveConsent { purpose: Purpose::Sip, written_information_given: None },
            );
            let from = (ended + HOUR).max(ready + 10 * MINUTE);
            let (invited, meeting, place, participants) = if red {
                // Held at the hospital before the discharge: fitted into the wait.
                if leaves - HOUR < from + 40 * MINUTE {
                    leaves = from + 40 * MINUTE + rng.between(HOUR, 3 * HOUR);
                }
                let invited = rng.between(from, (from + 2 * HOUR).min(leaves - HOUR - 30 * MINUTE));
                let meeting = rng.between(invited + 30 * MINUTE, leaves - HOUR);
                (invited, meeting, text(RED_TRACK_PLACE), vec![Patient, Inpatient, MunicipalCare, CareContact])
            } else {
                let invited = from.max(ready + rng.between(2 * HOUR, 80 * HOUR));
                let meeting = invited + rng.between(DAY, 3 * DAY);
                (invited, meeting, text("Vårdcentralen"), vec![Patient, CareContact, SocialServices])
            };
            story.add(invited, CareContact, EventKind::ScheduleSip { meeting_at: time(meeting), place, participants });
            story.add(meeting, CareContact, EventKind::HoldSip);
        }
    }

    let mut last = leaves;
    if rng.chance(pr.question) {
        let raised = rng.between(notice + 1, leaves);
        let concerns_inpatient = rng.chance(0.4);
        let who = if rng.chance(0.5) { Patient } else { Role::Relative };
        story.add(raised, who, EventKind::RaiseQuestion { text: text("Fråga"), concerns_inpatient });
        let answered = raised + rng.between(HOUR, 24 * HOUR);
        let by = if concerns_inpatient { Inpatient } else { CareContact };
        story.add(answered, by, EventKind::AnswerQuestion { id: text("q1") });
        last = last.max(answered);
    }
    story.add(leaves, Inpatient, EventKind::Discharge);
    if professional && let Some(decided) = decision {
        let closed = leaves.max(decided) + rng.between(HOUR, 24 * HOUR);
        story.add(closed, CareContact, EventKind::CloseCareRequest);
        last = last.max(closed);
    }
    if let Some(held) = story.time_of(|k| matches!(k, EventKind::HoldSip)) {
        last = last.max(held);
    }
    story.add(last + rng.between(HOUR, 48 * HOUR), CareContact, EventKind::CloseCase);

    if rng.chance(pr.cancelled) {
        // Cancelled somewhere along the way: the story ends there.
        let at = rng.between(s.admitted + 1, leaves);
        story.events.retain(|e| e.0 < at);
        let by = if rng.chance(0.5) { Inpatient } else { CareContact };
        story.add(at, by, EventKind::Cancel { reason: text("Överflyttad") });
    }
    story
}

fn sol_status(rng: &mut Rng) -> SolStatus {
    match rng.between(0, 4) {
        0 | 1 => SolStatus::Applied,
        2 => SolStatus::AlreadyExists,
        _ => SolStatus::Declined,
    }
}
