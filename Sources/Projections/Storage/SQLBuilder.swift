/// Renders read-model statements for PostgreSQL (`$1` placeholders) or SQLite (`?`).
///
/// Table and column names come from ``ReadModelTable`` declarations in this module, never from callers' input;
/// every value is a bound parameter.
struct SQLBuilder {
    enum Dialect: Sendable { case postgres, sqlite }

    let dialect: Dialect
    private(set) var binds: [SQLValue] = []

    init(_ dialect: Dialect) { self.dialect = dialect }

    mutating func bind(_ value: SQLValue) -> String {
        binds.append(value)
        switch dialect {
        case .sqlite: return "?"
        case .postgres: return "$\(binds.count)"
        }
    }

    func selectList(_ table: ReadModelTable) -> String {
        (["key"] + table.columns.map(\.name)).joined(separator: ", ")
    }

    mutating func select(_ table: ReadModelTable, generation: Int, _ query: ReadModelQuery) -> String {
        var sql = "SELECT \(selectList(table)) FROM \(table.name) WHERE generation = \(bind(.integer(Int64(generation))))"
        for condition in query.conditions { sql += " AND " + render(condition) }
        if !query.ordering.isEmpty {
            sql += " ORDER BY " + query.ordering.map { "\($0.column) \($0.descending ? "DESC" : "ASC")" }.joined(separator: ", ")
        }
        if let limit = query.limit { sql += " LIMIT \(bind(.integer(Int64(limit))))" }
        if query.offset > 0 {
            if query.limit == nil { sql += dialect == .sqlite ? " LIMIT -1" : "" }
            sql += " OFFSET \(bind(.integer(Int64(query.offset))))"
        }
        return sql
    }

    mutating func count(_ table: ReadModelTable, generation: Int, _ conditions: [Condition]) -> String {
        var sql = "SELECT count(*) FROM \(table.name) WHERE generation = \(bind(.integer(Int64(generation))))"
        for condition in conditions { sql += " AND " + render(condition) }
        return sql
    }

    mutating func upsert(_ table: ReadModelTable, generation: Int, _ row: ReadModelRow) -> String {
        let columns = table.columns.map(\.name)
        let values = [bind(.integer(Int64(generation))), bind(.text(row.key))]
            + table.columns.map { bind(row[$0.name]) }
        let updates = columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(table.name) (generation, key\(columns.isEmpty ? "" : ", " + columns.joined(separator: ", "))) "
            + "VALUES (\(values.joined(separator: ", "))) ON CONFLICT (generation, key) "
            + (columns.isEmpty ? "DO NOTHING" : "DO UPDATE SET \(updates)")
    }

    mutating func delete(_ table: ReadModelTable, generation: Int, key: String) -> String {
        "DELETE FROM \(table.name) WHERE generation = \(bind(.integer(Int64(generation)))) AND key = \(bind(.text(key)))"
    }

    mutating func deleteGeneration(_ table: ReadModelTable, generation: Int) -> String {
        "DELETE FROM \(table.name) WHERE generation = \(bind(.integer(Int64(generation))))"
    }

    private mutating func render(_ condition: Condition) -> String {
        switch condition {
        case let .equals(column, value): return "\(column) = \(bind(value))"
        case let .notEquals(column, value): return "\(column) <> \(bind(value))"
        case let .isIn(column, values):
            guard !values.isEmpty else { return "1 = 0" }
            return "\(column) IN (\(values.map { bind($0) }.joined(separator: ", ")))"
        case let .isNull(column): return "\(column) IS NULL"
        case let .lessOrEqual(column, value): return "\(column) <= \(bind(value))"
        case let .greaterOrEqual(column, value): return "\(column) >= \(bind(value))"
        case let .contains(column, needle):
            return "\(column) LIKE \(bind(.text("%" + Self.escapeLike(needle) + "%"))) ESCAPE '\\'"
        }
    }

    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
