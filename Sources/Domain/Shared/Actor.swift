/// Who issues a command. The command handler builds it from the authenticated principal; the domain decides
/// what each role may do (see ``Actor/authorize(_:)``) and the event metadata records it.
///
/// Roles:
/// - `admin(id)`: may do everything, in every county.
/// - `curator(id, county)`: curates, reviews and trades in their own county only (`COUNTY_FORBIDDEN` elsewhere).
/// - `kiosk(deviceID, county)`: a registered device at a county station; may only contribute items in its
///   county, and only while its device is not revoked (`DEVICE_REVOKED`).
/// - `agent(id)`: an LLM tour-guide agent; may draft tours (in any county) and nothing else; never approves,
///   requests changes or publishes (`AGENT_CANNOT_APPROVE`).
public struct Actor: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Role: Sendable, Hashable {
        case admin(id: String)
        case curator(id: String, county: CountyCode)
        case kiosk(deviceID: DeviceID, county: CountyCode)
        case agent(id: String)
    }

    public let role: Role

    public init(role: Role) { self.role = role }

    public static func admin(_ id: String) -> Actor { Actor(role: .admin(id: id)) }
    public static func curator(_ id: String, county: CountyCode) -> Actor { Actor(role: .curator(id: id, county: county)) }
    public static func kiosk(_ deviceID: DeviceID, county: CountyCode) -> Actor {
        Actor(role: .kiosk(deviceID: deviceID, county: county))
    }
    public static func agent(_ id: String) -> Actor { Actor(role: .agent(id: id)) }

    /// The principal's id (the device id for a kiosk). Authorship and "reviewer ≠ author" compare this.
    public var id: String {
        switch role {
        case .admin(let id), .curator(let id, _), .agent(let id): id
        case .kiosk(let deviceID, _): deviceID
        }
    }

    /// The county the actor is bound to (curators and kiosks).
    public var county: CountyCode? {
        switch role {
        case .curator(_, let county), .kiosk(_, let county): county
        case .admin, .agent: nil
        }
    }

    /// Whether a person issues the command: admins and curators. Kiosks (devices, whatever villager stands at
    /// them) and agents are not people for the purpose of reviewing, approving and publishing.
    public var isHuman: Bool {
        switch role {
        case .admin, .curator: true
        case .kiosk, .agent: false
        }
    }

    /// `admin`, `curator`, `kiosk` or `agent`.
    public var roleName: String {
        switch role {
        case .admin: "admin"
        case .curator: "curator"
        case .kiosk: "kiosk"
        case .agent: "agent"
        }
    }

    public var description: String { "\(roleName) \(id)" + (county.map { " (\($0))" } ?? "") }
}
