extension Device {
    /// Decides a command against the device's state. Throws a ``DomainError`` and emits nothing on refusal.
    public static func decide(_ command: Command, state: State, context: CommandContext) throws(DomainError) -> [Event] {
        switch command {
        case .register(let c):
            let id = try Identifier.validated(c.deviceID, field: "deviceID")
            guard !state.exists else {
                throw DomainError(ErrorCode.alreadyExists, field: "deviceID", "device \(id) is already registered")
            }
            let county = try CountyCode.validated(c.county)
            try context.actor.authorize(.curate(county: county))
            let station = try Text.required(c.station, field: "station", what: "the station name")
            try Text.limit(station, max: 200, field: "station")
            let fingerprint = try validatedFingerprint(c.credentialFingerprint)
            return [.registered(Registered(deviceID: id, county: county, station: station, credentialFingerprint: fingerprint))]
        case .rotateCredential(let c):
            try requireUsable(state, id: c.deviceID, context: context)
            let fingerprint = try validatedFingerprint(c.credentialFingerprint)
            return [.credentialRotated(CredentialRotated(deviceID: state.id, credentialFingerprint: fingerprint))]
        case .revoke(let c):
            try requireUsable(state, id: c.deviceID, context: context)
            let reason = try Text.required(c.reason, field: "reason", code: ErrorCode.reasonRequired, what: "a reason")
            return [.revoked(Revoked(deviceID: state.id, reason: reason, revokedAt: context.now))]
        }
    }

    private static func requireUsable(_ state: State, id: DeviceID, context: CommandContext) throws(DomainError) {
        guard state.exists, let county = state.county else {
            throw DomainError(ErrorCode.notFound, field: "deviceID", "device \(id) is not registered")
        }
        try context.actor.authorize(.curate(county: county))
        guard state.status != .revoked else {
            throw DomainError(ErrorCode.deviceRevoked, field: "deviceID", "device \(id) is revoked; register a new one")
        }
    }

    /// `sha256:` followed by 64 lowercase hex digits, so a plain credential can never be stored by mistake.
    static func validatedFingerprint(_ raw: String) throws(DomainError) -> String {
        let hex = raw.hasPrefix("sha256:") ? String(raw.dropFirst(7)) : ""
        guard ArchiveItem.isSHA256Hex(hex) else {
            throw DomainError(
                ErrorCode.credentialFingerprintInvalid, field: "credentialFingerprint",
                "give 'sha256:' and the 64 lowercase hex digits of the credential's hash, never the credential")
        }
        return raw
    }

    /// Applies an event. Total.
    public static func evolve(_ state: State, _ event: Event) -> State {
        var next = state
        switch event {
        case .registered(let e):
            next = State(
                status: .active, id: e.deviceID, county: e.county, station: e.station,
                credentialFingerprint: e.credentialFingerprint, revokedAt: nil, revocationReason: nil)
        case .credentialRotated(let e):
            next.credentialFingerprint = e.credentialFingerprint
        case .revoked(let e):
            next.status = .revoked
            next.revokedAt = e.revokedAt
            next.revocationReason = e.reason
        }
        return next
    }
}
