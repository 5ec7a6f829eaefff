// The scenario corpus, tests/scenarios/*.json, through the Swift bindings.

import Foundation
import XCTest

/// The repository root: this file is bindings/uniffi/swift/Tests/UtskrivningTests/.
let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<6 { url.deleteLastPathComponent() }
    return url
}()

final class CorpusTests: XCTestCase {
    func testEveryScenarioPasses() throws {
        let dir = repositoryRoot.appendingPathComponent("tests/scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertFalse(files.isEmpty, "no scenario files in \(dir.path)")
        var passed = 0
        var failures: [String] = []
        for file in files {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            let report = runScenario(text)
            if report.passed {
                passed += 1
            } else {
                failures.append("\(file)  \(report.name)\n     " + report.failures.joined(separator: "\n     "))
            }
        }
        print("corpus: \(passed) passed, \(failures.count) failed")
        XCTAssertTrue(failures.isEmpty, failures.joined(separator: "\n"))
    }

    /// The runner itself: a mismatch is found and named as the Rust runner names it.
    func testTheRunnerReportsMismatches() {
        let scenario = """
        {"name": "wrong on purpose", "steps": [
          {"at": "2026-03-02T08:00:00Z", "actor": "inpatient",
           "event": {"type": "admit", "case_id": "c-1", "routine": "professional_check_in",
                     "municipal_care_at_admission": false, "agreement": {"payment_days": 2}},
           "expect": {"ok": true, "state": {"phase": "discharged", "agreement": {"payment_days": 2.0}}}},
          {"at": "2026-03-02T09:00:00Z", "actor": "relative", "view": true,
           "expect": {"error": "no_care_relationship"}},
          {"at": "2026-03-02T09:00:00Z", "actor": "nurse", "view": true, "expect": {"error": "invalid_input"}}
        ]}
        """
        let report = runScenario(scenario)
        XCTAssertEqual(report.failures, [
            "step 1: state.agreement.payment_days: expected 2.0, got 2",
            "step 2: expected error no_care_relationship, got not_permitted {\"action\":\"view\",\"actor\":\"relative\"}",
        ])
    }
}
