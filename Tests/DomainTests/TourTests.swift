import Foundation
import Testing

@testable import Domain

/// Tour fixtures: a two-stop tour of Zili in Cantonese and Mandarin.
enum T {
    static let id = "zili-walk"
    static var facts: Facts {
        Facts(villages: ["zili": F.zili], items: ["I-1": F.publishedItem(), "O-1": F.publishedItem("O-1", kind: .oralHistory, scopes: [.archive])])
    }
    static let create = Tour.Command.createDraft(.init(
        tourID: id, villageID: "zili", title: ["zh-Hans": "自力村碉楼群"], languages: ["yue-Hant", "zh-Hans"]))

    static func script(_ stop: StopID, _ language: String, _ text: String = "呢座係铭石楼。") -> Tour.Command {
        .writeStopScript(.init(tourID: id, stopID: stop, language: language, text: text))
    }
    static func add(_ stop: StopID, _ position: Int) -> Tour.Command {
        .addStop(.init(tourID: id, stopID: stop, position: position, title: ["zh-Hans": stop]))
    }
    static let ref = Tour.TourRef(tourID: id)

    static func run(_ steps: [(Tour.Command, Actor)], from state: Tour.State = .initial, sourceLocation: SourceLocation = #_sourceLocation) -> Tour.State {
        var state = state
        for (command, actor) in steps {
            do {
                state = try Tour.decide(command, state: state, context: F.ctx(actor), facts: facts).reduce(state, Tour.evolve)
            } catch {
                Issue.record("\(command) refused: \(error)", sourceLocation: sourceLocation)
            }
        }
        return state
    }

    /// A complete draft written by the agent.
    static var draft: Tour.State {
        run([(create, F.agent), (add("s1", 1), F.agent), (add("s2", 2), F.agent),
             (script("s1", "yue-Hant"), F.agent), (script("s1", "zh-Hans"), F.agent),
             (script("s2", "yue-Hant"), F.agent), (script("s2", "zh-Hans"), F.agent)])
    }

    static var published: Tour.State {
        run([(.submit(ref), F.agent), (.approve(ref), F.chen), (.publishVersion(ref), F.chen)], from: draft)
    }
}

@Suite struct TourDraftTests {
    func decide(_ command: Tour.Command, _ state: Tour.State, as actor: Actor = F.agent, facts: Facts = T.facts)
        throws(DomainError) -> [Tour.Event]
    {
        try Tour.decide(command, state: state, context: F.ctx(actor), facts: facts)
    }

    @Test func createDraft() throws {
        let state = T.run([(T.create, F.agent)])
        #expect(state.status == .draft && state.version == 1 && state.author == "guide-bot")
        #expect(state.languages == [.yueHant, .zhHans] && state.county == F.kaiping)
        #expect(T.create.streamID == "tour-zili-walk")
        #expect(Tour.requirements(for: T.create, context: F.ctx(F.agent)).streamIDs == ["village-zili"])
        expectRefused("ALREADY_EXISTS") { () throws(DomainError) in try decide(T.create, state) }
        expectRefused("UNKNOWN_VILLAGE") { () throws(DomainError) in try decide(T.create, .initial, facts: .none) }
        expectRefused("COUNTY_FORBIDDEN") { () throws(DomainError) in try decide(T.create, .initial, as: F.wu) }
        expectRefused("FORBIDDEN") { () throws(DomainError) in try decide(T.create, .initial, as: F.kiosk) }
        expectRefused("BAD_LANG_TAG", field: "languages[0]") { () throws(DomainError) in
            try decide(.createDraft(.init(tourID: "t", villageID: "zili", title: ["en": "T"], languages: ["cantonese"])), .initial)
        }
        expectRefused("FIELD_REQUIRED", field: "languages") { () throws(DomainError) in
            try decide(.createDraft(.init(tourID: "t", villageID: "zili", title: ["en": "T"], languages: [])), .initial)
        }
        expectRefused("TITLE_REQUIRED") { () throws(DomainError) in
            try decide(.createDraft(.init(tourID: "t", villageID: "zili", title: [:], languages: ["en"])), .initial)
        }
    }

    @Test func stopsStayContiguous() throws {
        var state = T.run([(T.create, F.agent), (T.add("s1", 1), F.agent), (T.add("s2", 1), F.agent), (T.add("s3", 2), F.agent)])
        #expect(state.stops.map(\.stopID) == ["s2", "s3", "s1"])
        expectRefused("STOP_ORDER_INVALID", field: "position") { () throws(DomainError) in try decide(T.add("s4", 5), state) }
        expectRefused("STOP_ORDER_INVALID", field: "position") { () throws(DomainError) in try decide(T.add("s4", 0), state) }
        expectRefused("ALREADY_EXISTS", field: "stopID") { () throws(DomainError) in try decide(T.add("s1", 1), state) }
        state = T.run([(.reorderStops(.init(tourID: T.id, stopIDs: ["s1", "s2", "s3"])), F.agent)], from: state)
        #expect(state.stops.map(\.stopID) == ["s1", "s2", "s3"])
        for bad in [["s1", "s2"], ["s1", "s1", "s2"], ["s1", "s2", "s9"], ["s1", "s2", "s3", "s3"]] {
            expectRefused("STOP_ORDER_INVALID", field: "stopIDs") { () throws(DomainError) in
                try decide(.reorderStops(.init(tourID: T.id, stopIDs: bad)), state)
            }
        }
        state = T.run([(.removeStop(.init(tourID: T.id, stopID: "s2")), F.agent)], from: state)
        #expect(state.stops.map(\.stopID) == ["s1", "s3"] && state.position(of: "s3") == 2)
        expectRefused("NOT_FOUND", field: "stopID") { () throws(DomainError) in
            try decide(.removeStop(.init(tourID: T.id, stopID: "s2")), state)
        }
    }

    @Test func scripts() throws {
        let state = T.run([(T.create, F.agent), (T.add("s1", 1), F.agent)])
        let full = String(repeating: "碉", count: 4000)
        #expect(try decide(T.script("s1", "yue-Hant", full), state).count == 1)
        expectRefused("SCRIPT_LENGTH", field: "text") { () throws(DomainError) in try decide(T.script("s1", "yue-Hant", full + "楼"), state) }
        expectRefused("SCRIPT_LENGTH", field: "text") { () throws(DomainError) in try decide(T.script("s1", "yue-Hant", ""), state) }
        expectRefused("LANGUAGE_NOT_OFFERED", field: "language") { () throws(DomainError) in try decide(T.script("s1", "en"), state) }
        expectRefused("BAD_LANG_TAG", field: "language") { () throws(DomainError) in try decide(T.script("s1", "cantonese"), state) }
        expectRefused("NOT_FOUND") { () throws(DomainError) in try decide(T.script("s9", "yue-Hant"), state) }
        // Characters, not UTF-16 units or bytes: 4000 emoji flags still fit.
        #expect(try decide(T.script("s1", "zh-Hans", String(repeating: "🇭🇰", count: 4000)), state).count == 1)
    }

    @Test func audio() throws {
        let state = T.run([(T.create, F.agent), (T.add("s1", 1), F.agent)])
        func audio(_ seconds: Double, _ transcript: String?, mime: String = "audio/mpeg", sha: String = F.sha) -> Tour.Command {
            .attachStopAudio(.init(tourID: T.id, stopID: "s1", language: "yue-Hant", mimeType: mime, sha256: sha,
                durationSeconds: seconds, transcript: transcript))
        }
        let ok = try decide(audio(1800, "呢座係铭石楼。"), state).reduce(state, Tour.evolve)
        #expect(ok.stops[0].audio[.yueHant]?.durationSeconds == 1800)
        expectRefused("AUDIO_DURATION", field: "durationSeconds") { () throws(DomainError) in try decide(audio(1801, "x"), state) }
        expectRefused("AUDIO_DURATION") { () throws(DomainError) in try decide(audio(0.5, "x"), state) }
        expectRefused("TRANSCRIPT_REQUIRED", field: "transcript") { () throws(DomainError) in try decide(audio(60, nil), state) }
        expectRefused("TRANSCRIPT_REQUIRED") { () throws(DomainError) in try decide(audio(60, "  "), state) }
        expectRefused("MEDIA_TYPE_NOT_ALLOWED") { () throws(DomainError) in try decide(audio(60, "x", mime: "video/mp4"), state) }
        expectRefused("CHECKSUM_INVALID") { () throws(DomainError) in try decide(audio(60, "x", sha: "nope"), state) }
    }

    @Test func linkOnlyDisplayableItems() throws {
        let state = T.run([(T.create, F.agent), (T.add("s1", 1), F.agent)])
        let link = Tour.Command.linkStopToItem(.init(tourID: T.id, stopID: "s1", itemID: "I-1"))
        #expect(Tour.requirements(for: link, context: F.ctx(F.agent)).streamIDs == ["item-I-1"])
        let linked = try decide(link, state).reduce(state, Tour.evolve)
        #expect(linked.stops[0].linkedItems == ["I-1"])
        expectRefused("ALREADY_EXISTS") { () throws(DomainError) in try decide(link, linked) }
        for itemID in ["O-1", "missing"] {  // O-1 is consented for the archive only
            expectRefused("ITEM_NOT_DISPLAYABLE", field: "itemID") { () throws(DomainError) in
                try decide(.linkStopToItem(.init(tourID: T.id, stopID: "s1", itemID: itemID)), state)
            }
        }
        let draftItem = F.item([(F.register("D-1"), F.chen)])
        expectRefused("ITEM_NOT_DISPLAYABLE") { () throws(DomainError) in
            try decide(.linkStopToItem(.init(tourID: T.id, stopID: "s1", itemID: "D-1")), state, facts: Facts(items: ["D-1": draftItem]))
        }
    }
}

@Suite struct TourReviewTests {
    func decide(_ command: Tour.Command, _ state: Tour.State, as actor: Actor) throws(DomainError) -> [Tour.Event] {
        try Tour.decide(command, state: state, context: F.ctx(actor), facts: T.facts)
    }

    @Test func submitNeedsEveryTranslation() throws {
        let partial = T.run([(T.create, F.agent), (T.add("s1", 1), F.agent), (T.add("s2", 2), F.agent), (T.add("s3", 3), F.agent),
                             (T.script("s1", "yue-Hant"), F.agent), (T.script("s1", "zh-Hans"), F.agent),
                             (T.script("s2", "yue-Hant"), F.agent), (T.script("s2", "zh-Hans"), F.agent),
                             (T.script("s3", "zh-Hans"), F.agent)])
        let error = refusal { () throws(DomainError) in try decide(.submit(T.ref), partial, as: F.agent) }
        #expect(error?.message == "MISSING_TRANSLATION: stop 3 yue-Hant")
        #expect(error?.field == "stops[3].scripts.yue-Hant")
        let empty = T.run([(T.create, F.agent)])
        expectRefused("TOUR_EMPTY") { () throws(DomainError) in try decide(.submit(T.ref), empty, as: F.agent) }
        let submitted = T.run([(.submit(T.ref), F.agent)], from: T.draft)
        #expect(submitted.status == .inReview)
        expectRefused("ILLEGAL_TRANSITION") { () throws(DomainError) in try decide(T.add("s9", 1), submitted, as: F.agent) }
    }

    @Test func reviewIsForPeopleOtherThanTheAuthor() throws {
        let inReview = T.run([(.submit(T.ref), F.agent)], from: T.draft)
        expectRefused("AGENT_CANNOT_APPROVE") { () throws(DomainError) in try decide(.approve(T.ref), inReview, as: F.agent) }
        expectRefused("AGENT_CANNOT_APPROVE") { () throws(DomainError) in
            try decide(.requestChanges(.init(tourID: T.id, comment: "more")), inReview, as: .agent("other-bot"))
        }
        expectRefused("FORBIDDEN") { () throws(DomainError) in try decide(.approve(T.ref), inReview, as: F.kiosk) }
        expectRefused("COUNTY_FORBIDDEN") { () throws(DomainError) in try decide(.approve(T.ref), inReview, as: F.wu) }
        let byChen = T.run([(T.create, F.chen), (T.add("s1", 1), F.chen), (T.script("s1", "yue-Hant"), F.chen),
                            (T.script("s1", "zh-Hans"), F.chen), (.submit(T.ref), F.chen)])
        expectRefused("SELF_REVIEW") { () throws(DomainError) in try decide(.approve(T.ref), byChen, as: F.chen) }
        expectRefused("SELF_REVIEW") { () throws(DomainError) in
            try decide(.requestChanges(.init(tourID: T.id, comment: "x")), byChen, as: F.chen)
        }
        expectRefused("COMMENT_REQUIRED", field: "comment") { () throws(DomainError) in
            try decide(.requestChanges(.init(tourID: T.id, comment: " ")), inReview, as: F.chen)
        }
        let back = T.run([(.requestChanges(.init(tourID: T.id, comment: "stop 2 needs the 1925 date")), F.chen)], from: inReview)
        #expect(back.status == .draft && back.lastChangeRequest == "stop 2 needs the 1925 date")
        expectRefused("ILLEGAL_TRANSITION") { () throws(DomainError) in try decide(.publishVersion(T.ref), inReview, as: F.chen) }
    }

    @Test func publishedVersionIsImmutableUntilANewDraft() throws {
        let published = T.published
        #expect(published.status == .published && published.publishedVersions.count == 1)
        let v1 = published.publishedVersions[0]
        #expect(v1.number == 1 && v1.stops.map(\.stopID) == ["s1", "s2"] && v1.publishedBy == "chen" && v1.languages == [.yueHant, .zhHans])
        for edit in [T.add("s3", 3), T.script("s1", "yue-Hant", "新"), .removeStop(.init(tourID: T.id, stopID: "s1")),
                     .reorderStops(.init(tourID: T.id, stopIDs: ["s2", "s1"]))] {
            expectRefused("PUBLISHED_IMMUTABLE") { () throws(DomainError) in try decide(edit, published, as: F.chen) }
        }
        expectRefused("ILLEGAL_TRANSITION") { () throws(DomainError) in try decide(.startNewDraft(T.ref), T.draft, as: F.agent) }
        let v2 = T.run([(.startNewDraft(T.ref), F.agent), (T.script("s1", "yue-Hant", "第二版"), F.agent), (T.add("s3", 3), F.agent)], from: published)
        #expect(v2.status == .draft && v2.version == 2)
        #expect(v2.publishedVersions == [v1])
        #expect(v2.stops.count == 3 && v2.stops[0].scripts[.yueHant] == "第二版")
        let v2Published = T.run([(T.script("s3", "yue-Hant"), F.agent), (T.script("s3", "zh-Hans"), F.agent),
                                 (.submit(T.ref), F.agent), (.approve(T.ref), F.li), (.publishVersion(T.ref), F.li)], from: v2)
        #expect(v2Published.publishedVersions.count == 2 && v2Published.publishedVersions[0] == v1)
        #expect(v2Published.publishedVersions[1].number == 2)
    }

    @Test func retire() throws {
        expectRefused("REASON_REQUIRED") { () throws(DomainError) in
            try decide(.retire(.init(tourID: T.id, reason: "")), T.published, as: F.chen)
        }
        let retired = T.run([(.retire(.init(tourID: T.id, reason: "村道维修")), F.chen)], from: T.published)
        #expect(retired.status == .retired && retired.retirementReason == "村道维修")
        expectRefused("ILLEGAL_TRANSITION") { () throws(DomainError) in try decide(.retire(.init(tourID: T.id, reason: "x")), retired, as: F.chen) }
        expectRefused("ILLEGAL_TRANSITION") { () throws(DomainError) in try decide(T.add("s9", 1), retired, as: F.chen) }
        expectRefused("AGENT_CANNOT_APPROVE") { () throws(DomainError) in
            try decide(.retire(.init(tourID: T.id, reason: "x")), T.published, as: F.agent)
        }
        expectRefused("NOT_FOUND") { () throws(DomainError) in try decide(.submit(T.ref), .initial, as: F.chen) }
    }
}
