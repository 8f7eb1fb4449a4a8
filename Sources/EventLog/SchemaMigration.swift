import Foundation

/// One numbered SQL migration file (`NNNN_name.sql`), as both stores' migrators apply them.
public struct SchemaMigration: Sendable, Hashable {
    public let number: Int
    public let name: String
    public let sql: String

    public init(number: Int, name: String, sql: String) {
        self.number = number
        self.name = name
        self.sql = sql
    }

    /// FNV-1a 64 of the file's bytes, in hex: recorded when applied, so an edited migration is noticed.
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// Every `.sql` file of `directory`, in number order.
    public static func load(from directory: URL?) throws -> [SchemaMigration] {
        guard let directory else { throw SchemaMigrationError.missingResources }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }
        return try files.map { file in
            guard let number = Int(file.prefix { $0.isNumber }), file.contains("_") else {
                throw SchemaMigrationError.unreadableName(file)
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            return SchemaMigration(number: number, name: String(file.dropLast(4)), sql: sql)
        }.sorted { $0.number < $1.number }
    }
}

public enum SchemaMigrationError: Error, CustomStringConvertible {
    case checksumMismatch(number: Int, name: String)
    case unreadableName(String)
    case missingResources

    public var description: String {
        switch self {
        case let .checksumMismatch(number, name):
            "migration \(number) (\(name)) was applied with other contents; never edit an applied migration"
        case let .unreadableName(name):
            "migration file '\(name)' is not named NNNN_name.sql"
        case .missingResources:
            "the bundled migrations were not found"
        }
    }
}
