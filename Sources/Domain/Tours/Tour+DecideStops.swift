extension Tour {
    public static let scriptLengthRange = 1...4000
    public static let audioDurationRange: ClosedRange<Double> = 1...1800
    public static let audioMIMETypes: Set<String> = ["audio/mpeg", "audio/mp4", "audio/wav", "audio/flac"]

    /// AddStop, RemoveStop, ReorderStops, WriteStopScript, AttachStopAudio, LinkStopToItem on a draft.
    static func decideStopEdit(_ command: Command, state: State, facts: Facts) throws(DomainError) -> [Event] {
        let id = state.id
        switch command {
        case .addStop(let c):
            let stopID = try Identifier.validated(c.stopID, field: "stopID")
            guard state.position(of: stopID) == nil else {
                throw DomainError(ErrorCode.alreadyExists, field: "stopID", "stop \(stopID) is already on the tour")
            }
            guard (1...(state.stops.count + 1)).contains(c.position) else {
                throw DomainError(
                    ErrorCode.stopOrderInvalid, field: "position",
                    "position \(c.position) — use 1…\(state.stops.count + 1) so positions stay contiguous")
            }
            let title = try c.title.validated(field: "title", maxLength: 300)
            return [.stopAdded(StopAdded(tourID: id, stopID: stopID, position: c.position, title: title))]
        case .removeStop(let c):
            _ = try stopIndex(state, c.stopID)
            return [.stopRemoved(StopRemoved(tourID: id, stopID: c.stopID))]
        case .reorderStops(let c):
            let current = state.stops.map(\.stopID)
            guard c.stopIDs.count == current.count, Set(c.stopIDs) == Set(current), Set(c.stopIDs).count == current.count
            else {
                throw DomainError(
                    ErrorCode.stopOrderInvalid, field: "stopIDs",
                    "name each of the \(current.count) stops exactly once (\(current.joined(separator: ", ")))")
            }
            return [.stopsReordered(StopsReordered(tourID: id, stopIDs: c.stopIDs))]
        case .writeStopScript(let c):
            let index = try stopIndex(state, c.stopID)
            let language = try offered(c.language, state: state)
            let count = c.text.count
            guard scriptLengthRange.contains(count), !Text.isBlank(c.text) else {
                throw DomainError(
                    ErrorCode.scriptLength, field: "text",
                    "stop \(index + 1) \(language.rawValue) script has \(count) characters; write 1–4000")
            }
            return [.stopScriptWritten(StopScriptWritten(tourID: id, stopID: c.stopID, language: language, text: c.text))]
        case .attachStopAudio(let c):
            _ = try stopIndex(state, c.stopID)
            let language = try offered(c.language, state: state)
            return [.stopAudioAttached(StopAudioAttached(
                tourID: id, stopID: c.stopID, language: language, audio: try validatedAudio(c)))]
        case .linkStopToItem(let c):
            let index = try stopIndex(state, c.stopID)
            guard facts.item(c.itemID).isDisplayableOnKiosk else {
                throw DomainError(
                    ErrorCode.itemNotDisplayable, field: "itemID",
                    "item \(c.itemID) is not published with consent for kiosk display")
            }
            guard !state.stops[index].linkedItems.contains(c.itemID) else {
                throw DomainError(ErrorCode.alreadyExists, field: "itemID", "item \(c.itemID) is already linked to this stop")
            }
            return [.stopLinkedToItem(StopLinkedToItem(tourID: id, stopID: c.stopID, itemID: c.itemID))]
        default:
            return []
        }
    }

    private static func stopIndex(_ state: State, _ stopID: StopID) throws(DomainError) -> Int {
        guard let position = state.position(of: stopID) else {
            throw DomainError(ErrorCode.notFound, field: "stopID", "stop \(stopID) is not on tour \(state.id)")
        }
        return position - 1
    }

    private static func offered(_ raw: String, state: State) throws(DomainError) -> LanguageTag {
        let language = try LanguageTag.parse(raw, field: "language")
        guard state.languages.contains(language) else {
            let list = state.languages.sorted().map(\.rawValue).joined(separator: ", ")
            throw DomainError(
                ErrorCode.languageNotOffered, field: "language", "tour \(state.id) offers \(list), not \(language.rawValue)")
        }
        return language
    }

    private static func validatedAudio(_ c: AttachStopAudio) throws(DomainError) -> StopAudio {
        let mime = Text.trimmed(c.mimeType).lowercased()
        guard audioMIMETypes.contains(mime) else {
            throw DomainError(
                ErrorCode.mediaTypeNotAllowed, field: "mimeType",
                "'\(c.mimeType)' — use one of \(audioMIMETypes.sorted().joined(separator: ", "))")
        }
        guard ArchiveItem.isSHA256Hex(c.sha256) else {
            throw DomainError(ErrorCode.checksumInvalid, field: "sha256", "give the SHA-256 as 64 lowercase hex digits")
        }
        guard c.durationSeconds.isFinite, audioDurationRange.contains(c.durationSeconds) else {
            throw DomainError(
                ErrorCode.audioDuration, field: "durationSeconds",
                "audio lasts \(c.durationSeconds) s; a stop's audio lasts 1–1800 s")
        }
        let transcript = try Text.required(
            c.transcript, field: "transcript", code: ErrorCode.transcriptRequired, what: "a transcript of the audio")
        return StopAudio(mimeType: mime, sha256: c.sha256, durationSeconds: c.durationSeconds, transcript: transcript)
    }
}
