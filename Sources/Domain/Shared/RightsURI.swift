/// A rights URI: one of the 12 RightsStatements.org statements, a Creative Commons licence (4.0, 3.0, 2.0),
/// CC0 or the Public Domain Mark. Matching is exact (scheme `http` for rightsstatements.org, `https` for
/// creativecommons.org, trailing slash required), as Europeana and DPLA require.
public enum RightsURI: Sendable, Hashable {
    case statement(String)
    case creativeCommons(licence: String, version: String)
    case cc0
    case publicDomainMark

    public static let statementCodes = [
        "InC", "InC-OW-EU", "InC-EDU", "InC-NC", "InC-RUU", "NoC-CR", "NoC-NC", "NoC-OKLR", "NoC-US", "CNE", "UND", "NKC",
    ]
    public static let ccLicences = ["by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd"]
    public static let ccVersions = ["4.0", "3.0", "2.0"]

    /// Every accepted URI (12 statements, 18 CC licences, CC0, PDM).
    public static let allURIs: [String] =
        statementCodes.map { "http://rightsstatements.org/vocab/\($0)/1.0/" }
        + ccLicences.flatMap { l in ccVersions.map { "https://creativecommons.org/licenses/\(l)/\($0)/" } }
        + ["https://creativecommons.org/publicdomain/zero/1.0/", "https://creativecommons.org/publicdomain/mark/1.0/"]

    /// Every accepted URI, as stored (exact text), with its parse: ``parse(_:field:)`` of stored rights (on every
    /// event a rights audit or the market folds, through ``Rights/parsedURI``) is one lookup.
    static let parsedByURI: [String: RightsURI] = Dictionary(
        uniqueKeysWithValues: allURIs.compactMap { uri in (try? parseText(uri)).map { (uri, $0) } })

    /// Parses a URI on the list, or throws `RIGHTS_URI_INVALID` with a hint.
    public static func parse(_ raw: String, field: String = "rights.uri") throws(DomainError) -> RightsURI {
        if let listed = parsedByURI[raw] { return listed }
        return try parseText(raw, field: field)
    }

    /// The parse itself (``parse(_:field:)`` without the table of listed URIs).
    static func parseText(_ raw: String, field: String = "rights.uri") throws(DomainError) -> RightsURI {
        let uri = Text.trimmed(raw)
        let rs = "http://rightsstatements.org/vocab/", cc = "https://creativecommons.org/licenses/"
        if uri.hasPrefix(rs), uri.hasSuffix("/1.0/") {
            let code = String(uri.dropFirst(rs.count).dropLast("/1.0/".count))
            if statementCodes.contains(code) { return .statement(code) }
        }
        if uri.hasPrefix(cc), uri.hasSuffix("/") {
            let parts = uri.dropFirst(cc.count).dropLast().split(separator: "/").map(String.init)
            if parts.count == 2, ccLicences.contains(parts[0]), ccVersions.contains(parts[1]) {
                return .creativeCommons(licence: parts[0], version: parts[1])
            }
        }
        if uri == "https://creativecommons.org/publicdomain/zero/1.0/" { return .cc0 }
        if uri == "https://creativecommons.org/publicdomain/mark/1.0/" { return .publicDomainMark }
        throw DomainError(ErrorCode.rightsURIInvalid, field: field, "'\(raw)' — \(hint(for: uri))")
    }

    static func hint(for uri: String) -> String {
        let lower = uri.lowercased()
        if lower.contains("rightsstatements.org"), !lower.hasPrefix("http://rightsstatements.org/vocab/") {
            return "use the vocabulary URI, e.g. http://rightsstatements.org/vocab/InC/1.0/"
        }
        if lower.contains("creativecommons.org"), lower.hasPrefix("http://") {
            return "use https:// for Creative Commons URIs"
        }
        if lower.contains("creativecommons.org") || lower.contains("rightsstatements.org"), !lower.hasSuffix("/") {
            return "the URI ends with '/', e.g. https://creativecommons.org/licenses/by/4.0/"
        }
        if lower.hasPrefix("cc") || lower.contains("by-") {
            return "give the full URI, e.g. https://creativecommons.org/licenses/by-nc/4.0/"
        }
        return "use one of the 12 RightsStatements.org URIs or a Creative Commons licence, CC0 or PDM URI"
    }

    /// The canonical URI.
    public var uri: String {
        switch self {
        case .statement(let code): "http://rightsstatements.org/vocab/\(code)/1.0/"
        case .creativeCommons(let licence, let version): "https://creativecommons.org/licenses/\(licence)/\(version)/"
        case .cc0: "https://creativecommons.org/publicdomain/zero/1.0/"
        case .publicDomainMark: "https://creativecommons.org/publicdomain/mark/1.0/"
        }
    }

    /// Whether the rights holder can grant licences for the item in the IP market: the item is in copyright and
    /// the holder is known and reachable (`InC`, `InC-EDU`, `InC-NC`). Openly licensed, public-domain, orphan,
    /// unlocatable-holder and undetermined items cannot be licensed (exclusively or otherwise) by the platform.
    public var isLicensable: Bool {
        if case .statement(let code) = self { return ["InC", "InC-EDU", "InC-NC"].contains(code) }
        return false
    }

    /// Whether the rights audit should flag the statement (copyright not evaluated / undetermined).
    public var needsAudit: Bool {
        if case .statement(let code) = self { return code == "CNE" || code == "UND" }
        return false
    }
}
