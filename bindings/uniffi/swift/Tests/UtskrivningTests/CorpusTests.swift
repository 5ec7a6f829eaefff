// The scenario corpus, tests/scenarios/*.json, driven through the Swift bindings into
// target/conformance/swift; then, from the repository root,
// `cargo run -q -p utskrivning-tools --bin scenarios -- --driven target/conformance/swift tests/scenarios/*.json`
// judges the lines (the matching rules live once, in Rust).

import Foundation
import XCTest

/// The repository root: this file is bindings/uniffi/swift/Tests/UtskrivningTests/.
let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<6 { url.deleteLastPathComponent() }
    return url
}()

final class CorpusTests: XCTestCase {
    func testTheDriverWritesEveryScenario() throws {
        let dir = repositoryRoot.appendingPathComponent("tests/scenarios")
        let out = repositoryRoot.appendingPathComponent("target/conformance/swift")
        try? FileManager.default.removeItem(at: out)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertFalse(files.isEmpty, "no scenario files in \(dir.path)")
        for file in files {
            let steps = try drive(dir.appendingPathComponent(file), into: out)
            let stem = (file as NSString).deletingPathExtension
            let written = try String(contentsOf: out.appendingPathComponent("\(stem).jsonl"), encoding: .utf8)
            XCTAssertEqual(written.split(separator: "\n").count, steps, file)
        }
        try writePolicies(into: out)
        print("driver: \(files.count) written into \(out.path)")
    }
}
