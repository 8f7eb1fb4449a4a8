import Commands
import Domain
import EventLog
import Foundation
import SeedLoader
import TestSupport

/// What the bundled seed must produce, and helpers to check a seeded store by folding its streams through the
/// domain's `evolve` (the same fold the command handler and projections use).
enum SeedExpectations {
    static let villages = 12
    static let devices = 4
    static let items: [ArchiveItem.Status: Int] = [.published: 59, .draft: 9, .submitted: 7, .withdrawn: 1]
    static let tours: [Tour.Status: Int] = [.published: 4, .inReview: 1, .draft: 1]
    static let listings: [Listing.Status: Int] = [.published: 3, .pendingApproval: 1, .paused: 1, .closed: 1, .draft: 1]
    static let deals: [Deal.Status: Int] = [.active: 2, .pendingSignature: 1]
}

/// The seeded log folded into states, one per stream.
struct SeededState {
    var villages: [String: Village.State] = [:]
    var devices: [String: Device.State] = [:]
    var items: [String: ArchiveItem.State] = [:]
    var tours: [String: Tour.State] = [:]
    var listings: [String: Listing.State] = [:]
    var deals: [String: Deal.State] = [:]
    var reservations: [String: RightsReservation.State] = [:]
    var eventCount = 0

    static func read(_ store: any EventStore) async throws -> SeededState {
        let events = try await allEvents(store)
        var byStream: [String: [RecordedEvent]] = [:]
        for event in events { byStream[event.streamID.rawValue, default: []].append(event) }
        var state = SeededState(eventCount: events.count)
        for (stream, events) in byStream {
            let (category, id) = split(stream)
            switch category {
            case "village": state.villages[id] = try AggregateLoader.fold(Village.self, events)
            case "device": state.devices[id] = try AggregateLoader.fold(Device.self, events)
            case "item": state.items[id] = try AggregateLoader.fold(ArchiveItem.self, events)
            case "tour": state.tours[id] = try AggregateLoader.fold(Tour.self, events)
            case "listing": state.listings[id] = try AggregateLoader.fold(Listing.self, events)
            case "deal": state.deals[id] = try AggregateLoader.fold(Deal.self, events)
            case "rights": state.reservations[id] = try AggregateLoader.fold(RightsReservation.self, events)
            default: break
            }
        }
        return state
    }

    static func split(_ stream: String) -> (String, String) {
        guard let dash = stream.firstIndex(of: "-") else { return (stream, "") }
        return (String(stream[..<dash]), String(stream[stream.index(after: dash)...]))
    }

    /// The whole log, once everything appended before the call is readable: on PostgreSQL a reader lags behind
    /// acknowledged appends while an older transaction anywhere in the cluster (another test's) is still open.
    static func allEvents(_ store: any EventStore) async throws -> [RecordedEvent] {
        try await SettledLog.readAll(store)
    }

    func count<S: Hashable>(_ values: some Sequence<S>) -> [S: Int] {
        values.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}

/// A copy of the bundled seed data in a temporary directory, to corrupt one record of.
enum SeedDataCopy {
    static func withCopy<T>(_ body: (URL) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cunshi-seed-\(UUID().uuidString.lowercased())", isDirectory: true)
        try FileManager.default.copyItem(at: try SeedLoader.bundledData, to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }

    /// Rewrites `file` (relative to the copy) with `edit` applied to its records.
    static func edit(_ root: URL, _ file: String, _ edit: (inout [[String: Any]]) -> Void) throws {
        let url = root.appendingPathComponent(file)
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var records = object["records"] as! [[String: Any]]
        edit(&records)
        object["records"] = records
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]).write(to: url)
    }
}
