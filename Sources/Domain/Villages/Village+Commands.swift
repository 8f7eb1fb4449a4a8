extension Village {
    /// Commands on a village. None needs facts from other streams.
    public enum Command: Sendable, Equatable {
        /// Curator of the county or admin. `ALREADY_EXISTS`, `UNKNOWN_COUNTY`, `FIELD_REQUIRED` (names, town),
        /// `BAD_LANG_TAG`, `BAD_COORDINATES`.
        case register(Register)
        /// Curator of the village's county or admin. `NOT_FOUND`, `FIELD_REQUIRED` when nothing is revised.
        case revise(Revise)

        public var villageID: VillageID {
            switch self {
            case .register(let c): c.villageID
            case .revise(let c): c.villageID
            }
        }

        public var streamID: String { Village.streamID(for: villageID) }
    }

    public struct Register: Sendable, Equatable, Codable {
        public var villageID: VillageID
        public var names: LangMap
        /// Raw 6-digit county code.
        public var county: String
        public var town: LangMap
        public var location: Coordinates

        public init(villageID: VillageID, names: LangMap, county: String, town: LangMap, location: Coordinates) {
            self.villageID = villageID
            self.names = names
            self.county = county
            self.town = town
            self.location = location
        }
    }

    /// Fields left `nil` are unchanged; given maps replace the stored ones whole.
    public struct Revise: Sendable, Equatable, Codable {
        public var villageID: VillageID
        public var names: LangMap?
        public var town: LangMap?
        public var location: Coordinates?

        public init(villageID: VillageID, names: LangMap? = nil, town: LangMap? = nil, location: Coordinates? = nil) {
            self.villageID = villageID
            self.names = names
            self.town = town
            self.location = location
        }
    }
}
