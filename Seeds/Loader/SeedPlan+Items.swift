import Domain

extension SeedPlan {
    /// RegisterItem by the county's curator — or ContributeItem by a kiosk — then media, provenance, rights and
    /// consents (curator), then SubmitForReview (curator), PublishItem (admin: never the author) and WithdrawItem
    /// (curator) as far as `status` says.
    mutating func addItem(_ entry: SeedData.Entry<SeedRecord.ItemRecord>) throws(SeedError) {
        let item = entry.record
        let county = try county(ofVillage: item.village, file: entry.file, record: entry.id)
        noteItem(item.id, county: county)
        let curator = SeedActors.curator(county)
        var r = RecordSteps(file: entry.file, kind: "item", record: entry.id, phase: .archives)
        let description = ArchiveItem.Description(
            title: item.title, description: item.description ?? [:], creator: item.creator ?? [],
            created: item.created.map(EDTFDate.init), spatial: item.spatial, temporal: item.temporal.map(EDTFDate.init),
            subject: item.subject ?? [], language: item.language ?? [])
        let media = (item.media ?? []).map { mediaFile($0, item: item.id) }

        if let contribution = item.contributed {
            let kioskCounty = try self.county(ofDevice: contribution.kiosk, file: entry.file, record: entry.id)
            r.add("contribute", SeedActors.kiosk(contribution.kiosk, county: kioskCounty), .item(.contribute(
                ArchiveItem.Contribute(
                    itemID: item.id, villageID: item.village, kind: item.kind, description: description,
                    depictsPeople: item.depictsPeople ?? false, ichDomain: item.ich?.domain,
                    ichCategory: item.ich?.category, contributorName: contribution.contributorName,
                    visitorNote: contribution.visitorNote, media: media))))
        } else {
            r.add("register", curator, .item(.register(ArchiveItem.Register(
                itemID: item.id, villageID: item.village, kind: item.kind, description: description,
                depictsPeople: item.depictsPeople ?? false, ichDomain: item.ich?.domain, ichCategory: item.ich?.category))))
            for file in media {
                r.add("media:\(file.mediaID)", curator, .item(.attachMedia(ArchiveItem.AttachMedia(itemID: item.id, media: file))))
            }
        }
        for (index, p) in (item.provenance ?? []).enumerated() {
            let entry = ArchiveItem.ProvenanceEntry(agent: p.agent, kind: p.kind, date: p.date.map(EDTFDate.init), note: p.note)
            r.add("provenance:\(index)", curator, .item(.recordProvenance(ArchiveItem.RecordProvenance(itemID: item.id, entry: entry))))
        }
        if let rights = item.rights {
            r.add("rights", curator, .item(.assignRights(ArchiveItem.AssignRights(itemID: item.id, rights: rights))))
        }
        for (index, c) in (item.consents ?? []).enumerated() {
            let consent = ArchiveItem.Consent(
                subject: c.subject, scopes: Set(c.scopes), givenOn: c.givenOn.map(EDTFDate.init), evidence: c.evidence)
            r.add("consent:\(index)", curator, .item(.recordConsent(ArchiveItem.RecordConsent(itemID: item.id, consent: consent))))
        }
        let ref = ArchiveItem.ItemRef(itemID: item.id)
        if item.status != .draft, item.contributed == nil {
            r.add("submit", curator, .item(.submitForReview(ref)))
        }
        if item.status == .published || item.status == .withdrawn {
            r.add("publish", SeedActors.reviewer, .item(.publish(ref)))
        }
        if item.status == .withdrawn {
            r.add("withdraw", curator, .item(.withdraw(ArchiveItem.Withdraw(itemID: item.id, reason: item.withdrawReason ?? ""))))
        }
        steps += r.steps
    }

    private func mediaFile(_ m: SeedRecord.MediaRecord, item: String) -> ArchiveItem.MediaFile {
        ArchiveItem.MediaFile(
            mediaID: m.id, mimeType: m.mimeType, sha256: m.sha256 ?? SeedIdentity.mediaChecksum(item: item, media: m.id),
            byteSize: m.byteSize, width: m.width, height: m.height, durationSeconds: m.durationSeconds, label: m.label)
    }
}
