/// A licensing territory by ISO 3166-1 alpha-2 code: `CN` (mainland), `HK`, `MO` are the common ones.
/// Encodes as the plain code.
public struct Territory: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let code: String

    public init(_ code: String) { self.code = code }

    public static let cn = Territory("CN"), hk = Territory("HK"), mo = Territory("MO")

    /// Returns the territory for `raw` (case-insensitive), or throws `TERRITORY_INVALID`.
    public static func validated(_ raw: String, field: String = "territories") throws(DomainError) -> Territory {
        let code = Text.trimmed(raw).uppercased()
        guard ISO3166.alpha2.contains(code) else {
            let hint = ["CHN": "CN", "HKG": "HK", "MAC": "MO", "UK": "GB", "TWN": "TW"][code].map { " — use '\($0)'" }
                ?? " — use an ISO 3166-1 alpha-2 code such as CN, HK or MO"
            throw DomainError(ErrorCode.territoryInvalid, field: field, "'\(raw)' is not a territory\(hint)")
        }
        return Territory(code)
    }

    /// Validates a non-empty list: `TERRITORY_REQUIRED` when empty.
    public static func validatedSet(_ raw: [String], field: String = "territories") throws(DomainError) -> Set<Territory> {
        guard !raw.isEmpty else {
            throw DomainError(ErrorCode.territoryRequired, field: field, "name at least one territory, e.g. CN, HK or MO")
        }
        var result = Set<Territory>()
        for code in raw { result.insert(try validated(code, field: field)) }
        return result
    }

    public var description: String { code }
    public static func < (lhs: Territory, rhs: Territory) -> Bool { lhs.code < rhs.code }

    public init(from decoder: any Decoder) throws { code = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

/// The officially assigned ISO 3166-1 alpha-2 codes (249).
enum ISO3166 {
    static let alpha2: Set<String> = Set(
        """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY
        BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK
        FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR
        IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK
        ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
        PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF
        TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
