import Hummingbird

/// The hub's routes and the router built from them.
public enum HubRoutes {
    /// Every route, in the order of the OpenAPI document.
    public static func all(_ deps: HubDependencies) -> [HubRoute] {
        operationsRoutes(deps) + commandRoutes(deps) + publishedRoutes(deps) + staffRoutes(deps) + syncRoutes(deps)
    }

    /// The kiosk sync protocol (docs/sync.md), authenticated by its own handlers (``HubRoute/Access/device``).
    static func syncRoutes(_ deps: HubDependencies) -> [HubRoute] {
        let sync = deps.sync
        return [
            HubRoute(.get, "/v1/sync/hello", "syncHello", .device, .sync) { request, _ in await sync.hello(request) },
            HubRoute(.post, "/v1/sync/push", "syncPush", .device, .sync) { request, _ in await sync.push(request) },
            HubRoute(.post, "/v1/sync/pull", "syncPull", .device, .sync) { request, _ in await sync.pull(request) },
        ]
    }

    /// A Hummingbird router serving ``all(_:)``: errors as JSON, metrics, authentication, then per route the
    /// role check and the handler. Routes with ``HubRoute/Access/device`` are registered before the
    /// authentication middleware (a Hummingbird middleware applies to the routes added after it).
    public static func router(_ deps: HubDependencies) -> Router<HubRequestContext> {
        let router = Router(context: HubRequestContext.self)
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: MetricsMiddleware(metrics: deps.metrics))
        let routes = all(deps)
        let selfAuthenticated = routes.filter { $0.access == .device }
        for route in selfAuthenticated {
            router.on(RouterPath(route.path), method: route.method, use: route.handler)
        }
        router.add(middleware: AuthMiddleware(tokens: deps.tokens, devices: deps.devices))
        for route in routes where route.access != .device {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try route.authorize(context)
                return try await route.handler(request, context)
            }
        }
        return router
    }
}
