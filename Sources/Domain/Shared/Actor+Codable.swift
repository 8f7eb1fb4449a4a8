/// `{"role": "curator", "id": "chen", "county": "440113"}`; `county` only for curators and kiosks.
extension Actor {
    private enum CodingKeys: String, CodingKey { case role, id, county }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .role)
        let id = try container.decode(String.self, forKey: .id)
        switch name {
        case "admin": role = .admin(id: id)
        case "agent": role = .agent(id: id)
        case "curator": role = .curator(id: id, county: try container.decode(CountyCode.self, forKey: .county))
        case "kiosk": role = .kiosk(deviceID: id, county: try container.decode(CountyCode.self, forKey: .county))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .role, in: container, debugDescription: "unknown role '\(name)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(roleName, forKey: .role)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(county, forKey: .county)
    }
}
