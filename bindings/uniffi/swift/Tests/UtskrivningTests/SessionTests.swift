// The session scenarios, tests/sessions/*.json, through the Swift `Planner` (step for step the
// Rust runner, core/src/scenario/sessions.rs), and the planner's error paths, as in the Kotlin
// program (bindings/uniffi/kotlin/Sessions.kt).

import Foundation
import Utskrivning
import XCTest

struct Report {
    let name: String
    let failures: [String]
    var passed: Bool { failures.isEmpty }
}

/// A case as the Rust runner makes it (`make_case`).
private func makeCase(_ id: String, _ spec: JSON) throws -> Case {
    var municipal = false
    if case .bool(let b)? = spec["municipal_care_at_admission"] { municipal = b }
    let theCase = try Case.admit(at: "2026-03-02T08:00:00Z", caseId: id, routine: .professionalCheckIn,
                                 municipalCareAtAdmission: municipal)
    if spec["phase"]?.stringValue != "admitted" {
        _ = try theCase.apply(eventJson: #"{"at":"2026-03-02T08:05:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact","social_services"]}"#)
    }
    if let unit = spec["care_contact"]?.stringValue {
        let assign = JSON.object(["at": .string("2026-03-02T08:10:00Z"), "actor": .string("care_contact"),
                                  "type": .string("assign_care_contact"), "unit": .string(unit)])
        _ = try theCase.apply(eventJson: assign.text)
    }
    return theCase
}

private struct Malformed: Error { let why: String }

private final class World {
    let planner: Planner
    let ids: [String]
    let cases: [Case]

    init(_ scenario: JSON) throws {
        guard let config = scenario["planner"], case .object(let specs)? = scenario["cases"] else {
            throw Malformed(why: "no `planner` or `cases`")
        }
        planner = try Planner(configJson: config.text)
        ids = specs.keys.sorted()
        cases = try ids.map { try makeCase($0, specs[$0] ?? .null) }
    }

    func theCase(_ op: JSON) throws -> Case {
        guard let id = op["case"]?.stringValue, let i = ids.firstIndex(of: id) else { throw Malformed(why: "no such case") }
        return cases[i]
    }

    /// The operation's answer as JSON; throws its error.
    func perform(_ step: JSON) throws -> JSON {
        let operations = ["book", "rebook", "cancel", "reserve_questions_slot", "release_questions_slot", "regroup", "view", "case_event"]
        guard let name = operations.first(where: { step[$0] != nil }), let op = step[name] else {
            throw Malformed(why: "a step needs an operation")
        }
        let at = step["at"]?.stringOrEmpty ?? ""
        let session = op["session"]?.stringOrEmpty ?? ""
        switch name {
        case "book": return try planner.book(session: session, case: theCase(op), at: at).json
        case "rebook": return try planner.rebook(session: session, case: theCase(op), at: at).json
        case "cancel": return try planner.cancel(case: theCase(op), at: at).json
        case "reserve_questions_slot":
            return try planner.reserveQuestionsSlot(session: session, careContact: op["care_contact"]?.stringOrEmpty ?? "", at: at).json
        case "release_questions_slot":
            try planner.releaseQuestionsSlot(session: session, careContact: op["care_contact"]?.stringOrEmpty ?? "")
            return .null
        case "regroup": return .array(try planner.regroup(session: session, cases: cases, at: at).map(\.json))
        case "view":
            let role = try roleFromStr(name: op["role"]?.stringOrEmpty ?? "")
            return try planner.view(session: session, role: role, careContact: op["care_contact"]?.stringValue, at: at, cases: cases).json
        default:
            guard case .object(var event)? = op["event"] else { throw Malformed(why: "case_event needs `event`") }
            event["at"] = .string(at)
            return try theCase(op).apply(eventJson: JSON.object(event).text).json
        }
    }
}

private func slots(_ planner: Planner) throws -> JSON? { try JSON.parse(planner.snapshot())["sessions"] }

private func outcomes(_ planner: Planner) throws -> [JSON] {
    try planner.accessLog().map { word($0.outcome) }
}

/// Nil if the step went as expected; else why not.
private func runSessionStep(_ world: World, _ step: JSON) throws -> String? {
    guard let expect = step["expect"] else { return "no `expect`" }
    let slotsBefore = try slots(world.planner)
    let journalsBefore = try world.cases.map { try $0.journal() }
    let logBefore = try outcomes(world.planner).count
    var answer: JSON?
    var error: UtskrivningError?
    do {
        answer = try world.perform(step)
    } catch let e as UtskrivningError {
        error = e
    }
    let logged = JSON.array(Array(try outcomes(world.planner).dropFirst(logBefore)))
    if let want = expect["error"]?.stringValue {
        guard let error else { return "expected \(want), got ok \(answer?.text ?? "")" }
        let parts = error.parts
        if parts.code != want { return "expected \(want), got \(parts.code) \(parts.details)" }
        if let details = expect["details"], let m = subsetMismatch(details, try JSON.parse(parts.details), "details") { return m }
        let sameCases = try world.cases.map { try $0.journal() } == journalsBefore
        let sameSlots = try slots(world.planner).map(\.text) == slotsBefore.map(\.text)
        if case .array(let l) = logged, l.count > 1 || !sameCases || !sameSlots { return "a refusal changed the planner or a case" }
    } else if let error {
        return "expected ok, got \(error.parts.code) \(error.parts.details)"
    } else if let want = expect["answer"], let m = subsetMismatch(want, answer ?? .null, "answer") {
        return m
    }
    if let want = expect["logged"], !jsonEquals(want, logged) { return "access log: expected \(want.text), got \(logged.text)" }
    if case .object(let wanted)? = expect["cases"] {
        for (id, want) in wanted {
            guard let i = world.ids.firstIndex(of: id) else { return "no case \(id)" }
            if let m = subsetMismatch(want, try JSON.parse(world.cases[i].state()), id) { return m }
        }
    }
    let snapshot = try world.planner.snapshot()
    return try Planner.restore(snapshotJson: snapshot).snapshot() == snapshot ? nil : "the snapshot did not restore the planner"
}

private func runSessionScenario(_ text: String) -> Report {
    guard let scenario = try? JSON.parse(text) else { return Report(name: "?", failures: ["not JSON"]) }
    let name = scenario["name"]?.stringValue ?? "?"
    do {
        let world = try World(scenario)
        guard case .array(let steps)? = scenario["steps"] else { return Report(name: name, failures: ["no `steps` list"]) }
        for (i, step) in steps.enumerated() {
            if let why = try runSessionStep(world, step) { return Report(name: name, failures: ["step \(i + 1): \(why)"]) }
        }
        return Report(name: name, failures: [])
    } catch let m as Malformed {
        return Report(name: name, failures: [m.why])
    } catch {
        return Report(name: name, failures: ["\(error)"])
    }
}

private let config = #"{"hospital": "h-1", "slot_minutes": 10, "times": [{"weekday": "tuesday", "starts": "13:00", "ends": "14:00"}]}"#
private let tuesday = "2026-03-03T13:00"
private let monday = "2026-03-02T12:00:00Z"

final class SessionTests: XCTestCase {
    func testEverySessionScenarioPasses() throws {
        let dir = repositoryRoot.appendingPathComponent("tests/sessions")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertFalse(files.isEmpty, "no session scenario files in \(dir.path)")
        var failures: [String] = []
        for file in files {
            let report = runSessionScenario(try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8))
            if !report.passed { failures.append("\(file)  \(report.name)\n     " + report.failures.joined(separator: "\n     ")) }
        }
        print("sessions: \(files.count - failures.count) passed, \(failures.count) failed")
        XCTAssertTrue(failures.isEmpty, failures.joined(separator: "\n"))
    }

    private func code(_ body: () throws -> Void) -> (String, JSON)? {
        do {
            try body()
        } catch let e as UtskrivningError {
            return (e.parts.code, (try? JSON.parse(e.parts.details)) ?? .null)
        } catch {}
        return nil
    }

    func testABadConfigurationNamesTheField() {
        let refused = code { _ = try Planner(configJson: #"{"hospital": "h", "slot_minutes": 0, "times": []}"#) }
        XCTAssertEqual(refused?.0, "invalid_input")
        XCTAssertNotNil(refused?.1["field"]?.stringValue)
    }

    func testARefusedBookingChangesNeitherCaseNorPlanner() throws {
        let planner = try Planner(configJson: config)
        let noContact = try makeCase("c-2", .object([:]))
        let (p, c) = (try planner.snapshot(), try noContact.snapshot())
        XCTAssertEqual(code { _ = try planner.book(session: tuesday, case: noContact, at: monday) }?.0, "preparation_incomplete")
        XCTAssertEqual(try planner.snapshot(), p)
        XCTAssertEqual(try noContact.snapshot(), c)
    }

    func testACaseGivenTwiceIsRefusedNotDeadlocked() throws {
        let planner = try Planner(configJson: config)
        let theCase = try makeCase("c-1", .object(["care_contact": .string("vc-norr")]))
        _ = try planner.book(session: tuesday, case: theCase, at: monday)
        let refused = code { _ = try planner.regroup(session: tuesday, cases: [theCase, theCase], at: monday) }
        XCTAssertEqual(refused?.0, "invalid_input")
        XCTAssertEqual(refused?.1["problem"]?.stringValue, "duplicate")
    }

    func testACareContactSeesOnlyTheirOwnSlots() throws {
        let planner = try Planner(configJson: config)
        let a = try makeCase("c-1", .object(["care_contact": .string("vc-norr")]))
        let b = try makeCase("c-2", .object(["care_contact": .string("vc-syd")]))
        _ = try planner.book(session: tuesday, case: a, at: monday)
        _ = try planner.book(session: tuesday, case: b, at: monday)
        let view = try planner.view(session: tuesday, role: .careContact, careContact: "vc-norr", at: monday, cases: [a, b])
        let seen = view.slots.compactMap(\.caseId)
        XCTAssertTrue(seen.contains("c-1") && !seen.contains("c-2"), "\(view)")
        XCTAssertEqual(code { _ = try planner.view(session: tuesday, role: .patient, careContact: nil, at: monday, cases: [a, b]) }?.0, "not_permitted")
        let log = try planner.accessLog()
        XCTAssertEqual(log.map(\.outcome), [.allowed, .refused])
        XCTAssertEqual(log.last?.code, .notPermitted)
        XCTAssertNotNil(try planner.slotOf(caseId: "c-1"))
        XCTAssertNil(try planner.slotOf(caseId: "c-9"))
    }
}
