import Foundation
import Operations
import Projections
import Synchronization
import Testing

@Suite("Rebuild progress: computation and formatting")
struct ProgressTests {
    @Test("rate over the recent window, ETA from it, total never below done")
    func meter() {
        var meter = ProgressMeter(startedAt: 0, done: 0, window: 5)
        #expect(meter.snapshot.eta == nil || meter.snapshot.total == 0)
        for second in 1...10 { meter.record(done: Int64(second) * 10_000, total: 200_000, at: Double(second)) }
        var p = meter.snapshot
        #expect(p.done == 100_000 && p.total == 200_000 && p.fraction == 0.5)
        #expect(abs(p.rate - 10_000) < 1 && abs(p.overallRate - 10_000) < 1)
        #expect(abs((p.eta ?? 0) - 10) < 0.01)
        // It speeds up: the recent rate follows, the overall one lags.
        for second in 11...15 { meter.record(done: 100_000 + Int64(second - 10) * 30_000, total: 200_000, at: Double(second)) }
        p = meter.snapshot
        #expect(p.rate > 25_000 && p.overallRate < 20_000)
        // The log grew past the total read at the start.
        meter.record(done: 260_000, total: 200_000, at: 16)
        p = meter.snapshot
        #expect(p.total == 260_000 && p.fraction == 1 && p.eta == 0)
    }

    @Test("a resumed rebuild counts from what was done before")
    func resumed() {
        var meter = ProgressMeter(startedAt: 0, done: 50_000)
        meter.record(done: 60_000, total: 100_000, at: 2)
        #expect(meter.snapshot.overallRate == 5_000)
        #expect(meter.snapshot.fraction == 0.6)
    }

    @Test("bar, line, counts and durations")
    func formats() {
        let p = ProgressSnapshot(done: 523_411, total: 1_000_000, elapsed: 8.5, rate: 61_234.4, overallRate: 61_000, eta: 7.8)
        let bar = ProgressFormat.bar("catalog", p, columns: 100)
        #expect(bar.hasPrefix("catalog  ["))
        #expect(bar.contains(" 52%    523,411/1,000,000 events   61,234 ev/s  ETA  0:08"))
        #expect(bar.count <= 100)
        let later = ProgressSnapshot(done: 999_999, total: 1_000_000, elapsed: 20, rate: 123_456, overallRate: 50_000, eta: 0.1)
        #expect(ProgressFormat.bar("catalog", later, columns: 100).count == bar.count, "the bar does not jump")
        #expect(ProgressFormat.line("catalog", p) == "catalog: 523411/1000000 events (52%), 61234 events/s, 8.5 s elapsed, about 7.8 s left")
        #expect(ProgressFormat.count(0) == "0" && ProgressFormat.count(999) == "999" && ProgressFormat.count(1_000) == "1,000")
        #expect(ProgressFormat.count(1_234_567) == "1,234,567")
        #expect(ProgressFormat.clock(0.2) == "0:01" && ProgressFormat.clock(75) == "1:15" && ProgressFormat.clock(3_725) == "1:02:05")
        #expect(ProgressFormat.duration(0.42) == "0.4 s" && ProgressFormat.duration(42) == "42 s")
        #expect(ProgressFormat.duration(192) == "3 min 12 s" && ProgressFormat.duration(7_500) == "2 h 5 min")
        #expect(ProgressFormat.duration(3 * 86_400 + 4 * 3600) == "3 d 4 h")
        let unknown = ProgressSnapshot(done: 0, total: 10, elapsed: 0, rate: 0, overallRate: 0, eta: nil)
        #expect(ProgressFormat.bar("x", unknown).contains("ETA --:--"))
    }

    @Test("on a terminal the bar is redrawn in place (throttled); otherwise plain lines every few seconds")
    func printer() {
        let written = Mutex<[String]>([])
        let p = ProgressSnapshot(done: 5, total: 10, elapsed: 1, rate: 5, overallRate: 5, eta: 1)
        let terminal = ProgressPrinter(label: "fleet", isTerminal: true) { text in written.withLock { $0.append(text) } }
        terminal.update(p, at: 0)
        terminal.update(p, at: 0.05)
        terminal.update(p, at: 0.2)
        terminal.finish(p, at: 0.21)
        var lines = written.withLock { $0 }
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasPrefix("\r\u{1B}[2K") })
        #expect(lines.last?.hasSuffix("\n") == true && lines[0].hasSuffix("\n") == false)

        written.withLock { $0 = [] }
        let plain = ProgressPrinter(label: "fleet", isTerminal: false, plainEvery: 5) { text in written.withLock { $0.append(text) } }
        for tick in 0..<100 { plain.update(p, at: Double(tick) * 0.1) }
        plain.finish(p, at: 10)
        lines = written.withLock { $0 }
        #expect(lines.count == 3, "at 0 s, 5 s, and the end")
        #expect(lines.allSatisfy { !$0.contains("\u{1B}") && $0.hasSuffix("\n") })
    }
}
