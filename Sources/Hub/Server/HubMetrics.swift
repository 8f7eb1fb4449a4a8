import Foundation
import Hummingbird
import Prometheus

/// The hub's Prometheus metrics, in a registry of its own (so that tests can run many hubs in one process without
/// bootstrapping the global `MetricsSystem`). Served as text at `/metrics`.
///
/// - `cunshi_http_request_duration_seconds{method,route,status}` — histogram of request latency;
/// - `cunshi_commands_total{command,outcome}` — handled commands (`appended`, `duplicate`, `rejected`, `conflict`, `failed`);
/// - `cunshi_events_appended_total` — events appended through the API;
/// - `cunshi_command_conflicts_total` — optimistic-concurrency conflicts (each re-decision, and 409s);
/// - `cunshi_projection_lag_events{projection}` and `cunshi_projection_lag_seconds{projection}` — refreshed at
///   every scrape from the projections' checkpoints.
public final class HubMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let appended: Counter
    let conflicts: Counter

    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        appended = registry.makeCounter(descriptor: .init(
            namespace: "cunshi", metricName: "events_appended", unitName: "total", helpText: "Events appended through the HTTP API"))
        conflicts = registry.makeCounter(descriptor: .init(
            namespace: "cunshi", metricName: "command_conflicts", unitName: "total",
            helpText: "Optimistic-concurrency conflicts: re-decisions after a concurrent write, and 409 answers"))
    }

    func recordRequest(method: HTTPRequest.Method, route: String, status: Int, duration: Duration) {
        registry.makeDurationHistogram(
            descriptor: .init(namespace: "cunshi", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                              helpText: "HTTP request latency"),
            labels: [("method", method.rawValue), ("route", route), ("status", String(status))],
            buckets: Self.buckets
        ).record(duration)
    }

    func recordCommand(_ operationID: String, outcome: String, events: Int = 0, retries: Int = 0) {
        registry.makeCounter(
            descriptor: .init(namespace: "cunshi", metricName: "commands", unitName: "total", helpText: "Commands handled by outcome"),
            labels: [("command", operationID), ("outcome", outcome)]
        ).increment()
        if events > 0 { appended.increment(by: Int64(events)) }
        if retries > 0 { conflicts.increment(by: Int64(retries)) }
        if outcome == "conflict" { conflicts.increment() }
    }

    func setProjectionLag(_ projection: String, events: Int, seconds: Double) {
        registry.makeGauge(
            descriptor: .init(namespace: "cunshi", metricName: "projection_lag", unitName: "events",
                              helpText: "Events in the log the projection has not seen yet"),
            labels: [("projection", projection)]
        ).set(Double(events))
        registry.makeGauge(
            descriptor: .init(namespace: "cunshi", metricName: "projection_lag", unitName: "seconds",
                              helpText: "Age of the oldest event the projection has not seen yet"),
            labels: [("projection", projection)]
        ).set(seconds)
    }

    public func exposition() -> String { registry.emitToString() }
}

/// Records every request's latency under its route template (never the raw path, to bound the label set).
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext
    let metrics: HubMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.recordRequest(method: request.method, route: context.endpointPath ?? "unmatched", status: response.status.code, duration: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.recordRequest(method: request.method, route: context.endpointPath ?? "unmatched", status: status, duration: ContinuousClock.now - start)
            throw error
        }
    }
}
