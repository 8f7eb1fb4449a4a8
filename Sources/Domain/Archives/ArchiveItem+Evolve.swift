extension ArchiveItem {
    /// Applies an event. Total: never fails, so replaying the log always succeeds.
    public static func evolve(_ state: State, _ event: Event) -> State {
        var next = state
        switch event {
        case .registered(let e):
            next = .initial
            next.status = .draft
            next.id = e.itemID
            next.villageID = e.villageID
            next.county = e.county
            next.kind = e.kind
            next.description = e.description
            next.depictsPeople = e.depictsPeople
            next.ich = e.ich
            next.registeredBy = e.registeredBy
        case .contributed(let e):
            next = .initial
            next.status = .submitted
            next.id = e.itemID
            next.villageID = e.villageID
            next.county = e.county
            next.kind = e.kind
            next.description = e.description
            next.depictsPeople = e.depictsPeople
            next.ich = e.ich
            next.registeredBy = e.deviceID
            next.contributorName = e.contributorName
            next.visitorNote = e.visitorNote
            next.media = e.media
        case .descriptionRevised(let e): next.description = e.description
        case .mediaAttached(let e): next.media.append(e.media)
        case .provenanceRecorded(let e): next.provenance.append(e.entry)
        case .rightsAssigned(let e): next.rights = e.rights
        case .consentRecorded(let e): next.consents.append(e.consent)
        case .submittedForReview(let e):
            next.status = .submitted
            next.submittedBy = e.submittedBy
        case .published(let e):
            next.status = .published
            next.publishedBy = e.publishedBy
            next.publishedAt = e.publishedAt
        case .withdrawn(let e):
            next.status = .withdrawn
            next.withdrawalReason = e.reason
        }
        return next
    }
}
