import Foundation

/// A licence agreed by accepting an offer. Stream `deal-<id>`; created only by AcceptOffer.
///
/// Lifecycle: `pendingSignature` (DealCreated) → `active` (DealActivated, emitted with the second party's
/// DealSigned) → `expired` (ExpireDeal once the term has ended) | `terminated` (TerminateDeal with a reason).
/// A pending deal may also be terminated, or expire unsigned. Ending a deal releases its reservation grants.
public enum Deal {
    public static func streamID(for id: DealID) -> String { "deal-\(id)" }

    public enum Status: String, Sendable, Hashable, Codable {
        case nonexistent, pendingSignature, active, expired, terminated
    }

    public enum Party: String, Sendable, Hashable, Codable, CaseIterable {
        case licensor, licensee
    }

    public struct State: Sendable, Equatable {
        public var status: Status
        public var id: DealID
        public var listingID: ListingID
        public var offerID: OfferID
        public var sourceItems: [ItemID]
        public var counties: Set<CountyCode>
        public var licensors: [String]
        public var licensee: String
        public var terms: Listing.Terms?
        public var signatures: [Party: String]
        public var payments: [PaymentID: Money]
        public var endReason: String?

        public static let initial = State(
            status: .nonexistent, id: "", listingID: "", offerID: "", sourceItems: [], counties: [], licensors: [],
            licensee: "", terms: nil, signatures: [:], payments: [:], endReason: nil)

        public var exists: Bool { status != .nonexistent }

        /// The sum of recorded payments in the deal's currency (minor units).
        public var paidMinor: Int64 { payments.values.reduce(0) { $0 + $1.amountMinor } }
    }
}

extension Deal.Party: CodingKeyRepresentable {}
