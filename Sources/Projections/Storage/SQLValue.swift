import EventLog
import Foundation
import JSONText

/// A value in a read-model row, portable between PostgreSQL and SQLite.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public var text: String? { if case .text(let value) = self { value } else { nil } }
    public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
    public var real: Double? {
        switch self {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }
    public var isNull: Bool { self == .null }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension Optional where Wrapped == String {
    var sqlValue: SQLValue { map(SQLValue.text) ?? .null }
}

extension Optional where Wrapped == Int64 {
    var sqlValue: SQLValue { map(SQLValue.integer) ?? .null }
}

/// One row of a read-model table: its key and its other columns by name (the `generation` column is implicit).
///
/// A row a projection built from a value can carry that value as its document (``withDocument(_:column:)``): reading
/// it back in a later event of the same runner skips the JSON decoding, and the JSON is encoded once, at commit.
/// Equality and hashing look at the key and the values only.
public struct ReadModelRow: Sendable, Hashable {
    public var key: String
    public var values: ReadModelColumns {
        didSet { memo = nil }
    }
    private var memo: DocumentMemo?

    public init(key: String, _ values: ReadModelColumns = [:]) {
        self.key = key
        self.values = values
    }

    public subscript(column: String) -> SQLValue {
        get { values[column] ?? .null }
        set { values[column] = newValue }
    }

    /// The value of the table's column `column`, its `index`-th (see ``ReadModelColumns/value(_:at:)``).
    func value(of column: String, at index: Int) -> SQLValue {
        values.value(column, at: index) ?? .null
    }

    /// Decodes the JSON document in `column` (the tables keep their full record in a `doc` column).
    public func document<T: Decodable>(_ type: T.Type, column: String = "doc") throws -> T {
        if let memo, memo.column == column, let value = memo.value as? T { return value }
        guard let text = self[column].text else {
            throw ProjectionError.corruptRow(table: "?", key: key, reason: "column \(column) holds no JSON document")
        }
        return try ReadModelJSON.decode(type, from: Data(text.utf8))
    }

    /// This row with `value` as its document in `column`. The JSON is written when the batch commits
    /// (``materialized()``), so a row that several events of one batch change is encoded once; until then reads of
    /// the document (``document(_:column:)``) get `value` itself.
    func withDocument<T: Encodable & Sendable>(
        _ value: T, column: String = "doc", encode: (@Sendable () throws -> String)? = nil
    ) -> ReadModelRow {
        var copy = self
        copy.values.removeValue(forKey: column)
        copy.memo = DocumentMemo(column: column, value: value, encode: encode ?? { try ReadModelJSON.encode(value) })
        return copy
    }

    /// The row with its document's JSON in place (encoded now if it was still pending).
    func materialized() throws -> ReadModelRow {
        guard let memo, let encode = memo.encode else { return self }
        var copy = self
        copy.values[memo.column] = .text(try encode())
        copy.memo = DocumentMemo(column: memo.column, value: memo.value, encode: nil)
        return copy
    }

    public static func == (lhs: ReadModelRow, rhs: ReadModelRow) -> Bool { lhs.key == rhs.key && lhs.values == rhs.values }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(values)
    }
}

/// A decoded document riding along with its row.
private final class DocumentMemo: Sendable {
    let column: String
    let value: any Sendable
    /// Set while the row does not hold the JSON yet.
    let encode: (@Sendable () throws -> String)?

    init(column: String, value: any Sendable, encode: (@Sendable () throws -> String)?) {
        self.column = column
        self.value = value
        self.encode = encode
    }
}

/// The JSON coding of read-model documents: sorted keys, ISO 8601 dates with milliseconds (``JSONText/UTCTimestamp``).
/// One encoder and one decoder serve every call (both are safe to share between threads).
public enum ReadModelJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decoder.decode(type, from: data)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(UTCTimestamp.format(date))
        }
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = UTCTimestamp.parseISO8601(text) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 8601 date")
        }
        return decoder
    }()

    /// `date` as a document stores it and reads it back: on its whole millisecond (``JSONText/UTCTimestamp``, whose
    /// text and parse are exact inverses — Foundation's formatter truncates, and its parse lands just below the
    /// millisecond, so a date decoded and encoded again lost a millisecond about every other time). A document a
    /// projection keeps in memory (``ReadModelRow/withDocument(_:column:encode:)``) holds its dates this way, so that
    /// it says what the stored JSON says.
    static func stored(_ date: Date) -> Date {
        UTCTimestamp.parse(UTCTimestamp.format(date)) ?? date
    }
}
