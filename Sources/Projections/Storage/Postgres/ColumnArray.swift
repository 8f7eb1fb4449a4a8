import NIOCore
import PostgresNIO

/// One column of a batch of read-model rows, bound as a single PostgreSQL array parameter (`text[]`, `int8[]` or
/// `float8[]`) whose elements may be NULL — PostgresNIO's own arrays cannot hold NULL. JSON documents are text.
struct ColumnArray: PostgresThrowingDynamicTypeEncodable {
    let table: String
    let column: String
    let type: ReadModelTable.ColumnType
    let values: [SQLValue]

    var psqlType: PostgresDataType {
        switch type {
        case .integer: .int8Array
        case .real: .float8Array
        case .text, .json: .textArray
        }
    }

    var psqlFormat: PostgresFormat { .binary }

    private var elementType: PostgresDataType {
        switch type {
        case .integer: .int8
        case .real: .float8
        case .text, .json: .text
        }
    }

    /// The binary array format: dimensions, has-null flag, element type, length and lower bound, then each element
    /// as its length (-1 for NULL) and bytes.
    func encode<JSONEncoder: PostgresJSONEncoder>(
        into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) throws {
        buffer.writeInteger(values.isEmpty ? 0 : 1, as: Int32.self)
        buffer.writeInteger(values.contains(.null) ? 1 : 0, as: Int32.self)
        buffer.writeInteger(elementType.rawValue, as: UInt32.self)
        guard !values.isEmpty else { return }
        buffer.writeInteger(Int32(values.count), as: Int32.self)
        buffer.writeInteger(1, as: Int32.self)
        for value in values {
            switch (type, value) {
            case (_, .null):
                buffer.writeInteger(-1, as: Int32.self)
            case (.integer, .integer(let int)):
                buffer.writeInteger(8, as: Int32.self)
                buffer.writeInteger(int, as: Int64.self)
            case (.integer, .real(let double)):
                buffer.writeInteger(8, as: Int32.self)
                buffer.writeInteger(Int64(double), as: Int64.self)
            case (.real, .real(let double)):
                buffer.writeInteger(8, as: Int32.self)
                buffer.writeInteger(double.bitPattern, as: UInt64.self)
            case (.real, .integer(let int)):
                buffer.writeInteger(8, as: Int32.self)
                buffer.writeInteger(Double(int).bitPattern, as: UInt64.self)
            case (.text, .text(let text)), (.json, .text(let text)):
                let lengthIndex = buffer.writerIndex
                buffer.writeInteger(0, as: Int32.self)
                let written = buffer.writeString(text)
                buffer.setInteger(Int32(written), at: lengthIndex, as: Int32.self)
            case (.text, .integer(let int)), (.json, .integer(let int)):
                let text = String(int)
                buffer.writeInteger(Int32(text.utf8.count), as: Int32.self)
                buffer.writeString(text)
            case (.text, .real(let double)), (.json, .real(let double)):
                let text = String(double)
                buffer.writeInteger(Int32(text.utf8.count), as: Int32.self)
                buffer.writeString(text)
            case (.integer, .text), (.real, .text):
                throw ProjectionError.storage("a projection wrote text into the numeric column \(column) of \(table)")
            }
        }
    }
}
