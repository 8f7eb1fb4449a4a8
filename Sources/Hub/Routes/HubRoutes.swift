import Hummingbird

/// The hub's routes and the router built from them.
public enum HubRoutes {
    /// Every route, in the order of the OpenAPI document.
    public static func all(_ deps: HubDependencies) -> [HubRoute] {
        operationsRoutes(deps) + commandRoutes(deps) + publishedRoutes(deps) + staffRoutes(deps)
    }

    /// A Hummingbird router serving ``all(_:)``: errors as JSON, metrics, authentication, then per route the
    /// role check and the handler.
    public static func router(_ deps: HubDependencies) -> Router<HubRequestContext> {
        let router = Router(context: HubRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: MetricsMiddleware(metrics: deps.metrics))
        router.add(middleware: AuthMiddleware(tokens: deps.tokens, devices: deps.devices))
        for route in all(deps) {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try route.authorize(context)
                return try await route.handler(request, context)
            }
        }
        return router
    }
}
