import Domain
import EventLog
import Foundation
import Sync
import Testing

/// The wire's pieces, without a hub: compression, command coding, the state machines' decisions.
@Suite("Sync wire and state machines")
struct WireTests {
    @Test("gzip round-trips and compresses JSON")
    func gzip() throws {
        let json = Data(String(repeating: #"{"type":"archive.item-contributed","county":"440783"},"#, count: 200).utf8)
        let compressed = try SyncCompression.gzip(json)
        #expect(compressed.count < json.count / 5)
        #expect(try SyncCompression.gunzip(compressed) == json)
        let tiny = Data("{}".utf8)
        #expect(try SyncCompression.gunzip(try SyncCompression.gzip(tiny)) == tiny)
    }

    @Test("commands round-trip through the wire; other aggregates are not syncable")
    func commands() throws {
        let command = S.contribute("W-1")
        #expect(try WireCommand(command).decoded() == command)
        #expect(try WireCommand(S.revise("W-1", "新")).decoded() == S.revise("W-1", "新"))
        #expect(throws: SyncError.self) { try WireCommand(S.registerZili) }
    }

    @Test("the pull machine never moves its cursor before a batch is applied, and resumes from it after a failure")
    func pullMachine() throws {
        var machine = PullStateMachine(cursor: try #require(HubCursor(token: "5.5")), epoch: "e1")
        guard case .fetch(let first) = machine.start() else { Issue.record("no fetch"); return }
        #expect(first.token == "5.5")
        let response = PullResponse(epoch: "e1", county: "440783", events: [], next: "9.9", more: true, hubTime: 0)
        guard case .apply = machine.received(response) else { Issue.record("no apply"); return }
        #expect(machine.cursor.token == "5.5")  // not yet applied
        guard case .wait = machine.failed(.network("cut")) else { Issue.record("no wait"); return }
        guard case .fetch(let again) = machine.retry() else { Issue.record("no fetch"); return }
        #expect(again.token == "5.5")
        let other = PullResponse(epoch: "e2", county: "440783", events: [], next: "1.1", more: false, hubTime: 0)
        guard case .repair(let reason) = machine.received(other), reason.contains("e2") else { Issue.record("epoch change missed"); return }
        guard case .repair = machine.failed(SyncError(status: 409, code: SyncError.cursorUnknown, message: "")) else {
            Issue.record("a hub without the cursor's event was pulled from further"); return
        }
        #expect(throws: Never.self) { _ = machine.failed(.revoked("k", reason: nil)) }
        guard case .failed = machine.failed(.revoked("k", reason: nil)) else { Issue.record("retried a revoked device"); return }
    }

    @Test("epoch check: adopt, unchanged, repair on a new epoch or a lower high-water mark, refuse a kiosk behind")
    func epochCheck() {
        func hello(_ epoch: String, _ hwm: Int64) -> HelloResponse {
            HelloResponse(deviceID: "k", county: "440783", epoch: epoch, hwm: hwm, hubTime: 0,
                          clock: HybridTimestamp(milliseconds: 0, counter: 0), protocolVersion: 1)
        }
        #expect(EpochCheck.decide(knownEpoch: nil, acknowledged: 0, nextSeq: 1, hello: hello("a", 0)) == .adopt)
        #expect(EpochCheck.decide(knownEpoch: "a", acknowledged: 5, nextSeq: 9, hello: hello("a", 5)) == .unchanged)
        if case .repair = EpochCheck.decide(knownEpoch: "a", acknowledged: 5, nextSeq: 9, hello: hello("b", 5)) {} else {
            Issue.record("a new epoch was not repaired")
        }
        if case .repair = EpochCheck.decide(knownEpoch: "a", acknowledged: 8, nextSeq: 9, hello: hello("a", 3)) {} else {
            Issue.record("a lower high-water mark was not repaired")
        }
        if case .kioskBehind = EpochCheck.decide(knownEpoch: "a", acknowledged: 0, nextSeq: 3, hello: hello("a", 7)) {} else {
            Issue.record("a hub ahead of the kiosk was not refused")
        }
    }

    @Test("the push machine starts after what the hub holds and the kiosk heard of, and stops for good on revocation")
    func pushMachine() {
        var machine = PushStateMachine(hubHighWaterMark: 4, acknowledged: 4)
        #expect(machine.start() == .loadEntries(after: 4))
        #expect(machine.loaded(3) == .send)
        #expect(machine.failed(.network("cut")) == .wait(SyncBackoff.delay(1)))
        #expect(machine.retry() == .loadEntries(after: 4))
        #expect(machine.failed(SyncError(status: 409, code: "SYNC_GAP", message: "")) == .refreshHighWaterMark)
        #expect(machine.refreshed(highWaterMark: 6) == .loadEntries(after: 6))
        #expect(machine.loaded(0) == .finished)
        #expect(machine.failed(.revoked("k", reason: nil)) == .failed(.revoked("k", reason: nil)))
        // An answer was lost: the entries the hub holds but the kiosk never heard about are sent again (as duplicates).
        var lost = PushStateMachine(hubHighWaterMark: 9, acknowledged: 6)
        #expect(lost.start() == .loadEntries(after: 6))
        // A restored hub holds fewer than were acknowledged: it gets what it lacks.
        var restored = PushStateMachine(hubHighWaterMark: 2, acknowledged: 6)
        #expect(restored.start() == .loadEntries(after: 2))
    }
}
