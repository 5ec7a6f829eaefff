// Indicators and the payment basis through the typed API, as in the Kotlin program
// (bindings/uniffi/kotlin/IndicatorPaths.kt), with figures computed by hand. January 2026 in
// Stockholm is UTC+1: 22:30Z is 23:30 that day, 23:30Z 00:30 the next.
//
// | case | municipality | care        | ready (Stockholm) | discharge (Stockholm)  | ready days | payment days   |
// | c-1  | 1480         | somatic     | 01-05 23:30       | 01-05 23:50            | 0          | 0              |
// | c-2  | 1480         | somatic     | 01-06 00:30       | 01-10                  | 4          | 2 (from 01-09) |
// | c-3  | 0180         | psychiatric | 01-12             | 01-21 00:30            | 9          | 7 (from 01-15) |
// | c-4  | 0180         | somatic     | 01-25             | 02-01 00:30 (February) | 7          | 5 (from 01-28) |
// | c-5  | none         | somatic     | 01-02             | 01-03                  | 1          | 0              |

import Foundation
import Utskrivning
import XCTest

private let jan = "2026-01-01"
private let feb = "2026-02-01"
private let mar = "2026-03-01"
private let law = PaymentModel.individual(dailyAmountSek: 1000)

private func discharged(_ id: String, _ municipality: String?, _ careType: CareType, ready: String,
                        discharge: String) throws -> Case {
    let theCase = try Case.admit(at: "2026-01-02T08:00:00Z", caseId: id, routine: .professionalCheckIn,
                                 municipalCareAtAdmission: false, municipality: municipality, careType: careType)
    _ = try theCase.apply(eventJson: #"{"at":"2026-01-02T08:05:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact"]}"#)
    _ = try theCase.apply(eventJson: #"{"at":"\#(ready)","actor":"inpatient","type":"mark_ready_for_discharge"}"#)
    _ = try theCase.apply(eventJson: #"{"at":"\#(discharge)","actor":"inpatient","type":"discharge"}"#)
    return theCase
}

private func ward() throws -> [Case] {
    [
        try discharged("c-1", "1480", .somatic, ready: "2026-01-05T22:30:00Z", discharge: "2026-01-05T22:50:00Z"),
        try discharged("c-2", "1480", .somatic, ready: "2026-01-05T23:30:00Z", discharge: "2026-01-10T10:00:00Z"),
        try discharged("c-3", "0180", .psychiatric, ready: "2026-01-12T10:00:00Z", discharge: "2026-01-20T23:30:00Z"),
        try discharged("c-4", "0180", .somatic, ready: "2026-01-25T10:00:00Z", discharge: "2026-01-31T23:30:00Z"),
        try discharged("c-5", nil, .somatic, ready: "2026-01-02T10:00:00Z", discharge: "2026-01-03T10:00:00Z"),
    ]
}

/// Figures as the spec names them: shares and means over no cases are nil.
private func figures(_ discharges: UInt64, _ sameDay: UInt64, _ withDays: UInt64, _ total: UInt64,
                     _ days: UInt64) -> Figures {
    Figures(discharges: discharges, sameDay: sameDay,
            sameDayShare: discharges == 0 ? nil : Double(sameDay) / Double(discharges),
            episodesWithDays: withDays, readyDaysTotal: total,
            meanReadyDays: withDays == 0 ? nil : Double(total) / Double(withDays),
            bedsPerDay: Double(total) / Double(days))
}

private func row(_ municipality: String?, _ discharges: UInt64, _ days: Double, _ amount: Double,
                 average: (UInt64, Double, Double)? = nil) -> PaymentRow {
    PaymentRow(municipality: municipality, discharges: discharges, payableDays: days, amountSek: amount,
               individualCases: average?.0, individualDays: average?.1, excessDays: average?.2)
}

final class IndicatorTests: XCTestCase {
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

    func testIndicatorsOverTwoMunicipalitiesAndBothCareTypesByStockholmsDays() throws {
        let cases = try ward()
        let before = try cases.map { try $0.snapshot() }
        let january = try indicators(cases: cases, from: jan, to: feb)
        XCTAssertEqual(january.from, jan)
        XCTAssertEqual(january.to, feb)
        XCTAssertEqual(january.days, 31)
        // c-1 0, c-2 4, c-3 9, c-5 1; c-4 is February's.
        XCTAssertEqual(january.overall, figures(4, 1, 3, 14, 31))
        XCTAssertEqual(january.groups, [
            IndicatorGroup(municipality: "0180", careType: .psychiatric, figures: figures(1, 0, 1, 9, 31)),
            IndicatorGroup(municipality: "1480", careType: .somatic, figures: figures(2, 1, 1, 4, 31)),
            IndicatorGroup(municipality: nil, careType: .somatic, figures: figures(1, 0, 1, 1, 31)),
        ])
        // 5 January: c-1 ready at 23:30 and home at 23:50 that day; c-2's notice at 00:30 on the
        // 6th is not that day's.
        XCTAssertEqual(try indicators(cases: Array(cases.prefix(2)), from: "2026-01-05", to: "2026-01-06").overall,
                       figures(1, 1, 0, 0, 1))
        let february = try indicators(cases: cases, from: feb, to: mar)
        XCTAssertEqual(february.overall, figures(1, 0, 1, 7, 28))
        XCTAssertEqual(february.overall.bedsPerDay, 0.25)
        XCTAssertEqual(february.groups.map(\.municipality), ["0180"])
        let empty = try indicators(cases: [], from: jan, to: feb).overall
        XCTAssertNil(empty.sameDayShare)
        XCTAssertNil(empty.meanReadyDays)
        XCTAssertEqual(try cases.map { try $0.snapshot() }, before)
        for theCase in cases {
            XCTAssertEqual(try theCase.accessLog().count, 0)
        }
    }

    func testThePaymentBasisByBothModelsAndAPreset() throws {
        let cases = try ward()
        XCTAssertEqual(try paymentBasis(cases: cases, from: jan, to: feb, model: law),
                       [row("0180", 1, 7, 7000), row("1480", 2, 2, 2000), row(nil, 1, 0, 0)])
        XCTAssertEqual(try paymentBasis(cases: cases, from: feb, to: mar, model: law), [row("0180", 1, 5, 5000)])
        let sevenDays = PaymentModel.average(thresholdDays: 1.5, includeSameDay: false, individualAfterDays: 7,
                                             dailyAmountSek: 500)
        XCTAssertEqual(try paymentBasis(cases: cases, from: jan, to: feb, model: sevenDays), [
            row("0180", 1, 2, 1000, average: (1, 2, 0)),
            row("1480", 2, 2.5, 1250, average: (0, 0, 2.5)),
            row(nil, 1, 0, 0, average: (0, 0, 0)),
        ])
        let dayZero = PaymentModel.average(thresholdDays: 3, includeSameDay: true, individualAfterDays: nil,
                                           dailyAmountSek: 100)
        XCTAssertEqual(try paymentBasis(cases: cases, from: jan, to: feb, model: dayZero).map(\.excessDays), [6, 0, 0])
        let vg = try paymentPreset(name: "vastra_gotaland")
        XCTAssertEqual(vg, .average(thresholdDays: 3, includeSameDay: true, individualAfterDays: 7, dailyAmountSek: 4277))
        XCTAssertEqual(try paymentBasis(cases: cases, from: jan, to: feb, model: vg).first,
                       row("0180", 1, 2, 8554, average: (1, 2, 0)))
        XCTAssertEqual(try paymentPreset(name: "law"), .individual(dailyAmountSek: 9300))
        XCTAssertEqual(paymentPresets(), ["law", "vastra_gotaland", "stockholm", "pre_2018"])
    }

    func testRefusalsNameTheirFieldAndTouchNoCase() throws {
        let cases = try ward()
        let before = try cases.map { try $0.snapshot() }
        let calls: [([Case], String, String) throws -> Void] = [
            { _ = try indicators(cases: $0, from: $1, to: $2) },
            { _ = try paymentBasis(cases: $0, from: $1, to: $2, model: law) },
        ]
        let twin = try discharged("c-1", "0180", .somatic, ready: "2026-01-05T10:00:00Z",
                                  discharge: "2026-01-06T10:00:00Z")
        for call in calls {
            for (from, to, field, problem) in [
                ("2026-1-01", feb, "from", "not_a_date"),
                (jan, "2026-02-30", "to", "not_a_date"),
                ("Anna Andersson 19121212-1212", feb, "from", "not_a_date"),
                (jan, jan, "to", "out_of_range"),
                (feb, jan, "to", "out_of_range"),
            ] {
                let e = expectError("invalid_input") { try call(cases, from, to) }
                XCTAssertEqual(detail(e, "field"), field)
                XCTAssertEqual(detail(e, "problem"), problem)
            }
            for list in [cases + [cases[0]], [cases[0], twin]] {
                let e = expectError("invalid_input") { try call(list, jan, feb) }
                XCTAssertEqual(detail(e, "field"), "cases")
                XCTAssertEqual(detail(e, "problem"), "duplicate")
            }
        }
        let badModels: [(PaymentModel, String)] = [
            (.individual(dailyAmountSek: -1), "daily_amount_sek"),
            (.individual(dailyAmountSek: .nan), "daily_amount_sek"),
            (.average(thresholdDays: .infinity, includeSameDay: true, individualAfterDays: nil, dailyAmountSek: 1),
             "threshold_days"),
            (.average(thresholdDays: 3, includeSameDay: true, individualAfterDays: -7, dailyAmountSek: 1),
             "individual_after_days"),
        ]
        for (model, field) in badModels {
            // The model before the period and the list.
            let e = expectError("invalid_input") { _ = try paymentBasis(cases: cases + [cases[0]], from: feb, to: jan, model: model) }
            XCTAssertEqual(detail(e, "field"), field)
            XCTAssertEqual(detail(e, "problem"), "out_of_range")
        }
        let e = expectError("invalid_input") { _ = try paymentPreset(name: "halland") }
        XCTAssertEqual(detail(e, "field"), "preset")
        XCTAssertEqual(detail(e, "problem"), "unknown_value")
        XCTAssertEqual(try cases.map { try $0.snapshot() }, before)
    }

    func testIndicatorsInOppositeOrdersFromManyThreads() throws {
        let cases = try ward()
        let lock = NSLock()
        var failures = 0
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            let list = i % 2 == 0 ? cases : Array(cases.reversed())
            if (try? indicators(cases: list, from: jan, to: feb))?.overall.discharges != 4 {
                lock.lock()
                failures += 1
                lock.unlock()
            }
        }
        XCTAssertEqual(failures, 0)
    }
}
