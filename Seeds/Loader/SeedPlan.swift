import Commands
import Domain
import Foundation

/// One command of the seed, with the record it comes from.
public struct SeedStep: Sendable {
    /// The seed file, relative to the data directory (for messages).
    public var file: String
    /// `village`, `device`, `item`, `tour` or `listing`.
    public var kind: String
    public var record: String
    /// The step within the record, e.g. `register`, `media:m1`, `publish`, `offer:O-1`.
    public var step: String
    public var actor: Actor
    public var now: Date
    public var command: DomainCommand

    /// Derived from (kind, record id, step) — not from the file name, so moving a record to another file does not
    /// re-key its events. Record ids are unique per kind across all files (checked when reading).
    public var commandID: UUID { SeedIdentity.commandID(file: kind, record: record, step: step) }
}

/// Maps the seed records to commands, in dependency order: villages and devices, then items (their review steps
/// included), then tours (which link published items), then listings with their offers and deals (whose source
/// items must be published and licensable).
///
/// The mapping refuses only what it needs itself — a reference it must follow to choose an actor (an item's
/// village, a contribution's kiosk, a listing's items) — with `SEED_REFERENCE`; every other rule is left to the
/// domain, so seed data is held to exactly the rules a curator's input is.
struct SeedPlan {
    var steps: [SeedStep] = []
    private var villageCounty: [String: String] = [:]
    private var deviceCounty: [String: String] = [:]
    private var itemCounty: [String: String] = [:]

    init(_ data: SeedData) throws(SeedError) {
        for entry in data.villages { villageCounty[entry.id] = entry.record.county }
        for entry in data.devices { deviceCounty[entry.id] = entry.record.county }
        for entry in data.villages { addVillage(entry) }
        for entry in data.devices { addDevice(entry) }
        for entry in data.items { try addItem(entry) }
        for entry in data.tours { try addTour(entry) }
        for entry in data.listings { try addListing(entry) }
    }

    /// Appends the steps of one record, numbering them for the clock.
    struct RecordSteps {
        let file: String
        let kind: String
        let record: String
        let phase: SeedClock.Phase
        var steps: [SeedStep] = []

        mutating func add(_ step: String, _ actor: Actor, _ command: DomainCommand) {
            steps.append(SeedStep(
                file: file, kind: kind, record: record, step: step, actor: actor,
                now: SeedClock.at(phase, step: steps.count), command: command))
        }
    }

    private mutating func addVillage(_ entry: SeedData.Entry<SeedRecord.VillageRecord>) {
        let v = entry.record
        var r = RecordSteps(file: entry.file, kind: "village", record: entry.id, phase: .places)
        r.add("register", SeedActors.curator(v.county), .village(.register(Village.Register(
            villageID: v.id, names: v.names, county: v.county, town: v.town, location: v.location))))
        steps += r.steps
    }

    private mutating func addDevice(_ entry: SeedData.Entry<SeedRecord.DeviceRecord>) {
        let d = entry.record
        var r = RecordSteps(file: entry.file, kind: "device", record: entry.id, phase: .places)
        r.add("register", SeedActors.curator(d.county), .device(.register(Device.Register(
            deviceID: d.id, county: d.county, station: d.station,
            credentialFingerprint: SeedIdentity.credentialFingerprint(device: d.id)))))
        steps += r.steps
    }

    func county(ofVillage id: String, file: String, record: String) throws(SeedError) -> String {
        try Self.county(of: id, in: villageCounty, what: "village", source: "villages.json", file: file, record: record)
    }

    func county(ofDevice id: String, file: String, record: String) throws(SeedError) -> String {
        try Self.county(of: id, in: deviceCounty, what: "kiosk", source: "devices.json", file: file, record: record)
    }

    func county(ofItem id: String, file: String, record: String) throws(SeedError) -> String {
        try Self.county(of: id, in: itemCounty, what: "item", source: "items/*.json", file: file, record: record)
    }

    /// The county of a record referred to by id; `SEED_REFERENCE` when the seed does not define it.
    private static func county(
        of id: String, in counties: [String: String], what: String, source: String, file: String, record: String
    ) throws(SeedError) -> String {
        guard let county = counties[id] else {
            throw .malformed(
                file: file, record: record, code: "SEED_REFERENCE",
                message: "SEED_REFERENCE: \(what) '\(id)' is not in \(source)")
        }
        return county
    }

    mutating func noteItem(_ id: String, county: String) { itemCounty[id] = county }
}
