extension ArchiveItem.State {
    /// Whether consent rules apply: oral histories and photos of people.
    public var requiresConsent: Bool { kind == .oralHistory || (kind == .photo && depictsPeople) }

    /// The scopes every subject currently consents to (latest consent per subject, intersected); empty when no
    /// consent is recorded.
    public var consentedScopes: Set<ArchiveItem.ConsentScope> {
        var latest: [String: Set<ArchiveItem.ConsentScope>] = [:]
        for consent in consents { latest[consent.subject] = consent.scopes }
        guard var result = latest.values.first else { return [] }
        for scopes in latest.values { result.formIntersection(scopes) }
        return result
    }

    /// What blocks submission and publication, in this order: `rights` (none assigned), `media` (none attached),
    /// `consent` (an oral history without an archive-scope consent). Photos of people may be published without
    /// consent (old photos rarely have one) but are not shown on kiosks or licensed without it.
    public var publicationBlockers: [String] {
        var missing: [String] = []
        if rights == nil { missing.append("rights") }
        if media.isEmpty { missing.append("media") }
        if kind == .oralHistory, !consentedScopes.contains(.archive) { missing.append("consent") }
        return missing
    }

    /// Published and, where consent applies, consented for kiosk display. Tours may link only such items.
    public var isDisplayableOnKiosk: Bool {
        status == .published && (!requiresConsent || consentedScopes.contains(.kiosk))
    }

    /// Published, in copyright with a known holder (``RightsURI/isLicensable``) and, where consent applies,
    /// consented for commercial use. Listings may be drafted only from such items.
    public var isLicensable: Bool {
        status == .published && (rights?.isLicensable ?? false)
            && (!requiresConsent || consentedScopes.contains(.commercial))
    }

    /// `edm:type`: from the media when they say more than the kind (video, 3D model), else from the kind.
    public var edmType: ArchiveItem.EDMType {
        let families = Set(media.compactMap(\.family))
        if families.contains(.model) { return .threeD }
        if families.contains(.video) { return .video }
        switch kind {
        case .photo, .building: return .image
        case .document, .genealogy: return .text
        case .oralHistory: return .sound
        case .ichElement:
            if families.contains(.audio) { return .sound }
            if families.contains(.image) { return .image }
            return .text
        }
    }

    /// DCMI Type vocabulary term (`dc:type`).
    public var dcmiType: String {
        switch kind {
        case .photo: "StillImage"
        case .document, .genealogy: "Text"
        case .oralHistory: "Sound"
        case .building: "PhysicalObject"
        case .ichElement: "Event"
        }
    }

    /// IIIF Presentation 3 `requiredStatement`: the attribution line of the rights, if assigned.
    public var iiifRequiredStatement: (label: LangMap, value: String)? {
        rights.map { (["en": "Attribution", "zh-Hans": "署名"], $0.attribution) }
    }
}
