// The bindings' own behaviour beyond the corpus, as in the Kotlin program: each error path gives
// its case with details and both messages (never a person's text), and one case serves several
// threads.

import Foundation
import Utskrivning
import XCTest

private let t0 = "2026-03-02T08:00:00Z"
private let t1 = "2026-03-02T09:00:00Z"
private let patientText = "Anna Andersson 19121212-1212"

private func admitted() throws -> Case {
    try Case.admit(at: t0, caseId: "c-1", routine: .professionalCheckIn, municipalCareAtAdmission: false)
}

final class ErrorPathTests: XCTestCase {
    /// Runs `body`, which must throw an error with `code`; returns its parts.
    private func expectError(_ code: String, file: StaticString = #filePath, line: UInt = #line,
                             _ body: () throws -> Void) -> ErrorParts? {
        do {
            try body()
            XCTFail("expected \(code), but it succeeded", file: file, line: line)
        } catch let error as UtskrivningError {
            let parts = error.parts
            XCTAssertEqual(parts.code, code, parts.details, file: file, line: line)
            XCTAssertFalse(parts.messageSv.isEmpty || parts.messageEn.isEmpty, file: file, line: line)
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

    func testNotJsonIsInvalidInputNamingTheEvent() throws {
        let theCase = try admitted()
        let e = expectError("invalid_input") { _ = try theCase.apply(eventJson: "{\"at\": ") }
        XCTAssertEqual(detail(e, "field"), "event")
        XCTAssertEqual(detail(e, "problem"), "not_json")
    }

    func testRoleNames() throws {
        _ = expectError("invalid_input") { _ = try roleFromStr(name: "nurse") }
        XCTAssertEqual(try roleFromStr(name: "care_contact"), .careContact)
        XCTAssertEqual(roleAsStr(role: .careContact), "care_contact")
    }

    func testMalformedTimestampNamesItsField() throws {
        let e = expectError("invalid_input") {
            _ = try Case.admit(at: "yesterday", caseId: "c-1", routine: .individualCheckIn, municipalCareAtAdmission: false)
        }
        XCTAssertEqual(detail(e, "field"), "at")
        XCTAssertEqual(detail(e, "problem"), "not_a_timestamp")
    }

    func testSecondAdmitIsWrongStateAndChangesNothing() throws {
        let theCase = try admitted()
        let before = try theCase.snapshot()
        _ = expectError("wrong_state") {
            _ = try theCase.apply(eventJson: """
            {"at":"\(t1)","actor":"inpatient","type":"admit","case_id":"c-2","routine":"professional_check_in","municipal_care_at_admission":false}
            """)
        }
        XCTAssertEqual(try theCase.snapshot(), before)
    }

    func testTimeGoingBack() throws {
        let theCase = try admitted()
        _ = expectError("time_went_backwards") {
            _ = try theCase.apply(eventJson: #"{"at":"2026-03-01T08:00:00Z","actor":"inpatient","type":"mark_ready_for_discharge"}"#)
        }
    }

    func testRefusedViewsAreLogged() throws {
        let theCase = try admitted()
        _ = expectError("no_care_relationship") { _ = try theCase.view(role: .municipalCare, at: t1) }
        _ = expectError("not_permitted") { _ = try theCase.view(role: .relative, at: t1) }
        let log = try theCase.accessLog()
        XCTAssertEqual(log.map(\.outcome), [.refused, .refused])
        XCTAssertEqual(log.map(\.code), [.noCareRelationship, .notPermitted])
    }

    func testNewerOrTamperedSnapshotsAreRefused() throws {
        let theCase = try admitted()
        guard case .object(var snapshot) = try JSON.parse(try theCase.snapshot()),
              case .object(var state)? = snapshot["state"] else { return XCTFail("no snapshot object") }
        var newer = snapshot
        newer["version"] = .number("99")
        let e = expectError("invalid_input") { _ = try Case.restore(snapshotJson: JSON.object(newer).text) }
        XCTAssertEqual(detail(e, "problem"), "unsupported_version")
        state["phase"] = .string("discharged")
        snapshot["state"] = .object(state)
        let t = expectError("invalid_input") { _ = try Case.restore(snapshotJson: JSON.object(snapshot).text) }
        XCTAssertEqual(detail(t, "field"), "state")
        XCTAssertEqual(detail(t, "problem"), "mismatch")
    }

    func testErrorsNeverCarryAPersonsText() throws {
        let theCase = try admitted()
        let events = [
            ("not_permitted", #"{"at":"\#(t1)","actor":"relative","type":"cancel","reason":"\#(patientText)"}"#),
            ("invalid_input", #"{"at":"\#(t1)","actor":"inpatient","type":"cancel","reason":"x","note":"\#(patientText)"}"#),
            ("invalid_input", #"{"at":"\#(t1)","actor":"\#(patientText)","type":"discharge"}"#),
        ]
        for (code, event) in events {
            guard let e = expectError(code, { _ = try theCase.apply(eventJson: event) }) else { continue }
            for text in [e.details, e.messageSv, e.messageEn] {
                XCTAssertFalse(text.contains("Anna") || text.contains("1212"), text)
            }
        }
    }

    func testAgreementDefaultsAndRange() throws {
        XCTAssertEqual(Agreement(), defaultAgreement())
        let e = expectError("invalid_input") {
            _ = try Case.admit(at: t0, caseId: "c-1", routine: .professionalCheckIn, municipalCareAtAdmission: false,
                               agreement: Agreement(paymentCutoffHour: 99))
        }
        XCTAssertEqual(detail(e, "field"), "agreement.payment_cutoff_hour")
    }

    func testRestoreAndReplayGiveTheSameCase() throws {
        let theCase = try admitted()
        let accepted = try theCase.apply(eventJson: """
        {"at":"\(t1)","actor":"inpatient","type":"send_admission_notice","to":["care_contact","social_services"]}
        """)
        XCTAssertTrue(accepted.effects.contains(.notify(id: "m1", message: .admissionNotice, to: [.careContact, .socialServices],
                                                            meetingAt: nil, estimatedDischarge: EstimatedDischarge(date: nil))))
        _ = try theCase.view(role: .patient, at: t1)
        XCTAssertEqual(try Case.restore(snapshotJson: try theCase.snapshot()).snapshot(), try theCase.snapshot())
        XCTAssertEqual(try Case.replay(journalJson: try theCase.journal()).state(), try theCase.state())
        let notice = try theCase.deadlines(at: t1).first
        XCTAssertEqual(notice?.kind, .admissionNotice)
        XCTAssertEqual(notice?.status, .met)
        XCTAssertEqual(notice?.metAt, t1)
    }

    func testLabels() throws {
        let sv = try label(kind: "role", word: "patient", lang: .sv)
        let en = try label(kind: "role", word: "patient", lang: .en)
        XCTAssertNotEqual(sv, en)
        XCTAssertEqual(detail(expectError("invalid_input") { _ = try label(kind: "role", word: "nurse", lang: .en) }, "field"), "word")
        XCTAssertEqual(detail(expectError("invalid_input") { _ = try label(kind: "colour", word: "patient", lang: .en) }, "field"), "kind")
        XCTAssertEqual(allLabels().first { $0.kind == "error" }?.words.count, 14)
        XCTAssertTrue(eventFields().first { $0.eventType == "admit" }?.fields.contains("case_id") ?? false)
    }

    func testAPanicInsideTheLibraryIsInternal() {
        let e = expectError("internal") { try triggerInternalError() }
        XCTAssertEqual(detail(e, "reason"), "panic")
        XCTAssertEqual(e?.messageEn, "Internal error in the library (reason=panic)")
    }

    func testOneCaseServesSeveralThreads() throws {
        let theCase = try admitted()
        let lock = NSLock()
        var failures = 0
        DispatchQueue.concurrentPerform(iterations: 400) { i in
            let answered = i % 2 == 0 ? (try? theCase.view(role: .careContact, at: t1)) != nil : (try? theCase.deadlines(at: t1)) != nil
            if !answered {
                lock.lock()
                failures += 1
                lock.unlock()
            }
        }
        XCTAssertEqual(failures, 0)
        XCTAssertEqual(try theCase.accessLog().count, 200)
    }
}
