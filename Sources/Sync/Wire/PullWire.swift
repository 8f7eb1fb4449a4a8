import EventLog
import Foundation

/// `POST /v1/sync/pull`: the county's events after `cursor`, in the hub's order. The county is the device's, from
/// the hub's record of it — there is no county parameter.
public struct PullRequest: Codable, Sendable {
    /// A ``LogCursor`` token (`"0.0"` for the start).
    public var cursor: String
    public var maxEvents: Int
    public var maxBytes: Int

    public init(cursor: String, maxEvents: Int = PullLimits.defaultEvents, maxBytes: Int = PullLimits.defaultBytes) {
        self.cursor = cursor
        self.maxEvents = maxEvents
        self.maxBytes = maxBytes
    }
}

public enum PullLimits {
    public static let defaultEvents = 5_000
    public static let maxEvents = 10_000
    public static let defaultBytes = 8 * 1024 * 1024
    public static let maxBytes = 32 * 1024 * 1024
}

public struct PullResponse: Codable, Sendable {
    public var epoch: String
    public var county: String
    public var events: [WireEvent]
    /// Where the next pull resumes (the last event's cursor, or the request's when empty).
    public var next: String
    /// Whether more events may follow right away (the batch was cut by count or bytes).
    public var more: Bool
    public var hubTime: Int64

    public init(epoch: String, county: String, events: [WireEvent], next: String, more: Bool, hubTime: Int64) {
        self.epoch = epoch
        self.county = county
        self.events = events
        self.next = next
        self.more = more
        self.hubTime = hubTime
    }
}

/// `GET /v1/sync/hello`: who the hub thinks the device is, and where it stands.
public struct HelloResponse: Codable, Sendable {
    public var deviceID: String
    public var county: String
    public var epoch: String
    public var hwm: Int64
    public var hubTime: Int64
    public var clock: HybridTimestamp
    public var protocolVersion: Int

    public init(deviceID: String, county: String, epoch: String, hwm: Int64, hubTime: Int64, clock: HybridTimestamp, protocolVersion: Int) {
        self.deviceID = deviceID
        self.county = county
        self.epoch = epoch
        self.hwm = hwm
        self.hubTime = hubTime
        self.clock = clock
        self.protocolVersion = protocolVersion
    }
}
