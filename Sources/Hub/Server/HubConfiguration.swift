import Foundation
import Operations

/// How `cunshi serve` runs the hub.
public struct HubConfiguration: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        /// A random JWT key is generated at start when none is given, and a ready-made admin token printed.
        case development
        /// The hub refuses to start without a JWT key.
        case production
    }

    /// PostgreSQL (migrations are applied before the server accepts requests) or the embedded store's directory.
    public typealias Database = DatabaseLocation

    public var database: Database
    public var host: String
    public var port: Int
    public var mode: Mode
    /// The HS256 key; required in production.
    public var jwtKey: String?
    /// Load the bundled seed on first start (an empty log) of the embedded store.
    public var seed: Bool

    public init(database: Database, host: String = "127.0.0.1", port: Int = 8080, mode: Mode = .development, jwtKey: String? = nil, seed: Bool = true) {
        self.database = database
        self.host = host
        self.port = port
        self.mode = mode
        self.jwtKey = jwtKey
        self.seed = seed
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }
}
