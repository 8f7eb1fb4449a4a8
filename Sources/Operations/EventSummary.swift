import Domain
import EventLog
import Projections

/// One line saying what an event did, for `cunshi replay`. Domain events are read through ``DomainEvent``; an
/// event of another type is named by its type, and one that cannot be read says why (the replay goes on).
public enum EventSummary {
    public static func text(_ event: RecordedEvent) -> String {
        let decoded: DomainEvent?
        do {
            decoded = try DomainEvent.decode(event)
        } catch {
            return "cannot be read: \(error)"
        }
        guard let decoded else { return "(not a domain event)" }
        switch decoded {
        case .item(let e): return ItemHistoryProjection.summary(e)
        case .village(let e): return village(e)
        case .device(let e): return device(e)
        case .tour(let e): return tour(e)
        case .listing(let e): return listing(e)
        case .deal(let e): return deal(e)
        case .reservation(let e): return reservation(e)
        }
    }

    static func title(_ map: LangMap) -> String { map.preferred([.zhHans, .yueHant, .en])?.1 ?? "" }

    static func village(_ event: Village.Event) -> String {
        switch event {
        case .registered(let e): "registered: \(title(e.names)) (county \(e.county.rawValue))"
        case .revised(let e): "revised\(e.names.map { ": \(title($0))" } ?? "")"
        }
    }

    static func device(_ event: Device.Event) -> String {
        switch event {
        case .registered(let e): "kiosk registered at \(e.station) (county \(e.county.rawValue))"
        case .credentialRotated: "credential rotated"
        case .revoked(let e): "revoked: \(e.reason)"
        }
    }

    static func tour(_ event: Tour.Event) -> String {
        switch event {
        case .draftCreated(let e): "draft created: \(title(e.title)) by \(e.author)"
        case .newDraftStarted(let e): "draft v\(e.version) started from v\(e.fromVersion) by \(e.author)"
        case .stopAdded(let e): "stop \(e.stopID) added at \(e.position): \(title(e.title))"
        case .stopRemoved(let e): "stop \(e.stopID) removed"
        case .stopsReordered(let e): "stops reordered: \(e.stopIDs.joined(separator: ", "))"
        case .stopScriptWritten(let e): "script of stop \(e.stopID) written in \(e.language.rawValue)"
        case .stopAudioAttached(let e): "audio of stop \(e.stopID) attached in \(e.language.rawValue)"
        case .stopLinkedToItem(let e): "stop \(e.stopID) linked to item \(e.itemID)"
        case .submitted(let e): "v\(e.version) submitted by \(e.submittedBy)"
        case .approved(let e): "v\(e.version) approved by \(e.approvedBy)"
        case .changesRequested(let e): "changes requested on v\(e.version) by \(e.requestedBy): \(e.comment)"
        case .versionPublished(let e): "v\(e.version.number) published: \(title(e.version.title)), \(e.version.stops.count) stops"
        case .retired(let e): "retired: \(e.reason)"
        }
    }

    static func listing(_ event: Listing.Event) -> String {
        switch event {
        case .drafted(let e): "drafted: \(title(e.title)), \(e.sourceItems.count) items, by \(e.author)"
        case .submitted: "submitted for approval"
        case .published(let e): "published, approved by \(e.approvedBy)"
        case .paused: "paused"
        case .resumed: "resumed"
        case .closed(let e): "closed\(e.reason.map { ": \($0)" } ?? "")"
        case .offerMade(let e): "offer \(e.offerID) by \(e.buyer): \(e.terms.price)"
        case .offerCountered(let e): "offer \(e.offerID) countered: \(e.terms.price)"
        case .offerWithdrawn(let e): "offer \(e.offerID) withdrawn"
        case .offerRejected(let e): "offer \(e.offerID) rejected"
        case .offerExpired(let e): "offer \(e.offerID) expired"
        case .offerAccepted(let e): "offer \(e.offerID) accepted: deal \(e.dealID)"
        }
    }

    static func deal(_ event: Deal.Event) -> String {
        switch event {
        case .created(let e): "created for \(e.licensee): \(e.terms.price), \(e.terms.term)"
        case .signed(let e): "signed by \(e.signatory)"
        case .activated: "activated"
        case .paymentRecorded(let e): "payment \(e.paymentID): \(e.amount)"
        case .terminated(let e): "terminated: \(e.reason)"
        case .expired: "expired"
        }
    }

    static func reservation(_ event: RightsReservation.Event) -> String {
        switch event {
        case .grantReserved(let e): "grant reserved for deal \(e.grant.dealID)"
        case .grantReleased(let e): "grant of deal \(e.dealID) released: \(e.reason)"
        }
    }
}
