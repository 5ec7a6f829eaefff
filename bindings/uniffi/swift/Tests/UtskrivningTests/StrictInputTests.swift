// Issue 13 through the typed API, as in the Kotlin program (bindings/uniffi/kotlin/StrictPaths.kt):
// keyed snapshots (the chain under the embedding system's key, version 1 under a key only as an
// upgrade, the key in no error) and spec version 2's strict input, each with the input that
// once passed.

import Foundation
import Utskrivning
import XCTest

private let t0 = "2026-03-02T08:00:00Z"
private let t1 = "2026-03-02T09:00:00Z"
private let key = Data("hemlig nyckel, Region Örebro län".utf8)
private let otherKey = Data("en annan nyckel".utf8)
private let tampered = #"{"field":"journal","problem":"tampered"}"#
private let unsigned = #"{"field":"version","problem":"unsigned"}"#
private let notATimestamp = #"{"field":"at","problem":"not_a_timestamp"}"#

private func admitted() throws -> Case {
    try Case.admit(at: t0, caseId: "c-1", routine: .professionalCheckIn, municipalCareAtAdmission: false)
}

/// A case with a journal and an access log, both chained.
private func noticedAndViewed() throws -> Case {
    let theCase = try admitted()
    _ = try theCase.apply(eventJson: #"{"at":"\#(t1)","actor":"inpatient","type":"send_admission_notice","to":["care_contact"]}"#)
    _ = try theCase.view(role: .inpatient, at: t1)
    return theCase
}

/// The same snapshot as version 1: no chain.
private func asVersion1(_ snapshot: String) throws -> String {
    guard case .object(var doc) = try JSON.parse(snapshot) else { throw JSONError(offset: 0) }
    doc["version"] = .number("1")
    doc["chain"] = nil
    return JSON.object(doc).text
}

final class StrictInputTests: XCTestCase {
    /// `body` throws `code` with exactly `details`, and neither they nor a message hold `secrets`.
    private func expectError(_ code: String, _ details: String? = nil, hiding secrets: [String] = [],
                             file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) -> ErrorParts? {
        do {
            try body()
            XCTFail("expected \(code), but it succeeded", file: file, line: line)
        } catch let error as UtskrivningError {
            let parts = error.parts
            XCTAssertEqual(parts.code, code, parts.details, file: file, line: line)
            if let details, let want = try? JSON.parse(details), let got = try? JSON.parse(parts.details) {
                XCTAssertTrue(jsonEquals(want, got), "details \(parts.details), wanted \(details)", file: file, line: line)
            }
            for secret in secrets {
                for text in [parts.details, parts.messageSv, parts.messageEn] {
                    XCTAssertFalse(text.contains(secret), "`\(secret)` leaked: \(text)", file: file, line: line)
                }
            }
            return parts
        } catch {
            XCTFail("expected \(code), got \(error)", file: file, line: line)
        }
        return nil
    }

    /// `event` is refused with `code` and exactly `details`, and the case is byte-identical after.
    private func refusedUnchanged(_ theCase: Case, _ code: String, _ event: String, _ details: String,
                                  hiding secrets: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws {
        let (snapshot, state) = (try theCase.snapshot(), try theCase.state())
        _ = expectError(code, details, hiding: secrets, file: file, line: line) { _ = try theCase.apply(eventJson: event) }
        XCTAssertEqual(try theCase.snapshot(), snapshot, "the refused \(event) changed the case", file: file, line: line)
        XCTAssertEqual(try theCase.state(), state, file: file, line: line)
    }

    func testAKeyedSnapshotRestoresUnderItsKeyOnly() throws {
        let theCase = try noticedAndViewed()
        let plain = try theCase.snapshot()
        let signed = try theCase.snapshot(key: key)
        XCTAssertNotEqual(signed, plain)
        XCTAssertEqual(try theCase.snapshot(key: nil), plain)
        let restored = try Case.restore(snapshotJson: signed, key: key)
        XCTAssertEqual(try restored.snapshot(key: key), signed)
        XCTAssertEqual(try restored.snapshot(), plain)
        let refusals: [() throws -> Void] = [
            { _ = try Case.restore(snapshotJson: signed, key: otherKey) },
            { _ = try Case.restore(snapshotJson: signed, key: otherKey, upgradeUnsigned: true) },
            { _ = try Case.restore(snapshotJson: signed) },
            { _ = try Case.restore(snapshotJson: plain, key: key) },
            { _ = try Case.restore(snapshotJson: signed, key: key.dropLast()) },
        ]
        for refused in refusals {
            _ = expectError("invalid_input", tampered, hiding: ["hemlig", "nyckel"], refused)
        }
        // Zero bytes are a key too (HMAC under an empty key), not no key.
        let emptyKey = try theCase.snapshot(key: Data())
        XCTAssertNotEqual(emptyKey, plain)
        _ = try Case.restore(snapshotJson: emptyKey, key: Data())
        _ = expectError("invalid_input", tampered) { _ = try Case.restore(snapshotJson: emptyKey) }
        XCTAssertFalse(signed.contains("hemlig"))
    }

    func testAVersion1SnapshotRestoresUnkeyedAndUnderAKeyOnlyAsAnUpgrade() throws {
        let theCase = try noticedAndViewed()
        let plain = try theCase.snapshot()
        let signed = try theCase.snapshot(key: key)
        let v1 = try asVersion1(plain)
        XCTAssertFalse(v1.contains(#""chain""#))
        XCTAssertEqual(try Case.restore(snapshotJson: v1).snapshot(), plain)
        XCTAssertEqual(try Case.restore(snapshotJson: v1, key: nil, upgradeUnsigned: true).snapshot(), plain)
        _ = expectError("invalid_input", unsigned, hiding: ["hemlig", "nyckel"]) { _ = try Case.restore(snapshotJson: v1, key: key) }
        _ = expectError("invalid_input", unsigned) { _ = try Case.restore(snapshotJson: v1, key: key, upgradeUnsigned: false) }
        let upgraded = try Case.restore(snapshotJson: v1, key: key, upgradeUnsigned: true)
        XCTAssertEqual(try upgraded.snapshot(key: key), signed)
        XCTAssertEqual(try upgraded.state(), try theCase.state())
        // The upgrade is for version 1 only: a version 2 chain is checked all the same.
        _ = expectError("invalid_input", tampered) { _ = try Case.restore(snapshotJson: plain, key: key, upgradeUnsigned: true) }
    }

    func testABadSnapshotUnderAKeyIsTheCoresErrorWithoutTheKey() {
        _ = expectError("invalid_input", #"{"field":"snapshot","problem":"not_json"}"#, hiding: ["hemlig", "nyckel"]) {
            _ = try Case.restore(snapshotJson: "{", key: key)
        }
    }

    func testTimesAreRfc3339Exactly() throws {
        let theCase = try admitted()
        for at in [
            "2026-03-02T23:59Z",
            "2026-03-02T23:59:59+0100",
            "2026-03-02T23:59:59+24:00",
            "2026-03-02T23:59:59+25:59",
            "20260302T235959Z",
            "2026-03-02T23:59:59,5Z",
            "+002026-03-02T23:59:59Z",
            "2026-03-02T23:59:59Z[America/New_York]",
        ] {
            try refusedUnchanged(theCase, "invalid_input", #"{"at":"\#(at)","actor":"inpatient","type":"discharge"}"#, notATimestamp)
            _ = expectError("invalid_input", notATimestamp) { _ = try theCase.deadlines(at: at) }
            _ = expectError("invalid_input", notATimestamp) { _ = try theCase.view(role: .inpatient, at: at) }
            _ = expectError("invalid_input", notATimestamp) {
                _ = try Case.admit(at: at, caseId: "c-2", routine: .professionalCheckIn, municipalCareAtAdmission: false)
            }
        }
        XCTAssertTrue(try theCase.accessLog().isEmpty)
        // A 9-digit fraction is a time, written back with only the digits it needs, in UTC.
        _ = try theCase.apply(eventJson: #"{"at":"2026-03-02T09:00:00.500000000+01:00","actor":"inpatient","type":"send_admission_notice","to":["care_contact"]}"#)
        XCTAssertEqual(try JSON.parse(try theCase.state())["last_event_at"]?.stringValue, "2026-03-02T08:00:00.5Z")
    }

    func testAKeyTwiceIsDuplicateKey() throws {
        let theCase = try admitted()
        try refusedUnchanged(theCase, "invalid_input",
                             #"{"at":"\#(t1)","actor":"inpatient","type":"cancel","type":"raise_question","reason":"x"}"#,
                             #"{"field":"event","problem":"duplicate_key"}"#)
        let twice = try theCase.snapshot().replacingOccurrences(of: #""version":2"#, with: #""version":2,"version":1"#)
        let e = expectError("invalid_input") { _ = try Case.restore(snapshotJson: twice) }
        XCTAssertEqual(e.flatMap { try? JSON.parse($0.details) }?["problem"]?.stringValue, "duplicate_key")
    }

    func testABlankUnitIsMissingInformation() throws {
        let theCase = try admitted()
        for unit in ["\u{200B}", #"\u200B"#, "\u{2063} \u{00A0}", "\u{FEFF}"] {
            try refusedUnchanged(theCase, "missing_information",
                                 #"{"at":"\#(t1)","actor":"care_contact","type":"assign_care_contact","unit":"\#(unit)"}"#,
                                 #"{"field":"unit"}"#)
        }
    }

    func testCaseIds() throws {
        let outOfRange = #"{"field":"case_id","problem":"out_of_range"}"#
        for id in ["", "\u{200B}"] {
            _ = expectError("invalid_input", outOfRange) {
                _ = try Case.admit(at: t0, caseId: id, routine: .professionalCheckIn, municipalCareAtAdmission: false)
            }
        }
        try refusedUnchanged(try Case(), "invalid_input",
                             #"{"at":"\#(t0)","actor":"inpatient","type":"admit","case_id":"","routine":"professional_check_in","municipal_care_at_admission":false}"#,
                             outOfRange)
        _ = expectError("invalid_input", #"{"field":"case_id","problem":"personal_data"}"#, hiding: ["Tolvan", "1212"]) {
            _ = try Case.admit(at: t0, caseId: "19121212-1212 Tolvan", routine: .professionalCheckIn, municipalCareAtAdmission: false)
        }
    }

    func testAnUnknownKeyNotAnIdentifierIsNamedByPosition() throws {
        let theCase = try admitted()
        try refusedUnchanged(theCase, "invalid_input",
                             #"{"at":"\#(t1)","actor":"inpatient","type":"discharge","19121212-1212 Tolvan":1}"#,
                             #"{"problem":"unknown_field","position":3}"#, hiding: ["Tolvan", "19121212", "1212"])
        try refusedUnchanged(theCase, "invalid_input",
                             #"{"19121212-1212 Tolvan":1,"at":"\#(t1)","actor":"inpatient","type":"discharge"}"#,
                             #"{"problem":"unknown_field","position":0}"#, hiding: ["Tolvan"])
        try refusedUnchanged(theCase, "invalid_input", #"{"at":"\#(t1)","actor":"inpatient","type":"discharge","reson":1}"#,
                             #"{"field":"reson","problem":"unknown_field"}"#)
    }

    func testAWeeklyTimeNotHhMmIsNotATime() throws {
        func config(_ starts: String) -> String {
            #"{"hospital":"h-1","slot_minutes":10,"times":[{"weekday":"tuesday","starts":"\#(starts)","ends":"14:00"}]}"#
        }
        for bad in ["1:00", "9:00", "13:0", "24:00", "13:60", "13.00", " 13:00"] {
            let e = expectError("invalid_input") { _ = try Planner(configJson: config(bad)) }
            XCTAssertEqual(e.flatMap { try? JSON.parse($0.details) }?["problem"]?.stringValue, "not_a_time", bad)
        }
        _ = try Planner(configJson: config("13:00"))
    }
}
