import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// How a kiosk reaches its hub. ``HTTPSyncTransport`` is the real one; tests may put a faulty network in between.
public protocol SyncTransport: Sendable {
    func hello() async throws(SyncError) -> HelloResponse
    func push(_ request: PushRequest) async throws(SyncError) -> PushResponse
    func pull(_ request: PullRequest) async throws(SyncError) -> PullResponse
    /// A pull that calls `nextHint` with the answer's `next` cursor as soon as the hub names it ahead of the body
    /// (``SyncVersions/Header/pullNext``), only when there is more to pull. The default never hints.
    func pull(_ request: PullRequest, nextHint: @escaping @Sendable (String) -> Void) async throws(SyncError) -> PullResponse
}

extension SyncTransport {
    public func pull(_ request: PullRequest, nextHint: @escaping @Sendable (String) -> Void) async throws(SyncError) -> PullResponse {
        try await pull(request)
    }
}

/// Bytes moved by a transport: JSON before compression and bytes on the wire, each way.
public struct TransferCounters: Sendable, Hashable {
    public var sentRaw = 0
    public var sentWire = 0
    public var receivedRaw = 0
    public var receivedWire = 0
    public init() {}
}

/// Sync over HTTP with AsyncHTTPClient: gzip bodies both ways, the version headers, `Authorization: Device …`.
/// Any failure to get a whole answer (refused or cut connection, a truncated body, a timeout) is
/// ``SyncError/network(_:)``, which the state machines retry.
public final class HTTPSyncTransport: SyncTransport {
    public let baseURL: String
    let credential: String
    let client: HTTPClient
    let timeout: TimeAmount
    private let counters = Mutex(TransferCounters())

    /// The client sync uses by default: bodies are decompressed here (to count bytes and bound the inflated size),
    /// so the client's own decompression is off; connections to the hub are kept for a minute.
    public static let defaultClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(
            timeout: .init(connect: .seconds(10), read: .seconds(60)), connectionPool: .init(idleTimeout: .seconds(60)),
            decompression: .disabled))

    public init(
        baseURL: String, credential: String, client: HTTPClient = HTTPSyncTransport.defaultClient,
        timeout: TimeAmount = .seconds(60)
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credential = credential
        self.client = client
        self.timeout = timeout
    }

    public var transferred: TransferCounters { counters.withLock { $0 } }

    public func hello() async throws(SyncError) -> HelloResponse {
        try await exchange("/v1/sync/hello", method: .GET, body: Optional<PullRequest>.none)
    }

    public func push(_ request: PushRequest) async throws(SyncError) -> PushResponse {
        try await exchange("/v1/sync/push", method: .POST, body: request)
    }

    public func pull(_ request: PullRequest) async throws(SyncError) -> PullResponse {
        try await exchange("/v1/sync/pull", method: .POST, body: request)
    }

    public func pull(_ request: PullRequest, nextHint: @escaping @Sendable (String) -> Void) async throws(SyncError) -> PullResponse {
        try await exchange("/v1/sync/pull", method: .POST, body: request, nextHint: nextHint)
    }

    private func exchange<Body: Encodable, Answer: Decodable>(
        _ path: String, method: HTTPMethod, body: Body?, nextHint: (@Sendable (String) -> Void)? = nil
    ) async throws(SyncError) -> Answer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Device \(credential)")
        request.headers.add(name: SyncVersions.Header.protocolVersion, value: "\(SyncVersions.protocolVersion)")
        request.headers.add(name: SyncVersions.Header.eventSchema, value: "\(SyncVersions.eventSchema)")
        request.headers.add(name: SyncVersions.Header.appVersion, value: SyncVersions.appVersion)
        request.headers.add(name: "Accept-Encoding", value: "gzip")
        if let body {
            let raw: Data
            let compressed: Data
            do {
                raw = try SyncJSON.encoder.encode(body)
                compressed = try SyncCompression.gzip(raw)
            } catch {
                throw .badRequest("the request could not be encoded: \(error)")
            }
            counters.withLock {
                $0.sentRaw += raw.count
                $0.sentWire += compressed.count
            }
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Content-Encoding", value: "gzip")
            request.body = .bytes(ByteBuffer(bytes: compressed))
        }
        let status: Int
        var data: Data
        let gzipped: Bool
        do {
            let response = try await client.execute(request, timeout: timeout)
            status = Int(response.status.code)
            gzipped = response.headers.first(name: "Content-Encoding")?.lowercased() == "gzip"
            if status == 200, let nextHint, let next = response.headers.first(name: SyncVersions.Header.pullNext) { nextHint(next) }
            let buffer = try await response.body.collect(upTo: SyncCompression.maxInflatedBytes)
            data = Data(buffer.readableBytesView)
        } catch {
            throw .network("\(method) \(path): \(error)")
        }
        let wireBytes = data.count
        if gzipped {
            do { data = try SyncCompression.gunzip(data) } catch { throw .network("\(path): a truncated or corrupt gzip body") }
        }
        counters.withLock {
            $0.receivedWire += wireBytes
            $0.receivedRaw += data.count
        }
        guard status == 200 else {
            if var error = try? SyncJSON.decoder.decode(SyncError.self, from: data) {
                error.status = status
                throw error
            }
            throw SyncError(status: status, code: "HTTP_\(status)", message: "\(path) answered \(status)")
        }
        do {
            return try SyncJSON.decode(Answer.self, from: data)
        } catch {
            throw .network("\(path): an answer that does not decode (\(error)); \(wireBytes) bytes on the wire, gzip \(gzipped): \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
    }
}
