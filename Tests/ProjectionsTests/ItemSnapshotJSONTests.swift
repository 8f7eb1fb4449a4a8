@testable import Domain
import Foundation
@testable import Projections
import Testing

@Suite("Read-model documents written by hand (item snapshots, history entries, review items), as the JSON encoder writes them")
struct ItemSnapshotJSONTests {
    /// A snapshot with every optional field set, awkward texts, and every kind of media number.
    static func full() -> ItemSnapshot {
        var state = ArchiveItem.State.initial
        state.status = .published
        state.id = "door-1"
        state.villageID = "zili"
        state.county = CountyCode("440783")
        state.kind = .oralHistory
        state.description = ArchiveItem.Description(
            title: ["zh-Hans": "西关大屋的门", "en": "Door \"A\" / B\\C", "yue-Hant": "門"],
            description: ["zh-Hans": "三重门：脚门、趟栊与大门。\n\t\u{1}\u{1F}\u{7F}\u{2028}😀"],
            creator: ["关氏", "Chen"], created: EDTFDate("1925~"), spatial: "自力村", temporal: EDTFDate("1920/1930"),
            subject: ["碉楼", "侨乡"], language: ["yue", "hak"])
        state.depictsPeople = true
        state.ich = ICHClassification(domain: .performingArts, category: .traditionalDrama)
        state.media = [
            ArchiveItem.MediaFile(
                mediaID: "m-1", mimeType: "image/jpeg", sha256: String(repeating: "a", count: 64), byteSize: 123_456,
                width: 800, height: 600, label: ["en": "front", "zh-Hans": "正面"]),
            ArchiveItem.MediaFile(mediaID: "m-2", mimeType: "audio/mpeg", sha256: "b", durationSeconds: 93.5),
            ArchiveItem.MediaFile(mediaID: "m-3", mimeType: "audio/mpeg", sha256: "c", durationSeconds: 30),
            ArchiveItem.MediaFile(mediaID: "m-4", mimeType: "video/mp4", sha256: "d", durationSeconds: 0.1),
            ArchiveItem.MediaFile(mediaID: "m-5", mimeType: "video/mp4", sha256: "e", durationSeconds: 1.0 / 3),
            ArchiveItem.MediaFile(mediaID: "m-6", mimeType: "video/mp4", sha256: "f", durationSeconds: 1e-7),
            ArchiveItem.MediaFile(mediaID: "m-7", mimeType: "video/mp4", sha256: "g", durationSeconds: 5e15),
            ArchiveItem.MediaFile(mediaID: "m-8", mimeType: "video/mp4", sha256: "h", durationSeconds: 1e21),
            ArchiveItem.MediaFile(mediaID: "m-9", mimeType: "video/mp4", sha256: "i", durationSeconds: 0.00012),
        ]
        state.provenance = [
            ArchiveItem.ProvenanceEntry(agent: "关氏宗族", kind: .donation, date: EDTFDate("1999-05"), note: "a note"),
            ArchiveItem.ProvenanceEntry(agent: "bare", kind: nil),
        ]
        state.rights = Rights(uri: "https://creativecommons.org/licenses/by/4.0/", holder: "开平市文物局", attribution: "© CC BY 4.0")
        state.consents = [
            ArchiveItem.Consent(subject: "梁先生", scopes: [.archive, .kiosk, .commercial], givenOn: EDTFDate("2020"), evidence: "form-7"),
            ArchiveItem.Consent(subject: "nobody", scopes: []),
        ]
        state.registeredBy = "curator:chen"
        state.submittedBy = "curator:chen"
        state.publishedBy = "curator:li"
        state.publishedAt = Date(timeIntervalSince1970: 1_780_000_000.5)
        state.visitorNote = "这是我祖父留下的照片"
        state.contributorName = "梁先生"
        state.withdrawalReason = "duplicate"
        return ItemSnapshot(state)
    }

    @Test("a fully populated snapshot, a bare one and the initial state give the encoder's bytes, and read back equal")
    func sameBytesAsTheEncoder() throws {
        var bare = ArchiveItem.State.initial
        bare.id = "x"
        bare.description = ArchiveItem.Description(title: ["en": "x"])
        for snapshot in [Self.full(), ItemSnapshot(bare), ItemSnapshot(.initial)] {
            let written = try snapshot.json()
            #expect(written == (try ReadModelJSON.encode(snapshot)))
            #expect(try ReadModelJSON.decode(ItemSnapshot.self, from: Data(written.utf8)) == snapshot)
        }
    }

    @Test("history entries, with and without their optional fields, give the encoder's bytes")
    func historyEntriesAsTheEncoder() throws {
        let full = ItemHistoryEntry(
            eventID: UUID(), itemID: "door-1", streamID: "item-door-1", version: 7, position: 123_456_789,
            cursor: "3056.10", eventType: "archive.item-published", actor: "curator:li", deviceID: "kiosk-1",
            recordedAt: Date(timeIntervalSince1970: 1_780_000_000.25), deviceTime: Date(timeIntervalSince1970: 1_779_000_000),
            summary: "published by \"li\" 碉楼")
        var bare = full
        (bare.actor, bare.deviceID, bare.deviceTime) = (nil, nil, nil)
        for entry in [full, bare] { #expect(entry.json() == (try ReadModelJSON.encode(entry))) }
    }

    @Test("review items, with and without their optional fields, give the encoder's bytes")
    func reviewItemsAsTheEncoder() throws {
        var full = ReviewItem(
            kind: .syncConflict, subjectID: "c-1", county: "440783", villageID: "zili",
            title: ["zh-Hans": "西关大屋", "en": "Door \"A\" / B", "yue-Hant": "門"], author: "device:kiosk-1",
            counties: ["440783", "440781"])
        full.submittedBy = "curator:chen"
        full.submittedAt = Date(timeIntervalSince1970: 1_780_000_000.125)
        full.version = 3
        full.note = "ITEM_NOT_DRAFT: 这是\n注释"
        full.command = "item/revise-description"
        full.targetStream = "item-door-1"
        let bare = ReviewItem(kind: .item, subjectID: "x", county: nil, villageID: nil, title: [:], author: "curator:li")
        for item in [full, bare] { #expect(item.json() == (try ReadModelJSON.encode(item))) }
    }
}
