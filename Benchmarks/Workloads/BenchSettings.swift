import EventLogPostgres
import Foundation
import PostgresNIO

/// Where and how the benchmark runs. The workloads follow the peer harness (`bench/peers/README.md`): a fresh
/// store for each workload (here: a fresh schema, migrated), a CHECKPOINT before each timed part, connection setup
/// not timed, and one `key=value` line per workload.
public struct BenchSettings: Sendable {
    public var configuration: PostgresClient.Configuration
    public var workloads: [String]
    public var run: Int
    public var scale: Double
    public var peer: String
    /// Group commits in flight at once (see `PostgresEventStore.init`).
    public var concurrentCommits: Int

    public init(
        configuration: PostgresClient.Configuration, workloads: [String], run: Int, scale: Double, peer: String,
        concurrentCommits: Int
    ) {
        self.configuration = configuration
        self.workloads = workloads
        self.run = run
        self.scale = scale
        self.peer = peer
        self.concurrentCommits = concurrentCommits
    }

    func scaled(_ count: Int) -> Int { max(1, Int((Double(count) * scale).rounded())) }
}

/// The ~370-byte event body of the peer workloads: Chinese and English strings, two integers and a timestamp.
enum BenchPayload {
    static func make(_ number: Int) -> Data {
        Data("""
            {"timestamp":"2026-01-15T08:30:00.123456+00:00","customer_zh":"张伟","customer_en":"Zhang Wei",\
            "address_zh":"上海市浦东新区世纪大道100号","address_en":"100 Century Avenue, Pudong, Shanghai",\
            "item_zh":"无线降噪耳机（黑色）","item_en":"Wireless noise-cancelling headphones (black)",\
            "note_zh":"请在工作日送货","quantity":2,"amount_cents":\(number)}
            """.utf8)
    }
}

/// One result line in the harness's format: `key=value` pairs in order.
struct BenchLine {
    private var fields: [(String, String)]

    init(_ settings: BenchSettings, workload: String, writers: Int, events: Int, seconds: Double) {
        fields = [
            ("peer", settings.peer), ("workload", workload), ("writers", "\(writers)"), ("events", "\(events)"),
            ("run", "\(settings.run)"), ("seconds", String(format: "%.3f", seconds)),
            ("events_per_s", String(format: "%.0f", Double(events) / seconds)),
        ]
    }

    mutating func add(_ key: String, _ value: String) { fields.append((key, value)) }

    var text: String { fields.map { "\($0.0)=\($0.1)" }.joined(separator: " ") }
}
