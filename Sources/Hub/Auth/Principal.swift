import Domain

/// An authenticated caller of the hub.
///
/// - `staff`/`agent` principals come from a bearer JWT (``StaffTokens``): their role and county are the token's.
/// - `kiosk` principals come from a device credential (``DeviceCredentials``): their county is the one the hub
///   recorded for the device when it was registered, never a request parameter (SYNC.md).
public struct Principal: Sendable, Hashable, CustomStringConvertible {
    public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
        case admin, curator, kiosk, agent
    }

    public var role: Role
    /// The user id (`sub`) or the device id.
    public var id: String
    /// The county of a curator or kiosk.
    public var county: CountyCode?

    public init(role: Role, id: String, county: CountyCode? = nil) {
        self.role = role
        self.id = id
        self.county = county
    }

    /// The domain actor that commands issued by this principal carry.
    public var actor: Actor {
        switch role {
        case .admin: .admin(id)
        case .curator: .curator(id, county: county ?? CountyCode(""))
        case .kiosk: .kiosk(id, county: county ?? CountyCode(""))
        case .agent: .agent(id)
        }
    }

    public var description: String { "\(role.rawValue) \(id)" + (county.map { " (\($0))" } ?? "") }
}
