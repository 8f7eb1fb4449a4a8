extension Tour {
    /// SubmitTour, ApproveTour, RequestChanges, PublishTourVersion, RetireTour.
    static func decideReview(_ command: Command, state: State, context: CommandContext) throws(DomainError) -> [Event] {
        let county = try existing(state, command.tourID)
        let id = state.id
        switch command {
        case .submit:
            try context.actor.authorize(.draftTour(county: county))
            try requireStatus(state, .draft, to: .inReview)
            guard !state.stops.isEmpty else { throw DomainError(ErrorCode.tourEmpty, "tour \(id) has no stops") }
            let missing = state.missingTranslations
            if let first = missing.first {
                let list = missing.map { "stop \($0.position) \($0.language.rawValue)" }.joined(separator: "; ")
                throw DomainError(
                    ErrorCode.missingTranslation, field: "stops[\(first.position)].scripts.\(first.language.rawValue)", list)
            }
            return [.submitted(Submitted(tourID: id, version: state.version, submittedBy: context.actor.id))]
        case .approve:
            try context.actor.authorize(.review(county: county))
            try context.actor.requireNotAuthor([state.author], of: "tour \(id) v\(state.version)")
            try requireStatus(state, .inReview, to: .approved)
            return [.approved(Approved(tourID: id, version: state.version, approvedBy: context.actor.id))]
        case .requestChanges(let c):
            try context.actor.authorize(.review(county: county))
            try context.actor.requireNotAuthor([state.author], of: "tour \(id) v\(state.version)")
            try requireStatus(state, .inReview, to: .draft)
            let comment = try Text.required(
                c.comment, field: "comment", code: ErrorCode.commentRequired, what: "a comment saying what to change")
            try Text.limit(comment, max: 4000, field: "comment")
            return [.changesRequested(ChangesRequested(
                tourID: id, version: state.version, comment: comment, requestedBy: context.actor.id))]
        case .publishVersion:
            try context.actor.authorize(.review(county: county))
            try requireStatus(state, .approved, to: .published)
            let version = Version(
                number: state.version, title: state.title, languages: state.languages.sorted(), stops: state.stops,
                publishedBy: context.actor.id, publishedAt: context.now)
            return [.versionPublished(VersionPublished(tourID: id, version: version))]
        case .retire(let c):
            try context.actor.authorize(.review(county: county))
            guard state.status != .retired else {
                throw DomainError(ErrorCode.illegalTransition, field: "status", "retired→retired")
            }
            let reason = try Text.required(c.reason, field: "reason", code: ErrorCode.reasonRequired, what: "a reason")
            return [.retired(Retired(tourID: id, reason: reason))]
        default:
            return []
        }
    }

    private static func requireStatus(_ state: State, _ from: Status, to target: Status) throws(DomainError) {
        guard state.status == from else {
            throw DomainError(ErrorCode.illegalTransition, field: "status", "\(state.status.rawValue)→\(target.rawValue)")
        }
    }
}
