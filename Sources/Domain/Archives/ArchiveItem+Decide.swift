extension ArchiveItem {
    /// The streams the command reads besides `item-<id>`: the village for RegisterItem and ContributeItem, the
    /// kiosk's device for every command a kiosk issues.
    public static func requirements(for command: Command, context: CommandContext) -> FactRequirements {
        switch command {
        case .register(let c): FactRequirements(villages: [c.villageID], devices: FactRequirements.kiosk(context))
        case .contribute(let c): FactRequirements(villages: [c.villageID], devices: FactRequirements.kiosk(context))
        default: FactRequirements(devices: FactRequirements.kiosk(context))
        }
    }

    /// Decides a command against the item's state and the facts named by ``requirements(for:context:)``.
    /// Throws a ``DomainError`` and emits nothing on refusal.
    public static func decide(
        _ command: Command, state: State, context: CommandContext, facts: Facts
    ) throws(DomainError) -> [Event] {
        if case .kiosk(let deviceID, _) = context.actor.role {
            try Device.authorizeKiosk(context.actor, device: facts.device(deviceID))
        }
        switch command {
        case .register(let c): return try decideRegister(c, state: state, context: context, facts: facts)
        case .contribute(let c): return try decideContribute(c, state: state, context: context, facts: facts)
        case .reviseDescription, .attachMedia, .recordProvenance, .assignRights, .recordConsent:
            return try decideEdit(command, state: state, context: context)
        case .submitForReview, .publish, .withdraw:
            return try decideReview(command, state: state, context: context)
        }
    }

    private static func decideRegister(
        _ c: Register, state: State, context: CommandContext, facts: Facts
    ) throws(DomainError) -> [Event] {
        let (id, county) = try newItem(c.itemID, villageID: c.villageID, state: state, facts: facts)
        try context.actor.authorize(.curate(county: county))
        let description = try c.description.validated()
        let ich = try classification(c.kind, domain: c.ichDomain, category: c.ichCategory)
        return [.registered(Registered(
            itemID: id, villageID: c.villageID, county: county, kind: c.kind, description: description,
            depictsPeople: c.depictsPeople, ich: ich, registeredBy: context.actor.id))]
    }

    private static func decideContribute(
        _ c: Contribute, state: State, context: CommandContext, facts: Facts
    ) throws(DomainError) -> [Event] {
        let (id, county) = try newItem(c.itemID, villageID: c.villageID, state: state, facts: facts)
        try context.actor.authorize(.contribute(county: county))
        let description = try c.description.validated()
        let ich = try classification(c.kind, domain: c.ichDomain, category: c.ichCategory)
        let note = c.visitorNote.map(Text.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        if let note { try Text.limit(note, max: 4000, field: "visitorNote") }
        let name = c.contributorName.map(Text.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        if let name { try Text.limit(name, max: 200, field: "contributorName") }
        var media: [MediaFile] = []
        for (index, file) in c.media.enumerated() {
            let valid = try file.validated(field: "media[\(index)]")
            guard !media.contains(where: { $0.mediaID == valid.mediaID }) else {
                throw DomainError(ErrorCode.alreadyExists, field: "media[\(index)].mediaID", "media \(valid.mediaID) is listed twice")
            }
            media.append(valid)
        }
        return [.contributed(Contributed(
            itemID: id, villageID: c.villageID, county: county, kind: c.kind, description: description,
            depictsPeople: c.depictsPeople, ich: ich, deviceID: context.actor.id, contributorName: name,
            visitorNote: note, media: media))]
    }

    /// Checks the id is free and the village exists; returns the id and the village's county.
    private static func newItem(
        _ rawID: ItemID, villageID: VillageID, state: State, facts: Facts
    ) throws(DomainError) -> (ItemID, CountyCode) {
        let id = try Identifier.validated(rawID, field: "itemID")
        guard !state.exists else { throw DomainError(ErrorCode.alreadyExists, field: "itemID", "item \(id) already exists") }
        let village = facts.village(villageID)
        guard village.exists, let county = village.county else {
            throw DomainError(ErrorCode.unknownVillage, field: "villageID", "village '\(villageID)' is not registered")
        }
        return (id, county)
    }

    private static func classification(
        _ kind: Kind, domain: String?, category: String?
    ) throws(DomainError) -> ICHClassification? {
        if kind == .ichElement { return try ICHClassification.parse(domain: domain, category: category) }
        if Text.isBlank(domain) && Text.isBlank(category) { return nil }
        return try ICHClassification.parse(domain: domain, category: category)
    }

    /// Throws `NOT_FOUND` unless the item exists; returns its county.
    static func existing(_ state: State, _ id: ItemID) throws(DomainError) -> CountyCode {
        guard state.exists, let county = state.county else {
            throw DomainError(ErrorCode.notFound, field: "itemID", "item \(id) does not exist")
        }
        return county
    }
}
