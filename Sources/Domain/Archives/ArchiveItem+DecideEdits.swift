extension ArchiveItem {
    /// ReviseDescription, AttachMedia, RecordProvenance, AssignRights, RecordConsent: admin or curator of the
    /// item's county; refused on a withdrawn item.
    static func decideEdit(_ command: Command, state: State, context: CommandContext) throws(DomainError) -> [Event] {
        let county = try existing(state, command.itemID)
        try context.actor.authorize(.curate(county: county))
        guard state.status != .withdrawn else {
            throw DomainError(ErrorCode.illegalTransition, "item \(state.id) is withdrawn; it can no longer be edited")
        }
        let id = state.id
        switch command {
        case .reviseDescription(let c):
            return [.descriptionRevised(DescriptionRevised(itemID: id, description: try c.description.validated()))]
        case .attachMedia(let c):
            let media = try c.media.validated()
            guard !state.media.contains(where: { $0.mediaID == media.mediaID }) else {
                throw DomainError(ErrorCode.alreadyExists, field: "media.mediaID", "media \(media.mediaID) is already attached")
            }
            return [.mediaAttached(MediaAttached(itemID: id, media: media))]
        case .recordProvenance(let c):
            return [.provenanceRecorded(ProvenanceRecorded(itemID: id, entry: try validated(c.entry, context: context)))]
        case .assignRights(let c):
            return [.rightsAssigned(RightsAssigned(itemID: id, rights: try c.rights.validated()))]
        case .recordConsent(let c):
            guard state.requiresConsent else {
                throw DomainError(
                    ErrorCode.consentNotApplicable, "consent is recorded for oral histories and photos of people only")
            }
            return [.consentRecorded(ConsentRecorded(itemID: id, consent: try validated(c.consent, context: context)))]
        default:
            return []
        }
    }

    private static func validated(_ entry: ProvenanceEntry, context: CommandContext) throws(DomainError) -> ProvenanceEntry {
        let agent = try Text.required(entry.agent, field: "entry.agent", what: "who held or made the item")
        try Text.limit(agent, max: 300, field: "entry.agent")
        guard let kind = entry.kind else {
            let kinds = ProvenanceEntry.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError(ErrorCode.fieldRequired, field: "entry.kind", "the kind of provenance is required: \(kinds)")
        }
        let date = try entry.date?.validated(field: "entry.date")
        try date?.requireNotAfter(context.today, field: "entry.date")
        let note = entry.note.map(Text.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        if let note { try Text.limit(note, max: 4000, field: "entry.note") }
        return ProvenanceEntry(agent: agent, kind: kind, date: date, note: note)
    }

    private static func validated(_ consent: Consent, context: CommandContext) throws(DomainError) -> Consent {
        let subject = try Text.required(consent.subject, field: "consent.subject", what: "the interviewee or person shown")
        guard !consent.scopes.isEmpty else {
            throw DomainError(
                ErrorCode.consentScopeRequired, field: "consent.scopes",
                "name what the consent covers: archive, kiosk and/or commercial")
        }
        let givenOn = try consent.givenOn?.validated(field: "consent.givenOn")
        try givenOn?.requireNotAfter(context.today, field: "consent.givenOn")
        let evidence = consent.evidence.map(Text.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        return Consent(subject: subject, scopes: consent.scopes, givenOn: givenOn, evidence: evidence)
    }
}
