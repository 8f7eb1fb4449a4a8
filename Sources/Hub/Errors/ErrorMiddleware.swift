import Hummingbird
import Logging

/// The outermost middleware: every error becomes the JSON `Error` body.
///
/// - ``APIError`` passes as it is;
/// - Hummingbird's own HTTP errors (404 for an unknown route, 405, 413 from body collection) keep their status,
///   with a stable code;
/// - anything else is a real server fault: 500 `INTERNAL`, logged with the request id — bad input never gets here,
///   because every decoder and parameter parser throws ``APIError`` 4xx first.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return APIError.response(status: error.status, body: error.body, headers: error.headers)
        } catch let error as any HTTPResponseError {
            let status = error.status
            let code: String
            switch status.code {
            case 404: code = "NOT_FOUND"
            case 405: code = "METHOD_NOT_ALLOWED"
            case 413: code = "PAYLOAD_TOO_LARGE"
            case 400..<500: code = "BAD_REQUEST"
            default: code = "INTERNAL"
            }
            let message = status.code == 404
                ? "no route \(request.method.rawValue) \(request.uri.path); see /openapi.yaml"
                : status.code == 413 ? APIError.payloadTooLarge.message : "\(status.reasonPhrase)"
            if status.code >= 500 { context.logger.error("request failed", metadata: ["error": "\(error)"]) }
            return APIError.response(status: status, body: .init(code: code, field: nil, message: message))
        } catch {
            context.logger.error("request failed with a server fault", metadata: ["error": "\(String(reflecting: error))"])
            return APIError.response(
                status: .internalServerError,
                body: .init(code: "INTERNAL", field: nil, message: "the hub failed to answer (request \(context.id)); this is a server fault, not your input"))
        }
    }
}
