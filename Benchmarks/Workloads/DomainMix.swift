import Domain
import EventLog
import Foundation

/// A realistic mix of domain events for the projection benchmarks, generated straight as log events (not through
/// the command handler): villages and kiosks first, then archive items (registered by curators or contributed from
/// kiosks; media, provenance, rights, consent, review, publication, revisions — some months later — and a few
/// withdrawals), tours (stops, scripts in three languages, links to items, review, publication, a few retirements)
/// and IP listings (offers, counter-offers, deals with signatures and payments, rights reservations). Every read
/// model has work. Lifecycles interleave as they would on a hub: about `active` of them are under way at once.
///
/// Deterministic for a seed. The payload shapes are the domain's (a test decodes every one of them).
public struct DomainMix: Sendable {
    /// What was generated, to check the read models against.
    public struct Tally: Sendable, Hashable {
        public var events = 0
        public var villages = 0
        public var devices = 0
        public var items = 0
        public var itemsPublished = 0
        public var itemsWithdrawn = 0
        /// Of the withdrawn items, those that had been published.
        public var itemsWithdrawnPublished = 0
        public var tours = 0
        public var toursPublished = 0
        public var listings = 0
        public var offers = 0
        public var deals = 0
    }

    public private(set) var tally = Tally()
    private var rng: SplitMix64
    private var lifecycles: [Lifecycle] = []
    private var preamble: [(StreamID, NewEvent)] = []
    private var finishedItems: [String] = []
    private var publishedItems: [String] = []
    private var published: Set<String> = []
    private var withdrawn: Set<String> = []
    private var villages: [(id: String, county: String)] = []
    private var devices: [(id: String, county: String)] = []
    private var deviceSequences: [String: Int64] = [:]
    private var clock = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    private let active: Int
    private var counter = 0
    private var spawnedItems = 0
    private var tourNumber = 0
    private var listingNumber = 0

    static let counties = [
        "440783", "440781", "440784", "440785", "440113", "440114", "440115", "445122", "441781", "441422", "440232",
        "441821",
    ]
    static let villageNames = ["自力", "马降龙", "锦江里", "三门里", "歇马", "塘口", "赤坎", "百合", "蚬冈", "月山", "沙冈", "水口"]
    static let subjects = ["碉楼", "侨乡", "宗祠", "骑楼", "族谱", "口述历史", "粤剧", "醒狮", "农耕", "华侨书信"]
    static let sentence = "这座建筑由旅居海外的华侨于民国初年集资兴建，融合了中西建筑风格，见证了侨乡百年的变迁。"

    /// - Parameters:
    ///   - villages: villages registered first (each with a handful of kiosks).
    ///   - active: lifecycles under way at once (how far an item's events spread through the log).
    public init(seed: UInt64 = 0xC0FFEE, villages: Int = 2_000, active: Int = 1_500) {
        rng = SplitMix64(seed: seed)
        self.active = active
        for index in 0..<max(1, villages) {
            let county = Self.counties[index % Self.counties.count]
            let id = "v\(index)"
            self.villages.append((id, county))
            preamble.append(villageRegistered(id: id, county: county, index: index))
            if index % 8 == 0 {
                let device = "kiosk-\(county)-\(index)"
                self.devices.append((device, county))
                preamble.append(deviceRegistered(id: device, county: county, station: "\(Self.villageNames[index % 12])村文化站"))
            }
        }
        preamble.reverse()
    }

    /// The next event and its stream.
    public mutating func next() -> (StreamID, NewEvent) {
        counter += 1
        clock = clock.addingTimeInterval(30)
        tally.events += 1
        if let first = preamble.popLast() {
            count(first)
            return first
        }
        // Now and then an edit of an item finished long ago: a revision, or a village's names revised.
        if counter % 37 == 0, !finishedItems.isEmpty {
            let item = finishedItems[Int(rng.next() % UInt64(finishedItems.count))]
            if counter % (37 * 50) == 0, withdrawn.insert(item).inserted {
                tally.itemsWithdrawn += 1
                if published.contains(item) { tally.itemsWithdrawnPublished += 1 }
                return itemEvent(item, ArchiveItem.Event.EventType.withdrawn, [
                    ("itemID", .string(item)), ("reason", "duplicate of another record"), ("withdrawnBy", "curator:c1"),
                ])
            }
            return revision(item, note: counter)
        }
        if counter % 997 == 0, let village = villages.randomElement(using: &rng) {
            return (stream(Village.streamID(for: village.id)), event(Village.Event.EventType.revised, Village.Event.schemaVersion, [
                ("villageID", .string(village.id)), ("names", names(village.id, index: counter)),
            ], actor: "admin", id: "a1", county: village.county))
        }
        while lifecycles.count < active { spawn() }
        let index = Int(rng.next() % UInt64(lifecycles.count))
        let step = lifecycles[index].steps.removeFirst()
        if lifecycles[index].steps.isEmpty {
            if let item = lifecycles[index].itemID { finishedItems.append(item) }
            lifecycles.swapAt(index, lifecycles.count - 1)
            lifecycles.removeLast()
        }
        count(step)
        return step
    }

    /// One entity's events still to come.
    private struct Lifecycle {
        var itemID: String?
        var steps: [(StreamID, NewEvent)]
    }

    private mutating func spawn() {
        let roll = rng.next() % 1000
        if roll < 34, publishedItems.count >= 20 { lifecycles.append(Lifecycle(steps: tour())) }
        else if roll < 59, publishedItems.count >= 20 { lifecycles.append(Lifecycle(steps: listing())) }
        else {
            spawnedItems += 1
            lifecycles.append(Lifecycle(itemID: "it\(spawnedItems)", steps: item("it\(spawnedItems)")))
        }
    }

    /// Counts an event as it goes out (lifecycles still under way at the end have not emitted all theirs).
    private mutating func count(_ step: (StreamID, NewEvent)) {
        let item = String(step.0.rawValue.dropFirst("item-".count))
        switch step.1.type {
        case ArchiveItem.Event.EventType.registered, ArchiveItem.Event.EventType.contributed: tally.items += 1
        case ArchiveItem.Event.EventType.published:
            tally.itemsPublished += 1
            publishedItems.append(item)
            published.insert(item)
        case Tour.Event.EventType.draftCreated: tally.tours += 1
        case Tour.Event.EventType.versionPublished: tally.toursPublished += 1
        case Listing.Event.EventType.drafted: tally.listings += 1
        case Listing.Event.EventType.offerMade: tally.offers += 1
        case Deal.Event.EventType.created: tally.deals += 1
        case Village.Event.EventType.registered: tally.villages += 1
        case Device.Event.EventType.registered: tally.devices += 1
        default: break
        }
    }

    // MARK: Lifecycles

    private mutating func item(_ id: String) -> [(StreamID, NewEvent)] {
        let village = villages[Int(rng.next() % UInt64(villages.count))]
        let kinds: [ArchiveItem.Kind] = [.photo, .photo, .photo, .document, .building, .genealogy, .oralHistory]
        let kind = kinds[Int(rng.next() % UInt64(kinds.count))]
        var steps: [(StreamID, NewEvent)] = []
        let fromKiosk = rng.next() % 5 == 0
        let kiosk = devices.first { $0.county == village.county } ?? devices.first ?? ("kiosk-\(village.county)", village.county)
        let media = mediaFile(id, 0, kind: kind)
        if fromKiosk {
            steps.append(itemEvent(id, ArchiveItem.Event.EventType.contributed, [
                ("itemID", .string(id)), ("villageID", .string(village.id)), ("county", .string(village.county)),
                ("kind", .string(kind.rawValue)), ("description", description(id, revision: 0)), ("depictsPeople", false),
                ("deviceID", .string(kiosk.id)), ("contributorName", "梁先生"),
                ("visitorNote", "这是我祖父留下的照片，拍摄于上世纪三十年代。"), ("media", .array([media])),
            ], kiosk: kiosk.id, county: village.county))
        } else {
            steps.append(itemEvent(id, ArchiveItem.Event.EventType.registered, [
                ("itemID", .string(id)), ("villageID", .string(village.id)), ("county", .string(village.county)),
                ("kind", .string(kind.rawValue)), ("description", description(id, revision: 0)), ("depictsPeople", false),
                ("registeredBy", .string("curator:c\(village.county)")),
            ], county: village.county))
            for number in 0..<(1 + Int(rng.next() % 3)) {
                steps.append(itemEvent(id, ArchiveItem.Event.EventType.mediaAttached, [
                    ("itemID", .string(id)), ("media", mediaFile(id, number, kind: kind)),
                ], county: village.county))
            }
        }
        if rng.next() % 2 == 0 {
            steps.append(itemEvent(id, ArchiveItem.Event.EventType.provenanceRecorded, [
                ("itemID", .string(id)), ("entry", .object([("agent", "黄氏家族"), ("kind", "donation"), ("date", "1936")])),
            ], county: village.county))
        }
        let rights = [
            "https://creativecommons.org/licenses/by/4.0/", "https://creativecommons.org/licenses/by-nc/4.0/",
            "http://rightsstatements.org/vocab/InC/1.0/", "http://rightsstatements.org/vocab/CNE/1.0/",
            "http://rightsstatements.org/vocab/UND/1.0/", "https://creativecommons.org/publicdomain/mark/1.0/",
        ]
        let rightsAssigned = rng.next() % 10 != 0
        if rightsAssigned {
            steps.append(itemEvent(id, ArchiveItem.Event.EventType.rightsAssigned, [
                ("itemID", .string(id)),
                ("rights", .object([
                    ("uri", .string(rights[Int(rng.next() % UInt64(rights.count))])), ("holder", "开平市文物局"),
                    ("attribution", "© 开平市文物局"),
                ])),
            ], county: village.county))
        }
        if kind == .oralHistory, rng.next() % 3 != 0 {
            steps.append(itemEvent(id, ArchiveItem.Event.EventType.consentRecorded, [
                ("itemID", .string(id)),
                ("consent", .object([("subject", "受访者 \(id)"), ("scopes", .array(["archive", "kiosk"])), ("givenOn", "2026-03-02")])),
            ], county: village.county))
        }
        for revision in 0..<Int(rng.next() % 3) { steps.append(self.revision(id, note: revision + 1, county: village.county)) }
        if rightsAssigned, rng.next() % 10 < 9 {
            if !fromKiosk {
                steps.append(itemEvent(id, ArchiveItem.Event.EventType.submittedForReview, [
                    ("itemID", .string(id)), ("submittedBy", .string("curator:c\(village.county)")),
                ], county: village.county))
            }
            if rng.next() % 10 < 9 {
                steps.append(itemEvent(id, ArchiveItem.Event.EventType.published, [
                    ("itemID", .string(id)), ("publishedBy", "curator:reviewer"), ("publishedAt", .string(iso(clock))),
                ], actor: "reviewer", county: village.county))
            }
        }
        return steps
    }

    private mutating func tour() -> [(StreamID, NewEvent)] {
        tourNumber += 1
        let id = "tr\(tourNumber)"
        let village = villages[Int(rng.next() % UInt64(villages.count))]
        let languages: [BenchJSON.Value] = ["zh-Hans", "yue-Hant", "en"]
        let title = BenchJSON.Value.object([("zh-Hans", .string("\(id) 侨乡漫步")), ("yue-Hant", .string("\(id) 僑鄉漫步")), ("en", .string("Overseas-Chinese village walk \(id)"))])
        var steps: [(StreamID, NewEvent)] = [tourEvent(id, Tour.Event.EventType.draftCreated, [
            ("tourID", .string(id)), ("villageID", .string(village.id)), ("county", .string(village.county)), ("title", title),
            ("languages", .array(languages)), ("author", "curator:guide"),
        ], county: village.county)]
        var stops: [BenchJSON.Value] = []
        for number in 1...(5 + Int(rng.next() % 4)) {
            let stop = "s\(number)"
            let stopTitle = BenchJSON.Value.object([("zh-Hans", .string("第\(number)站")), ("en", .string("Stop \(number)"))])
            steps.append(tourEvent(id, Tour.Event.EventType.stopAdded, [
                ("tourID", .string(id)), ("stopID", .string(stop)), ("position", .int(Int64(number))), ("title", stopTitle),
            ], county: village.county))
            var scripts: [(String, BenchJSON.Value)] = []
            for language in ["zh-Hans", "yue-Hant", "en"] {
                let text = language == "en" ? "Here the families pooled remittances to build a watchtower." : Self.sentence
                scripts.append((language, .string(text)))
                steps.append(tourEvent(id, Tour.Event.EventType.stopScriptWritten, [
                    ("tourID", .string(id)), ("stopID", .string(stop)), ("language", .string(language)), ("text", .string(text)),
                ], county: village.county))
            }
            let linked = publishedItems[Int(rng.next() % UInt64(publishedItems.count))]
            steps.append(tourEvent(id, Tour.Event.EventType.stopLinkedToItem, [
                ("tourID", .string(id)), ("stopID", .string(stop)), ("itemID", .string(linked)),
            ], county: village.county))
            stops.append(.object([
                ("stopID", .string(stop)), ("title", stopTitle), ("scripts", .object(scripts)), ("audio", .object([])),
                ("linkedItems", .array([.string(linked)])),
            ]))
        }
        steps.append(tourEvent(id, Tour.Event.EventType.submitted, [
            ("tourID", .string(id)), ("version", 1), ("submittedBy", "curator:guide"),
        ], county: village.county))
        steps.append(tourEvent(id, Tour.Event.EventType.approved, [
            ("tourID", .string(id)), ("version", 1), ("approvedBy", "curator:reviewer"),
        ], actor: "reviewer", county: village.county))
        steps.append(tourEvent(id, Tour.Event.EventType.versionPublished, [
            ("tourID", .string(id)),
            ("version", .object([
                ("number", 1), ("title", title), ("languages", .array(languages)), ("stops", .array(stops)),
                ("publishedBy", "curator:reviewer"), ("publishedAt", .string(iso(clock))),
            ])),
        ], actor: "reviewer", county: village.county))
        if rng.next() % 10 == 0 {
            steps.append(tourEvent(id, Tour.Event.EventType.retired, [("tourID", .string(id)), ("reason", "superseded by a new route")], county: village.county))
        }
        return steps
    }

    private mutating func listing() -> [(StreamID, NewEvent)] {
        listingNumber += 1
        let id = "ls\(listingNumber)"
        let sources = (0..<(1 + Int(rng.next() % 3))).map { _ in publishedItems[Int(rng.next() % UInt64(publishedItems.count))] }
        let uniqueSources = Array(Set(sources)).sorted()
        let county = Self.counties[Int(rng.next() % UInt64(Self.counties.count))]
        let terms = self.terms(price: 1_000_000 + Int64(rng.next() % 5_000_000))
        let stream = self.stream(Listing.streamID(for: id))
        func listingEvent(_ type: String, _ fields: [(String, BenchJSON.Value)], actor: String = "curator") -> (StreamID, NewEvent) {
            (stream, event(type, Listing.Event.schemaVersion, fields, actor: actor, id: "m1", county: county))
        }
        var steps = [
            listingEvent(Listing.Event.EventType.drafted, [
                ("listingID", .string(id)), ("title", .object([("zh-Hans", .string("碉楼影像授权 \(id)")), ("en", .string("Watchtower images \(id)"))])),
                ("sourceItems", .array(uniqueSources.map { .string($0) })), ("counties", .array([.string(county)])),
                ("rightsHolders", .array(["开平市文物局"])), ("terms", terms), ("author", "curator:market"),
            ]),
            listingEvent(Listing.Event.EventType.submitted, [("listingID", .string(id))]),
            listingEvent(Listing.Event.EventType.published, [("listingID", .string(id)), ("approvedBy", "admin:a1")], actor: "admin"),
        ]
        let offers = 1 + Int(rng.next() % 3)
        for number in 1...offers {
            let offer = "\(id)-o\(number)"
            let validUntil = iso(clock.addingTimeInterval(30 * 86_400))
            steps.append(listingEvent(Listing.Event.EventType.offerMade, [
                ("listingID", .string(id)), ("offerID", .string(offer)), ("buyer", .string("buyer-\(number)")), ("terms", terms),
                ("validUntil", .string(validUntil)), ("madeBy", .string("agent:buyer-\(number)")),
            ], actor: "agent"))
            if rng.next() % 3 == 0 {
                steps.append(listingEvent(Listing.Event.EventType.offerCountered, [
                    ("listingID", .string(id)), ("offerID", .string(offer)), ("terms", self.terms(price: 2_500_000)),
                    ("validUntil", .string(validUntil)), ("counteredBy", "curator:market"),
                ]))
            }
            if number < offers {
                steps.append(listingEvent(Listing.Event.EventType.offerRejected, [("listingID", .string(id)), ("offerID", .string(offer))]))
                continue
            }
            let deal = "\(id)-d"
            steps.append(listingEvent(Listing.Event.EventType.offerAccepted, [
                ("listingID", .string(id)), ("offerID", .string(offer)), ("dealID", .string(deal)), ("acceptedBy", "curator:market"),
            ]))
            let dealStream = self.stream(Deal.streamID(for: deal))
            func dealEvent(_ type: String, _ fields: [(String, BenchJSON.Value)]) -> (StreamID, NewEvent) {
                (dealStream, event(type, Deal.Event.schemaVersion, fields, actor: "curator", id: "m1", county: county))
            }
            let now = BenchJSON.Value.string(iso(clock))
            steps.append(dealEvent(Deal.Event.EventType.created, [
                ("dealID", .string(deal)), ("listingID", .string(id)), ("offerID", .string(offer)),
                ("sourceItems", .array(uniqueSources.map { .string($0) })), ("counties", .array([.string(county)])),
                ("licensors", .array(["开平市文物局"])), ("licensee", .string("buyer-\(number)")), ("terms", terms), ("createdAt", now),
            ]))
            for uniqueSource in uniqueSources {
                steps.append((self.stream(RightsReservation.streamID(for: uniqueSource)), event(
                    RightsReservation.Event.EventType.grantReserved, RightsReservation.Event.schemaVersion, [
                        ("itemID", .string(uniqueSource)),
                        ("grant", .object([
                            ("dealID", .string(deal)), ("listingID", .string(id)), ("territories", .array(["CN"])),
                            ("term", .object([("start", "2026-01-01"), ("end", "2028-12-31")])), ("exclusive", false),
                        ])),
                    ], actor: "curator", id: "m1", county: county)))
            }
            steps.append(dealEvent(Deal.Event.EventType.signed, [("dealID", .string(deal)), ("party", "licensor"), ("signatory", "黄主任"), ("signedAt", now)]))
            steps.append(dealEvent(Deal.Event.EventType.signed, [("dealID", .string(deal)), ("party", "licensee"), ("signatory", "Ms Chan"), ("signedAt", now)]))
            steps.append(dealEvent(Deal.Event.EventType.activated, [("dealID", .string(deal)), ("activatedAt", now)]))
            steps.append(dealEvent(Deal.Event.EventType.paymentRecorded, [
                ("dealID", .string(deal)), ("paymentID", .string("\(deal)-p1")),
                ("amount", .object([("amountMinor", 1_000_000), ("currency", "CNY")])), ("recordedAt", now),
            ]))
        }
        return steps
    }

    // MARK: Events

    private mutating func revision(_ item: String, note: Int, county: String? = nil) -> (StreamID, NewEvent) {
        itemEvent(item, ArchiveItem.Event.EventType.descriptionRevised, [
            ("itemID", .string(item)), ("description", description(item, revision: note)),
        ], county: county ?? Self.counties[0])
    }

    private func description(_ item: String, revision: Int) -> BenchJSON.Value {
        let subject = Self.subjects[(Self.stableHash(item) + revision) % Self.subjects.count]
        return .object([
            ("title", .object([
                ("zh-Hans", .string("\(subject)影像 \(item)\(revision > 0 ? "（修订\(revision)）" : "")")),
                ("yue-Hant", .string("\(subject)影像 \(item)")), ("en", .string("Archive record \(item) rev \(revision)")),
            ])),
            ("description", .object([("zh-Hans", .string(Self.sentence + Self.sentence)), ("en", .string("A record of the overseas-Chinese heritage of the village, donated by a family."))])),
            ("creator", .array(["黄氏家族"])), ("created", "1936"), ("spatial", "开平"), ("subject", .array([.string(subject), "侨乡"])),
            ("language", .array(["zh-Hans"])),
        ])
    }

    private mutating func mediaFile(_ item: String, _ number: Int, kind: ArchiveItem.Kind) -> BenchJSON.Value {
        let sha = String(repeating: String(format: "%016llx", rng.next()), count: 4)
        if kind == .oralHistory {
            return .object([("mediaID", .string("\(item)-m\(number)")), ("mimeType", "audio/mpeg"), ("sha256", .string(sha)), ("durationSeconds", .double(312.5))])
        }
        return .object([
            ("mediaID", .string("\(item)-m\(number)")), ("mimeType", "image/jpeg"), ("sha256", .string(sha)),
            ("byteSize", .int(2_400_000)), ("width", 4000), ("height", 3000),
        ])
    }

    private func terms(price: Int64) -> BenchJSON.Value {
        .object([
            ("uses", .array(["display", "reproduce"])), ("territories", .array(["CN", "HK"])),
            ("term", .object([("start", "2026-01-01"), ("end", "2028-12-31")])), ("exclusive", false),
            ("price", .object([("amountMinor", .int(price)), ("currency", "CNY")])),
        ])
    }

    private func names(_ village: String, index: Int) -> BenchJSON.Value {
        let name = Self.villageNames[(Self.stableHash(village) + index) % Self.villageNames.count]
        return .object([("zh-Hans", .string("\(name)村")), ("yue-Hant", .string("\(name)村")), ("en", .string("\(name) Village \(village)"))])
    }

    private mutating func villageRegistered(id: String, county: String, index: Int) -> (StreamID, NewEvent) {
        return (stream(Village.streamID(for: id)), event(Village.Event.EventType.registered, Village.Event.schemaVersion, [
            ("villageID", .string(id)), ("names", names(id, index: 0)), ("county", .string(county)),
            ("town", .object([("zh-Hans", "塘口镇")])),
            ("location", .object([("latitude", .double(22.3 + Double(index % 100) / 1000)), ("longitude", .double(112.5 + Double(index % 97) / 1000))])),
        ], actor: "admin", id: "a1", county: county))
    }

    private mutating func deviceRegistered(id: String, county: String, station: String) -> (StreamID, NewEvent) {
        return (stream(Device.streamID(for: id)), event(Device.Event.EventType.registered, Device.Event.schemaVersion, [
            ("deviceID", .string(id)), ("county", .string(county)), ("station", .string(station)),
            ("credentialFingerprint", .string(String(repeating: "ab", count: 32))),
        ], actor: "admin", id: "a1", county: county))
    }

    private mutating func itemEvent(
        _ item: String, _ type: String, _ fields: [(String, BenchJSON.Value)], actor: String = "curator", kiosk: String? = nil,
        county: String = DomainMix.counties[0]
    ) -> (StreamID, NewEvent) {
        (stream(ArchiveItem.streamID(for: item)), event(
            type, ArchiveItem.Event.schemaVersion, fields, actor: kiosk == nil ? actor : "kiosk", id: kiosk ?? "c\(county)",
            county: county, device: kiosk))
    }

    private mutating func tourEvent(
        _ tour: String, _ type: String, _ fields: [(String, BenchJSON.Value)], actor: String = "curator", county: String
    ) -> (StreamID, NewEvent) {
        (stream(Tour.streamID(for: tour)), event(type, Tour.Event.schemaVersion, fields, actor: actor, id: "guide", county: county))
    }

    private mutating func event(
        _ type: String, _ schemaVersion: Int, _ fields: [(String, BenchJSON.Value)], actor: String, id: String, county: String,
        device: String? = nil
    ) -> NewEvent {
        var sequence: Int64?
        if let device {
            sequence = (deviceSequences[device] ?? 0) + 1
            deviceSequences[device] = sequence
        }
        let metadata = EventMetadata(
            actor: ActorRef(role: actor, id: id), deviceID: device, deviceSequence: sequence,
            deviceTime: device == nil ? nil : clock, county: county)
        return NewEvent(type: type, schemaVersion: schemaVersion, payload: Data(BenchJSON.render(.object(fields)).utf8), metadata: metadata)
    }

    private func stream(_ id: String) -> StreamID { StreamID(stored: id) }

    /// A hash that is the same in every process (Swift's `hashValue` is seeded per process).
    static func stableHash(_ text: String) -> Int { text.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0x7fff_ffff } }

    private func iso(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)) }
}
