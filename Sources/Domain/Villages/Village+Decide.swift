extension Village {
    /// Decides a command against the village's state. Throws a ``DomainError`` and emits nothing on refusal.
    public static func decide(_ command: Command, state: State, context: CommandContext) throws(DomainError) -> [Event] {
        switch command {
        case .register(let c):
            let id = try Identifier.validated(c.villageID, field: "villageID")
            guard !state.exists else {
                throw DomainError(ErrorCode.alreadyExists, field: "villageID", "village \(id) is already registered")
            }
            let county = try CountyCode.validated(c.county)
            try context.actor.authorize(.curate(county: county))
            let names = try c.names.validated(field: "names", requireText: true, maxLength: 200)
            let town = try c.town.validated(field: "town", requireText: true, maxLength: 200)
            let location = try c.location.validated()
            return [.registered(Registered(villageID: id, names: names, county: county, town: town, location: location))]
        case .revise(let c):
            guard state.exists, let county = state.county else {
                throw DomainError(ErrorCode.notFound, field: "villageID", "village \(c.villageID) is not registered")
            }
            try context.actor.authorize(.curate(county: county))
            guard c.names != nil || c.town != nil || c.location != nil else {
                throw DomainError(ErrorCode.fieldRequired, "nothing to revise: give names, town or location")
            }
            let names = try c.names?.validated(field: "names", requireText: true, maxLength: 200)
            let town = try c.town?.validated(field: "town", requireText: true, maxLength: 200)
            let location = try c.location?.validated()
            return [.revised(Revised(villageID: state.id, names: names, town: town, location: location))]
        }
    }

    /// Applies an event. Total: never fails, so replaying the log always succeeds.
    public static func evolve(_ state: State, _ event: Event) -> State {
        var next = state
        switch event {
        case .registered(let e):
            next = State(
                status: .registered, id: e.villageID, names: e.names, county: e.county, town: e.town, location: e.location)
        case .revised(let e):
            if let names = e.names { next.names = names }
            if let town = e.town { next.town = town }
            if let location = e.location { next.location = location }
        }
        return next
    }
}
