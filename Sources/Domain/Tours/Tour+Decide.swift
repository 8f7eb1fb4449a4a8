extension Tour {
    /// The streams the command reads besides `tour-<id>`: the village for CreateTourDraft, the item for
    /// LinkStopToItem.
    public static func requirements(for command: Command, context: CommandContext) -> FactRequirements {
        switch command {
        case .createDraft(let c): FactRequirements(villages: [c.villageID])
        case .linkStopToItem(let c): FactRequirements(items: [c.itemID])
        default: .none
        }
    }

    /// Decides a command against the tour's state and the facts named by ``requirements(for:context:)``.
    /// Throws a ``DomainError`` and emits nothing on refusal.
    public static func decide(
        _ command: Command, state: State, context: CommandContext, facts: Facts
    ) throws(DomainError) -> [Event] {
        switch command {
        case .createDraft(let c):
            return try decideCreate(c, state: state, context: context, facts: facts)
        case .startNewDraft:
            let county = try existing(state, command.tourID)
            try context.actor.authorize(.draftTour(county: county))
            guard state.status == .published else {
                throw DomainError(ErrorCode.illegalTransition, field: "status", "\(state.status.rawValue)→draft")
            }
            return [.newDraftStarted(NewDraftStarted(
                tourID: state.id, version: state.version + 1, fromVersion: state.version, author: context.actor.id))]
        case .addStop, .removeStop, .reorderStops, .writeStopScript, .attachStopAudio, .linkStopToItem:
            let county = try existing(state, command.tourID)
            try context.actor.authorize(.draftTour(county: county))
            try requireEditable(state)
            return try decideStopEdit(command, state: state, facts: facts)
        case .submit, .approve, .requestChanges, .publishVersion, .retire:
            return try decideReview(command, state: state, context: context)
        }
    }

    private static func decideCreate(
        _ c: CreateDraft, state: State, context: CommandContext, facts: Facts
    ) throws(DomainError) -> [Event] {
        let id = try Identifier.validated(c.tourID, field: "tourID")
        guard !state.exists else {
            throw DomainError(
                ErrorCode.alreadyExists, field: "tourID", "tour \(id) exists; use StartNewDraft for a new version")
        }
        let village = facts.village(c.villageID)
        guard village.exists, let county = village.county else {
            throw DomainError(ErrorCode.unknownVillage, field: "villageID", "village '\(c.villageID)' is not registered")
        }
        try context.actor.authorize(.draftTour(county: county))
        let title = try c.title.validated(field: "title", requireText: true, requiredCode: ErrorCode.titleRequired, maxLength: 300)
        guard !c.languages.isEmpty else {
            throw DomainError(ErrorCode.fieldRequired, field: "languages", "offer at least one of zh-Hans, yue-Hant, en")
        }
        var languages = Set<LanguageTag>()
        for (index, raw) in c.languages.enumerated() {
            languages.insert(try LanguageTag.parse(raw, field: "languages[\(index)]"))
        }
        return [.draftCreated(DraftCreated(
            tourID: id, villageID: c.villageID, county: county, title: title, languages: languages.sorted(),
            author: context.actor.id))]
    }

    static func existing(_ state: State, _ id: TourID) throws(DomainError) -> CountyCode {
        guard state.exists, let county = state.county else {
            throw DomainError(ErrorCode.notFound, field: "tourID", "tour \(id) does not exist")
        }
        return county
    }

    /// Only a draft can be edited: `PUBLISHED_IMMUTABLE` on a published version, `ILLEGAL_TRANSITION` otherwise.
    private static func requireEditable(_ state: State) throws(DomainError) {
        switch state.status {
        case .draft: return
        case .published:
            throw DomainError(
                ErrorCode.publishedImmutable,
                "version \(state.version) of tour \(state.id) is published; start a new draft to change it")
        case .inReview, .approved:
            throw DomainError(
                ErrorCode.illegalTransition, field: "status",
                "tour \(state.id) is \(state.status.rawValue); request changes before editing")
        case .retired, .nonexistent:
            throw DomainError(ErrorCode.illegalTransition, field: "status", "tour \(state.id) is \(state.status.rawValue)")
        }
    }
}
