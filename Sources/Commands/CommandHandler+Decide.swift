import Domain
import EventLog

extension CommandHandler {
    /// Loads what the command needs and decides it. See ``handle(_:)``.
    func decide(_ request: CommandRequest) async throws(CommandError) -> Decision {
        let context = request.context
        switch request.command {
        case .village(let command):
            return try await decideSingle(Village.self, request, facts: .none, county: \.county) { state, _ throws(DomainError) in
                try Village.decide(command, state: state, context: context)
            }
        case .device(let command):
            return try await decideSingle(Device.self, request, facts: .none, county: \.county) { state, _ throws(DomainError) in
                try Device.decide(command, state: state, context: context)
            }
        case .item(let command):
            let facts = ArchiveItem.requirements(for: command, context: context)
            return try await decideSingle(ArchiveItem.self, request, facts: facts, county: \.county) { state, facts throws(DomainError) in
                try ArchiveItem.decide(command, state: state, context: context, facts: facts)
            }
        case .tour(let command):
            let facts = Tour.requirements(for: command, context: context)
            return try await decideSingle(Tour.self, request, facts: facts, county: \.county) { state, facts throws(DomainError) in
                try Tour.decide(command, state: state, context: context, facts: facts)
            }
        case .listing(let command):
            let facts = Listing.requirements(for: command, context: context)
            return try await decideSingle(Listing.self, request, facts: facts, county: { $0.counties.min() }) {
                state, facts throws(DomainError) in
                try Listing.decide(command, state: state, context: context, facts: facts)
            }
        case .acceptOffer(let command):
            return try await decideAcceptOffer(command, request)
        case .deal(let command):
            return try await decideDeal(command, request)
        }
    }

    /// Loads the target stream, answers a repeated command, checks the client's expected version.
    /// `nil` target state means "already applied" (the outcome is returned in the second element).
    func loadTarget<A: EventSourcedAggregate>(
        _ aggregate: A.Type, _ request: CommandRequest, companions: (A.State) -> [StreamID] = { _ in [] }
    ) async throws(CommandError) -> Result<LoadedAggregate<A>, AlreadyApplied> {
        let stream = try AggregateLoader.streamID(request.command.targetStream, field: request.command.targetField)
        let target = try await loader.load(aggregate, stream: stream)
        if let outcome = try await replayedOutcome(of: request, target: target.events, companions: companions(target.state)) {
            return .failure(AlreadyApplied(outcome: outcome))
        }
        try Self.checkExpectedVersion(request, stream: stream, version: target.version)
        return .success(target)
    }

    /// A command on one stream: load it and its facts, decide, and write the events to it, stamped with the
    /// county of the state they lead to.
    private func decideSingle<A: EventSourcedAggregate>(
        _ aggregate: A.Type, _ request: CommandRequest, facts requirements: FactRequirements,
        county: (A.State) -> CountyCode?,
        decide: (A.State, Facts) throws(DomainError) -> [A.Event]
    ) async throws(CommandError) -> Decision {
        let target: LoadedAggregate<A>
        switch try await loadTarget(aggregate, request) {
        case .failure(let applied): return .alreadyApplied(applied.outcome)
        case .success(let loaded): target = loaded
        }
        let facts = try await loadFacts(requirements)
        let events: [A.Event]
        do throws(DomainError) { events = try decide(target.state, facts) } catch { throw .rejected(error) }
        let after = events.reduce(target.state, A.evolve)
        return .write([try StreamWrite(target.streamID, expected: target.expected, events: events, county: county(after))])
    }

    /// Loads the streams a decider reads besides its own. Absent streams load as the initial state.
    func loadFacts(_ requirements: FactRequirements) async throws(CommandError) -> Facts {
        var facts = Facts()
        for id in requirements.villages { facts.villages[id] = try await loader.load(Village.self, id: id).state }
        for id in requirements.devices { facts.devices[id] = try await loader.load(Device.self, id: id).state }
        for id in requirements.items { facts.items[id] = try await loader.load(ArchiveItem.self, id: id).state }
        return facts
    }

    /// The county of each item's `rights-<item>` events: the listing's or deal's only county, or, when it spans
    /// several, each item's own.
    func counties(of items: [ItemID], within counties: Set<CountyCode>) async throws(CommandError) -> [ItemID: CountyCode] {
        var result: [ItemID: CountyCode] = [:]
        for item in items {
            if counties.count == 1 { result[item] = counties.first } else {
                result[item] = try await loader.load(ArchiveItem.self, id: item).state.county ?? counties.min()
            }
        }
        return result
    }
}

/// The outcome of a command whose events were already appended (carried through `Result`).
struct AlreadyApplied: Error {
    var outcome: CommandOutcome
}
