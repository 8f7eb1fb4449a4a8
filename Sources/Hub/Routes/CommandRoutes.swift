import Commands
import Domain
import Foundation
import Hummingbird

/// The answer to a command: where its events landed.
public struct CommandResponse: Codable, Sendable, Equatable {
    /// The log positions of every appended event, in order.
    public var positions: [Int64]
    /// The log cursor after the last event: pass it as `waitFor` to a query to read your own write.
    public var cursor: String
    /// The streams written, target stream first.
    public var streamIDs: [String]
    public var eventTypes: [String]
    /// Whether the command had already been applied (same `Idempotency-Key`): nothing new was appended.
    public var duplicate: Bool
    /// Device registration and rotation only: the credential, shown this once (`null` on a duplicate).
    public var credential: String?
}

extension HubRoutes {
    static func commandRoutes(_ deps: HubDependencies) -> [HubRoute] {
        CommandCatalog.all.map { endpoint in
            HubRoute(.post, endpoint.path, endpoint.operationID, .roles(endpoint.roles), .commands) { request, context in
                try await handleCommand(endpoint, request: request, context: context, deps: deps)
            }
        }
    }

    static func handleCommand(
        _ endpoint: CommandEndpoint, request: Request, context: HubRequestContext, deps: HubDependencies
    ) async throws -> Response {
        guard let principal = context.principal else { throw APIError.unauthenticated("commands need a principal") }
        let commandID = try idempotencyKey(request)
        let expectedVersion = try ifMatch(request)
        let body = try await collectBody(request)
        let prepared = try endpoint.decode(body)
        let commandRequest = CommandRequest(
            command: prepared.command,
            context: CommandContext(actor: principal.actor, now: deps.now()),
            commandID: commandID,
            correlationID: commandID,
            deviceID: principal.role == .kiosk ? principal.id : nil,
            expectedVersion: expectedVersion)
        let outcome: CommandOutcome
        do {
            outcome = try await deps.commands.handle(commandRequest)
        } catch {
            let apiError = APIError(error)
            deps.metrics.recordCommand(
                endpoint.operationID, outcome: apiError.status == .conflict ? "conflict" : apiError.status.code >= 500 ? "failed" : "rejected")
            if apiError.status.code >= 500 {
                context.logger.error("command failed", metadata: ["command": "\(endpoint.operationID)", "error": "\(error)"])
            }
            throw apiError
        }
        let duplicate = outcome.wasDuplicate
        deps.metrics.recordCommand(
            endpoint.operationID, outcome: duplicate ? "duplicate" : "appended", events: duplicate ? 0 : outcome.positions.count,
            retries: outcome.retries)
        let response = CommandResponse(
            positions: outcome.positions, cursor: outcome.lastCursor.token, streamIDs: outcome.streamIDs.map(\.rawValue),
            eventTypes: outcome.eventTypes, duplicate: duplicate, credential: duplicate ? nil : prepared.credential)
        return try HubRoutes.json(response, status: duplicate ? .ok : .created)
    }

    /// `Idempotency-Key: <UUID>` → the command id (retrying the same request appends nothing new).
    static func idempotencyKey(_ request: Request) throws(APIError) -> UUID? {
        guard let text = request.headers.first(where: { $0.name.canonicalName == "idempotency-key" })?.value else { return nil }
        guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
            throw .badRequest("INVALID_HEADER", field: "Idempotency-Key", "Idempotency-Key must be a UUID, e.g. \(UUID().uuidString.lowercased())")
        }
        return id
    }

    /// `If-Match: <version>` (optionally quoted) → the expected version of the command's target stream.
    static func ifMatch(_ request: Request) throws(APIError) -> Int64? {
        guard let text = request.headers[.ifMatch] else { return nil }
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "\" ").union(.whitespaces))
        guard let version = Int64(trimmed), version >= 0 else {
            throw .badRequest("INVALID_HEADER", field: "If-Match", "If-Match must be the stream version you last saw (an integer ≥ 0)")
        }
        return version
    }

    /// The whole body, refused with 413 past ``HubRequestContext/maxBodySize``.
    static func collectBody(_ request: Request) async throws(APIError) -> Data {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > HubRequestContext.maxBodySize {
            throw APIError.payloadTooLarge
        }
        do {
            let buffer = try await request.body.collect(upTo: HubRequestContext.maxBodySize)
            return Data(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError.payloadTooLarge
        } catch {
            throw .badRequest("BODY_UNREADABLE", "the request body could not be read: \(error)")
        }
    }
}
