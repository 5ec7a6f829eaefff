// Spec version 2 through the typed API, as in the Kotlin program (bindings/uniffi/kotlin/V2Paths.kt):
// messages with ids and their acknowledgement, the estimated discharge day in three forms,
// admit's municipality and care type, and worklists over many cases (a case given twice is
// refused, not a deadlock; refusals touch no case).

import Foundation
import Utskrivning
import XCTest

private let t0 = "2026-03-02T08:00:00Z"
private let t1 = "2026-03-02T09:00:00Z"
private let patientText = "Anna Andersson 19121212-1212"
private let notice = #"{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"send_admission_notice","to":["social_services","care_contact"]}"#

private func noticed(_ id: String = "c-1", agreement: Agreement? = nil) throws -> Case {
    let theCase = try Case.admit(at: t0, caseId: id, routine: .professionalCheckIn, municipalCareAtAdmission: false,
                                 agreement: agreement)
    _ = try theCase.apply(eventJson: notice)
    return theCase
}

private func ack(_ at: String, _ actor: String, _ id: String) -> String {
    #"{"at":"\#(at)","actor":"\#(actor)","type":"acknowledge_message","id":"\#(id)"}"#
}

private func notifies(_ accepted: Accepted) -> [Effect] {
    accepted.effects.filter { if case .notify = $0 { return true } else { return false } }
}

final class V2Tests: XCTestCase {
    private func expectError(_ code: String, file: StaticString = #filePath, line: UInt = #line,
                             _ body: () throws -> Void) -> ErrorParts? {
        do {
            try body()
            XCTFail("expected \(code), but it succeeded", file: file, line: line)
        } catch let error as UtskrivningError {
            let parts = error.parts
            XCTAssertEqual(parts.code, code, parts.details, file: file, line: line)
            for text in [parts.details, parts.messageSv, parts.messageEn] {
                XCTAssertFalse(text.contains("Anna") || text.contains("1212"), "leaked: \(text)", file: file, line: line)
            }
            return parts
        } catch {
            XCTFail("expected \(code), got \(error)", file: file, line: line)
        }
        return nil
    }

    private func detail(_ parts: ErrorParts?, _ key: String) -> String? {
        guard let parts, let details = try? JSON.parse(parts.details) else { return nil }
        return details[key]?.stringValue
    }

    func testNotifyCarriesItsIdAndTheEstimatedDischargeInThreeForms() throws {
        let theCase = try Case.admit(at: t0, caseId: "c-1", routine: .professionalCheckIn, municipalCareAtAdmission: false)
        let sent = notifies(try theCase.apply(eventJson: notice))
        XCTAssertEqual(sent, [.notify(id: "m1", message: .admissionNotice, to: [.careContact, .socialServices],
                                      meetingAt: nil, estimatedDischarge: EstimatedDischarge(date: nil))])
        if case .object(let o)? = sent.first?.json { XCTAssertEqual(o["estimated_discharge"]?.isNull, true) }
        let changed = notifies(try theCase.apply(eventJson: #"{"at":"2026-03-02T10:00:00Z","actor":"inpatient","type":"set_estimated_discharge","date":"2026-03-09"}"#))
        XCTAssertEqual(changed, [.notify(id: "m2", message: .estimatedDischargeChanged, to: [.careContact, .socialServices],
                                         meetingAt: nil, estimatedDischarge: EstimatedDischarge(date: "2026-03-09"))])
        XCTAssertEqual(try theCase.estimatedDischarge(), "2026-03-09")
        let admin = notifies(try theCase.apply(eventJson: #"{"at":"2026-03-02T11:00:00Z","actor":"care_contact","type":"send_administrative_message","to":["inpatient"],"text":"x"}"#))
        XCTAssertEqual(admin, [.notify(id: "m3", message: .administrativeMessage, to: [.inpatient], meetingAt: nil,
                                       estimatedDischarge: nil)])
        if case .object(let o)? = admin.first?.json { XCTAssertNil(o["estimated_discharge"]) }
    }

    func testMessagesListIdsRecipientsAndAcknowledgements() throws {
        let theCase = try noticed()
        _ = try theCase.apply(eventJson: ack("2026-03-02T10:00:00Z", "social_services", "m1"))
        _ = try theCase.apply(eventJson: ack("2026-03-02T10:01:00Z", "care_contact", "m1"))
        let messages = try theCase.messages()
        XCTAssertEqual(messages.map(\.id), ["m1"])
        XCTAssertEqual(messages.first?.to, [.careContact, .socialServices])
        XCTAssertEqual(messages.first?.acknowledged, [.socialServices, .careContact])
    }

    func testARefusedAcknowledgementLeavesTheCaseByteIdentical() throws {
        let theCase = try noticed()
        _ = try theCase.apply(eventJson: ack("2026-03-02T10:00:00Z", "care_contact", "m1"))
        let refusals = [
            ("invalid_input", ack("2026-03-02T10:01:00Z", "care_contact", "m9")),
            ("invalid_input", ack("2026-03-02T10:01:00Z", "care_contact", patientText)),
            ("not_permitted", ack("2026-03-02T10:01:00Z", "inpatient", "m1")),
            ("not_permitted", ack("2026-03-02T10:01:00Z", "patient", "m1")),
            ("not_permitted", ack("2026-03-02T10:01:00Z", "relative", "m1")),
            ("wrong_state", ack("2026-03-02T10:01:00Z", "care_contact", "m1")),
            ("time_went_backwards", ack("2026-03-02T09:30:00Z", "social_services", "m1")),
        ]
        for (code, event) in refusals {
            let before = try theCase.snapshot()
            _ = expectError(code) { _ = try theCase.apply(eventJson: event) }
            XCTAssertEqual(try theCase.snapshot(), before, event)
        }
    }

    func testAdmitTakesAMunicipalityAndACareType() throws {
        let theCase = try Case.admit(at: t0, caseId: "c-1", routine: .individualCheckIn, municipalCareAtAdmission: false,
                                     municipality: "1480", careType: .psychiatric)
        XCTAssertEqual(try theCase.municipality(), "1480")
        XCTAssertEqual(try theCase.careType(), .psychiatric)
        for bad in ["148", "abcd", patientText] {
            let e = expectError("invalid_input") {
                _ = try Case.admit(at: t0, caseId: "c-1", routine: .professionalCheckIn, municipalCareAtAdmission: false,
                                   municipality: bad)
            }
            XCTAssertEqual(detail(e, "field"), "municipality")
        }
    }

    func testAWorklistOverTwoCases() throws {
        let b = try noticed("c-2", agreement: Agreement(acknowledgementHours: 24))
        let a = try noticed("c-1")
        let items = try worklist(role: .careContact, at: "2026-03-03T10:00:00Z", cases: [a, b])
        XCTAssertEqual(items.map(\.caseId), ["c-2", "c-1"])
        XCTAssertEqual(items.map(\.kind), [.acknowledgeMessage, .acknowledgeMessage])
        XCTAssertEqual(items.first?.overdue, true)
        XCTAssertEqual(items.first?.due, "2026-03-03T09:00:00Z")
        XCTAssertNil(items.last?.due)
        if case .object(let o)? = items.last?.json {
            XCTAssertEqual(Set(o.keys), ["case_id", "kind", "ref", "since", "due", "overdue"])
            XCTAssertEqual(o["due"]?.isNull, true)
        }
        XCTAssertEqual(try a.accessLog().last?.action, .worklist)
    }

    func testTheSameCaseTwiceIsRefusedNotADeadlock() throws {
        let theCase = try noticed()
        let other = try noticed("c-2")
        let before = try theCase.snapshot()
        let e = expectError("invalid_input") { _ = try worklist(role: .careContact, at: t1, cases: [theCase, other, theCase]) }
        XCTAssertEqual(detail(e, "field"), "cases")
        XCTAssertEqual(detail(e, "problem"), "duplicate")
        _ = expectError("invalid_input") { _ = try worklist(role: .patient, at: t1, cases: [theCase, theCase]) }
        XCTAssertEqual(try theCase.snapshot(), before)
        XCTAssertEqual(try worklist(role: .careContact, at: t1, cases: [theCase]).count, 1)
    }

    func testTwoObjectsOfOneCaseIdAreADuplicate() throws {
        let e = expectError("invalid_input") { _ = try worklist(role: .careContact, at: t1, cases: [try noticed(), try noticed()]) }
        XCTAssertEqual(detail(e, "problem"), "duplicate")
    }

    func testRefusalsTouchNoCase() throws {
        let theCase = try noticed()
        let before = try theCase.snapshot()
        for role in [Role.patient, Role.relative] {
            _ = expectError("not_permitted") { _ = try worklist(role: role, at: t1, cases: [theCase]) }
        }
        for bad in ["2026-03-02 09:00", patientText] {
            let e = expectError("invalid_input") { _ = try worklist(role: .careContact, at: bad, cases: [theCase]) }
            XCTAssertEqual(detail(e, "field"), "at")
        }
        XCTAssertEqual(try theCase.snapshot(), before)
        XCTAssertEqual(try theCase.accessLog().count, 0)
    }

    func testWorklistsInOppositeOrdersFromManyThreads() throws {
        let cases = try (1...4).map { try noticed("c-\($0)") }
        let lock = NSLock()
        var failures = 0
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            let list = i % 2 == 0 ? cases : Array(cases.reversed())
            if (try? worklist(role: .careContact, at: t1, cases: list))?.count != 4 {
                lock.lock()
                failures += 1
                lock.unlock()
            }
        }
        XCTAssertEqual(failures, 0)
    }
}
