extension Tour {
    public struct State: Sendable, Equatable {
        public var status: Status
        public var id: TourID
        public var villageID: VillageID
        public var county: CountyCode?
        public var title: LangMap
        public var languages: Set<LanguageTag>
        /// The stops of the working version (equal to the last published version's while `published`).
        public var stops: [Stop]
        /// The number of the working version: 1 for the first draft, n+1 after StartNewDraft.
        public var version: Int
        /// Who created this version's draft; may not approve it.
        public var author: String
        public var submittedBy: String?
        public var approvedBy: String?
        public var lastChangeRequest: String?
        public var publishedVersions: [Version]
        public var retirementReason: String?

        public static let initial = State(
            status: .nonexistent, id: "", villageID: "", county: nil, title: [:], languages: [], stops: [], version: 0,
            author: "", submittedBy: nil, approvedBy: nil, lastChangeRequest: nil, publishedVersions: [],
            retirementReason: nil)

        public var exists: Bool { status != .nonexistent }

        /// The 1-based position of a stop.
        public func position(of stopID: StopID) -> Int? { stops.firstIndex { $0.stopID == stopID }.map { $0 + 1 } }

        /// Every (position, language) whose script is missing, in stop order then yue-Hant, zh-Hans, en.
        public var missingTranslations: [(position: Int, language: LanguageTag)] {
            stops.enumerated().flatMap { index, stop in
                languages.sorted().filter { stop.scripts[$0] == nil }.map { (index + 1, $0) }
            }
        }
    }
}
