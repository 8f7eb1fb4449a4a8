import Commands
import Domain
import EventLog
import Foundation
import Hummingbird
import NIOCore
import Projections

/// The kiosk's local HTTP API, for its screen and for tour-guide agents in the village hall: it answers from the
/// kiosk's own replica and read models, so it works with no link to the hub.
///
/// | route | answer |
/// |---|---|
/// | `GET /v1/kiosk/status` | ``KioskStatus``: device, county, epoch, pull cursor, pending uploads, conflicts, revoked, diverged events |
/// | `GET /v1/kiosk/villages` | the county's villages |
/// | `GET /v1/kiosk/catalog?village=&page=&size=` | published items of the county, by title |
/// | `GET /v1/kiosk/items/{itemID}` | one published item of the county (404 otherwise) |
/// | `GET /v1/kiosk/search?q=` | published items of the county matching every term (Chinese needs no word breaks) |
/// | `GET /v1/kiosk/tours?village=&language=` | published tours of a village of the county |
/// | `POST /v1/kiosk/contributions` | records a villager's contribution (``Domain/ArchiveItem/Contribute``) in the outbox: 201 ``KioskRecorder/Recorded`` |
/// | `POST /v1/kiosk/curator/{aggregate}/{name}` | records a curator's item or tour command (the body as for the hub's `POST /v1/commands/{aggregate}/{name}`), with `Authorization: Bearer <the curator's token from the hub>`: 201 ``KioskRecorder/Recorded`` |
///
/// Rules: everything is limited to the kiosk's county (the one the hub recorded for the device); only published
/// records are shown (drafts, consent records and visitor notes stay on the hub); a contribution or a curator's
/// command is decided locally with the hub's command handler and synced later — a contribution appears in the review
/// queue, not in the catalog. A curator signs in with the token the hub issued them (``CuratorSignIn``): the kiosk reads
/// it (401 without one, or with one that is not a curator's; 403 for another county's curator) and the hub checks its
/// signature when the entry is pushed. Refusals are `{code, field, message}` with a 4xx status. Apart from curators'
/// commands the API has no authentication: bind it to the kiosk's own address.
public struct KioskRoutes: Sendable {
    public let database: KioskDatabase
    public let readModels: ReadModels
    let recorder: KioskRecorder

    public init(database: KioskDatabase, readModels: ReadModels, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.readModels = readModels
        self.recorder = KioskRecorder(database: database, now: now)
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/v1/kiosk/status") { _, _ in await answer { try await status() } }
        router.get("/v1/kiosk/villages") { _, _ in
            await answer { try await readModels.villages(county: try await county()) }
        }
        router.get("/v1/kiosk/catalog") { request, _ in
            await answer {
                let query = request.uri.queryParameters
                let page = Page(number: try Self.integer(query, "page") ?? 1, size: try Self.integer(query, "size") ?? 50)
                return try await readModels.catalog(county: try await county(), village: query.get("village"), page: page)
            }
        }
        router.get("/v1/kiosk/items/{itemID}") { _, context in
            await answer { () async throws -> CatalogEntry in
                let itemID = context.parameters.get("itemID") ?? ""
                guard let entry = try await readModels.catalogItem(itemID), entry.status == .published,
                      entry.county == (try await county())
                else { throw SyncError(status: 404, code: "NOT_FOUND", field: "itemID", message: "no published item '\(itemID)' in this county") }
                return entry
            }
        }
        router.get("/v1/kiosk/search") { request, _ in
            await answer {
                guard let text = request.uri.queryParameters.get("q"), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw SyncError.badRequest("give the search text as ?q=", field: "q")
                }
                return try await readModels.search(text, county: try await county())
            }
        }
        router.get("/v1/kiosk/tours") { request, _ in
            await answer { () async throws -> [PublishedTourView] in
                let query = request.uri.queryParameters
                guard let village = query.get("village"), !village.isEmpty else {
                    throw SyncError.badRequest("give the village as ?village=", field: "village")
                }
                let county = try await county()
                guard try await readModels.villages(county: county).contains(where: { $0.villageID == village }) else {
                    throw SyncError(status: 404, code: "NOT_FOUND", field: "village", message: "no village '\(village)' in this county")
                }
                let language: LanguageTag
                do {
                    language = try LanguageTag.parse(query.get("language") ?? LanguageTag.zhHans.rawValue, field: "language")
                } catch let error as DomainError {
                    throw SyncError.badRequest(error.message, field: "language")
                }
                return try await readModels.publishedTours(village: village, language: language)
            }
        }
        router.post("/v1/kiosk/contributions") { request, _ in
            var request = request
            let body = try? await request.collectBody(upTo: 256 * 1024)
            return await answer(status: .created) { () async throws -> KioskRecorder.Recorded in
                guard let body else { throw SyncError(status: 413, code: "PAYLOAD_TOO_LARGE", message: "a contribution is limited to 256 KiB") }
                let contribution: ArchiveItem.Contribute
                do {
                    contribution = try JSONDecoder().decode(ArchiveItem.Contribute.self, from: Data(body.readableBytesView))
                } catch let error as DecodingError {
                    throw Self.refusal(error)
                } catch {
                    throw SyncError.badRequest("the body is not a contribution: \(error)", code: "INVALID_JSON")
                }
                return try await record(.item(.contribute(contribution)))
            }
        }
        router.post("/v1/kiosk/curator/{aggregate}/{name}") { request, context in
            var request = request
            let body = try? await request.collectBody(upTo: 256 * 1024)
            return await answer(status: .created) { () async throws -> KioskRecorder.Recorded in
                let curator = try Self.signIn(request.headers[.authorization])
                guard let body else { throw SyncError(status: 413, code: "PAYLOAD_TOO_LARGE", message: "a command is limited to 256 KiB") }
                let command = try WireCommand(
                    aggregate: context.parameters.get("aggregate") ?? "", name: context.parameters.get("name") ?? "",
                    body: String(decoding: body.readableBytesView, as: UTF8.self)
                ).decoded()
                return try await record(command, curator: curator)
            }
        }
    }

    /// Records `command` in the outbox; a refusal of the command is 422, a curator of another county 403.
    private func record(_ command: DomainCommand, curator: CuratorSignIn? = nil) async throws -> KioskRecorder.Recorded {
        do {
            return try await recorder.record(command, curator: curator)
        } catch let error as CommandError {
            throw SyncError(status: 422, code: error.code, field: error.field, message: error.description)
        } catch var error as SyncError where error.code == ErrorCode.countyForbidden {
            error.status = 403
            throw error
        }
    }

    /// The curator an `Authorization: Bearer <token>` header signs in (401 without one, or for a token that is not a
    /// curator's).
    static func signIn(_ header: String?) throws(SyncError) -> CuratorSignIn {
        guard let header, header.lowercased().hasPrefix("bearer ") else {
            throw SyncError(
                status: 401, code: "UNAUTHENTICATED", field: "Authorization",
                message: "a curator signs in with 'Authorization: Bearer <the curator token from the hub>'")
        }
        do {
            return try CuratorSignIn(token: String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces))
        } catch {
            var refusal = error
            refusal.status = 401
            throw refusal
        }
    }

    /// What the kiosk's status screen shows.
    public func status() async throws -> KioskStatus {
        let state = try await database.state()
        let counts = try await database.outboxCounts()
        return KioskStatus(
            deviceID: state.deviceID, county: state.county, hubEpoch: state.hubEpoch, pullCursor: state.pullCursor.token,
            pendingUploads: counts.pending, conflicts: counts.conflicts, lastPullAt: state.lastPullAt,
            lastPushAt: state.lastPushAt, revoked: state.revokedMessage, divergedEvents: state.divergedEvents)
    }

    private func county() async throws -> String {
        guard let county = try await database.state().county else {
            throw SyncError(status: 409, code: "NOT_SYNCED", message: "the kiosk has not synced with its hub yet: run `cunshi kiosk sync`")
        }
        return county
    }

    /// A decoding failure as `{code, field, message}`: the field is the JSON path of the offending member.
    static func refusal(_ error: DecodingError) -> SyncError {
        func path(_ keys: [any CodingKey]) -> String? {
            let path = keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? nil : path
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .badRequest("'\(key.stringValue)' is required", field: path(context.codingPath + [key]), code: "MISSING_FIELD")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return .badRequest(context.debugDescription, field: path(context.codingPath), code: "WRONG_TYPE")
        case .dataCorrupted(let context):
            return .badRequest("the body is not valid JSON for a contribution: \(context.debugDescription)", field: path(context.codingPath), code: "INVALID_JSON")
        @unknown default:
            return .badRequest("the body is not a contribution", code: "INVALID_JSON")
        }
    }

    static func integer(_ query: Parameters, _ name: String) throws(SyncError) -> Int? {
        guard let text = query.get(name) else { return nil }
        guard let value = Int(text), value > 0 else { throw .badRequest("\(name) must be a positive integer", field: name) }
        return value
    }

    private func answer<T: Encodable>(status: HTTPResponse.Status = .ok, _ body: () async throws -> T) async -> Response {
        do {
            return try Self.json(try await body(), status: status)
        } catch let error as SyncError {
            return Self.failure(error)
        } catch {
            return Self.failure(.unavailable("the kiosk could not answer: \(error)"))
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func failure(_ error: SyncError) -> Response {
        SyncRoutes.response(code: error.status, data: (try? SyncJSON.encoder.encode(error)) ?? Data(), gzip: false)
    }
}

/// The kiosk's state for its status screen.
public struct KioskStatus: Codable, Sendable, Hashable {
    public var deviceID: String
    public var county: String?
    public var hubEpoch: String?
    public var pullCursor: String
    /// Outbox entries the hub has not confirmed yet.
    public var pendingUploads: Int
    /// Entries the hub could not apply (kept in its review queue).
    public var conflicts: Int
    public var lastPullAt: String?
    public var lastPushAt: String?
    /// Why the hub refused the device for good, when it did.
    public var revoked: String?
    /// Events shown here that the hub no longer holds (it was restored from an older backup): the kiosk must be
    /// rebuilt (`cunshi kiosk init --rebuild`).
    public var divergedEvents: Int?
}
