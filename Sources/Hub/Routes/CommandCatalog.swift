import Commands
import Domain
import Foundation

/// One command endpoint: `POST /v1/commands/<aggregate>/<name>` with the command's JSON as the body.
public struct CommandEndpoint: Sendable {
    /// A decoded command, and the credential to hand back once (device registration and rotation).
    public struct Prepared: Sendable {
        public var command: DomainCommand
        public var credential: String?
    }

    public var aggregate: String
    public var name: String
    public var operationID: String
    public var roles: Set<Principal.Role>
    /// Decodes the body strictly (see ``StrictJSON``) into the command.
    public var decode: @Sendable (Data) throws(APIError) -> Prepared

    public var path: String { "/v1/commands/\(aggregate)/\(name)" }
}

/// Every command of DOMAIN.md as an endpoint. The body of each is the command's `Codable` struct of `Domain`
/// (e.g. `Village.Register` for `village/register`), except device registration and rotation, whose credential
/// the hub makes (the body carries no fingerprint; the response carries the credential, once).
///
/// Who may call: staff (admins, curators — the domain then checks the county) for everything, kiosks only
/// `item/contribute` (their county is checked by the domain against the village's), agents nothing (their keys
/// are read-only).
public enum CommandCatalog {
    static let staff: Set<Principal.Role> = [.admin, .curator]

    /// `{deviceID, county, station}`: the hub issues the credential.
    public struct DeviceRegistration: Codable, Sendable {
        public var deviceID: DeviceID
        public var county: String
        public var station: String

        public init(deviceID: DeviceID, county: String, station: String) {
            self.deviceID = deviceID
            self.county = county
            self.station = station
        }
    }

    /// `{deviceID}`: the hub issues a new credential.
    public struct DeviceRotation: Codable, Sendable {
        public var deviceID: DeviceID

        public init(deviceID: DeviceID) { self.deviceID = deviceID }
    }

    static func endpoint<Body: Codable & Sendable>(
        _ aggregate: String, _ name: String, _ operationID: String, _ body: Body.Type, roles: Set<Principal.Role> = staff,
        _ make: @escaping @Sendable (Body) -> DomainCommand
    ) -> CommandEndpoint {
        CommandEndpoint(aggregate: aggregate, name: name, operationID: operationID, roles: roles) { (data: Data) throws(APIError) in
            CommandEndpoint.Prepared(command: make(try StrictJSON.decode(Body.self, from: data)), credential: nil)
        }
    }

    public static let all: [CommandEndpoint] = villages + devices + items + tours + listings + deals

    static let villages: [CommandEndpoint] = [
        endpoint("village", "register", "registerVillage", Village.Register.self) { .village(.register($0)) },
        endpoint("village", "revise", "reviseVillage", Village.Revise.self) { .village(.revise($0)) },
    ]

    static let devices: [CommandEndpoint] = [
        CommandEndpoint(aggregate: "device", name: "register", operationID: "registerDevice", roles: staff) { (data: Data) throws(APIError) in
            let body = try StrictJSON.decode(DeviceRegistration.self, from: data)
            let issued = DeviceCredentials.issue(deviceID: body.deviceID)
            return .init(
                command: .device(.register(Device.Register(
                    deviceID: body.deviceID, county: body.county, station: body.station, credentialFingerprint: issued.fingerprint))),
                credential: issued.credential)
        },
        CommandEndpoint(aggregate: "device", name: "rotate-credential", operationID: "rotateDeviceCredential", roles: staff) { (data: Data) throws(APIError) in
            let body = try StrictJSON.decode(DeviceRotation.self, from: data)
            let issued = DeviceCredentials.issue(deviceID: body.deviceID)
            return .init(
                command: .device(.rotateCredential(Device.RotateCredential(deviceID: body.deviceID, credentialFingerprint: issued.fingerprint))),
                credential: issued.credential)
        },
        endpoint("device", "revoke", "revokeDevice", Device.Revoke.self) { .device(.revoke($0)) },
    ]

    static let items: [CommandEndpoint] = [
        endpoint("item", "register", "registerItem", ArchiveItem.Register.self) { .item(.register($0)) },
        endpoint("item", "contribute", "contributeItem", ArchiveItem.Contribute.self, roles: [.admin, .kiosk]) { .item(.contribute($0)) },
        endpoint("item", "revise-description", "reviseItemDescription", ArchiveItem.ReviseDescription.self) { .item(.reviseDescription($0)) },
        endpoint("item", "attach-media", "attachItemMedia", ArchiveItem.AttachMedia.self) { .item(.attachMedia($0)) },
        endpoint("item", "record-provenance", "recordItemProvenance", ArchiveItem.RecordProvenance.self) { .item(.recordProvenance($0)) },
        endpoint("item", "assign-rights", "assignItemRights", ArchiveItem.AssignRights.self) { .item(.assignRights($0)) },
        endpoint("item", "record-consent", "recordItemConsent", ArchiveItem.RecordConsent.self) { .item(.recordConsent($0)) },
        endpoint("item", "submit-for-review", "submitItemForReview", ArchiveItem.ItemRef.self) { .item(.submitForReview($0)) },
        endpoint("item", "publish", "publishItem", ArchiveItem.ItemRef.self) { .item(.publish($0)) },
        endpoint("item", "withdraw", "withdrawItem", ArchiveItem.Withdraw.self) { .item(.withdraw($0)) },
    ]

    static let tours: [CommandEndpoint] = [
        endpoint("tour", "create-draft", "createTourDraft", Tour.CreateDraft.self) { .tour(.createDraft($0)) },
        endpoint("tour", "start-new-draft", "startNewTourDraft", Tour.TourRef.self) { .tour(.startNewDraft($0)) },
        endpoint("tour", "add-stop", "addTourStop", Tour.AddStop.self) { .tour(.addStop($0)) },
        endpoint("tour", "remove-stop", "removeTourStop", Tour.StopRef.self) { .tour(.removeStop($0)) },
        endpoint("tour", "reorder-stops", "reorderTourStops", Tour.ReorderStops.self) { .tour(.reorderStops($0)) },
        endpoint("tour", "write-stop-script", "writeTourStopScript", Tour.WriteStopScript.self) { .tour(.writeStopScript($0)) },
        endpoint("tour", "attach-stop-audio", "attachTourStopAudio", Tour.AttachStopAudio.self) { .tour(.attachStopAudio($0)) },
        endpoint("tour", "link-stop-to-item", "linkTourStopToItem", Tour.LinkStopToItem.self) { .tour(.linkStopToItem($0)) },
        endpoint("tour", "submit", "submitTour", Tour.TourRef.self) { .tour(.submit($0)) },
        endpoint("tour", "approve", "approveTour", Tour.TourRef.self) { .tour(.approve($0)) },
        endpoint("tour", "request-changes", "requestTourChanges", Tour.RequestChanges.self) { .tour(.requestChanges($0)) },
        endpoint("tour", "publish-version", "publishTourVersion", Tour.TourRef.self) { .tour(.publishVersion($0)) },
        endpoint("tour", "retire", "retireTour", Tour.Retire.self) { .tour(.retire($0)) },
    ]

    static let listings: [CommandEndpoint] = [
        endpoint("listing", "draft", "draftListing", Listing.Draft.self) { .listing(.draft($0)) },
        endpoint("listing", "submit", "submitListing", Listing.ListingRef.self) { .listing(.submit($0)) },
        endpoint("listing", "approve", "approveListing", Listing.ListingRef.self) { .listing(.approve($0)) },
        endpoint("listing", "pause", "pauseListing", Listing.ListingRef.self) { .listing(.pause($0)) },
        endpoint("listing", "resume", "resumeListing", Listing.ListingRef.self) { .listing(.resume($0)) },
        endpoint("listing", "close", "closeListing", Listing.Close.self) { .listing(.close($0)) },
        endpoint("listing", "make-offer", "makeOffer", Listing.MakeOffer.self) { .listing(.makeOffer($0)) },
        endpoint("listing", "counter-offer", "counterOffer", Listing.CounterOffer.self) { .listing(.counterOffer($0)) },
        endpoint("listing", "withdraw-offer", "withdrawOffer", Listing.OfferRef.self) { .listing(.withdrawOffer($0)) },
        endpoint("listing", "reject-offer", "rejectOffer", Listing.OfferRef.self) { .listing(.rejectOffer($0)) },
        endpoint("listing", "expire-offer", "expireOffer", Listing.OfferRef.self) { .listing(.expireOffer($0)) },
        endpoint("listing", "accept-offer", "acceptOffer", Listing.AcceptOffer.self) { .acceptOffer($0) },
    ]

    static let deals: [CommandEndpoint] = [
        endpoint("deal", "sign", "signDeal", Deal.Sign.self) { .deal(.sign($0)) },
        endpoint("deal", "activate", "activateDeal", Deal.DealRef.self) { .deal(.activate($0)) },
        endpoint("deal", "record-payment", "recordDealPayment", Deal.RecordPayment.self) { .deal(.recordPayment($0)) },
        endpoint("deal", "terminate", "terminateDeal", Deal.Terminate.self) { .deal(.terminate($0)) },
        endpoint("deal", "expire", "expireDeal", Deal.DealRef.self) { .deal(.expire($0)) },
    ]
}
