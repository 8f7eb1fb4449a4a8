import Commands
import Domain
import EventLog
import Foundation

extension HubSyncService {
    /// Handles a push of consecutive entries (see the type's rules). A transient failure part-way stops the batch:
    /// the results so far are durable, ``PushResponse/stopped`` says why, and the kiosk resumes at `hwm + 1`.
    public func push(_ device: DeviceIdentity, _ request: PushRequest) async throws(SyncError) -> PushResponse {
        try Self.validate(request, limit: limits.maxEntriesPerPush)
        let received = now()
        let skew = ClockSkew(milliseconds: Self.milliseconds(received) - request.sentAt)
        let hubClock = receive(request.clock, received)
        let epoch = try await currentEpoch()
        do {
            return try await locks.withLock(device.id) { () async throws(SyncError) -> PushResponse in
                var hwm = try await highWaterMark(device.id)
                let first = request.entries[0].seq
                guard first <= hwm + 1 else {
                    throw SyncError(
                        status: 409, code: "SYNC_GAP", field: "entries.seq",
                        message: "the hub holds this device's entries up to \(hwm); send from \(hwm + 1), not \(first)")
                }
                let receipts = try await self.receipts(device.id, from: first, through: min(hwm, request.entries.last!.seq))
                var results: [PushResult] = []
                var stopped: SyncError?
                for entry in request.entries {
                    if entry.seq <= hwm {
                        if let (receipt, _) = receipts[entry.seq], receipt.commandID != entry.commandID {
                            throw Self.sequenceReused(entry, device: device)
                        }
                        results.append(Self.duplicate(entry.seq, receipts[entry.seq]))
                        continue
                    }
                    do {
                        results.append(try await apply(entry, device: device, skew: skew))
                        hwm = entry.seq
                    } catch {
                        stopped = error as? SyncError ?? .unavailable("\(error)")
                        break
                    }
                }
                return PushResponse(
                    epoch: epoch, hwm: hwm, hubTime: Self.milliseconds(received), clock: hubClock, skew: skew,
                    results: results, stopped: stopped)
            }
        } catch let error as SyncError {
            throw error
        } catch {
            throw .unavailable("\(error)")
        }
    }

    /// Keeps a revoked device's entries above its high-water mark as quarantine records (never applied), then
    /// refuses it with `DEVICE_REVOKED`. Returns how many entries were quarantined now.
    public func quarantine(_ device: DeviceIdentity, _ request: PushRequest) async throws(SyncError) -> Int {
        try Self.validate(request, limit: limits.maxEntriesPerPush)
        let skew = ClockSkew(milliseconds: Self.milliseconds(now()) - request.sentAt)
        do {
            return try await locks.withLock(device.id) { () async throws(SyncError) -> Int in
                var hwm = try await highWaterMark(device.id)
                var kept = 0
                for entry in request.entries where entry.seq == hwm + 1 {
                    let record = SyncRecords.ConflictRecord(
                        deviceID: device.id, seq: entry.seq, commandID: entry.commandID, command: entry.command,
                        actor: entry.actor, targetStream: (try? entry.command.decoded().targetStream) ?? "",
                        decidedVersion: entry.decidedVersion, streamVersionAtHub: 0, code: "DEVICE_REVOKED", field: nil,
                        message: "recorded by a revoked device; review before applying", deviceTime: entry.deviceTime,
                        events: entry.events)
                    _ = try await appendRecord(
                        record, type: SyncRecords.quarantinedType, stream: SyncRecords.quarantineStream(device.id, seq: entry.seq),
                        outcome: .quarantined, entry: entry, device: device, skew: skew)
                    hwm = entry.seq
                    kept += 1
                }
                return kept
            }
        } catch let error as SyncError {
            throw error
        } catch {
            throw .unavailable("\(error)")
        }
    }

    static func validate(_ request: PushRequest, limit: Int) throws(SyncError) {
        guard !request.entries.isEmpty else { throw .badRequest("a push needs at least one entry", field: "entries") }
        guard request.entries.count <= limit else {
            throw .badRequest("a push of \(request.entries.count) entries is over the limit of \(limit); split it", field: "entries")
        }
        try checkTime(request.sentAt, field: "sentAt")
        try checkTime(request.clock.milliseconds, field: "clock.milliseconds")
        for entry in request.entries {
            guard entry.seq >= 1, entry.seq < .max else {
                throw .badRequest("device sequence numbers start at 1 (got \(entry.seq))", field: "entries.seq")
            }
            try checkTime(entry.deviceTime, field: "entries.deviceTime")
            try checkTime(entry.clock.milliseconds, field: "entries.clock.milliseconds")
        }
        for (previous, next) in zip(request.entries, request.entries.dropFirst()) where next.seq != previous.seq + 1 {
            throw .badRequest("entries must have consecutive sequence numbers (\(previous.seq) then \(next.seq))", field: "entries.seq")
        }
    }

    /// The latest time a device may state, in milliseconds since 1970: the end of the year 9999. A device's times
    /// are differences and dates on the hub; one outside 0…this is a broken or hostile client, refused before any
    /// arithmetic on it.
    static let latestMilliseconds: Int64 = 253_402_300_799_999

    static func checkTime(_ milliseconds: Int64, field: String) throws(SyncError) {
        guard (0...latestMilliseconds).contains(milliseconds) else {
            throw .badRequest("\(milliseconds) is not a time in milliseconds since 1970 (0…\(latestMilliseconds))", field: field)
        }
    }

    /// An entry numbered like one the hub holds, but another command: two kiosks share this device's credential, or
    /// the kiosk was restored from an old copy and numbered new work again. Refused, never answered as a duplicate
    /// (the kiosk would take its own, different command for acknowledged and prune it).
    static func sequenceReused(_ entry: PushEntry, device: DeviceIdentity) -> SyncError {
        SyncError(
            status: 409, code: "DEVICE_SEQUENCE_REUSED", field: "entries.seq",
            message: "entry \(entry.seq) of device \(device.id) is another command than the one the hub holds under that number: is another kiosk using this credential, or was this one restored from an old copy? Its unsent work stays in its outbox")
    }

    static func duplicate(_ seq: Int64, _ receipt: (SyncRecords.Receipt, Int64)?) -> PushResult {
        PushResult(
            seq: seq, outcome: .duplicate, positions: receipt.map { [$0.1] } ?? [], recordID: receipt?.0.recordID,
            original: receipt?.0.outcome, code: receipt?.0.code)
    }

    /// The receipts of `from…through` by sequence number, with their log positions.
    func receipts(_ deviceID: DeviceID, from: Int64, through: Int64) async throws(SyncError) -> [Int64: (SyncRecords.Receipt, Int64)] {
        guard through >= from else { return [:] }
        var found: [Int64: (SyncRecords.Receipt, Int64)] = [:]
        do {
            let events = try await store.readStream(
                SyncRecords.receiptStream(deviceID), from: from, direction: .forwards, limit: Int(through - from + 1))
            for event in events {
                if let receipt = SyncRecords.decodeReceipt(event) { found[receipt.seq] = (receipt, event.position) }
            }
        } catch {
            throw .unavailable("the device's receipts could not be read: \(error)")
        }
        return found
    }

    /// Applies the entry at `hwm + 1`. Throws only transient failures (the batch stops there).
    func apply(_ entry: PushEntry, device: DeviceIdentity, skew: ClockSkew) async throws(SyncError) -> PushResult {
        let command: DomainCommand
        do {
            command = try entry.command.decoded()
        } catch {
            return try await conflict(entry, device: device, skew: skew, code: error.code, field: error.field, message: error.message)
        }
        let actor: Actor
        switch entry.actor.role {
        case .kiosk:
            actor = .kiosk(device.id, county: device.county)
        case .curator(let curator, let county) where county == device.county:
            if let refusal = await unverifiedCurator(entry, curator: curator, county: county) {
                return try await conflict(entry, device: device, skew: skew, code: "CURATOR_UNVERIFIED", field: "actor", message: refusal)
            }
            actor = entry.actor
        default:
            return try await conflict(
                entry, device: device, skew: skew, code: ErrorCode.countyForbidden, field: "actor",
                message: "a kiosk of county \(device.county) may push commands of its own kiosk or of a curator of its county, not of \(entry.actor)")
        }
        let target = try await targetStream(command)
        // A stream of another county is the decider's alone to refuse: nothing of it (who changed it, its version)
        // may go into the conflict record, which every kiosk of this device's county pulls.
        let ownCounty = target.map { Self.belongs($0.events, to: device.county) } ?? true
        let unseen = ownCounty ? Self.unseen(target?.events ?? [], entry: entry, device: device) : []
        if let clash = Self.concurrentEdit(entry, command: command, unseen: unseen) {
            return try await conflict(
                entry, device: device, skew: skew, code: "CONCURRENT_EDIT", field: nil, message: clash,
                streamVersion: target?.events.last?.version ?? 0)
        }
        let deviceTime = Date(timeIntervalSince1970: Double(entry.deviceTime) / 1000)
        let request = CommandRequest(
            command: command, context: CommandContext(actor: actor, now: deviceTime), commandID: entry.commandID,
            correlationID: entry.commandID, deviceID: device.id, deviceSequence: entry.seq, clock: entry.clock,
            deviceTime: deviceTime)
        let snapshot = target.map { StreamSnapshot($0.stream, $0.events) }
        let receiptingStore = ReceiptingStore(
            base: store,
            makeReceipt: { outcome, ids in
                SyncRecords.receiptRequest(device: device, entry: entry, outcome: outcome, eventIDs: ids, skew: skew)
            },
            decidedVersion: entry.decidedVersion, basisIntact: unseen.isEmpty, snapshot: snapshot)
        let outcome: CommandOutcome
        do {
            outcome = try await CommandHandler(store: receiptingStore).handle(request)
        } catch {
            switch error {
            case .rejected(let domain):
                // Refused against the stream as the push read it, unless the handler read it again after a lost race.
                return try await conflict(
                    entry, device: device, skew: skew, code: domain.code, field: domain.field, message: domain.message,
                    streamVersion: ownCounty ? snapshot?.version ?? 0 : 0)
            case .conflict:
                throw SyncError(status: 503, code: "SYNC_BUSY", message: "entry \(entry.seq) kept losing races; retry")
            case .store(let underlying):
                throw .unavailable("entry \(entry.seq) could not be applied: \(underlying)")
            }
        }
        if outcome.wasDuplicate || outcome.results.isEmpty {
            // Already in the log (a racing push of the same entry), or a decision without events: make sure the
            // receipt is there, then answer from it.
            return try await settle(entry, device: device, skew: skew, eventPositions: outcome.positions)
        }
        let first = outcome.results[0]
        let decidedAgainst = first.lastVersion - Int64(first.positions.count)
        return PushResult(
            seq: entry.seq, outcome: decidedAgainst == entry.decidedVersion && unseen.isEmpty ? .appended : .rebased,
            positions: outcome.positions)
    }

    /// How long after its token expired a curator's entry is still taken: a kiosk records offline for days or weeks, and
    /// a token captured at a kiosk must not vouch for entries for ever.
    public static let curatorTokenGrace: TimeInterval = 30 * 24 * 3600

    /// Why a curator's entry is not proven (`nil` when it is): its token must be this hub's, of `curator` of `county`,
    /// and received at most ``curatorTokenGrace`` after it expired.
    func unverifiedCurator(_ entry: PushEntry, curator: String, county: CountyCode) async -> String? {
        guard let curators else { return "this hub verifies no curator tokens: a curator's entry from a kiosk is kept for review" }
        guard let token = entry.curatorToken else {
            return "a curator's entry needs the token \(curator) signed in with at the kiosk"
        }
        let claims: CuratorClaims
        do {
            claims = try await curators.curatorClaims(token)
        } catch {
            return "the curator token of this entry is not one this hub issued (\(error))"
        }
        guard claims.curatorID == curator, claims.county == county else {
            return "the curator token is \(claims.curatorID)'s of county \(claims.county), not \(curator)'s of \(county)"
        }
        guard now() <= claims.expiresAt.addingTimeInterval(Self.curatorTokenGrace) else {
            return "the curator token expired at \(claims.expiresAt.formatted(.iso8601)); entries recorded with it are taken up to 30 days after"
        }
        return nil
    }

    /// The command's events are in the log (or it decided nothing): write the receipt if it is missing.
    private func settle(_ entry: PushEntry, device: DeviceIdentity, skew: ClockSkew, eventPositions: [Int64]) async throws(SyncError) -> PushResult {
        if try await highWaterMark(device.id) >= entry.seq {
            let receipt = try await receipts(device.id, from: entry.seq, through: entry.seq)[entry.seq]
            return Self.duplicate(entry.seq, receipt)
        }
        do {
            _ = try await store.append(SyncRecords.receiptRequest(device: device, entry: entry, outcome: .appended, eventIDs: [], skew: skew))
        } catch EventLogError.wrongExpectedVersion {
            let receipt = try await receipts(device.id, from: entry.seq, through: entry.seq)[entry.seq]
            return Self.duplicate(entry.seq, receipt)
        } catch {
            throw .unavailable("the receipt of entry \(entry.seq) could not be written: \(error)")
        }
        return PushResult(seq: entry.seq, outcome: .appended, positions: eventPositions)
    }

    /// The command's target stream as it is now (`nil` when the command names no valid stream): read once, both to
    /// find what the kiosk did not see and for the handler to decide against (``StreamSnapshot``).
    func targetStream(_ command: DomainCommand) async throws(SyncError) -> (stream: StreamID, events: [RecordedEvent])? {
        guard let stream = try? StreamID(command.targetStream) else { return nil }
        do {
            return (stream, try await store.readStream(stream))
        } catch {
            throw .unavailable("\(stream) could not be read: \(error)")
        }
    }

    /// Whether a stream is of `county`: its first event's (a new stream is, whoever creates it).
    static func belongs(_ events: [RecordedEvent], to county: CountyCode) -> Bool {
        events.first.map { $0.metadata.county == county.rawValue } ?? true
    }

    /// The target stream's events after the kiosk's basis that are not this device's own: what the kiosk did not see.
    static func unseen(_ events: [RecordedEvent], entry: PushEntry, device: DeviceIdentity) -> [RecordedEvent] {
        events.filter { $0.version > entry.basisVersion && $0.metadata.deviceID != device.id }
    }

    /// A description revision conflicts with any revision the kiosk did not see: replacing a description someone else
    /// changed meanwhile would silently lose their edit. Other commands are decided again (the decider says whether
    /// they still hold).
    static func concurrentEdit(_ entry: PushEntry, command: DomainCommand, unseen: [RecordedEvent]) -> String? {
        guard case .item(.reviseDescription) = command else { return nil }
        guard let other = unseen.first(where: { $0.type == ArchiveItem.Event.EventType.descriptionRevised }) else { return nil }
        let who = other.metadata.actor.map(\.description) ?? "someone"
        return "the description of \(other.streamID) was revised by \(who) (version \(other.version)) after this kiosk read version \(entry.basisVersion); both versions are kept for review"
    }

    /// Records the entry as a conflict for the review queue. `streamVersion`: the target stream's version as the
    /// caller read it, only for a stream of the device's county (0 otherwise, and when it was not read).
    func conflict(
        _ entry: PushEntry, device: DeviceIdentity, skew: ClockSkew, code: String, field: String?, message: String,
        streamVersion: Int64 = 0
    ) async throws(SyncError) -> PushResult {
        let target = (try? entry.command.decoded().targetStream) ?? ""
        let record = SyncRecords.ConflictRecord(
            deviceID: device.id, seq: entry.seq, commandID: entry.commandID, command: entry.command, actor: entry.actor,
            targetStream: target, decidedVersion: entry.decidedVersion, streamVersionAtHub: streamVersion, code: code,
            field: field, message: message, deviceTime: entry.deviceTime, events: entry.events)
        return try await appendRecord(
            record, type: SyncRecords.conflictType, stream: SyncRecords.conflictStream(device.id, seq: entry.seq),
            outcome: .conflict, entry: entry, device: device, skew: skew)
    }

    /// Appends a conflict or quarantine record and the entry's receipt in one atomic append.
    func appendRecord(
        _ record: SyncRecords.ConflictRecord, type: String, stream: StreamID, outcome: PushOutcome, entry: PushEntry,
        device: DeviceIdentity, skew: ClockSkew
    ) async throws(SyncError) -> PushResult {
        let recordID = SyncRecords.recordEventID(entry.commandID)
        let metadata = EventMetadata(
            actor: ActorRef(role: entry.actor.roleName, id: entry.actor.id), clock: entry.clock,
            deviceTime: Date(timeIntervalSince1970: Double(entry.deviceTime) / 1000), correlationID: entry.commandID,
            county: device.county.rawValue)
        let event = NewEvent(id: recordID, type: type, payload: SyncRecords.encode(record), metadata: metadata)
        let receipt = SyncRecords.receiptRequest(
            device: device, entry: entry, outcome: outcome, eventIDs: [recordID], recordID: recordID, code: record.code, skew: skew)
        do {
            let results = try await store.appendAtomically([
                AppendRequest(streamID: stream, expected: .noStream, events: [event]), receipt,
            ])
            return PushResult(
                seq: entry.seq, outcome: outcome, positions: results[1].positions, recordID: recordID, code: record.code,
                message: record.message)
        } catch EventLogError.wrongExpectedVersion {
            let receipt = try await receipts(device.id, from: entry.seq, through: entry.seq)[entry.seq]
            return Self.duplicate(entry.seq, receipt)
        } catch {
            throw .unavailable("the \(outcome.rawValue) record of entry \(entry.seq) could not be written: \(error)")
        }
    }
}
