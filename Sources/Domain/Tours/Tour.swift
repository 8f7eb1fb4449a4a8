import Foundation

/// A tour-guide script of a village: languages offered, ordered stops with script text and optional audio
/// per language, and links to published archive items. Stream `tour-<id>`.
///
/// Lifecycle of a version: `draft` → `inReview` (SubmitTour) → `approved` (ApproveTour) or back to `draft`
/// (RequestChanges) → `published` (PublishTourVersion). A published version is immutable: edits are refused
/// with `PUBLISHED_IMMUTABLE` until StartNewDraft opens version n+1, which starts from the last published
/// version. `retired` (RetireTour) is final. Published versions are kept in ``State/publishedVersions``.
public enum Tour {
    public static func streamID(for id: TourID) -> String { "tour-\(id)" }

    public enum Status: String, Sendable, Hashable, Codable {
        case nonexistent, draft, inReview, approved, published, retired
    }

    /// Recorded narration of a stop in one language. The transcript is required (accessibility, search).
    public struct StopAudio: Sendable, Hashable, Codable {
        public var mimeType: String
        public var sha256: String
        public var durationSeconds: Double
        public var transcript: String

        public init(mimeType: String, sha256: String, durationSeconds: Double, transcript: String) {
            self.mimeType = mimeType
            self.sha256 = sha256
            self.durationSeconds = durationSeconds
            self.transcript = transcript
        }
    }

    /// A stop. Its position is its index in ``State/stops`` plus one.
    public struct Stop: Sendable, Hashable, Codable {
        public var stopID: StopID
        public var title: LangMap
        /// Script text per offered language.
        public var scripts: LangMap
        public var audio: [LanguageTag: StopAudio]
        public var linkedItems: [ItemID]

        public init(
            stopID: StopID, title: LangMap, scripts: LangMap = [:], audio: [LanguageTag: StopAudio] = [:],
            linkedItems: [ItemID] = []
        ) {
            self.stopID = stopID
            self.title = title
            self.scripts = scripts
            self.audio = audio
            self.linkedItems = linkedItems
        }
    }

    /// A published version, as the kiosks show it. Never changes once published.
    public struct Version: Sendable, Hashable, Codable {
        public var number: Int
        public var title: LangMap
        public var languages: [LanguageTag]
        public var stops: [Stop]
        public var publishedBy: String
        public var publishedAt: Date
    }
}

extension LanguageTag: CodingKeyRepresentable {}
