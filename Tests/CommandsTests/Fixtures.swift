import Commands
import Domain
import EventLog
import Foundation
import TestSupport
import Testing

/// Shared data: the Zili village (自力村) in Kaiping, its watchtower photos, and their licensing listings — all set
/// up through the handler, as real commands.
enum C {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28
    static let kaiping = CountyCode("440783")
    static let admin = Actor.admin("ada")
    static let chen = Actor.curator("chen", county: kaiping)
    static let li = Actor.curator("li", county: kaiping)
    static let kiosk = Actor.kiosk("K-1", county: kaiping)
    static let sha = String(repeating: "ab", count: 32)

    static func request(
        _ command: DomainCommand, _ actor: Actor = chen, commandID: UUID? = nil, expectedVersion: Int64? = nil
    ) -> CommandRequest {
        CommandRequest(command: command, context: CommandContext(actor: actor, now: now), commandID: commandID,
                       expectedVersion: expectedVersion)
    }

    /// Handles a command that must succeed; records an issue and rethrows otherwise.
    @discardableResult
    static func run(
        _ handler: CommandHandler, _ command: DomainCommand, _ actor: Actor = chen,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> CommandOutcome {
        do {
            return try await handler.handle(request(command, actor))
        } catch {
            Issue.record("\(command) refused: \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    static let registerZili = DomainCommand.village(.register(Village.Register(
        villageID: "zili", names: ["zh-Hans": "自力村", "en": "Zili Village"], county: "440783",
        town: ["zh-Hans": "塘口镇"], location: Coordinates(latitude: 22.37, longitude: 112.56))))

    static func registerItem(_ id: ItemID, title: String = "铭石楼") -> DomainCommand {
        .item(.register(ArchiveItem.Register(
            itemID: id, villageID: "zili", kind: .photo, description: ArchiveItem.Description(title: ["zh-Hans": title]))))
    }

    static func revise(_ id: ItemID, _ title: String) -> DomainCommand {
        .item(.reviseDescription(ArchiveItem.ReviseDescription(
            itemID: id, description: ArchiveItem.Description(title: ["zh-Hans": title]))))
    }

    /// Registers, describes, licenses and publishes a photo (chen registers, li reviews).
    static func publishItem(_ handler: CommandHandler, _ id: ItemID) async throws {
        try await run(handler, registerItem(id))
        try await run(handler, .item(.attachMedia(.init(itemID: id, media: ArchiveItem.MediaFile(
            mediaID: "m1", mimeType: "image/jpeg", sha256: sha, width: 4000, height: 3000)))))
        try await run(handler, .item(.assignRights(.init(itemID: id, rights: Rights(
            uri: "http://rightsstatements.org/vocab/InC/1.0/", holder: "自力村委会", attribution: "© 自力村委会")))))
        try await run(handler, .item(.submitForReview(.init(itemID: id))))
        try await run(handler, .item(.publish(.init(itemID: id))), li)
    }

    static func terms(_ territories: [String], _ start: String, _ end: String) -> Listing.TermsInput {
        Listing.TermsInput(
            uses: [.reproduce, .display], territories: territories, termStart: start, termEnd: end,
            price: Money(amountMinor: 10_000_000, currency: .hkd))
    }

    /// Drafts, submits and approves an exclusive listing of `items` for CN, HK and MO, 2026–2030.
    static func publishListing(_ handler: CommandHandler, _ id: ListingID, items: [ItemID], exclusive: Bool = true) async throws {
        try await run(handler, .listing(.draft(.init(
            listingID: id, title: ["zh-Hans": "碉楼影像授权"], sourceItems: items,
            terms: terms(["CN", "HK", "MO"], "2026-01-01", "2030-12-31"), exclusive: exclusive))))
        try await run(handler, .listing(.submit(.init(listingID: id))))
        try await run(handler, .listing(.approve(.init(listingID: id))), li)
    }

    static func makeOffer(
        _ handler: CommandHandler, _ listing: ListingID, _ offer: OfferID, _ territories: [String], _ start: String, _ end: String
    ) async throws {
        try await run(handler, .listing(.makeOffer(.init(
            listingID: listing, offerID: offer, buyer: "港影文化有限公司", terms: terms(territories, start, end),
            validUntil: now.addingTimeInterval(30 * 86_400)))))
    }

    static func accept(_ listing: ListingID, _ offer: OfferID, deal: DealID) -> DomainCommand {
        .acceptOffer(Listing.AcceptOffer(listingID: listing, offerID: offer, dealID: deal))
    }

    static func stream(_ raw: String) -> StreamID { try! StreamID(raw) }

    /// Every event of the log once it has settled (tests use fresh databases, so this is exact).
    static func allEvents(_ store: any EventStore, filter: LogFilter = .all) async throws -> [RecordedEvent] {
        try await SettledLog.readAll(store, filter: filter)
    }

    /// The grants held on an item, folded from its `rights-` stream.
    static func grants(_ store: any EventStore, item: ItemID) async throws -> [RightsReservation.Grant] {
        try await AggregateLoader(store: store).load(RightsReservation.self, id: item).state.grants
    }

    /// Whether any two grants conflict (shared territory, intersecting terms, one of them exclusive).
    static func anyOverlap(_ grants: [RightsReservation.Grant]) -> Bool {
        for (i, a) in grants.enumerated() {
            for b in grants[(i + 1)...] where a.conflicts(with: b) { return true }
        }
        return false
    }
}

/// The error a handled command threw, or `nil` when it succeeded.
func commandError(_ body: () async throws(CommandError) -> CommandOutcome) async -> CommandError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}
