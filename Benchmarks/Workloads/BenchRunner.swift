import EventLog
import EventLogPostgres
import Foundation
import Synchronization

/// Runs the selected workloads once and prints one line per workload, as `run_all.sh` expects.
public enum BenchRunner {
    public static func run(_ settings: BenchSettings, print emit: (String) -> Void) async throws {
        for workload in settings.workloads {
            switch workload {
            case "W1":
                for writers in [1, 8] { emit(try await w1(settings, writers: writers)) }
            case "W2", "W3":
                if workload == "W3", settings.workloads.contains("W2") { continue }  // W3 runs right after W2
                let lines = try await w2w3(settings, includeW2: settings.workloads.contains("W2"),
                                           includeW3: settings.workloads.contains("W3"))
                lines.forEach(emit)
            case "W4":
                emit(try await w4(settings))
            default:
                throw BenchFailure("unknown workload \(workload); use W1, W2, W3, W4")
            }
        }
    }

    static func w1(_ settings: BenchSettings, writers: Int) async throws -> String {
        let total = settings.scaled(20_000) / (writers * 1) * writers
        return try await BenchStore.withFreshStore(settings, name: "w1x\(writers)", connections: writers) { store, client in
            try await BenchStore.checkpoint(client)
            let (_, seconds) = try await AppendWorkloads.run(
                store: store, name: "w1", writers: writers, total: total, batch: 1, streamCount: 1000)
            var line = BenchLine(settings, workload: "W1", writers: writers, events: total, seconds: seconds)
            line.add("batch", "1")
            line.add("streams", "1000")
            line.add("rss_peak_mib", String(format: "%.0f", ProcessMemory.peakResidentMiB()))
            return line.text
        }
    }

    static func w2w3(_ settings: BenchSettings, includeW2: Bool, includeW3: Bool) async throws -> [String] {
        let total = settings.scaled(100_000) / 100 * 100
        return try await BenchStore.withFreshStore(settings, name: "w2", connections: 1) { store, client in
            try await BenchStore.checkpoint(client)
            let (acks, seconds) = try await AppendWorkloads.run(
                store: store, name: "w2", writers: 1, total: total, batch: 100, streamCount: 100)
            var lines: [String] = []
            if includeW2 {
                var line = BenchLine(settings, workload: "W2", writers: 1, events: total, seconds: seconds)
                line.add("batch", "100")
                line.add("streams", "100")
                lines.append(line.text)
            }
            if includeW3 {
                // Warm cache, as the peers read: one untimed pass first.
                _ = try await ReadWorkloads.catchUp(store: store, acks: acks)
                let (verification, readSeconds) = try await ReadWorkloads.catchUp(store: store, acks: acks)
                var line = BenchLine(settings, workload: "W3", writers: 1, events: verification.seen, seconds: readSeconds)
                line.add("missing", "\(verification.missing)")
                line.add("unexpected", "\(verification.unexpected)")
                let ok = verification.missing == 0 && verification.unexpected == 0 && verification.ordered
                    && verification.seen == total
                line.add("verified", ok ? "ok" : "FAILED")
                lines.append(line.text)
            }
            return lines
        }
    }

    static func w4(_ settings: BenchSettings) async throws -> String {
        let writers = 8
        let total = settings.scaled(10_000) / writers * writers
        return try await BenchStore.withFreshStore(settings, name: "w4", connections: writers + 1) { store, client in
            try await BenchStore.checkpoint(client)
            let finished = Mutex<LogCursor?>(nil)
            let tailer = ReadWorkloads.Tailer(store: store)
            async let seen = tailer.tail { finished.withLock { $0 } }
            let (acks, seconds) = try await AppendWorkloads.run(
                store: store, name: "w4", writers: writers, total: total, batch: 1, streamCount: 1000)
            finished.withLock { $0 = acks.map(\.cursor).max() }
            let report = ReadWorkloads.report(seen: try await seen, acknowledged: acks.map(\.id))
            var line = BenchLine(settings, workload: "W4", writers: writers, events: total, seconds: seconds)
            line.add("batch", "1")
            line.add("streams", "1000")
            line.add("skipped", "\(report.skipped)")
            line.add("duplicates", "\(report.duplicates)")
            line.add("unexpected", "\(report.unexpected)")
            return line.text
        }
    }
}

/// The process's peak resident memory (VmHWM), read from /proc on Linux; 0 where unavailable.
enum ProcessMemory {
    /// Starts a new peak from the current resident size (Linux: `5` into /proc/self/clear_refs); no-op elsewhere.
    static func resetPeak() {
        try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
    }

    static func peakResidentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kib / 1024
    }
}

/// The process's CPU time so far (user + system), in seconds: the client's share of a measurement, which — unlike
/// wall time on a machine shared with the server and other work — does not depend on what else runs.
enum ProcessCPU {
    static func seconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
