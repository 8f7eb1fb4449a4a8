/// A village (行政村 or 自然村): names, county, town and location. Stream `village-<id>`.
///
/// Lifecycle: does not exist → registered (RegisterVillage) → revised any number of times (ReviseVillage).
/// Villages are never deleted: archive items and tours refer to them.
public enum Village {
    public static func streamID(for id: VillageID) -> String { "village-\(id)" }

    public struct State: Sendable, Equatable {
        public enum Status: String, Sendable, Equatable { case nonexistent, registered }
        public var status: Status
        public var id: VillageID
        public var names: LangMap
        /// The county; `nil` while the village does not exist.
        public var county: CountyCode?
        public var town: LangMap
        public var location: Coordinates?

        /// The state of a village that does not exist yet.
        public static let initial = State(status: .nonexistent, id: "", names: [:], county: nil, town: [:], location: nil)

        public var exists: Bool { status == .registered }
    }
}
