import Foundation

extension ArchiveItem {
    /// The Dublin Core / DCMI Terms description of an item. Raw in commands (validate with
    /// ``validated()``), canonical in events.
    ///
    /// `title` is required in at least one language (`TITLE_REQUIRED`); `created` and `temporal` are EDTF
    /// (`BAD_DATE`); `language` lists the languages *of the item* as BCP 47 tags (any language, e.g. `hak`);
    /// `spatial` is a place name within the village. `type`, `rightsHolder`, `rights` and `provenance` are not
    /// given here: they come from the kind, ``Rights`` and the provenance records.
    public struct Description: Sendable, Hashable, Codable {
        public var title: LangMap
        public var description: LangMap
        public var creator: [String]
        public var created: EDTFDate?
        public var spatial: String?
        public var temporal: EDTFDate?
        public var subject: [String]
        public var language: [String]

        public init(
            title: LangMap, description: LangMap = [:], creator: [String] = [], created: EDTFDate? = nil,
            spatial: String? = nil, temporal: EDTFDate? = nil, subject: [String] = [], language: [String] = []
        ) {
            self.title = title
            self.description = description
            self.creator = creator
            self.created = created
            self.spatial = spatial
            self.temporal = temporal
            self.subject = subject
            self.language = language
        }

        public func validated() throws(DomainError) -> Description {
            let title = try title.validated(
                field: "title", requireText: true, requiredCode: ErrorCode.titleRequired, maxLength: 300)
            let description = try description.validated(field: "description", maxLength: 20_000)
            let created = try created?.validated(field: "created")
            let temporal = try temporal?.validated(field: "temporal")
            var languages: [String] = []
            for (index, tag) in language.enumerated() {
                languages.append(try BCP47.validated(Text.trimmed(tag), field: "language[\(index)]"))
            }
            let spatial = spatial.map(Text.trimmed).flatMap { $0.isEmpty ? nil : $0 }
            return Description(
                title: title, description: description, creator: Description.cleaned(creator), created: created,
                spatial: spatial, temporal: temporal, subject: Description.cleaned(subject), language: languages)
        }

        static func cleaned(_ list: [String]) -> [String] { list.map(Text.trimmed).filter { !$0.isEmpty } }
    }

    /// A provenance record: who held or made the item and how it passed (`dcterms:provenance`).
    public struct ProvenanceEntry: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
            case creation, donation, purchase, loan, bequest, transfer, fieldRecording, digitization, discovery
        }
        /// The person or body (e.g. `关氏宗族`).
        public var agent: String
        public var kind: Kind?
        /// When (EDTF); never after the day the command is decided.
        public var date: EDTFDate?
        public var note: String?

        public init(agent: String, kind: Kind?, date: EDTFDate? = nil, note: String? = nil) {
            self.agent = agent
            self.kind = kind
            self.date = date
            self.note = note
        }
    }

    /// A consent given by the interviewee of an oral history or a person shown in a photo. The latest consent
    /// of each subject replaces their earlier ones (a narrower scope withdraws the rest).
    public struct Consent: Sendable, Hashable, Codable {
        public var subject: String
        public var scopes: Set<ConsentScope>
        /// When it was given (EDTF), if known.
        public var givenOn: EDTFDate?
        /// A reference to the signed form or recording of the consent.
        public var evidence: String?

        public init(subject: String, scopes: Set<ConsentScope>, givenOn: EDTFDate? = nil, evidence: String? = nil) {
            self.subject = subject
            self.scopes = scopes
            self.givenOn = givenOn
            self.evidence = evidence
        }
    }
}
