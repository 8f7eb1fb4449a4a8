import Domain
import Foundation
import JSONText

extension ItemSnapshot {
    /// The snapshot's JSON, written by hand: the same bytes as `ReadModelJSON.encode(self)` (see ``JSONWriter``),
    /// at a fraction of the cost — three projections write a snapshot for nearly every archive item event.
    ///
    /// Keep it in step with the `Codable` types it writes: a field added to ``ItemSnapshot`` or to a type below
    /// must be written here too (`ItemSnapshotJSONTests` compares both encodings on fully populated snapshots).
    func json() throws -> String {
        var out = JSONWriter(capacity: 2_048)
        out.openObject()
        out.key("consents")
        out.openArray()
        for consent in consents { consent.write(to: &out) }
        out.closeArray()
        out.field("contributorName", contributorName)
        out.field("county", county?.rawValue)
        out.key("depictsPeople"); out.bool(depictsPeople)
        out.key("description"); description.write(to: &out)
        if let ich {
            out.key("ich")
            out.openObject()
            out.key("category"); out.string(ich.category.rawValue)
            out.key("domain"); out.string(ich.domain.rawValue)
            out.closeObject()
        }
        out.key("id"); out.string(id)
        out.key("kind"); out.string(kind.rawValue)
        out.key("media")
        out.openArray()
        for file in media { try file.write(to: &out) }
        out.closeArray()
        out.key("provenance")
        out.openArray()
        for entry in provenance { entry.write(to: &out) }
        out.closeArray()
        out.field("publishedAt", date: publishedAt)
        out.field("publishedBy", publishedBy)
        out.key("registeredBy"); out.string(registeredBy)
        if let rights {
            out.key("rights")
            out.openObject()
            out.key("attribution"); out.string(rights.attribution)
            out.key("holder"); out.string(rights.holder)
            out.key("uri"); out.string(rights.uri)
            out.closeObject()
        }
        out.key("status"); out.string(status.rawValue)
        out.field("submittedBy", submittedBy)
        out.key("villageID"); out.string(villageID)
        out.field("visitorNote", visitorNote)
        out.field("withdrawalReason", withdrawalReason)
        out.closeObject()
        return out.text
    }
}

extension ArchiveItem.Description {
    fileprivate func write(to out: inout JSONWriter) {
        out.openObject()
        out.field("created", created?.rawValue)
        out.key("creator"); out.strings(creator)
        out.key("description"); out.stringMap(description.entries)
        out.key("language"); out.strings(language)
        out.field("spatial", spatial)
        out.key("subject"); out.strings(subject)
        out.field("temporal", temporal?.rawValue)
        out.key("title"); out.stringMap(title.entries)
        out.closeObject()
    }
}

extension ArchiveItem.MediaFile {
    fileprivate func write(to out: inout JSONWriter) throws {
        out.openObject()
        out.field("byteSize", integer: byteSize)
        if let durationSeconds { out.key("durationSeconds"); try out.double(durationSeconds) }
        out.field("height", integer: height)
        if let label { out.key("label"); out.stringMap(label.entries) }
        out.key("mediaID"); out.string(mediaID)
        out.key("mimeType"); out.string(mimeType)
        out.key("sha256"); out.string(sha256)
        out.field("width", integer: width)
        out.closeObject()
    }
}

extension ArchiveItem.ProvenanceEntry {
    fileprivate func write(to out: inout JSONWriter) {
        out.openObject()
        out.key("agent"); out.string(agent)
        out.field("date", date?.rawValue)
        out.field("kind", kind?.rawValue)
        out.field("note", note)
        out.closeObject()
    }
}

extension ArchiveItem.Consent {
    fileprivate func write(to out: inout JSONWriter) {
        out.openObject()
        out.field("evidence", evidence)
        out.field("givenOn", givenOn?.rawValue)
        out.key("scopes")
        out.openArray()
        for scope in scopes { out.string(scope.rawValue) }  // the set's own order, as the encoder writes a set
        out.closeArray()
        out.key("subject"); out.string(subject)
        out.closeObject()
    }
}
