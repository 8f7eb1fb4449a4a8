import Foundation
import Hummingbird

/// Every refusal the hub sends: an HTTP status and the JSON body `{"code", "field", "message"}` (the OpenAPI
/// `Error` schema). `code` is stable (clients match on it); `field` names the offending input (a JSON path such
/// as `terms.price.amountMinor`, a query parameter or a header), or is `null`; `message` can be shown to a person.
public struct APIError: Error, HTTPResponseError, Sendable, Equatable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var code: String
    public var field: String?
    public var message: String
    /// Extra response headers (`WWW-Authenticate`, `Retry-After`).
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ code: String, field: String? = nil, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.field = field
        self.message = message
        self.headers = headers
    }

    /// The JSON body of an error.
    public struct Body: Codable, Sendable, Equatable {
        public var code: String
        public var field: String?
        public var message: String

        public init(code: String, field: String?, message: String) {
            self.code = code
            self.field = field
            self.message = message
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(field, forKey: .field)  // always present, `null` when absent
            try container.encode(message, forKey: .message)
        }
    }

    public var body: Body { Body(code: code, field: field, message: message) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Self.response(status: status, body: body, headers: headers)
    }

    static func response(status: HTTPResponse.Status, body: Body, headers: HTTPFields = [:]) -> Response {
        let data = (try? JSONEncoder().encode(body)) ?? Data(#"{"code":"INTERNAL","field":null,"message":"error"}"#.utf8)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    public var description: String { "\(status.code) \(code): \(message)" + (field.map { " [field: \($0)]" } ?? "") }
}

extension APIError {
    static func badRequest(_ code: String, field: String? = nil, _ message: String) -> APIError {
        APIError(.badRequest, code, field: field, message)
    }

    static func unauthenticated(_ message: String, code: String = "UNAUTHENTICATED") -> APIError {
        APIError(.unauthorized, code, message, headers: [.wwwAuthenticate: #"Bearer realm="cunshi", Device realm="cunshi""#])
    }

    static func forbidden(_ message: String, code: String = "FORBIDDEN", field: String? = nil) -> APIError {
        APIError(.forbidden, code, field: field, message)
    }

    static func notFound(_ message: String, field: String? = nil) -> APIError {
        APIError(.notFound, "NOT_FOUND", field: field, message)
    }

    static let payloadTooLarge = APIError(
        .contentTooLarge, "PAYLOAD_TOO_LARGE",
        "the request body is larger than \(HubRequestContext.maxBodySize / 1024) KiB; split the request")
}
