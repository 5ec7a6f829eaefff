//! The README's main command: plays the red-track case of seed 000 and the agenda of seed 003
//! through the engine, printing for each step who did what, the new state, the effects and the
//! open deadlines. Swedish labels by default; `--lang en` for English.
//!
//! cargo run -p utskrivning-examples --bin walkthrough [-- --lang en]

use serde_json::{Value, json};
use utskrivning::{Case, DeadlineStatus, Effect, EventType, Lang, Role, Timestamp};
use utskrivning::{Label, embed};

/// One step of a story: when, who, the event's type and fields (or a view).
struct Step {
    at: &'static str,
    actor: Role,
    event: Value,
}

fn step(at: &'static str, actor: Role, event: Value) -> Step {
    Step { at, actor, event }
}

/// Seed 000: professionals meet by video; the red track is agreed, a care request goes to
/// municipal care with the patient's consent, and the SIP is held at the hospital.
fn seed_000() -> Vec<Step> {
    use Role::*;
    vec![
        step(
            "2026-03-02T08:00:00+01:00",
            Inpatient,
            json!({"type": "admit", "case_id": "demo-000", "routine": "professional_check_in", "municipal_care_at_admission": false, "municipality": "1480"}),
        ),
        // The ward's first estimate, carried by the admission notice.
        step("2026-03-02T08:30:00+01:00", Inpatient, json!({"type": "set_estimated_discharge", "date": "2026-03-06"})),
        step(
            "2026-03-02T10:00:00+01:00",
            Inpatient,
            json!({"type": "send_admission_notice", "to": ["care_contact", "social_services"]}),
        ),
        step(
            "2026-03-02T11:00:00+01:00",
            CareContact,
            json!({"type": "assign_care_contact", "unit": "Vårdcentralen Norr"}),
        ),
        step("2026-03-02T11:30:00+01:00", Inpatient, json!({"type": "add_rehab_party", "provider": "Rehab Syd"})),
        step(
            "2026-03-02T12:00:00+01:00",
            Inpatient,
            json!({"type": "book_check_in", "starts_at": "2026-03-03T13:00:00+01:00", "remote": true}),
        ),
        step("2026-03-03T13:00:00+01:00", CareContact, json!({"type": "start_check_in"})),
        step(
            "2026-03-03T13:05:00+01:00",
            CareContact,
            json!({"type": "decide_color_track", "track": "green", "agreed_by": ["inpatient", "care_contact", "social_services"]}),
        ),
        step(
            "2026-03-03T13:06:00+01:00",
            CareContact,
            json!({"type": "decide_color_track", "track": "red", "agreed_by": ["inpatient", "care_contact", "social_services"]}),
        ),
        step(
            "2026-03-03T13:08:00+01:00",
            CareContact,
            json!({"type": "send_care_request", "question": "Behov av hemsjukvård?"}),
        ),
        step("2026-03-03T13:10:00+01:00", CareContact, json!({"type": "end_check_in"})),
        // The check-in moved the estimate: its recipients are told at once.
        step("2026-03-03T13:30:00+01:00", Inpatient, json!({"type": "set_estimated_discharge", "date": "2026-03-09"})),
        step("2026-03-03T13:40:00+01:00", SocialServices, json!({"type": "acknowledge_message", "id": "m1"})),
        step(
            "2026-03-03T14:00:00+01:00",
            Patient,
            json!({"type": "give_consent", "purpose": "care_request", "written_information_given": true}),
        ),
        step(
            "2026-03-03T14:05:00+01:00",
            CareContact,
            json!({"type": "send_care_request", "question": "Behov av hemsjukvård?"}),
        ),
        step("2026-03-03T15:00:00+01:00", MunicipalCare, json!({"type": "acknowledge_care_request"})),
        step(
            "2026-03-04T09:00:00+01:00",
            MunicipalCare,
            json!({"type": "request_completion", "missing": ["läkemedelslista"]}),
        ),
        step("2026-03-04T10:00:00+01:00", CareContact, json!({"type": "complete_care_request", "supplied": "bifogad"})),
        step("2026-03-04T11:00:00+01:00", MunicipalCare, json!({"type": "accept_care_request"})),
        step("2026-03-04T11:30:00+01:00", MunicipalCare, json!({"view": true})),
        step("2026-03-04T12:00:00+01:00", Patient, json!({"type": "give_consent", "purpose": "sip"})),
        step("2026-03-04T13:00:00+01:00", Inpatient, json!({"type": "mark_ready_for_discharge"})),
        step(
            "2026-03-05T09:00:00+01:00",
            CareContact,
            json!({"type": "schedule_sip", "meeting_at": "2026-03-06T10:00:00+01:00", "place": "hospital", "participants": ["patient", "inpatient", "municipal_care", "care_contact"]}),
        ),
        step("2026-03-06T11:00:00+01:00", CareContact, json!({"type": "hold_sip"})),
        step("2026-03-06T12:00:00+01:00", CareContact, json!({"type": "close_care_request"})),
        step("2026-03-07T10:00:00+01:00", Inpatient, json!({"type": "discharge"})),
        step("2026-03-09T10:00:00+01:00", CareContact, json!({"type": "close_case"})),
    ]
}

/// Seed 003: the check-in meeting with the individual follows the five-item agenda.
fn seed_003() -> Vec<Step> {
    use Role::*;
    vec![
        step(
            "2026-04-06T08:00:00+02:00",
            Inpatient,
            json!({"type": "admit", "case_id": "demo-003", "routine": "individual_check_in", "municipal_care_at_admission": true}),
        ),
        step(
            "2026-04-06T09:00:00+02:00",
            Inpatient,
            json!({"type": "send_admission_notice", "to": ["care_contact", "social_services", "municipal_care"]}),
        ),
        step(
            "2026-04-06T10:00:00+02:00",
            CareContact,
            json!({"type": "assign_care_contact", "unit": "Hälsocentralen Väst"}),
        ),
        step("2026-04-06T10:15:00+02:00", Inpatient, json!({"type": "add_rehab_party", "provider": "Rehab Väst"})),
        step(
            "2026-04-06T10:30:00+02:00",
            Inpatient,
            json!({"type": "book_check_in", "starts_at": "2026-04-08T14:00:00+02:00", "remote": true}),
        ),
        step("2026-04-08T14:00:00+02:00", CareContact, json!({"type": "start_check_in"})),
        step("2026-04-08T14:00:00+02:00", CareContact, json!({"type": "start_item", "item": "opening"})),
        step("2026-04-08T14:03:00+02:00", SocialServices, json!({"type": "start_item", "item": "sol_application"})),
        step(
            "2026-04-08T14:10:00+02:00",
            SocialServices,
            json!({"type": "record_sol_application", "status": "applied"}),
        ),
        step("2026-04-08T14:12:00+02:00", CareContact, json!({"type": "start_item", "item": "sip_consent"})),
        step("2026-04-08T14:15:00+02:00", Patient, json!({"type": "give_consent", "purpose": "sip"})),
        step("2026-04-08T14:24:00+02:00", CareContact, json!({"type": "start_item", "item": "other_questions"})),
        step(
            "2026-04-08T14:25:00+02:00",
            Relative,
            json!({"type": "raise_question", "text": "Hur blir det med medicinerna?", "concerns_inpatient": true}),
        ),
        step("2026-04-08T14:31:00+02:00", CareContact, json!({"type": "start_item", "item": "closing"})),
        step("2026-04-08T14:32:00+02:00", CareContact, json!({"type": "end_check_in"})),
        step("2026-04-09T09:00:00+02:00", Inpatient, json!({"type": "answer_question", "id": "q1"})),
        step("2026-04-09T10:00:00+02:00", Inpatient, json!({"type": "mark_ready_for_discharge"})),
        step(
            "2026-04-10T09:00:00+02:00",
            CareContact,
            json!({"type": "schedule_sip", "meeting_at": "2026-04-14T10:00:00+02:00", "place": "Hälsocentralen Väst", "participants": ["patient", "care_contact", "social_services"]}),
        ),
        step("2026-04-14T11:00:00+02:00", CareContact, json!({"type": "hold_sip"})),
        step("2026-04-15T10:00:00+02:00", Inpatient, json!({"type": "discharge"})),
        step("2026-04-16T10:00:00+02:00", CareContact, json!({"type": "close_case"})),
    ]
}

fn label(kind: &str, word: &str, lang: Lang) -> String {
    embed::label(kind, word, lang).map_or_else(|_| word.to_string(), str::to_string)
}

fn effect_line(effect: &Effect, lang: Lang) -> String {
    match effect {
        Effect::Notify { id, message, to, meeting_at, estimated_discharge } => {
            let to: Vec<&str> = to.iter().map(|r| r.label(lang)).collect();
            let when = meeting_at.map(|m| format!(" ({m})")).unwrap_or_default();
            let date = match estimated_discharge {
                Some(Some(date)) => format!(" [{date}]"),
                Some(None) => " [—]".to_string(),
                None => String::new(),
            };
            format!("✉ {id} {}{when}{date} → {}", message.label(lang), to.join(", "))
        }
        Effect::StateChanged { track, from, to } => {
            let kind = track.rsplit('.').next().unwrap_or(track);
            let kind = if track.starts_with("consents") { "consent" } else { kind };
            format!("↪ {track}: {} → {}", label(kind, from, lang), label(kind, to, lang))
        }
        Effect::ResponsibilityMoved { from, to, on, .. } => match lang {
            Lang::Sv => format!("⇄ samordningsansvaret går från {} till {} den {on}", from.label(lang), to.label(lang)),
            Lang::En => {
                format!("⇄ coordination responsibility moves from {} to {} on {on}", from.label(lang), to.label(lang))
            }
        },
        Effect::EnrolledInHomeHealthCare => match lang {
            Lang::Sv => "✚ inskriven i kommunal hemsjukvård".into(),
            Lang::En => "✚ enrolled in municipal home health care".into(),
        },
        Effect::PaymentClockStarted { begins_on } => match lang {
            Lang::Sv => format!("⏱ betalningsansvar från {begins_on}"),
            Lang::En => format!("⏱ payment responsibility from {begins_on}"),
        },
        Effect::PaymentClockStopped => match lang {
            Lang::Sv => "⏱ betalningsklockan stoppad".into(),
            Lang::En => "⏱ payment clock stopped".into(),
        },
        Effect::Overrun { item, timebox_minutes, minutes } => match lang {
            Lang::Sv => format!("⚠ {} tog {minutes} min (tidsram {timebox_minutes} min)", item.label(lang)),
            Lang::En => format!("⚠ {} took {minutes} min (timebox {timebox_minutes} min)", item.label(lang)),
        },
    }
}

fn play(title: &str, steps: Vec<Step>, lang: Lang) -> Result<(), String> {
    println!("\n=== {title} ===");
    let mut case = Case::new();
    for s in steps {
        let at: Timestamp = s.at.parse().map_err(|e| format!("{}: {e}", s.at))?;
        let who = s.actor.label(lang);
        if s.event.get("view").is_some() {
            let outcome = case.view(s.actor, at).map(|_| ()).map_err(|e| e.message(lang));
            let verb = if lang == Lang::Sv { "läser ärendet" } else { "views the case" };
            println!("\n{} {who} {verb}: {}", s.at, outcome.map_or_else(|e| format!("✗ {e}"), |()| "✓".into()));
            continue;
        }
        let mut event = s.event.clone();
        event["at"] = json!(s.at);
        event["actor"] = json!(s.actor);
        let kind = event["type"].as_str().unwrap_or_default().to_string();
        let what = EventType::parse(&kind).map_or(kind.clone(), |t| t.label(lang).to_string());
        println!("\n{} {who}: {what}", s.at);
        match case.apply_json(&event.to_string()) {
            Ok(accepted) => {
                for effect in &accepted.effects {
                    println!("    {}", effect_line(effect, lang));
                }
            }
            Err(e) => println!("    ✗ {} [{}]", e.message(lang), e.code),
        }
        let phase = label("phase", case.phase().as_str(), lang);
        let open: Vec<String> = case
            .deadlines(at)
            .into_iter()
            .filter(|d| d.status != DeadlineStatus::Met)
            .map(|d| format!("{} {} {}", d.kind.label(lang), d.status.label(lang), d.due))
            .collect();
        let (p, dl) = if lang == Lang::Sv { ("fas", "öppna tidsfrister") } else { ("phase", "open deadlines") };
        println!("    {p}: {phase}; {dl}: {}", if open.is_empty() { "–".into() } else { open.join("; ") });
    }
    let check = Case::replay(&case.journal()).map(|r| r.same_state(&case));
    println!(
        "\n{} {}",
        if lang == Lang::Sv { "återspelning ger samma ärende:" } else { "replay gives the same case:" },
        matches!(check, Ok(true))
    );
    Ok(())
}

/// Seed 000's check-in sessions: Tuesdays and Thursdays 13–14, ten-minute slots; three care
/// contacts' patients booked, one rebooked, and the session seen by each party.
fn sessions(lang: Lang) -> Result<(), Box<dyn std::error::Error>> {
    use utskrivning::Planner;
    let sv = lang == Lang::Sv;
    println!(
        "\n=== {} ===",
        if sv {
            "Avstämningstillfällen: fasta tider, egna tider per fast vårdkontakt"
        } else {
            "Check-in sessions: fixed times, a slot per care contact"
        }
    );
    let mut planner = Planner::from_config_json(
        r#"{"hospital": "demo", "slot_minutes": 10, "times": [
            {"weekday": "tuesday", "starts": "13:00", "ends": "14:00"},
            {"weekday": "thursday", "starts": "13:00", "ends": "14:00"}]}"#,
    )?;
    let t = |s: &str| s.parse::<Timestamp>();
    let week = planner.sessions_between(t("2026-03-02T00:00:00+01:00")?, t("2026-03-09T00:00:00+01:00")?)?;
    let names: Vec<&str> = week.iter().map(|s| s.session.as_str()).collect();
    println!("{}: {}", if sv { "veckans tillfällen" } else { "this week's sessions" }, names.join(", "));
    let mut cases = Vec::new();
    for (i, unit) in ["VC Norr", "VC Syd", "VC Norr", "VC Öst"].iter().enumerate() {
        let at = t("2026-03-02T09:00:00+01:00")?;
        let (mut case, _) =
            Case::admit(at, &format!("p-{}", i + 1), utskrivning::Routine::ProfessionalCheckIn, false, None)?;
        case.apply_json(&json!({"at": "2026-03-02T09:05:00+01:00", "actor": "inpatient", "type": "send_admission_notice", "to": ["care_contact", "social_services"]}).to_string())?;
        case.apply_json(&json!({"at": "2026-03-02T09:10:00+01:00", "actor": "care_contact", "type": "assign_care_contact", "unit": unit}).to_string())?;
        let booking = planner.book("2026-03-03T13:00", &mut case, t("2026-03-02T10:00:00+01:00")?)?;
        println!(
            "  {} ({unit}) → {} {}",
            case.case_id().unwrap_or("?"),
            if sv { "tid" } else { "slot" },
            booking.slot.starts_at
        );
        cases.push(case);
    }
    if let Some(case) = cases.get_mut(1) {
        let moved = planner.rebook("2026-03-05T13:00", case, t("2026-03-02T11:00:00+01:00")?)?;
        println!(
            "  {} {} → {}",
            case.case_id().unwrap_or("?"),
            if sv { "ombokad" } else { "rebooked" },
            moved.slot.starts_at
        );
    }
    // One care contact's cases next to each other: regroup moves only the cases that must move.
    let mut all: Vec<&mut Case> = cases.iter_mut().collect();
    for b in planner.regroup("2026-03-03T13:00", &mut all, t("2026-03-02T11:30:00+01:00")?)? {
        println!(
            "  {} {} → {}",
            b.slot.case_id.as_deref().unwrap_or("?"),
            if sv { "flyttad" } else { "moved" },
            b.slot.starts_at
        );
    }
    let refs: Vec<&Case> = cases.iter().collect();
    let at = t("2026-03-03T12:50:00+01:00")?;
    for (role, unit) in [
        (Role::SocialServices, None),
        (Role::CareContact, Some("VC Norr")),
        (Role::MunicipalCare, None),
        (Role::Relative, None),
    ] {
        let who = match unit {
            Some(u) => format!("{} {u}", role.label(lang)),
            None => role.label(lang).to_string(),
        };
        match planner.view("2026-03-03T13:00", role, unit, at, &refs) {
            Ok(view) => {
                let seen: Vec<String> = view
                    .slots
                    .iter()
                    .filter_map(|s| s.case_id.as_ref().map(|c| format!("{c}@{}", s.starts_at)))
                    .collect();
                println!(
                    "  {who} {}: {}",
                    if sv { "ser" } else { "sees" },
                    if seen.is_empty() { "–".into() } else { seen.join(", ") }
                );
            }
            Err(e) => println!("  {who}: ✗ {}", e.message(lang)),
        }
    }
    println!("{}: {}", if sv { "åtkomstloggen har" } else { "access log entries" }, planner.access_log().len());
    Ok(())
}

fn main() -> std::process::ExitCode {
    let lang = match std::env::args().skip_while(|a| a != "--lang").nth(1).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Sv,
    };
    let (t0, t3) = match lang {
        Lang::Sv => (
            "Seed 000: avstämningsträff, rött färgspår, SIP på sjukhuset",
            "Seed 003: avstämningsmöte med den enskilde, dagordningen",
        ),
        Lang::En => (
            "Seed 000: professionals' check-in, red track, SIP at the hospital",
            "Seed 003: check-in with the individual, the agenda",
        ),
    };
    let sessions = |()| sessions(lang).map_err(|e| e.to_string());
    match play(t0, seed_000(), lang).and_then(|()| play(t3, seed_003(), lang)).and_then(sessions) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("walkthrough: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
