import Hummingbird
import Logging

/// The request context of every hub route: Hummingbird's core storage plus the authenticated principal.
///
/// Lifecycle: ``principal`` is `nil` until ``AuthMiddleware`` has read the `Authorization` header; routes that
/// need one go through ``HubRoute/authorize(_:)``, which refuses an anonymous request with 401.
public struct HubRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who sent the request, once authenticated.
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.principal = nil
    }

    /// The largest request body the hub reads (256 KiB); larger bodies are refused with 413 `PAYLOAD_TOO_LARGE`.
    public static let maxBodySize = 256 * 1024

    public var maxUploadSize: Int { Self.maxBodySize }
}
