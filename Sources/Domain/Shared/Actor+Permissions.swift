/// What a command asks of its actor. Every decider authorizes before it looks at the input.
public enum Capability: Sendable, Hashable {
    /// Register and revise villages, devices and archive items of a county; draft listings.
    case curate(county: CountyCode)
    /// Review, approve, request changes, publish — people only.
    case review(county: CountyCode)
    /// Contribute an item from a kiosk (a villager's contribution).
    case contribute(county: CountyCode)
    /// Create and edit tour drafts — curators, admins and agents.
    case draftTour(county: CountyCode)
    /// Trade in the IP market on items of these counties — curators of all of them, or an admin.
    case trade(counties: Set<CountyCode>)
}

extension Actor {
    /// Throws unless the actor holds `capability`:
    /// - `FORBIDDEN` when the role may never do it (a kiosk approving, an agent trading, a curator contributing);
    /// - `COUNTY_FORBIDDEN` when a curator or kiosk acts outside their county;
    /// - `AGENT_CANNOT_APPROVE` when an agent tries to review.
    /// A kiosk's device must additionally be checked against its stream (``Device/authorizeKiosk(_:device:)``).
    public func authorize(_ capability: Capability) throws(DomainError) {
        switch (role, capability) {
        case (.admin, _):
            return
        case (.curator(_, let own), .curate(let county)), (.curator(_, let own), .review(let county)),
            (.curator(_, let own), .draftTour(let county)), (.kiosk(_, let own), .contribute(let county)):
            try Actor.requireCounty(own, county, actor: self)
        case (.curator(_, let own), .trade(let counties)):
            for county in counties.sorted() { try Actor.requireCounty(own, county, actor: self) }
        case (.agent, .draftTour):
            return
        case (.agent, .review):
            throw DomainError(
                ErrorCode.agentCannotApprove, "agent \(id) may draft but only a person may review, approve or publish")
        default:
            throw DomainError(ErrorCode.forbidden, "\(roleName) \(id) may not \(capability.verb)")
        }
    }

    /// Throws `SELF_REVIEW` when the actor is one of `authors` (reviewer ≠ author).
    public func requireNotAuthor(_ authors: Set<String>, of thing: String) throws(DomainError) {
        if authors.contains(id) {
            throw DomainError(ErrorCode.selfReview, "\(id) authored \(thing); another person must review it")
        }
    }

    private static func requireCounty(_ own: CountyCode, _ target: CountyCode, actor: Actor) throws(DomainError) {
        guard own == target else {
            throw DomainError(
                ErrorCode.countyForbidden, field: "county",
                "\(actor.roleName) \(actor.id) acts for county \(own), not \(target)")
        }
    }
}

extension Capability {
    var verb: String {
        switch self {
        case .curate(let c): "curate records of county \(c)"
        case .review(let c): "review or publish in county \(c)"
        case .contribute(let c): "contribute items in county \(c) (only kiosks contribute)"
        case .draftTour(let c): "draft tours in county \(c)"
        case .trade: "trade in the IP market"
        }
    }
}
