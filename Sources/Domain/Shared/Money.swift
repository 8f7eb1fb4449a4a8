/// The currencies the market trades in.
public enum Currency: String, Sendable, Hashable, Codable, CaseIterable {
    case cny = "CNY"
    case hkd = "HKD"
    case mop = "MOP"
}

/// An amount in minor units (fen, cents, avos: 1/100) of a currency. Encodes as
/// `{"amountMinor": 1250000, "currency": "HKD"}`.
public struct Money: Sendable, Hashable, Codable, CustomStringConvertible {
    public let amountMinor: Int64
    public let currency: Currency

    public init(amountMinor: Int64, currency: Currency) {
        self.amountMinor = amountMinor
        self.currency = currency
    }

    /// Throws `AMOUNT_INVALID` unless the amount is greater than zero.
    public func validatedPositive(field: String) throws(DomainError) -> Money {
        guard amountMinor > 0 else {
            throw DomainError(ErrorCode.amountInvalid, field: field, "amount must be greater than 0 (got \(self))")
        }
        return self
    }

    public var description: String {
        let sign = amountMinor < 0 ? "-" : ""
        let a = amountMinor.magnitude
        let cents = a % 100
        return "\(sign)\(a / 100).\(cents < 10 ? "0" : "")\(cents) \(currency.rawValue)"
    }
}
