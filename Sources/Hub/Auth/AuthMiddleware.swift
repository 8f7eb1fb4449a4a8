import Hummingbird

/// Reads `Authorization` and sets ``HubRequestContext/principal``:
/// - `Bearer <jwt>` → an admin, curator or agent (``StaffTokens``);
/// - `Device <deviceID>.<secret>` → a kiosk (``DeviceCredentials``).
///
/// A request without the header passes through anonymous (public routes serve it; the others answer 401). A header
/// that is present but wrong is refused here with 401, whatever the route.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext

    let tokens: StaffTokens
    let devices: DeviceCredentials

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        var context = context
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { throw APIError.unauthenticated("the Authorization header must be 'Bearer <token>' or 'Device <credential>'") }
        let credential = parts[1].trimmingCharacters(in: .whitespaces)
        switch parts[0].lowercased() {
        case "bearer": context.principal = try await tokens.verify(credential)
        case "device": context.principal = try await devices.authenticate(credential)
        default: throw APIError.unauthenticated("the Authorization scheme must be Bearer or Device")
        }
        context.logger[metadataKey: "principal"] = "\(context.principal!)"
        return try await next(request, context)
    }
}
