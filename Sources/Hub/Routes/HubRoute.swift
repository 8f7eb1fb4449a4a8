import Hummingbird

/// One route of the hub's HTTP API. The list ``HubRoutes/all(_:)`` is the single source of truth: it registers
/// the Hummingbird routes, and the contract test compares it both ways with the paths and operations of the served
/// `/openapi.yaml`.
public struct HubRoute: Sendable {
    /// Who may call a route. County scoping (a curator or kiosk only sees or changes its county) is checked by the
    /// handler (queries) or the domain (commands), which know the county of what is asked for.
    public enum Access: Sendable, Hashable {
        /// No authentication (health, metrics, the OpenAPI document).
        case anyone
        /// An authenticated principal of one of these roles; others get 403 `FORBIDDEN`, anonymous callers 401.
        case roles(Set<Principal.Role>)
        /// A kiosk that the route authenticates itself (the sync protocol): the hub's authentication middleware does
        /// not run for these routes, because a revoked device's last push must reach the handler to be quarantined.
        case device
    }

    /// The endpoint families of the authorization matrix.
    public enum Family: String, Sendable, Hashable, CaseIterable {
        case operations, commands, catalog, tours, market, history, review, rightsAudit, fleet, deals, admin, sync
    }

    public typealias Handler = @Sendable (Request, HubRequestContext) async throws -> Response

    public var method: HTTPRequest.Method
    /// The path in OpenAPI form: `/v1/items/{itemID}/history`.
    public var path: String
    public var operationID: String
    public var access: Access
    public var family: Family
    public var handler: Handler

    public init(_ method: HTTPRequest.Method, _ path: String, _ operationID: String, _ access: Access, _ family: Family, handler: @escaping Handler) {
        self.method = method
        self.path = path
        self.operationID = operationID
        self.access = access
        self.family = family
        self.handler = handler
    }

    /// Throws 401 for an anonymous caller of a protected route and 403 for a role the route does not admit;
    /// returns the principal (nil on public routes).
    @discardableResult
    public func authorize(_ context: HubRequestContext) throws(APIError) -> Principal? {
        guard case .roles(let roles) = access else { return context.principal }
        guard let principal = context.principal else {
            throw .unauthenticated("this endpoint needs 'Authorization: Bearer <token>' or 'Authorization: Device <credential>'")
        }
        guard roles.contains(principal.role) else {
            throw .forbidden("\(principal.role.rawValue) principals may not call \(operationID)")
        }
        return principal
    }
}
