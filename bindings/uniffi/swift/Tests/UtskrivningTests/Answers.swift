// The typed answers written as the core writes them in JSON (keys and words as in the spec):
// what the session scenarios' `answer` expectations and the policies file compare against, as
// in the Kotlin program (bindings/uniffi/kotlin/Answers.kt). Exhaustive switches, so a case
// added to the bindings fails to compile here.

import Utskrivning

/// A word's spec name: uniffi writes `care_contact` as `careContact` (plain enums only).
func word<T>(_ value: T) -> JSON {
    var out = ""
    for ch in String(describing: value) {
        if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
    }
    return .string(out)
}

private func string(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }

private func number<N: BinaryInteger>(_ n: N) -> JSON { .number(String(n)) }

extension Effect {
    var json: JSON {
        switch self {
        case let .notify(id, message, to, meetingAt, estimatedDischarge):
            var o: [String: JSON] = ["type": .string("notify"), "id": .string(id), "message": word(message),
                                     "to": .array(to.map { word($0) })]
            if let meetingAt { o["meeting_at"] = .string(meetingAt) }
            // Absent without the record, `null` for a record without a date, else the date.
            if let estimatedDischarge { o["estimated_discharge"] = string(estimatedDischarge.date) }
            return .object(o)
        case let .responsibilityMoved(responsibility, from, to, on):
            return .object(["type": .string("responsibility_moved"), "responsibility": word(responsibility),
                            "from": word(from), "to": word(to), "on": .string(on)])
        case .enrolledInHomeHealthCare:
            return .object(["type": .string("enrolled_in_home_health_care")])
        case let .paymentClockStarted(beginsOn):
            return .object(["type": .string("payment_clock_started"), "begins_on": .string(beginsOn)])
        case .paymentClockStopped:
            return .object(["type": .string("payment_clock_stopped")])
        case let .stateChanged(track, from, to):
            return .object(["type": .string("state_changed"), "track": .string(track), "from": .string(from), "to": .string(to)])
        case let .overrun(item, timeboxMinutes, minutes):
            return .object(["type": .string("overrun"), "item": word(item), "timebox_minutes": number(timeboxMinutes),
                            "minutes": number(minutes)])
        }
    }
}

extension Accepted {
    var json: JSON { .object(["effects": .array(effects.map(\.json))]) }
}

extension Slot {
    var json: JSON {
        .object(["session": .string(session), "index": number(index), "starts_at": .string(startsAt),
                 "ends_at": .string(endsAt), "care_contact": string(careContact), "case_id": string(caseId)])
    }
}

extension Booking {
    var json: JSON { .object(["slot": slot.json, "effects": .array(effects.map(\.json))]) }
}

extension SessionView {
    var json: JSON {
        .object(["session": .string(session), "starts_at": .string(startsAt), "ends_at": .string(endsAt),
                 "slot_minutes": number(slotMinutes), "slots": .array(slots.map(\.json))])
    }
}

extension WorklistItem {
    /// `{case_id, kind, ref, since, due, overdue}`, `null` for an absent `ref` or `due`.
    var json: JSON {
        .object(["case_id": .string(caseId), "kind": word(kind), "ref": string(reference), "since": .string(since),
                 "due": string(due), "overdue": .bool(overdue)])
    }
}
