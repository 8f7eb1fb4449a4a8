import Foundation

extension JSONTextReader {
    /// What `read` reads from the whole of `data`, or `nil` when it refuses the text or leaves some of it unread —
    /// the caller then decodes with `JSONDecoder`, which decides and words the error.
    package static func read<T>(_ data: Data, _ read: (inout JSONTextReader) throws(Malformed) -> T) -> T? {
        data.withUnsafeBytes { raw -> T? in
            var reader = JSONTextReader(raw.bindMemory(to: UInt8.self))
            guard let value = try? read(&reader), reader.atEnd else { return nil }
            return value
        }
    }
}
