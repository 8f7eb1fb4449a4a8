/// The licence grants held on one source item, across all listings. Stream `rights-<itemID>`.
///
/// This is the exclusivity invariant's consistency boundary: AcceptOffer decides against the reservation of
/// every source item and appends a GrantReserved to each of those streams with its expected version, in the
/// same atomic multi-stream append as OfferAccepted and DealCreated. Two accepts racing on different listings
/// of the same item thus conflict at the store, and the loser is re-decided against the winner's grant.
///
/// Overlap: two grants overlap when they share at least one territory AND their terms share at least one day.
/// An exclusive grant may overlap no other grant; a non-exclusive grant may overlap other non-exclusive ones.
/// A terminated or expired deal releases its grants (GrantReleased, appended by the handler alongside
/// DealTerminated / DealExpired: see ``Deal/reservationReleases(for:events:)``).
public enum RightsReservation {
    public static func streamID(for itemID: ItemID) -> String { "rights-\(itemID)" }

    public struct Grant: Sendable, Hashable, Codable {
        public var dealID: DealID
        public var listingID: ListingID
        public var territories: Set<Territory>
        public var term: DateRange
        public var exclusive: Bool

        public init(dealID: DealID, listingID: ListingID, territories: Set<Territory>, term: DateRange, exclusive: Bool) {
            self.dealID = dealID
            self.listingID = listingID
            self.territories = territories
            self.term = term
            self.exclusive = exclusive
        }

        /// Whether the two grants cannot coexist: shared territory, intersecting terms, one of them exclusive.
        public func conflicts(with other: Grant) -> Bool {
            (exclusive || other.exclusive) && !territories.isDisjoint(with: other.territories) && term.intersects(other.term)
        }
    }

    public struct State: Sendable, Equatable {
        public var itemID: ItemID
        /// Grants currently held, in the order they were reserved.
        public var grants: [Grant]

        /// No grant has been reserved on the item.
        public static let initial = State(itemID: "", grants: [])
    }

    public enum Command: Sendable, Equatable {
        /// `EXCLUSIVITY_CONFLICT: HK 2026–2028 held by deal D-17` when the grant conflicts with a held one.
        case reserve(itemID: ItemID, grant: Grant)
        /// Releases the deal's grant; a no-op (no events) when the deal holds none on this item.
        case release(itemID: ItemID, dealID: DealID, reason: String)
    }

    public enum Event: Sendable, Equatable {
        case grantReserved(GrantReserved)
        case grantReleased(GrantReleased)
    }

    public struct GrantReserved: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var grant: Grant
    }

    public struct GrantReleased: Sendable, Equatable, Codable {
        public var itemID: ItemID
        public var dealID: DealID
        public var reason: String
    }
}
