/// The rights of an item: a URI on the list (``RightsURI``), the rights holder (`dcterms:rightsHolder`) and the
/// attribution line shown with every reproduction (IIIF `requiredStatement`, the credit line on kiosk cards).
///
/// A command carries raw text; call ``validated(field:)`` in the decider: `RIGHTS_URI_INVALID` for a URI that
/// is not on the list, `FIELD_REQUIRED` (field `rights.holder` / `rights.attribution`) for a blank holder or line.
public struct Rights: Sendable, Hashable, Codable {
    public let uri: String
    public let holder: String
    public let attribution: String

    public init(uri: String, holder: String, attribution: String) {
        self.uri = uri
        self.holder = holder
        self.attribution = attribution
    }

    /// The parsed URI (always succeeds on validated rights).
    public var parsedURI: RightsURI? { try? RightsURI.parse(uri) }

    /// Whether the item may be offered in the IP market (see ``RightsURI/isLicensable``).
    public var isLicensable: Bool { parsedURI?.isLicensable ?? false }

    public func validated(field: String = "rights") throws(DomainError) -> Rights {
        let parsed = try RightsURI.parse(uri, field: "\(field).uri")
        let holder = try Text.required(holder, field: "\(field).holder", what: "the rights holder")
        let attribution = try Text.required(attribution, field: "\(field).attribution", what: "the attribution line")
        try Text.limit(attribution, max: 500, field: "\(field).attribution")
        return Rights(uri: parsed.uri, holder: holder, attribution: attribution)
    }
}
