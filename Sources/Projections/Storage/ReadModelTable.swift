/// A read-model table, declared once in Swift for both databases.
///
/// Every table has the primary key `(generation, key)`: `generation` is the projection's build (a rebuild writes
/// generation n+1 beside n and readers switch when it has caught up), `key` the row's identity. The PostgreSQL
/// DDL lives in the `EventLogPostgres` migrations (`0010_projections.sql`, …) and must match these declarations;
/// the SQLite DDL is generated from them (``sqliteDDL``).
public struct ReadModelTable: Sendable, Hashable {
    public enum ColumnType: String, Sendable, Hashable {
        case text, integer, real
        /// A JSON document, written by the projection: `text` on PostgreSQL, `TEXT` on SQLite, read and written as
        /// text. Neither database parses it (nothing queries inside a document; a document that does not decode is
        /// a ``ProjectionError/corruptRow(table:key:reason:)`` when read).
        case json
    }

    public struct Column: Sendable, Hashable {
        public var name: String
        public var type: ColumnType
        public var indexed: Bool

        public init(_ name: String, _ type: ColumnType, indexed: Bool = false) {
            self.name = name
            self.type = type
            self.indexed = indexed
        }
    }

    public var name: String
    /// The columns other than `generation` and `key`.
    public var columns: [Column]

    public init(_ name: String, _ columns: [Column]) {
        self.name = name
        self.columns = columns
    }

    public func type(of column: String) -> ColumnType? {
        column == "key" ? .text : columns.first { $0.name == column }?.type
    }

    /// `CREATE TABLE IF NOT EXISTS` and its indexes, for SQLite.
    public var sqliteDDL: [String] {
        let definitions = ["generation INTEGER NOT NULL", "key TEXT NOT NULL"]
            + columns.map { "\($0.name) \($0.type == .integer ? "INTEGER" : $0.type == .real ? "REAL" : "TEXT")" }
            + ["PRIMARY KEY (generation, key)"]
        return ["CREATE TABLE IF NOT EXISTS \(name) (\(definitions.joined(separator: ", ")))"]
            + columns.filter(\.indexed).map {
                "CREATE INDEX IF NOT EXISTS \(name)_\($0.name) ON \(name) (generation, \($0.name))"
            }
    }
}

extension ReadModelTable {
    /// `CREATE TABLE IF NOT EXISTS` and its indexes, for PostgreSQL. The hub's tables come from numbered
    /// migrations; this is for tables that are not in them (tests, experiments) and for checking the migrations.
    public var postgresDDL: [String] {
        let definitions = ["generation integer NOT NULL", "key text NOT NULL"]
            + columns.map { "\($0.name) \($0.type == .integer ? "bigint" : $0.type == .real ? "double precision" : "text")" }
            + ["PRIMARY KEY (generation, key)"]
        return ["CREATE TABLE IF NOT EXISTS \(name) (\(definitions.joined(separator: ", ")))"]
            + columns.filter(\.indexed).map {
                "CREATE INDEX IF NOT EXISTS \(name)_\($0.name) ON \(name) (generation, \($0.name))"
            }
    }
}
