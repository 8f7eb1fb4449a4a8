extension Deal {
    /// Decides a command against the deal's state. Throws a ``DomainError`` and emits nothing on refusal.
    /// When the events end the deal (DealTerminated, DealExpired), the handler also appends
    /// ``reservationReleases(for:events:)`` to the `rights-<item>` streams in the same append.
    public static func decide(_ command: Command, state: State, context: CommandContext) throws(DomainError) -> [Event] {
        guard state.exists, let terms = state.terms else {
            throw DomainError(ErrorCode.notFound, field: "dealID", "deal \(command.dealID) does not exist")
        }
        try context.actor.authorize(.trade(counties: state.counties))
        let id = state.id
        switch command {
        case .sign(let c):
            try requireStatus(state, [.pendingSignature], to: .active)
            let signatory = try Text.required(c.signatory, field: "signatory", what: "the signatory's name")
            guard state.signatures[c.party] == nil else {
                throw DomainError(ErrorCode.alreadySigned, field: "party", "the \(c.party.rawValue) has already signed deal \(id)")
            }
            var events: [Event] = [.signed(Signed(dealID: id, party: c.party, signatory: signatory, signedAt: context.now))]
            if Set(state.signatures.keys).union([c.party]).count == Party.allCases.count {
                events.append(.activated(Activated(dealID: id, activatedAt: context.now)))
            }
            return events
        case .activate:
            try requireStatus(state, [.pendingSignature], to: .active)
            try requireSignatures(state)
            return [.activated(Activated(dealID: id, activatedAt: context.now))]
        case .recordPayment(let c):
            if state.status == .pendingSignature { try requireSignatures(state) }
            try requireStatus(state, [.active], to: .active)
            let paymentID = try Identifier.validated(c.paymentID, field: "paymentID")
            guard state.payments[paymentID] == nil else {
                throw DomainError(ErrorCode.alreadyExists, field: "paymentID", "payment \(paymentID) is already recorded")
            }
            guard c.amount.currency == terms.price.currency else {
                throw DomainError(
                    ErrorCode.currencyMismatch, field: "amount.currency",
                    "deal \(id) is in \(terms.price.currency.rawValue), not \(c.amount.currency.rawValue)")
            }
            let amount = try c.amount.validatedPositive(field: "amount")
            return [.paymentRecorded(PaymentRecorded(dealID: id, paymentID: paymentID, amount: amount, recordedAt: context.now))]
        case .terminate(let c):
            try requireStatus(state, [.pendingSignature, .active], to: .terminated)
            let reason = try Text.required(c.reason, field: "reason", code: ErrorCode.reasonRequired, what: "a reason")
            return [.terminated(Terminated(dealID: id, reason: reason, terminatedAt: context.now))]
        case .expire:
            try requireStatus(state, [.pendingSignature, .active], to: .expired)
            guard context.today > terms.term.end else {
                throw DomainError(ErrorCode.termNotEnded, field: "dealID", "deal \(id) runs until \(terms.term.end)")
            }
            return [.expired(Expired(dealID: id, expiredAt: context.now))]
        }
    }

    private static func requireSignatures(_ state: State) throws(DomainError) {
        let missing = Party.allCases.filter { state.signatures[$0] == nil }.map(\.rawValue)
        guard missing.isEmpty else {
            throw DomainError(
                ErrorCode.signatureMissing, field: "signatures",
                "deal \(state.id) still needs the signature of the \(missing.joined(separator: " and the "))")
        }
    }

    private static func requireStatus(_ state: State, _ allowed: Set<Status>, to target: Status) throws(DomainError) {
        guard allowed.contains(state.status) else {
            throw DomainError(ErrorCode.illegalTransition, field: "status", "\(state.status.rawValue)→\(target.rawValue)")
        }
    }

    /// The GrantReleased events, per source item, that must accompany events ending the deal
    /// (DealTerminated, DealExpired); empty for other events. Append each to `rights-<itemID>`.
    public static func reservationReleases(for state: State, events: [Event]) -> [ItemID: [RightsReservation.Event]] {
        let reason: String? = events.lazy.compactMap { event -> String? in
            switch event {
            case .terminated(let e): "deal \(e.dealID) terminated: \(e.reason)"
            case .expired(let e): "deal \(e.dealID) expired"
            default: nil
            }
        }.first
        guard let reason else { return [:] }
        var result: [ItemID: [RightsReservation.Event]] = [:]
        for itemID in state.sourceItems {
            result[itemID] = [.grantReleased(RightsReservation.GrantReleased(itemID: itemID, dealID: state.id, reason: reason))]
        }
        return result
    }

    /// Applies an event. Total.
    public static func evolve(_ state: State, _ event: Event) -> State {
        var next = state
        switch event {
        case .created(let e):
            next = State(
                status: .pendingSignature, id: e.dealID, listingID: e.listingID, offerID: e.offerID,
                sourceItems: e.sourceItems, counties: Set(e.counties), licensors: e.licensors, licensee: e.licensee,
                terms: e.terms, signatures: [:], payments: [:], endReason: nil)
        case .signed(let e): next.signatures[e.party] = e.signatory
        case .activated: next.status = .active
        case .paymentRecorded(let e): next.payments[e.paymentID] = e.amount
        case .terminated(let e):
            next.status = .terminated
            next.endReason = e.reason
        case .expired:
            next.status = .expired
            next.endReason = "term ended"
        }
        return next
    }
}
