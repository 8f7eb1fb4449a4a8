import PostgresNIO

/// A commit's read-model changes as few statements as possible: per table, one multi-row upsert whose rows arrive
/// as one array parameter per column (`INSERT … SELECT … FROM unnest(…) ON CONFLICT … DO UPDATE`), and one delete
/// of keys (`key = ANY(…)`). A batch of thousands of events then costs a handful of round trips, not one per row.
///
/// A batch holds at most one change per (table, key) (``ReadModelChanges`` keeps the last), so no statement touches
/// a row twice, and upserts and deletes of one table commute.
enum BatchStatements {
    static func queries(_ changes: [ReadModelChange], generation: Int) throws -> [PostgresQuery] {
        // Tables are told apart by name: hashing a whole declaration, every column, for each change cost more than
        // the grouping itself.
        var order: [ReadModelTable] = []
        var upserts: [String: [ReadModelRow]] = [:]
        var deletes: [String: [String]] = [:]
        for change in changes {
            switch change {
            case let .upsert(table, row):
                if upserts[table.name] == nil, deletes[table.name] == nil { order.append(table) }
                upserts[table.name, default: []].append(row)
            case let .delete(table, key):
                if upserts[table.name] == nil, deletes[table.name] == nil { order.append(table) }
                deletes[table.name, default: []].append(key)
            }
        }
        var queries: [PostgresQuery] = []
        for table in order {
            if let rows = upserts[table.name] { queries.append(try upsert(table, rows, generation: generation)) }
            if let keys = deletes[table.name] { queries.append(try delete(table, keys, generation: generation)) }
        }
        return queries
    }

    static func upsert(_ table: ReadModelTable, _ rows: [ReadModelRow], generation: Int) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: table.columns.count + 2)
        bindings.append(Int32(generation))
        bindings.append(rows.map(\.key))
        var arrays = ["$2::text[]"]
        var selected = ["$1", "u.key"]
        for (index, column) in table.columns.enumerated() {
            let values = rows.map { $0.value(of: column.name, at: index) }
            try bindings.append(ColumnArray(table: table.name, column: column.name, type: column.type, values: values))
            let placeholder = "$\(index + 3)"
            switch column.type {
            case .integer: arrays.append("\(placeholder)::int8[]")
            case .real: arrays.append("\(placeholder)::float8[]")
            case .text, .json: arrays.append("\(placeholder)::text[]")
            }
            selected.append("u.\(column.name)")
        }
        let names = table.columns.map(\.name)
        let conflict = names.isEmpty
            ? "DO NOTHING" : "DO UPDATE SET " + names.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let sql = "INSERT INTO \(table.name) (generation, key\(names.map { ", " + $0 }.joined())) "
            + "SELECT \(selected.joined(separator: ", ")) FROM unnest(\(arrays.joined(separator: ", "))) "
            + "AS u(key\(names.map { ", " + $0 }.joined())) ON CONFLICT (generation, key) \(conflict)"
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    static func delete(_ table: ReadModelTable, _ keys: [String], generation: Int) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: 2)
        bindings.append(Int32(generation))
        bindings.append(keys)
        return PostgresQuery(unsafeSQL: "DELETE FROM \(table.name) WHERE generation = $1 AND key = ANY($2::text[])", binds: bindings)
    }
}
