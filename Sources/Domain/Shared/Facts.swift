/// States of other aggregates that a decision depends on. The command handler loads the streams that
/// ``FactRequirements`` names for the command (each aggregate's `requirements(for:state:context:)`) and passes
/// them here. A missing entry means "that stream has no events" (the thing does not exist).
///
/// Facts are read without a lock: the handler appends only to the command's own stream (and, for AcceptOffer,
/// to the reservation streams it decided against, with their expected versions).
public struct Facts: Sendable, Equatable {
    public var villages: [VillageID: Village.State]
    public var devices: [DeviceID: Device.State]
    public var items: [ItemID: ArchiveItem.State]

    public init(
        villages: [VillageID: Village.State] = [:], devices: [DeviceID: Device.State] = [:],
        items: [ItemID: ArchiveItem.State] = [:]
    ) {
        self.villages = villages
        self.devices = devices
        self.items = items
    }

    /// No facts: for commands whose requirements are empty.
    public static let none = Facts()

    public func village(_ id: VillageID) -> Village.State { villages[id] ?? .initial }
    public func device(_ id: DeviceID) -> Device.State { devices[id] ?? .initial }
    public func item(_ id: ItemID) -> ArchiveItem.State { items[id] ?? .initial }
}

/// The streams a command's decision reads besides its own.
public struct FactRequirements: Sendable, Equatable {
    public var villages: [VillageID] = []
    public var devices: [DeviceID] = []
    public var items: [ItemID] = []

    public init(villages: [VillageID] = [], devices: [DeviceID] = [], items: [ItemID] = []) {
        self.villages = villages
        self.devices = devices
        self.items = items
    }

    public static let none = FactRequirements()

    /// The stream names to load, e.g. `["village-xiaozhou", "device-K-7"]`.
    public var streamIDs: [String] {
        villages.map(Village.streamID(for:)) + devices.map(Device.streamID(for:)) + items.map(ArchiveItem.streamID(for:))
    }

    /// The device stream of a kiosk actor, which every kiosk command needs.
    static func kiosk(_ context: CommandContext) -> [DeviceID] {
        if case .kiosk(let deviceID, _) = context.actor.role { return [deviceID] }
        return []
    }
}
