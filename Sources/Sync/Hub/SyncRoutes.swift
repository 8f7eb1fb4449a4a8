import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The sync endpoints over HTTP, for any Hummingbird router:
///
/// | route | body | answer |
/// |---|---|---|
/// | `GET /v1/sync/hello` | — | ``HelloResponse`` |
/// | `POST /v1/sync/push` | ``PushRequest`` | ``PushResponse`` |
/// | `POST /v1/sync/pull` | ``PullRequest`` | ``PullResponse`` |
///
/// Every request carries `Authorization: Device <deviceID>.<secret>` and the ``SyncVersions/Header`` version headers.
/// Bodies are JSON, gzip-compressed when `Content-Encoding: gzip` (requests) or `Accept-Encoding: gzip` (answers).
/// Errors are `{code, field, message}` with their status; a revoked device gets 403 `DEVICE_REVOKED` (its pushed
/// entries are quarantined first), an unknown credential 401.
///
/// The routes authenticate the device themselves (they need the revoked-but-known case, which a generic
/// authentication middleware refuses earlier): the hub lists them in its route table ahead of its middleware.
public struct SyncRoutes: Sendable {
    public let service: HubSyncService
    public let authenticator: DeviceAuthenticator
    /// The largest request body read (compressed).
    public var maxBodyBytes = 16 * 1024 * 1024

    public init(service: HubSyncService, authenticator: DeviceAuthenticator) {
        self.service = service
        self.authenticator = authenticator
    }

    /// Registers the three routes on `router`. On a router with an authentication middleware, register them before
    /// it: these routes authenticate the device themselves.
    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/v1/sync/hello") { request, _ in await hello(request) }
        router.post("/v1/sync/push") { request, _ in await push(request) }
        router.post("/v1/sync/pull") { request, _ in await pull(request) }
    }

    /// `GET /v1/sync/hello`.
    public func hello(_ request: Request) async -> Response {
        await respond(request) { () async throws(SyncError) -> HelloResponse in
            let device = try await active(request)
            return try await service.hello(device)
        }
    }

    /// `POST /v1/sync/push`. A revoked device's entries are quarantined, then it is told `DEVICE_REVOKED`.
    public func push(_ request: Request) async -> Response {
        var request = request
        let body = await readBody(&request)
        return await respond(request) { () async throws(SyncError) -> PushResponse in
            let authentication = try await authenticate(request)
            let push = try decode(PushRequest.self, body, request)
            switch authentication {
            case .active(let device):
                return try await service.push(device, push)
            case .revoked(let device, let reason):
                _ = try await service.quarantine(device, push)
                throw SyncError.revoked(device.id, reason: reason)
            }
        }
    }

    /// ``SyncVersions/Header/pullNext``; a valid field name, spelled out in this file's package.
    static let pullNext = HTTPField.Name(SyncVersions.Header.pullNext)!

    /// `POST /v1/sync/pull`. An answer with more to pull names its `next` cursor in the ``SyncVersions/Header/pullNext``
    /// header too, ahead of the body.
    public func pull(_ request: Request) async -> Response {
        var request = request
        var next: String?
        let body = await readBody(&request)
        var response = await respond(request) { () async throws(SyncError) -> PullResponse in
            let device = try await active(request)
            let pull = try decode(PullRequest.self, body, request)
            let batch = try await service.pull(device, pull)
            if batch.more { next = batch.next }
            return batch
        }
        if response.status == .ok, let next { response.headers[Self.pullNext] = next }
        return response
    }

    /// The device first (an anonymous caller learns nothing else), then the versions its request announced.
    private func authenticate(_ request: Request) async throws(SyncError) -> DeviceAuthenticator.Authentication {
        let authentication = try await authenticator.authenticate(header: request.headers[.authorization])
        try SyncVersions.check(
            protocol: Self.header(request, SyncVersions.Header.protocolVersion),
            eventSchema: Self.header(request, SyncVersions.Header.eventSchema))
        return authentication
    }

    private func active(_ request: Request) async throws(SyncError) -> DeviceIdentity {
        switch try await authenticate(request) {
        case .active(let device): return device
        case .revoked(let device, let reason): throw SyncError.revoked(device.id, reason: reason)
        }
    }

    private func readBody(_ request: inout Request) async -> Result<Data, SyncError> {
        do {
            let buffer = try await request.collectBody(upTo: maxBodyBytes)
            return .success(Data(buffer.readableBytesView))
        } catch {
            return .failure(SyncError(status: 413, code: "PAYLOAD_TOO_LARGE", message: "a sync body is limited to \(maxBodyBytes) bytes"))
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ body: Result<Data, SyncError>, _ request: Request) throws(SyncError) -> T {
        var data = try body.get()
        if request.headers[.contentEncoding]?.lowercased() == "gzip" {
            do { data = try SyncCompression.gunzip(data) } catch {
                throw .badRequest("the body is not valid gzip", code: "BAD_ENCODING")
            }
        }
        do {
            return try SyncJSON.decoder.decode(type, from: data)
        } catch {
            throw .badRequest("the body is not a valid \(type): \(error)", code: "BAD_BODY")
        }
    }

    private func respond<T: Encodable>(_ request: Request, _ body: () async throws(SyncError) -> T) async -> Response {
        let gzip = request.headers[.acceptEncoding]?.lowercased().contains("gzip") ?? false
        do {
            let value = try await body()
            return Self.response(code: 200, data: try SyncJSON.encode(value), gzip: gzip)
        } catch let error as SyncError {
            return Self.response(code: error.status, data: (try? SyncJSON.encoder.encode(error)) ?? Data(), gzip: false)
        } catch {
            let failure = SyncError.unavailable("the answer could not be encoded: \(error)")
            return Self.response(code: failure.status, data: (try? SyncJSON.encoder.encode(failure)) ?? Data(), gzip: false)
        }
    }

    static func response(code: Int, data: Data, gzip: Bool) -> Response {
        if gzip, let compressed = try? SyncCompression.gzip(data) {
            return Response(
                status: .init(code: code), headers: [.contentType: "application/json", .contentEncoding: "gzip"],
                body: .init(byteBuffer: ByteBuffer(bytes: compressed)))
        }
        return Response(
            status: .init(code: code), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func header(_ request: Request, _ name: String) -> String? {
        let lowered = name.lowercased()
        return request.headers.first { $0.name.canonicalName == lowered }?.value
    }
}

/// The JSON coders of the sync wire. ``encode(_:)`` and ``decode(_:from:)`` take the hand-written path for a pull
/// batch (``PullResponse/wireJSON()``) and Foundation's coders for everything else.
public enum SyncJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        if let batch = value as? PullResponse { return batch.wireJSON() }
        return try encoder.encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        if type == PullResponse.self, let batch = try PullResponse(wireJSON: data) as? T { return batch }
        return try decoder.decode(type, from: data)
    }

    /// Shared; never reconfigure it.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    public static let decoder = JSONDecoder()
}
