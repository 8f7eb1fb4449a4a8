import Foundation
import Testing

@testable import Domain

/// Shared test data: Kaiping (开平) and Panyu (番禺), the Zili village (自力村) and its watchtowers.
enum F {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28
    static let kaiping = CountyCode("440783")
    static let panyu = CountyCode("440113")

    static let admin = Actor.admin("ada")
    static let chen = Actor.curator("chen", county: kaiping)
    static let li = Actor.curator("li", county: kaiping)
    static let wu = Actor.curator("wu", county: panyu)
    static let kiosk = Actor.kiosk("K-1", county: kaiping)
    static let agent = Actor.agent("guide-bot")

    static func ctx(_ actor: Actor, _ now: Date = F.now) -> CommandContext { CommandContext(actor: actor, now: now) }

    static let sha = String(repeating: "ab", count: 32)
    static let jpeg = ArchiveItem.MediaFile(mediaID: "m1", mimeType: "image/jpeg", sha256: sha, width: 4000, height: 3000)
    static let mp3 = ArchiveItem.MediaFile(mediaID: "a1", mimeType: "audio/mpeg", sha256: sha, durationSeconds: 620)
    static let inC = Rights(uri: "http://rightsstatements.org/vocab/InC/1.0/", holder: "自力村委会", attribution: "© 自力村委会")
    static let ccBy = Rights(uri: "https://creativecommons.org/licenses/by/4.0/", holder: "开平市档案馆", attribution: "开平市档案馆 CC BY 4.0")

    static var zili: Village.State {
        Village.evolve(.initial, .registered(Village.Registered(
            villageID: "zili", names: ["zh-Hans": "自力村", "yue-Hant": "自力村", "en": "Zili Village"], county: kaiping,
            town: ["zh-Hans": "塘口镇"], location: Coordinates(latitude: 22.37, longitude: 112.56))))
    }

    static var facts: Facts {
        Facts(villages: ["zili": zili], devices: ["K-1": kioskDevice])
    }

    static var kioskDevice: Device.State {
        Device.evolve(.initial, .registered(Device.Registered(
            deviceID: "K-1", county: kaiping, station: "塘口镇文化站", credentialFingerprint: "sha256:" + sha)))
    }

    static func description(_ title: String = "铭石楼") -> ArchiveItem.Description {
        ArchiveItem.Description(
            title: ["zh-Hans": title], description: ["zh-Hans": "碉楼门口有趟栊"], creator: ["方润文"], created: EDTFDate("1925"),
            language: ["yue"])
    }

    static func register(_ id: ItemID = "I-1", kind: ArchiveItem.Kind = .photo, people: Bool = false) -> ArchiveItem.Command {
        .register(ArchiveItem.Register(
            itemID: id, villageID: "zili", kind: kind, description: description(), depictsPeople: people,
            ichDomain: kind == .ichElement ? "performing-arts" : nil, ichCategory: kind == .ichElement ? "传统戏剧" : nil))
    }

    /// Runs commands in order, failing the test on a refusal.
    static func item(
        _ steps: [(ArchiveItem.Command, Actor)], from state: ArchiveItem.State = .initial,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> ArchiveItem.State {
        var state = state
        for (command, actor) in steps {
            do {
                let events = try ArchiveItem.decide(command, state: state, context: ctx(actor), facts: facts)
                state = events.reduce(state, ArchiveItem.evolve)
            } catch {
                Issue.record("\(command) refused: \(error)", sourceLocation: sourceLocation)
            }
        }
        return state
    }

    /// A published item with media, rights (InC unless given) and, where relevant, consent.
    static func publishedItem(
        _ id: ItemID = "I-1", kind: ArchiveItem.Kind = .photo, people: Bool = false, rights: Rights = F.inC,
        scopes: Set<ArchiveItem.ConsentScope> = [.archive, .kiosk, .commercial]
    ) -> ArchiveItem.State {
        var steps: [(ArchiveItem.Command, Actor)] = [
            (register(id, kind: kind, people: people), chen),
            (.attachMedia(.init(itemID: id, media: kind == .oralHistory ? mp3 : jpeg)), chen),
            (.assignRights(.init(itemID: id, rights: rights)), chen),
        ]
        if kind == .oralHistory || (kind == .photo && people) {
            steps.append((.recordConsent(.init(itemID: id, consent: .init(subject: "关伯", scopes: scopes))), chen))
        }
        steps += [(.submitForReview(.init(itemID: id)), chen), (.publish(.init(itemID: id)), li)]
        return item(steps)
    }
}

/// The error a throwing body raised, or `nil` when it succeeded.
func refusal<T>(_ body: () throws(DomainError) -> T) -> DomainError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// Expects the body to be refused with `code` (and `field` when given).
func expectRefused<T>(
    _ code: String, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(DomainError) -> T
) {
    guard let error = refusal(body) else {
        Issue.record("expected \(code), but the command was accepted", sourceLocation: sourceLocation)
        return
    }
    #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    #expect(error.message.hasPrefix("\(code): "), sourceLocation: sourceLocation)
    if let field { #expect(error.field == field, "\(error)", sourceLocation: sourceLocation) }
}
