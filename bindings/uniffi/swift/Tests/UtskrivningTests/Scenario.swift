// The corpus driver (tests/scenarios/README.md, "Drivers"), as in the Kotlin program: applies
// each scenario's steps through the Swift API and writes what it got, one JSON line per step,
// to DIR/<stem>.jsonl. It judges nothing: the Rust comparer (`scenarios --driven DIR`) matches
// the lines with the expectations. It also writes DIR/policies.json.

import Foundation
import Utskrivning

/// One step through the binding's own API; a rejection throws. A worklist step's answer.
private func perform(_ theCase: Case, _ step: JSON) throws -> JSON? {
    let at = step["at"] ?? .null
    let actor = step["actor"] ?? .null
    if case .bool(true)? = step["worklist"] {
        let items = try worklist(role: roleFromStr(name: actor.stringOrEmpty), at: at.stringOrEmpty, cases: [theCase],
                                 unit: step["unit"]?.stringValue)
        return .array(items.map(\.json))
    }
    if case .bool(true)? = step["view"] {
        _ = try theCase.view(role: roleFromStr(name: actor.stringOrEmpty), at: at.stringOrEmpty)
        return nil
    }
    var event: [String: JSON] = ["at": at, "actor": actor]
    if case .object(let fields)? = step["event"] {
        for (key, value) in fields { event[key] = value }
    }
    _ = try theCase.apply(eventJson: JSON.object(event).text)
    return nil
}

/// The protocol's line for step `index`, after performing it.
private func line(_ index: Int, _ theCase: Case, _ step: JSON) throws -> JSON {
    var failure: UtskrivningError?
    var items: JSON?
    do {
        items = try perform(theCase, step)
    } catch let e as UtskrivningError {
        failure = e
    }
    guard case .array(let journal) = try JSON.parse(try theCase.journal()) else { throw JSONError(offset: 0) }
    var out: [String: JSON] = [
        "step": .number(String(index)),
        "ok": .bool(failure == nil),
        "code": failure.map { JSON.string($0.parts.code) } ?? JSON.null,
        "details": try failure.map { try JSON.parse($0.parts.details) } ?? JSON.null,
        "state": try JSON.parse(try theCase.state()),
        "journal": .number(String(journal.count)),
    ]
    if let items { out["items"] = items }
    return .object(out)
}

/// Drives one scenario file into `dir/<stem>.jsonl`; returns the number of steps.
@discardableResult
func drive(_ file: URL, into dir: URL) throws -> Int {
    let scenario = try JSON.parse(try String(contentsOf: file, encoding: .utf8))
    var steps: [JSON] = []
    if case .array(let list)? = scenario["steps"] { steps = list }
    let theCase = try Case()
    let lines = try steps.enumerated().map { try line($0.offset, theCase, $0.element).text + "\n" }
    let out = dir.appendingPathComponent(file.deletingPathExtension().lastPathComponent + ".jsonl")
    try lines.joined().write(to: out, atomically: true, encoding: .utf8)
    return steps.count
}

private func codeAndDetails(_ body: () throws -> Void) throws -> JSON {
    do {
        try body()
    } catch let e as UtskrivningError {
        return .object(["code": .string(e.parts.code), "details": try JSON.parse(e.parts.details)])
    }
    throw JSONError(offset: 0)
}

/// `policies.json`: an accepted event, the unknown-label rule and the internal error.
func writePolicies(into dir: URL) throws {
    let theCase = try Case.admit(at: "2026-03-02T08:00:00Z", caseId: "c-1", routine: .professionalCheckIn,
                                 municipalCareAtAdmission: false)
    let accepted = try theCase.apply(eventJson: #"{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact","social_services"]}"#)
    var internal: JSON = .null
    do {
        try triggerInternalError()
    } catch let e as UtskrivningError {
        let p = e.parts
        internal = .object(["code": .string(p.code), "details": try JSON.parse(p.details),
                            "message_en": .string(p.messageEn), "message_sv": .string(p.messageSv)])
    }
    let policies: JSON = .object([
        "accepted": accepted.json,
        "unknown_word": try codeAndDetails { _ = try label(kind: "role", word: "nobody", lang: .en) },
        "unknown_kind": try codeAndDetails { _ = try label(kind: "nokind", word: "x", lang: .en) },
        "internal": internal,
    ])
    try (policies.text + "\n").write(to: dir.appendingPathComponent("policies.json"), atomically: true, encoding: .utf8)
}
