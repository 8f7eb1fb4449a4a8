extension Village {
    public enum Event: Sendable, Equatable {
        case registered(Registered)
        case revised(Revised)
    }

    public struct Registered: Sendable, Equatable, Codable {
        public var villageID: VillageID
        public var names: LangMap
        public var county: CountyCode
        public var town: LangMap
        public var location: Coordinates
    }

    public struct Revised: Sendable, Equatable, Codable {
        public var villageID: VillageID
        public var names: LangMap?
        public var town: LangMap?
        public var location: Coordinates?
    }
}
