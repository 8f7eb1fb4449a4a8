import Foundation
import Hummingbird
import Projections

extension HubRoutes {
    /// Health, metrics, the contract, who-am-I and the projections' status.
    static func operationsRoutes(_ deps: HubDependencies) -> [HubRoute] {
        [
            HubRoute(.get, "/health/live", "live", .anyone, .operations) { _, _ in
                try json(["status": "live"])
            },
            HubRoute(.get, "/health/ready", "ready", .anyone, .operations) { _, _ in
                let readiness = await deps.readiness()
                return try json(readiness, status: readiness.ready ? .ok : .serviceUnavailable)
            },
            HubRoute(.get, "/metrics", "metrics", .anyone, .operations) { _, _ in
                if let statuses = try? await deps.projections.status(now: deps.now()) {
                    for status in statuses {
                        deps.metrics.setProjectionLag(status.name, events: status.lagEvents, seconds: status.lagSeconds)
                    }
                }
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: deps.metrics.exposition())))
            },
            HubRoute(.get, "/openapi.yaml", "openapi", .anyone, .operations) { _, _ in
                Response(
                    status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: try OpenAPIDocument.text())))
            },
            HubRoute(.get, "/v1/whoami", "whoami", .roles(everyone), .operations) { _, context in
                let principal = context.principal!
                return try json(WhoAmI(role: principal.role.rawValue, id: principal.id, county: principal.county?.rawValue))
            },
            HubRoute(.get, "/v1/projections", "listProjections", .roles([.admin]), .admin) { _, _ in
                let statuses = try await deps.projections.status(now: deps.now())
                return try json(statuses.map(ProjectionStatusView.init))
            },
        ]
    }

    struct WhoAmI: Codable {
        var role: String
        var id: String
        var county: String?
    }

    struct ProjectionStatusView: Encodable {
        var name: String
        var state: String
        var activeGeneration: Int
        var cursor: String
        var position: Int64
        var lagEvents: Int
        var lagSeconds: Double
        var stoppedBecause: String?

        init(_ status: ProjectionStatus) {
            name = status.name
            switch status.state {
            case .running: state = "running"
            case .catchingUp: state = "catchingUp"
            case .idle: state = "idle"
            case .rebuilding: state = "rebuilding"
            case .standby: state = "standby"
            case .stopped(let stop):
                state = "stopped"
                stoppedBecause = stop.message
            }
            activeGeneration = status.activeGeneration
            cursor = status.cursor.token
            position = status.position
            lagEvents = status.lagEvents
            lagSeconds = status.lagSeconds
        }
    }
}

/// The OpenAPI 3.1 document of the hub (`Sources/Hub/openapi.yaml`, bundled as a resource).
public enum OpenAPIDocument {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String { "openapi.yaml is missing from the Hub bundle" }
    }

    public static func text() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else { throw Missing() }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
