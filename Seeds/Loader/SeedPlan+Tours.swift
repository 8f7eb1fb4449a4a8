import Domain

extension SeedPlan {
    /// CreateTourDraft by the author (the county's curator, an admin or the agent), the stops with their scripts,
    /// audio and item links, an optional review round sent back with a comment, then SubmitTour (author),
    /// ApproveTour and PublishTourVersion (admin: a person other than the author) as far as `status` says.
    mutating func addTour(_ entry: SeedData.Entry<SeedRecord.TourRecord>) throws(SeedError) {
        let tour = entry.record
        let county = try county(ofVillage: tour.village, file: entry.file, record: entry.id)
        let author: Actor =
            switch tour.author {
            case .curator: SeedActors.curator(county)
            case .admin: SeedActors.admin
            case .agent: SeedActors.agent
            }
        var r = RecordSteps(file: entry.file, kind: "tour", record: entry.id, phase: .tours)
        let id = tour.id
        r.add("create", author, .tour(.createDraft(Tour.CreateDraft(
            tourID: id, villageID: tour.village, title: tour.title, languages: tour.languages))))
        for (index, stop) in tour.stops.enumerated() {
            r.add("stop:\(stop.id)", author, .tour(.addStop(Tour.AddStop(
                tourID: id, stopID: stop.id, position: index + 1, title: stop.title))))
            for language in stop.scripts.keys.sorted() {
                r.add("script:\(stop.id):\(language)", author, .tour(.writeStopScript(Tour.WriteStopScript(
                    tourID: id, stopID: stop.id, language: language, text: stop.scripts[language] ?? ""))))
            }
            for (language, audio) in (stop.audio ?? [:]).sorted(by: { $0.key < $1.key }) {
                r.add("audio:\(stop.id):\(language)", author, .tour(.attachStopAudio(Tour.AttachStopAudio(
                    tourID: id, stopID: stop.id, language: language, mimeType: audio.mimeType,
                    sha256: SeedIdentity.audioChecksum(tour: id, stop: stop.id, language: language),
                    durationSeconds: audio.durationSeconds, transcript: audio.transcript))))
            }
            for item in stop.items ?? [] {
                r.add("link:\(stop.id):\(item)", author, .tour(.linkStopToItem(Tour.LinkStopToItem(
                    tourID: id, stopID: stop.id, itemID: item))))
            }
        }
        let ref = Tour.TourRef(tourID: id)
        if let comment = tour.changesRequested {
            r.add("submit:1", author, .tour(.submit(ref)))
            r.add("request-changes:1", SeedActors.reviewer, .tour(.requestChanges(Tour.RequestChanges(tourID: id, comment: comment))))
        }
        if tour.status != .draft { r.add("submit", author, .tour(.submit(ref))) }
        if tour.status == .approved || tour.status == .published { r.add("approve", SeedActors.reviewer, .tour(.approve(ref))) }
        if tour.status == .published { r.add("publish", SeedActors.reviewer, .tour(.publishVersion(ref))) }
        steps += r.steps
    }
}
