import Domain
import Foundation

/// A text in the language asked for or, when missing, the first along yue-Hant → zh-Hans → en — never silently:
/// ``fallbackUsed`` says so.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var text: String
    public var language: LanguageTag
    public var fallbackUsed: Bool

    /// The text of `map` for `requested`, falling back along ``LanguageTag/fallbackOrder``.
    public static func pick(_ map: LangMap, _ requested: LanguageTag) -> LocalizedText? {
        let order = [requested] + LanguageTag.fallbackOrder.filter { $0 != requested }
        guard let (language, text) = map.preferred(order) else { return nil }
        return LocalizedText(text: text, language: language, fallbackUsed: language != requested)
    }
}

/// An archive item linked from a tour stop, as a kiosk card.
public struct ItemCard: Sendable, Hashable, Codable {
    public var itemID: ItemID
    public var title: LocalizedText?
    public var thumbnail: ArchiveItem.MediaFile?
    public var rightsURI: String?
    /// The attribution line shown with the card.
    public var creditLine: String?
    /// Published and (where consent applies) consented for kiosk display; a card that is not must not be shown.
    public var displayable: Bool
}

public struct StopView: Sendable, Hashable, Codable {
    public var stopID: StopID
    public var position: Int
    public var title: LocalizedText?
    public var script: LocalizedText?
    public var audio: Tour.StopAudio?
    /// The language of ``audio`` (the fallback chain applies).
    public var audioLanguage: LanguageTag?
    public var items: [ItemCard]
}

public struct PublishedTourView: Sendable, Hashable, Codable {
    public var tourID: TourID
    public var villageID: VillageID
    public var version: Int
    public var requestedLanguage: LanguageTag
    public var offeredLanguages: [LanguageTag]
    public var title: LocalizedText?
    public var stops: [StopView]
    public var publishedAt: Date
    /// Whether any text of the tour (title, stops, scripts, cards) fell back to another language.
    public var fallbackUsed: Bool
}

extension ReadModels {
    /// The published, not retired tours of a village in `language` (with flagged fallback), with stops and cards.
    public func publishedTours(village: VillageID, language: LanguageTag) async throws -> [PublishedTourView] {
        let generation = try await generation("published-tours")
        let rows = try await storage.select(
            ReadModelTables.publishedTours, generation: generation,
            ReadModelQuery([.equals("village_id", .text(village)), .equals("status", "published")]))
        var views: [PublishedTourView] = []
        for row in rows {
            let tour = try row.document(TourRecord.self)
            guard let version = tour.published else { continue }
            let itemIDs = Array(Set(version.stops.flatMap(\.linkedItems))).sorted()
            var cards: [ItemID: ItemCard] = [:]
            if !itemIDs.isEmpty {
                let cardRows = try await storage.select(
                    ReadModelTables.tourItemCards, generation: generation,
                    ReadModelQuery([.isIn("key", itemIDs.map(SQLValue.text))]))
                for cardRow in cardRows {
                    let item = try cardRow.document(ItemSnapshot.self)
                    let state = item.state
                    cards[item.id] = ItemCard(
                        itemID: item.id, title: LocalizedText.pick(item.description.title, language),
                        thumbnail: item.media.first { $0.family == .image }, rightsURI: item.rights?.uri,
                        creditLine: item.rights?.attribution, displayable: state.isDisplayableOnKiosk)
                }
            }
            let stops = version.stops.enumerated().map { index, stop in
                let audioLanguage = ([language] + LanguageTag.fallbackOrder).first { stop.audio[$0] != nil }
                return StopView(
                    stopID: stop.stopID, position: index + 1, title: LocalizedText.pick(stop.title, language),
                    script: LocalizedText.pick(stop.scripts, language), audio: audioLanguage.flatMap { stop.audio[$0] },
                    audioLanguage: audioLanguage,
                    items: stop.linkedItems.map { cards[$0] ?? ItemCard(itemID: $0, title: nil, thumbnail: nil, rightsURI: nil, creditLine: nil, displayable: false) })
            }
            let title = LocalizedText.pick(version.title, language)
            let fallback = (title?.fallbackUsed ?? false) || stops.contains { stop in
                (stop.title?.fallbackUsed ?? false) || (stop.script?.fallbackUsed ?? false)
                    || stop.items.contains { $0.title?.fallbackUsed ?? false }
            }
            views.append(PublishedTourView(
                tourID: tour.tourID, villageID: tour.villageID, version: version.number, requestedLanguage: language,
                offeredLanguages: version.languages, title: title, stops: stops, publishedAt: version.publishedAt,
                fallbackUsed: fallback))
        }
        return views.sorted { ($0.title?.text ?? $0.tourID, $0.tourID) < ($1.title?.text ?? $1.tourID, $1.tourID) }
    }
}
