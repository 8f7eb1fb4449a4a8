extension ArchiveItem {
    /// SubmitForReview, PublishItem, WithdrawItem.
    static func decideReview(_ command: Command, state: State, context: CommandContext) throws(DomainError) -> [Event] {
        let county = try existing(state, command.itemID)
        switch command {
        case .submitForReview:
            try context.actor.authorize(.curate(county: county))
            try requireStatus(state, [.draft], to: .submitted)
            try requireNoBlockers(state)
            return [.submittedForReview(SubmittedForReview(itemID: state.id, submittedBy: context.actor.id))]
        case .publish:
            try context.actor.authorize(.review(county: county))
            try context.actor.requireNotAuthor(state.authors, of: "item \(state.id)")
            try requireStatus(state, [.submitted], to: .published)
            try requireNoBlockers(state)
            return [.published(Published(itemID: state.id, publishedBy: context.actor.id, publishedAt: context.now))]
        case .withdraw(let c):
            try context.actor.authorize(.curate(county: county))
            try requireStatus(state, [.draft, .submitted, .published], to: .withdrawn)
            let reason = try Text.required(c.reason, field: "reason", code: ErrorCode.reasonRequired, what: "a reason")
            try Text.limit(reason, max: 2000, field: "reason")
            return [.withdrawn(Withdrawn(itemID: state.id, reason: reason, withdrawnBy: context.actor.id))]
        default:
            return []
        }
    }

    private static func requireStatus(_ state: State, _ allowed: Set<Status>, to target: Status) throws(DomainError) {
        guard allowed.contains(state.status) else {
            throw DomainError(ErrorCode.illegalTransition, field: "status", "\(state.status.rawValue)→\(target.rawValue)")
        }
    }

    /// `PUBLISH_BLOCKED: missing [rights, media, consent]`, listing exactly what is missing.
    private static func requireNoBlockers(_ state: State) throws(DomainError) {
        let missing = state.publicationBlockers
        guard missing.isEmpty else {
            throw DomainError(ErrorCode.publishBlocked, "missing [\(missing.joined(separator: ", "))]")
        }
    }
}
