/// A Guangdong county-level division by its 6-digit administrative division code (GB/T 2260), e.g. `440113`
/// Panyu. Dongguan (`441900`) and Zhongshan (`442000`) have no counties and stand for themselves.
///
/// Only codes in ``GuangdongCounties/table`` are accepted; anything else is `UNKNOWN_COUNTY`.
/// Encodes as the plain code string.
public struct CountyCode: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// Wraps a code without checking it (for values read from the log or built in tests).
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Returns the county for `raw`, or throws `UNKNOWN_COUNTY` with a hint.
    public static func validated(_ raw: String, field: String = "county") throws(DomainError) -> CountyCode {
        let code = Text.trimmed(raw)
        guard code.count == 6, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw DomainError(
                ErrorCode.unknownCounty, field: field,
                "'\(raw)' — use the 6-digit administrative division code, e.g. 440113 for Panyu")
        }
        guard code.hasPrefix("44") else {
            throw DomainError(ErrorCode.unknownCounty, field: field, "'\(raw)' is not in Guangdong (codes start with 44)")
        }
        guard GuangdongCounties.table[code] != nil else {
            throw DomainError(
                ErrorCode.unknownCounty, field: field,
                "'\(raw)' is not a Guangdong county-level code (prefecture codes like 440100 are not counties)")
        }
        return CountyCode(code)
    }

    /// The Chinese and English names, when the code is in the table.
    public var names: (zh: String, en: String)? { GuangdongCounties.table[rawValue] }

    public var description: String { rawValue }

    public static func < (lhs: CountyCode, rhs: CountyCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
