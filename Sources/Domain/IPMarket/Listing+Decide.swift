extension Listing {
    /// The streams the command reads besides `listing-<id>`: every source item for DraftListing.
    public static func requirements(for command: Command, context: CommandContext) -> FactRequirements {
        if case .draft(let c) = command { return FactRequirements(items: c.sourceItems) }
        return .none
    }

    /// Decides a command against the listing's state and the facts named by ``requirements(for:context:)``.
    /// Throws a ``DomainError`` and emits nothing on refusal.
    public static func decide(
        _ command: Command, state: State, context: CommandContext, facts: Facts
    ) throws(DomainError) -> [Event] {
        if case .draft(let c) = command { return try decideDraft(c, state: state, context: context, facts: facts) }
        guard state.exists else {
            throw DomainError(ErrorCode.notFound, field: "listingID", "listing \(command.listingID) does not exist")
        }
        let id = state.id
        switch command {
        case .submit:
            try context.actor.authorize(.trade(counties: state.counties))
            try transition(state, from: [.draft], to: .pendingApproval)
            return [.submitted(ListingEventRef(listingID: id))]
        case .approve:
            for county in state.counties.sorted() { try context.actor.authorize(.review(county: county)) }
            try context.actor.authorize(.trade(counties: state.counties))
            try context.actor.requireNotAuthor([state.author], of: "listing \(id)")
            try transition(state, from: [.pendingApproval], to: .published)
            return [.published(Published(listingID: id, approvedBy: context.actor.id))]
        case .pause:
            try context.actor.authorize(.trade(counties: state.counties))
            try transition(state, from: [.published], to: .paused)
            return [.paused(ListingEventRef(listingID: id))]
        case .resume:
            try context.actor.authorize(.trade(counties: state.counties))
            try transition(state, from: [.paused], to: .published)
            return [.resumed(ListingEventRef(listingID: id))]
        case .close(let c):
            try context.actor.authorize(.trade(counties: state.counties))
            try transition(state, from: [.published, .paused], to: .closed)
            let reason = c.reason.map(Text.trimmed).flatMap { $0.isEmpty ? nil : $0 }
            return [.closed(Closed(listingID: id, reason: reason))]
        case .makeOffer, .counterOffer, .withdrawOffer, .rejectOffer, .expireOffer:
            try context.actor.authorize(.trade(counties: state.counties))
            return try decideOffer(command, state: state, context: context)
        case .draft:
            return []
        }
    }

    private static func decideDraft(
        _ c: Draft, state: State, context: CommandContext, facts: Facts
    ) throws(DomainError) -> [Event] {
        let id = try Identifier.validated(c.listingID, field: "listingID")
        guard !state.exists else { throw DomainError(ErrorCode.alreadyExists, field: "listingID", "listing \(id) exists") }
        guard !c.sourceItems.isEmpty else {
            throw DomainError(ErrorCode.fieldRequired, field: "sourceItems", "name at least one published archive item")
        }
        let items = Array(Set(c.sourceItems)).sorted()
        var notLicensable: [String] = []
        for itemID in items where !facts.item(itemID).isLicensable {
            notLicensable.append("\(itemID) (\(reason(facts.item(itemID))))")
        }
        guard notLicensable.isEmpty else {
            throw DomainError(ErrorCode.sourceNotLicensable, field: "sourceItems", notLicensable.joined(separator: "; "))
        }
        let counties = Set(items.compactMap { facts.item($0).county })
        try context.actor.authorize(.trade(counties: counties))
        let title = try c.title.validated(field: "title", requireText: true, requiredCode: ErrorCode.titleRequired, maxLength: 300)
        let terms = try validated(c.terms, exclusive: c.exclusive, field: "terms")
        let holders = Array(Set(items.compactMap { facts.item($0).rights?.holder })).sorted()
        return [.drafted(Drafted(
            listingID: id, title: title, sourceItems: items, counties: counties.sorted(), rightsHolders: holders,
            terms: terms, author: context.actor.id))]
    }

    private static func reason(_ item: ArchiveItem.State) -> String {
        if !item.exists { return "does not exist" }
        if item.status != .published { return "is \(item.status.rawValue), not published" }
        if !(item.rights?.isLicensable ?? false) { return "rights \(item.rights?.uri ?? "none") do not allow licensing" }
        return "no consent for commercial use"
    }

    /// Validates raw terms: `USES_REQUIRED`, `TERRITORY_REQUIRED`/`TERRITORY_INVALID`, `BAD_DATE`, `AMOUNT_INVALID`.
    static func validated(_ input: TermsInput, exclusive: Bool, field: String) throws(DomainError) -> Terms {
        guard !input.uses.isEmpty else {
            throw DomainError(
                ErrorCode.usesRequired, field: "\(field).uses",
                "name the permitted uses: reproduce, distribute, display, derive, merchandise")
        }
        let territories = try Territory.validatedSet(input.territories, field: "\(field).territories")
        let term = try DateRange.parse(start: input.termStart, end: input.termEnd, field: "\(field).term")
        let price = try input.price.validatedPositive(field: "\(field).price")
        return Terms(uses: Set(input.uses), territories: territories, term: term, exclusive: exclusive, price: price)
    }

    private static func transition(_ state: State, from: Set<Status>, to target: Status) throws(DomainError) {
        guard from.contains(state.status) else {
            throw DomainError(ErrorCode.illegalTransition, field: "status", "\(state.status.rawValue)→\(target.rawValue)")
        }
    }
}
