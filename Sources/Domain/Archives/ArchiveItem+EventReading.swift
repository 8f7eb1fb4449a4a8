import Foundation
import JSONText

/// Hand-written readers of the archive item payloads: archive events are most of the log, and `JSONDecoder` was most
/// of what reading them cost projections. Each accepts what the synthesized `Decodable` accepts or throws
/// ``JSONTextReader/Malformed``, and ``ArchiveItem/Event/decode(eventType:schemaVersion:payload:)`` then decodes with
/// `JSONDecoder`, which decides and words the error.
extension ArchiveItem.Event {
    static func read(_ eventType: String, from reader: inout JSONTextReader) throws(JSONTextReader.Malformed) -> Self {
        switch eventType {
        case EventType.registered: return .registered(try .init(reading: &reader))
        case EventType.contributed: return .contributed(try .init(reading: &reader))
        case EventType.descriptionRevised: return .descriptionRevised(try .init(reading: &reader))
        case EventType.mediaAttached: return .mediaAttached(try .init(reading: &reader))
        case EventType.provenanceRecorded: return .provenanceRecorded(try .init(reading: &reader))
        case EventType.rightsAssigned: return .rightsAssigned(try .init(reading: &reader))
        case EventType.consentRecorded: return .consentRecorded(try .init(reading: &reader))
        case EventType.submittedForReview: return .submittedForReview(try .init(reading: &reader))
        case EventType.published: return .published(try .init(reading: &reader))
        case EventType.withdrawn: return .withdrawn(try .init(reading: &reader))
        default: throw JSONTextReader.Malformed()
        }
    }
}

extension ArchiveItem.Registered {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        var itemID, villageID, registeredBy: String?
        var county: CountyCode?, kind: ArchiveItem.Kind?, description: ArchiveItem.Description?
        var depictsPeople: Bool?, ich: ICHClassification?
        var seen = SeenKeys()
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "itemID": try seen.insert(0); itemID = try reader.string()
            case "villageID": try seen.insert(1); villageID = try reader.string()
            case "county": try seen.insert(2); county = CountyCode(try reader.string())
            case "kind": try seen.insert(3); kind = try reader.raw(ArchiveItem.Kind.self)
            case "description": try seen.insert(4); description = try .init(reading: &reader)
            case "depictsPeople": try seen.insert(5); depictsPeople = try reader.bool()
            case "ich": try seen.insert(6); ich = try reader.ich()
            case "registeredBy": try seen.insert(7); registeredBy = try reader.string()
            default: try reader.skipValue()
            }
        }
        guard let itemID, let villageID, let county, let kind, let description, let depictsPeople, let registeredBy
        else { throw JSONTextReader.Malformed() }
        self.init(
            itemID: itemID, villageID: villageID, county: county, kind: kind, description: description,
            depictsPeople: depictsPeople, ich: ich, registeredBy: registeredBy)
    }
}

extension ArchiveItem.Contributed {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        var itemID, villageID, deviceID, contributorName, visitorNote: String?
        var county: CountyCode?, kind: ArchiveItem.Kind?, description: ArchiveItem.Description?
        var depictsPeople: Bool?, ich: ICHClassification?, media: [ArchiveItem.MediaFile]?
        var seen = SeenKeys()
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "itemID": try seen.insert(0); itemID = try reader.string()
            case "villageID": try seen.insert(1); villageID = try reader.string()
            case "county": try seen.insert(2); county = CountyCode(try reader.string())
            case "kind": try seen.insert(3); kind = try reader.raw(ArchiveItem.Kind.self)
            case "description": try seen.insert(4); description = try .init(reading: &reader)
            case "depictsPeople": try seen.insert(5); depictsPeople = try reader.bool()
            case "ich": try seen.insert(6); ich = try reader.ich()
            case "deviceID": try seen.insert(7); deviceID = try reader.string()
            case "contributorName": try seen.insert(8); contributorName = try reader.optionalString()
            case "visitorNote": try seen.insert(9); visitorNote = try reader.optionalString()
            case "media":
                try seen.insert(10)
                var files: [ArchiveItem.MediaFile] = []
                try reader.array { (reader) throws(JSONTextReader.Malformed) in files.append(try .init(reading: &reader)) }
                media = files
            default: try reader.skipValue()
            }
        }
        guard let itemID, let villageID, let county, let kind, let description, let depictsPeople, let deviceID,
              let media
        else { throw JSONTextReader.Malformed() }
        self.init(
            itemID: itemID, villageID: villageID, county: county, kind: kind, description: description,
            depictsPeople: depictsPeople, ich: ich, deviceID: deviceID, contributorName: contributorName,
            visitorNote: visitorNote, media: media)
    }
}

extension ArchiveItem.DescriptionRevised {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        let (itemID, description) = try reader.itemID(and: "description") { (reader) throws(JSONTextReader.Malformed) in
            try ArchiveItem.Description(reading: &reader)
        }
        self.init(itemID: itemID, description: description)
    }
}

extension ArchiveItem.MediaAttached {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        let (itemID, media) = try reader.itemID(and: "media") { (reader) throws(JSONTextReader.Malformed) in
            try ArchiveItem.MediaFile(reading: &reader)
        }
        self.init(itemID: itemID, media: media)
    }
}

extension ArchiveItem.ProvenanceRecorded {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        let (itemID, entry) = try reader.itemID(and: "entry") { (reader) throws(JSONTextReader.Malformed) in
            try ArchiveItem.ProvenanceEntry(reading: &reader)
        }
        self.init(itemID: itemID, entry: entry)
    }
}

extension ArchiveItem.RightsAssigned {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        let (itemID, rights) = try reader.itemID(and: "rights") { (reader) throws(JSONTextReader.Malformed) in
            try reader.rights()
        }
        self.init(itemID: itemID, rights: rights)
    }
}

extension ArchiveItem.ConsentRecorded {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        let (itemID, consent) = try reader.itemID(and: "consent") { (reader) throws(JSONTextReader.Malformed) in
            try ArchiveItem.Consent(reading: &reader)
        }
        self.init(itemID: itemID, consent: consent)
    }
}

extension ArchiveItem.SubmittedForReview {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        let (itemID, submittedBy) = try reader.itemID(and: "submittedBy") { (reader) throws(JSONTextReader.Malformed) in
            try reader.string()
        }
        self.init(itemID: itemID, submittedBy: submittedBy)
    }
}

extension ArchiveItem.Published {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        var itemID, publishedBy: String?, publishedAt: Date?
        var seen = SeenKeys()
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "itemID": try seen.insert(0); itemID = try reader.string()
            case "publishedBy": try seen.insert(1); publishedBy = try reader.string()
            case "publishedAt": try seen.insert(2); publishedAt = try reader.date()
            default: try reader.skipValue()
            }
        }
        guard let itemID, let publishedBy, let publishedAt else { throw JSONTextReader.Malformed() }
        self.init(itemID: itemID, publishedBy: publishedBy, publishedAt: publishedAt)
    }
}

extension ArchiveItem.Withdrawn {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        var itemID, reason, withdrawnBy: String?
        var seen = SeenKeys()
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "itemID": try seen.insert(0); itemID = try reader.string()
            case "reason": try seen.insert(1); reason = try reader.string()
            case "withdrawnBy": try seen.insert(2); withdrawnBy = try reader.string()
            default: try reader.skipValue()
            }
        }
        guard let itemID, let reason, let withdrawnBy else { throw JSONTextReader.Malformed() }
        self.init(itemID: itemID, reason: reason, withdrawnBy: withdrawnBy)
    }
}

extension ArchiveItem.Description {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        var title, description: LangMap?, creator, subject, language: [String]?
        var created, temporal: EDTFDate?, spatial: String?
        var seen = SeenKeys()
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "title": try seen.insert(0); title = try reader.langMap()
            case "description": try seen.insert(1); description = try reader.langMap()
            case "creator": try seen.insert(2); creator = try reader.strings()
            case "created": try seen.insert(3); created = try reader.edtf()
            case "spatial": try seen.insert(4); spatial = try reader.optionalString()
            case "temporal": try seen.insert(5); temporal = try reader.edtf()
            case "subject": try seen.insert(6); subject = try reader.strings()
            case "language": try seen.insert(7); language = try reader.strings()
            default: try reader.skipValue()
            }
        }
        guard let title, let description, let creator, let subject, let language else { throw JSONTextReader.Malformed() }
        self.init(
            title: title, description: description, creator: creator, created: created, spatial: spatial,
            temporal: temporal, subject: subject, language: language)
    }
}

extension ArchiveItem.MediaFile {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        var mediaID, mimeType, sha256: String?
        var byteSize: Int64?, width, height: Int?, durationSeconds: Double?, label: LangMap?
        var seen = SeenKeys()
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "mediaID": try seen.insert(0); mediaID = try reader.string()
            case "mimeType": try seen.insert(1); mimeType = try reader.string()
            case "sha256": try seen.insert(2); sha256 = try reader.string()
            case "byteSize": try seen.insert(3); byteSize = try reader.null() ? nil : try reader.integer()
            case "width": try seen.insert(4); width = try reader.null() ? nil : try reader.int()
            case "height": try seen.insert(5); height = try reader.null() ? nil : try reader.int()
            case "durationSeconds": try seen.insert(6); durationSeconds = try reader.null() ? nil : try reader.double()
            case "label": try seen.insert(7); label = try reader.null() ? nil : try reader.langMap()
            default: try reader.skipValue()
            }
        }
        guard let mediaID, let mimeType, let sha256 else { throw JSONTextReader.Malformed() }
        self.init(
            mediaID: mediaID, mimeType: mimeType, sha256: sha256, byteSize: byteSize, width: width, height: height,
            durationSeconds: durationSeconds, label: label)
    }
}

extension ArchiveItem.ProvenanceEntry {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        var agent, note: String?, kind: Kind?, date: EDTFDate?
        var seen = SeenKeys()
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "agent": try seen.insert(0); agent = try reader.string()
            case "kind": try seen.insert(1); kind = try reader.null() ? nil : try reader.raw(Kind.self)
            case "date": try seen.insert(2); date = try reader.edtf()
            case "note": try seen.insert(3); note = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        guard let agent else { throw JSONTextReader.Malformed() }
        self.init(agent: agent, kind: kind, date: date, note: note)
    }
}

extension ArchiveItem.Consent {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        var subject, evidence: String?, scopes: Set<ArchiveItem.ConsentScope>?, givenOn: EDTFDate?
        var seen = SeenKeys()
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "subject": try seen.insert(0); subject = try reader.string()
            case "scopes":
                try seen.insert(1)
                var set: Set<ArchiveItem.ConsentScope> = []
                try reader.array { (reader) throws(JSONTextReader.Malformed) in
                    set.insert(try reader.raw(ArchiveItem.ConsentScope.self))
                }
                scopes = set
            case "givenOn": try seen.insert(2); givenOn = try reader.edtf()
            case "evidence": try seen.insert(3); evidence = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        guard let subject, let scopes else { throw JSONTextReader.Malformed() }
        self.init(subject: subject, scopes: scopes, givenOn: givenOn, evidence: evidence)
    }
}

extension JSONTextReader {
    /// An object of `itemID` and one other required key, the shape of most archive payloads.
    fileprivate mutating func itemID<T>(
        and key: String, _ read: (inout JSONTextReader) throws(Malformed) -> T
    ) throws(Malformed) -> (String, T) {
        var itemID: String?, value: T?
        var seen = SeenKeys()
        try object { (reader, name) throws(Malformed) in
            switch name {
            case "itemID": try seen.insert(0); itemID = try reader.string()
            case key: try seen.insert(1); value = try read(&reader)
            default: try reader.skipValue()
            }
        }
        guard let itemID, let value else { throw Malformed() }
        return (itemID, value)
    }
}
