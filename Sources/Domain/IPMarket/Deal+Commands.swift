extension Deal {
    /// Commands on a deal, by admins or curators of every county of its source items. None needs facts.
    public enum Command: Sendable, Equatable {
        /// pendingSignature only; `ALREADY_SIGNED`, `FIELD_REQUIRED` (signatory). The second signature also
        /// emits DealActivated.
        case sign(Sign)
        /// Activates a deal both parties signed; `SIGNATURE_MISSING` names the party still to sign.
        case activate(DealRef)
        /// Active deals only (`SIGNATURE_MISSING` while pending); `CURRENCY_MISMATCH`, `AMOUNT_INVALID`,
        /// `ALREADY_EXISTS` (payment id).
        case recordPayment(RecordPayment)
        /// pendingSignature | active → terminated; `REASON_REQUIRED`.
        case terminate(Terminate)
        /// → expired once today (China Standard Time) is after the term's end (`TERM_NOT_ENDED`).
        case expire(DealRef)

        public var dealID: DealID {
            switch self {
            case .sign(let c): c.dealID
            case .activate(let c), .expire(let c): c.dealID
            case .recordPayment(let c): c.dealID
            case .terminate(let c): c.dealID
            }
        }

        public var streamID: String { Deal.streamID(for: dealID) }
    }

    public struct DealRef: Sendable, Equatable, Codable {
        public var dealID: DealID
        public init(dealID: DealID) { self.dealID = dealID }
    }

    public struct Sign: Sendable, Equatable, Codable {
        public var dealID: DealID
        public var party: Party
        /// The person signing for the party.
        public var signatory: String
        public init(dealID: DealID, party: Party, signatory: String) {
            self.dealID = dealID
            self.party = party
            self.signatory = signatory
        }
    }

    public struct RecordPayment: Sendable, Equatable, Codable {
        public var dealID: DealID
        public var paymentID: PaymentID
        public var amount: Money
        public init(dealID: DealID, paymentID: PaymentID, amount: Money) {
            self.dealID = dealID
            self.paymentID = paymentID
            self.amount = amount
        }
    }

    public struct Terminate: Sendable, Equatable, Codable {
        public var dealID: DealID
        public var reason: String
        public init(dealID: DealID, reason: String) {
            self.dealID = dealID
            self.reason = reason
        }
    }
}
