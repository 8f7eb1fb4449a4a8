extension RightsReservation {
    /// The first held grant the proposed one conflicts with, if any.
    public static func conflict(for grant: Grant, in state: State) -> Grant? {
        state.grants.first { $0.dealID != grant.dealID && $0.conflicts(with: grant) }
    }

    /// Decides a reservation command. Reservations are consequences of AcceptOffer and of ending deals, so no
    /// permission is checked here: the listing or deal command that causes them checked it.
    public static func decide(_ command: Command, state: State) throws(DomainError) -> [Event] {
        switch command {
        case .reserve(let itemID, let grant):
            if let held = conflict(for: grant, in: state) {
                let shared = grant.territories.intersection(held.territories).sorted().map(\.code).joined(separator: ", ")
                throw DomainError(
                    ErrorCode.exclusivityConflict, field: "territories",
                    "\(shared) \(held.term) held by deal \(held.dealID) (item \(itemID))")
            }
            return [.grantReserved(GrantReserved(itemID: itemID, grant: grant))]
        case .release(let itemID, let dealID, let reason):
            guard state.grants.contains(where: { $0.dealID == dealID }) else { return [] }
            return [.grantReleased(GrantReleased(itemID: itemID, dealID: dealID, reason: reason))]
        }
    }

    /// Applies an event. Total.
    public static func evolve(_ state: State, _ event: Event) -> State {
        var next = state
        switch event {
        case .grantReserved(let e):
            next.itemID = e.itemID
            next.grants.append(e.grant)
        case .grantReleased(let e):
            next.itemID = e.itemID
            next.grants.removeAll { $0.dealID == e.dealID }
        }
        return next
    }
}
