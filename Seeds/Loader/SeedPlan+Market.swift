import Domain

extension SeedPlan {
    /// DraftListing and SubmitListing by the curator of the source items' county (an admin when they span
    /// counties or `author` says so), ApproveListing by an admin, then each offer: MakeOffer (the market desk, i.e.
    /// the author), CounterOffer (admin), and its outcome — AcceptOffer with the deal's signatures and payments,
    /// RejectOffer or WithdrawOffer. Last, PauseListing or CloseListing.
    mutating func addListing(_ entry: SeedData.Entry<SeedRecord.ListingRecord>) throws(SeedError) {
        let listing = entry.record
        var counties = Set<String>()
        for item in listing.sourceItems { counties.insert(try county(ofItem: item, file: entry.file, record: entry.id)) }
        let author: Actor =
            if listing.author == "admin" || counties.count != 1 { SeedActors.admin } else { SeedActors.curator(counties.first!) }
        let admin = SeedActors.admin
        var r = RecordSteps(file: entry.file, kind: "listing", record: entry.id, phase: .market)
        let id = listing.id
        let ref = Listing.ListingRef(listingID: id)
        r.add("draft", author, .listing(.draft(Listing.Draft(
            listingID: id, title: listing.title, sourceItems: listing.sourceItems, terms: listing.terms.input,
            exclusive: listing.exclusive))))
        if listing.status != .draft { r.add("submit", author, .listing(.submit(ref))) }
        guard listing.status != .draft, listing.status != .pendingApproval else {
            steps += r.steps
            return
        }
        r.add("approve", SeedActors.reviewer, .listing(.approve(ref)))
        for offer in listing.offers ?? [] {
            let offerRef = Listing.OfferRef(listingID: id, offerID: offer.id)
            r.add("offer:\(offer.id)", author, .listing(.makeOffer(Listing.MakeOffer(
                listingID: id, offerID: offer.id, buyer: offer.buyer, terms: offer.terms.input, validUntil: offer.validUntil))))
            if let counter = offer.counter {
                r.add("counter:\(offer.id)", admin, .listing(.counterOffer(Listing.CounterOffer(
                    listingID: id, offerID: offer.id, terms: counter.terms.input, validUntil: counter.validUntil))))
            }
            switch offer.outcome {
            case .open, .countered:
                break
            case .rejected:
                r.add("reject:\(offer.id)", admin, .listing(.rejectOffer(offerRef)))
            case .withdrawn:
                r.add("withdraw:\(offer.id)", author, .listing(.withdrawOffer(offerRef)))
            case .accepted:
                guard let deal = offer.deal else {
                    throw .malformed(
                        file: entry.file, record: entry.id, code: "SEED_FORMAT",
                        message: "SEED_FORMAT: accepted offer \(offer.id) needs a \"deal\" with its id")
                }
                r.add("accept:\(offer.id)", admin, .acceptOffer(Listing.AcceptOffer(
                    listingID: id, offerID: offer.id, dealID: deal.id)))
                if let name = deal.licensorSignatory {
                    r.add("deal:\(deal.id):sign-licensor", admin, .deal(.sign(Deal.Sign(
                        dealID: deal.id, party: .licensor, signatory: name))))
                }
                if let name = deal.licenseeSignatory {
                    r.add("deal:\(deal.id):sign-licensee", admin, .deal(.sign(Deal.Sign(
                        dealID: deal.id, party: .licensee, signatory: name))))
                }
                for payment in deal.payments ?? [] {
                    r.add("deal:\(deal.id):payment:\(payment.id)", admin, .deal(.recordPayment(Deal.RecordPayment(
                        dealID: deal.id, paymentID: payment.id,
                        amount: Money(amountMinor: payment.amount.amountMinor, currency: payment.amount.currency)))))
                }
            }
        }
        switch listing.status {
        case .paused: r.add("pause", admin, .listing(.pause(ref)))
        case .closed: r.add("close", admin, .listing(.close(Listing.Close(listingID: id, reason: listing.closeReason))))
        case .draft, .pendingApproval, .published: break
        }
        steps += r.steps
    }
}
