import Domain
import EventLog
import Foundation
import Hummingbird
import Projections

/// A page of read-model documents, each shown as `Item` (a stored document as it is, or a public view of it).
public struct QueryPage<Item: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The read model's documents.
    public var items: [Item]
    /// How many documents match in all.
    public var total: Int
    public var limit: Int
    public var offset: Int
    /// The `offset` of the next page, `null` on the last.
    public var nextOffset: Int?
    /// The projection read, and the log cursor it had reached.
    public var projection: ProjectionPosition
}

public struct ProjectionPosition: Codable, Sendable, Equatable {
    public var name: String
    public var cursor: String
}

extension HubRoutes {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Waits for `waitFor` (read-after-write) on `projection`; 503 `NOT_CAUGHT_UP` when it is not reached in time.
    static func awaitProjection(_ deps: HubDependencies, _ projection: String, _ parameters: QueryParameters) async throws {
        guard let (cursor, timeout) = try parameters.waitFor else { return }
        do {
            try await deps.readModels.waitUntil(projection, reached: cursor, timeout: timeout)
        } catch let error as ProjectionError {
            throw APIError(
                .serviceUnavailable, "NOT_CAUGHT_UP", field: "waitFor",
                "the \(projection) read model has not reached cursor \(cursor.token) yet (\(error)); retry", headers: [.retryAfter: "1"])
        }
    }

    /// The active generation of `projection` and the cursor it has reached.
    static func position(_ deps: HubDependencies, _ projection: String) async throws -> (generation: Int, position: ProjectionPosition) {
        let storage = deps.readModels.storage
        let generation = try await storage.registration(projection).activeGeneration
        let checkpoint = try await storage.checkpoint(projection, generation: generation)
        return (generation, ProjectionPosition(name: projection, cursor: (checkpoint?.cursor ?? .start).token))
    }

    /// One page of `table`'s documents matching `conditions`, each shown through `view`.
    static func page<Item: Codable & Sendable & Equatable>(
        _ deps: HubDependencies, _ parameters: QueryParameters, projection: String, table: ReadModelTable,
        conditions: [Condition], orderBy: [Ordering] = [.asc("key")], view: (ReadModelRow) throws -> Item = document
    ) async throws -> Response {
        let limit = try parameters.limit
        let offset = try parameters.offset
        try await awaitProjection(deps, projection, parameters)
        let (generation, position) = try await position(deps, projection)
        let storage = deps.readModels.storage
        let rows = try await storage.select(table, generation: generation, ReadModelQuery(conditions, orderBy: orderBy, limit: limit, offset: offset))
        let total = try await storage.count(table, generation: generation, conditions)
        let page = QueryPage(
            items: try rows.map(view), total: total, limit: limit, offset: offset,
            nextOffset: offset + rows.count < total ? offset + rows.count : nil, projection: position)
        return try json(page)
    }

    /// One document of `table` by key, or `nil`.
    static func row(_ deps: HubDependencies, _ parameters: QueryParameters, projection: String, table: ReadModelTable, key: String) async throws -> ReadModelRow? {
        try await awaitProjection(deps, projection, parameters)
        let generation = try await deps.readModels.storage.registration(projection).activeGeneration
        return try await deps.readModels.storage.fetch(table, generation: generation, key: key)
    }

    static func document(_ row: ReadModelRow) throws -> JSONValue {
        guard let text = row["doc"].text else { return .null }
        return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// A catalog item as the public catalog shows it (``Projections/CatalogEntry``), not the whole snapshot.
    static func catalogEntry(_ row: ReadModelRow) throws -> CatalogEntry {
        CatalogEntry(try row.document(ItemSnapshot.self))
    }

    /// A path parameter that must be a valid identifier (400 `INVALID_PARAMETER` otherwise).
    static func identifier(_ context: HubRequestContext, _ name: String) throws(APIError) -> String {
        guard let raw = context.parameters.get(name), (try? Identifier.validated(raw, field: name)) != nil else {
            throw .badRequest("INVALID_PARAMETER", field: name, "\(name) must be 1–100 letters, digits, '_', '.', ':' or '-'")
        }
        return raw
    }
}
