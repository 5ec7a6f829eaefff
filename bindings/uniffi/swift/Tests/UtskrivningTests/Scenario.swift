// The scenario runner, step for step the Rust reference (core/src/scenario.rs): one case per
// scenario; a step applies its event (with the step's `at` and `actor` merged in) or views as
// its actor, and its outcome is compared with `expect`.

import Utskrivning

struct Report {
    let name: String
    let failures: [String]
    var passed: Bool { failures.isEmpty }
}

/// Runs a scenario given as JSON text.
func runScenario(_ text: String) -> Report {
    let scenario: JSON
    do {
        scenario = try JSON.parse(text)
    } catch {
        return Report(name: "?", failures: ["not JSON: \(error)"])
    }
    return runScenario(scenario)
}

func runScenario(_ scenario: JSON) -> Report {
    let name = scenario["name"]?.stringValue ?? "?"
    guard case .array(let steps)? = scenario["steps"] else {
        return Report(name: name, failures: ["no `steps` list"])
    }
    let theCase: Case
    do {
        theCase = try Case()
    } catch {
        return Report(name: name, failures: ["no case: \(error)"])
    }
    var failures: [String] = []
    for (index, step) in steps.enumerated() {
        if let why = runStep(theCase, step) {
            failures.append("step \(index + 1): \(why)")
        }
    }
    return Report(name: name, failures: failures)
}

/// A step's outcome: the value (state or view) or the error.
private enum Outcome {
    case ok(JSON)
    case err(UtskrivningError)
}

/// Why a step is not a step (the Rust runner's outer `Err`).
private struct Malformed: Error {
    let message: String
}

private func perform(_ theCase: Case, _ step: JSON) throws -> Outcome {
    let at = step["at"] ?? .null
    let actor = step["actor"] ?? .null
    if case .bool(true)? = step["view"] {
        do {
            let role = try roleFromStr(name: actor.stringOrEmpty)
            return .ok(try JSON.parse(try theCase.view(role: role, at: at.stringOrEmpty)))
        } catch let error as UtskrivningError {
            return .err(error)
        }
    }
    guard case .object(let fields)? = step["event"] else {
        throw Malformed(message: "a step needs `event` (an object) or `\"view\": true`")
    }
    var event: [String: JSON] = ["at": at, "actor": actor]
    for (key, value) in fields {
        event[key] = value
    }
    do {
        _ = try theCase.apply(eventJson: JSON.object(event).text)
        return .ok(try JSON.parse(try theCase.state()))
    } catch let error as UtskrivningError {
        return .err(error)
    }
}

/// nil if the step went as expected; else why not.
private func runStep(_ theCase: Case, _ step: JSON) -> String? {
    guard let expect = step["expect"] else { return "no `expect`" }
    let stateBefore = try? theCase.state()
    let journalBefore = try? theCase.journal()
    let outcome: Outcome
    do {
        outcome = try perform(theCase, step)
    } catch let malformed as Malformed {
        return malformed.message
    } catch {
        return "\(error)"
    }
    switch (expect["error"]?.stringValue, outcome) {
    case (.some(let code), .err(let error)) where error.parts.code == code:
        // A rejection leaves the case as it was, except the access log of a refused view.
        let unchanged = (try? theCase.state()) == stateBefore && (try? theCase.journal()) == journalBefore
        return unchanged ? nil : "a rejected event changed the case"
    case (.some(let code), .err(let error)):
        return "expected error \(code), got \(error.parts.code) \(error.parts.details)"
    case (.some(let code), .ok):
        return "expected error \(code), but it was accepted"
    case (.none, .err(let error)):
        return "expected ok, got \(error.parts.code) \(error.parts.details)"
    case (.none, .ok(let value)):
        guard let want = expect["state"] else { return nil }
        guard let stateText = try? theCase.state(), let got = try? JSON.parse(stateText) else { return "no state" }
        if let mismatch = subsetMismatch(want, got, "state") { return mismatch }
        return value.isNull ? "no state" : nil
    }
}
