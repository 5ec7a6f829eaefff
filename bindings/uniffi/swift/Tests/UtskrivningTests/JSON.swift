// JSON as the Rust reference runner sees it (serde_json): a strict parser that keeps each
// number's text, so 1 and 1.0 stay different; equality where objects compare by key and lists
// element-wise; and the runner's subset match.

import Foundation

indirect enum JSON {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    /// The member `key` of an object; nil for anything else (serde's `Value::get`).
    subscript(key: String) -> JSON? {
        if case .object(let map) = self { return map[key] }
        return nil
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// serde's `as_str().unwrap_or_default()`.
    var stringOrEmpty: String { stringValue ?? "" }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    static func parse(_ text: String) throws -> JSON {
        var parser = JSONParser(bytes: Array(text.utf8))
        return try parser.document()
    }

    /// Compact JSON text.
    var text: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return JSON.quote(s)
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let map):
            let members = map.sorted { $0.key < $1.key }.map { JSON.quote($0.key) + ":" + $0.value.text }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

struct JSONError: Error, CustomStringConvertible {
    let offset: Int
    var description: String { "invalid JSON at byte \(offset)" }
}

struct JSONParser {
    let bytes: [UInt8]
    var i = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws -> JSON {
        skipSpace()
        let value = try self.value()
        skipSpace()
        guard i == bytes.count else { throw JSONError(offset: i) }
        return value
    }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func skipSpace() {
        while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 }
    }

    private mutating func expect(_ c: Character) throws {
        guard let b = peek, b == c.asciiValue else { throw JSONError(offset: i) }
        i += 1
    }

    private mutating func value() throws -> JSON {
        guard let b = peek else { throw JSONError(offset: i) }
        switch b {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func literal(_ word: String) throws {
        for c in word.utf8 {
            guard peek == c else { throw JSONError(offset: i) }
            i += 1
        }
    }

    private mutating func object() throws -> JSON {
        try expect("{")
        var map: [String: JSON] = [:]
        skipSpace()
        if peek == UInt8(ascii: "}") { i += 1; return .object(map) }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\"") else { throw JSONError(offset: i) }
            let key = try string()
            skipSpace()
            try expect(":")
            skipSpace()
            map[key] = try value()  // a repeated key: the last wins, as in serde_json
            skipSpace()
            if peek == UInt8(ascii: ",") { i += 1; continue }
            try expect("}")
            return .object(map)
        }
    }

    private mutating func array() throws -> JSON {
        try expect("[")
        var items: [JSON] = []
        skipSpace()
        if peek == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            if peek == UInt8(ascii: ",") { i += 1; continue }
            try expect("]")
            return .array(items)
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count, let n = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else {
            throw JSONError(offset: i)
        }
        i += 4
        return n
    }

    private mutating func string() throws -> String {
        try expect("\"")
        var out: [UInt8] = []
        while true {
            guard let b = peek else { throw JSONError(offset: i) }
            i += 1
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let e = peek else { throw JSONError(offset: i) }
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        // A high surrogate must be followed by its low half.
                        try expect("\\")
                        try expect("u")
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw JSONError(offset: i) }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw JSONError(offset: i) }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw JSONError(offset: i)
                }
            case 0x00..<0x20:
                throw JSONError(offset: i)
            default:
                out.append(b)
            }
        }
    }

    private mutating func digits() throws {
        let start = i
        while let b = peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") { i += 1 }
        guard i > start else { throw JSONError(offset: i) }
    }

    private mutating func number() throws -> String {
        let start = i
        if peek == UInt8(ascii: "-") { i += 1 }
        if peek == UInt8(ascii: "0") { i += 1 } else { try digits() }
        if peek == UInt8(ascii: ".") { i += 1; try digits() }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            try digits()
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }
}

/// A serde_json number: an integer (u64 or i64) or a float, never equal to each other.
private enum Num: Equatable {
    case positive(UInt64)
    case negative(Int64)
    case float(Double)

    init(_ text: String) {
        let isFloat = text.contains(".") || text.contains("e") || text.contains("E")
        if !isFloat, !text.hasPrefix("-"), let n = UInt64(text) {
            self = .positive(n)
        } else if !isFloat, text.hasPrefix("-"), let n = Int64(text), n != 0 {
            self = .negative(n)
        } else {
            // serde_json reads -0 and integers outside u64/i64 as floats.
            self = .float(Double(text) ?? .nan)
        }
    }
}

/// serde_json's `Value` equality.
func jsonEquals(_ a: JSON, _ b: JSON) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case let (.bool(x), .bool(y)): return x == y
    case let (.string(x), .string(y)): return x == y
    case let (.number(x), .number(y)): return Num(x) == Num(y)
    case let (.array(x), .array(y)): return x.count == y.count && zip(x, y).allSatisfy { jsonEquals($0, $1) }
    case let (.object(x), .object(y)):
        return Set(x.keys) == Set(y.keys) && x.allSatisfy { pair in y[pair.key].map { jsonEquals(pair.value, $0) } ?? false }
    default: return false
    }
}

/// nil if `want` is a subset of `got` (objects by key, lists element-wise and of equal length,
/// anything else equal); else where they differ. The Rust runner's `subset_mismatch`.
func subsetMismatch(_ want: JSON, _ got: JSON, _ path: String) -> String? {
    switch (want, got) {
    case let (.object(w), .object(g)):
        for (key, wv) in w.sorted(by: { $0.key < $1.key }) {
            guard let gv = g[key] else { return "\(path).\(key): missing" }
            if let m = subsetMismatch(wv, gv, "\(path).\(key)") { return m }
        }
        return nil
    case let (.array(w), .array(g)) where w.count == g.count:
        for (index, pair) in zip(w, g).enumerated() {
            if let m = subsetMismatch(pair.0, pair.1, "\(path)[\(index)]") { return m }
        }
        return nil
    default:
        return jsonEquals(want, got) ? nil : "\(path): expected \(want.text), got \(got.text)"
    }
}
