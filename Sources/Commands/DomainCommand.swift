import Domain

/// Every command of the domain, tagged by aggregate.
///
/// AcceptOffer is its own case because it spans streams: it is decided against the listing, the reservation
/// stream of every source item and the (absent) deal, and appended to all of them atomically.
public enum DomainCommand: Sendable, Equatable {
    case village(Village.Command)
    case device(Device.Command)
    case item(ArchiveItem.Command)
    case tour(Tour.Command)
    case listing(Listing.Command)
    case acceptOffer(Listing.AcceptOffer)
    case deal(Deal.Command)

    /// The stream the command is decided against and whose version `CommandRequest.expectedVersion` names,
    /// e.g. `item-I-1` (`listing-<id>` for AcceptOffer).
    public var targetStream: String {
        switch self {
        case .village(let c): c.streamID
        case .device(let c): c.streamID
        case .item(let c): c.streamID
        case .tour(let c): c.streamID
        case .listing(let c): c.streamID
        case .acceptOffer(let c): Listing.streamID(for: c.listingID)
        case .deal(let c): c.streamID
        }
    }

    /// The field of the command that names the target (for errors about an unusable id).
    var targetField: String {
        switch self {
        case .village: "villageID"
        case .device: "deviceID"
        case .item: "itemID"
        case .tour: "tourID"
        case .listing, .acceptOffer: "listingID"
        case .deal: "dealID"
        }
    }
}
