extension Tour {
    /// Applies an event. Total: never fails. Published versions are only ever appended.
    public static func evolve(_ state: State, _ event: Event) -> State {
        var next = state
        switch event {
        case .draftCreated(let e):
            next = .initial
            next.status = .draft
            next.id = e.tourID
            next.villageID = e.villageID
            next.county = e.county
            next.title = e.title
            next.languages = Set(e.languages)
            next.version = 1
            next.author = e.author
        case .newDraftStarted(let e):
            next.status = .draft
            next.version = e.version
            next.author = e.author
            next.submittedBy = nil
            next.approvedBy = nil
            next.lastChangeRequest = nil
            if let last = state.publishedVersions.last { next.stops = last.stops }
        case .stopAdded(let e):
            let index = min(max(e.position - 1, 0), next.stops.count)
            next.stops.insert(Stop(stopID: e.stopID, title: e.title), at: index)
        case .stopRemoved(let e):
            next.stops.removeAll { $0.stopID == e.stopID }
        case .stopsReordered(let e):
            let byID = Dictionary(next.stops.map { ($0.stopID, $0) }, uniquingKeysWith: { first, _ in first })
            next.stops = e.stopIDs.compactMap { byID[$0] }
        case .stopScriptWritten(let e):
            next.updateStop(e.stopID) { $0.scripts = $0.scripts.merging(LangMap([e.language.rawValue: e.text])) }
        case .stopAudioAttached(let e):
            next.updateStop(e.stopID) { $0.audio[e.language] = e.audio }
        case .stopLinkedToItem(let e):
            next.updateStop(e.stopID) { $0.linkedItems.append(e.itemID) }
        case .submitted(let e):
            next.status = .inReview
            next.submittedBy = e.submittedBy
        case .approved(let e):
            next.status = .approved
            next.approvedBy = e.approvedBy
        case .changesRequested(let e):
            next.status = .draft
            next.lastChangeRequest = e.comment
        case .versionPublished(let e):
            next.status = .published
            next.publishedVersions.append(e.version)
        case .retired(let e):
            next.status = .retired
            next.retirementReason = e.reason
        }
        return next
    }
}

extension Tour.State {
    mutating func updateStop(_ stopID: StopID, _ change: (inout Tour.Stop) -> Void) {
        guard let index = stops.firstIndex(where: { $0.stopID == stopID }) else { return }
        change(&stops[index])
    }
}
