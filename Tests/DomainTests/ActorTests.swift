import Foundation
import Testing

@testable import Domain

@Suite struct ActorTests {
    @Test func roles() {
        #expect(F.admin.isHuman && F.chen.isHuman)
        #expect(!F.kiosk.isHuman && !F.agent.isHuman)
        #expect(F.kiosk.id == "K-1" && F.kiosk.county == F.kaiping)
        #expect(F.agent.county == nil)
    }

    @Test func adminMayDoEverything() throws {
        try F.admin.authorize(.curate(county: F.panyu))
        try F.admin.authorize(.review(county: F.kaiping))
        try F.admin.authorize(.trade(counties: [F.panyu, F.kaiping]))
    }

    @Test func curatorOnlyInOwnCounty() throws {
        try F.chen.authorize(.curate(county: F.kaiping))
        try F.chen.authorize(.review(county: F.kaiping))
        expectRefused("COUNTY_FORBIDDEN", field: "county") { () throws(DomainError) in try F.chen.authorize(.curate(county: F.panyu)) }
        expectRefused("COUNTY_FORBIDDEN") { () throws(DomainError) in try F.chen.authorize(.trade(counties: [F.kaiping, F.panyu])) }
        expectRefused("FORBIDDEN") { () throws(DomainError) in try F.chen.authorize(.contribute(county: F.kaiping)) }
    }

    @Test func kioskOnlyContributesInItsCounty() throws {
        try F.kiosk.authorize(.contribute(county: F.kaiping))
        expectRefused("COUNTY_FORBIDDEN") { () throws(DomainError) in try F.kiosk.authorize(.contribute(county: F.panyu)) }
        expectRefused("FORBIDDEN") { () throws(DomainError) in try F.kiosk.authorize(.review(county: F.kaiping)) }
        expectRefused("FORBIDDEN") { () throws(DomainError) in try F.kiosk.authorize(.curate(county: F.kaiping)) }
    }

    @Test func agentDraftsButNeverApproves() throws {
        try F.agent.authorize(.draftTour(county: F.panyu))
        expectRefused("AGENT_CANNOT_APPROVE") { () throws(DomainError) in try F.agent.authorize(.review(county: F.kaiping)) }
        expectRefused("FORBIDDEN") { () throws(DomainError) in try F.agent.authorize(.curate(county: F.kaiping)) }
        expectRefused("FORBIDDEN") { () throws(DomainError) in try F.agent.authorize(.trade(counties: [F.kaiping])) }
    }

    @Test func selfReview() throws {
        try F.li.requireNotAuthor(["chen"], of: "item I-1")
        expectRefused("SELF_REVIEW") { () throws(DomainError) in try F.chen.requireNotAuthor(["chen"], of: "item I-1") }
    }

    @Test func kioskDeviceChecks() throws {
        try Device.authorizeKiosk(F.kiosk, device: F.kioskDevice)
        try Device.authorizeKiosk(F.chen, device: .initial)
        expectRefused("FORBIDDEN") { () throws(DomainError) in try Device.authorizeKiosk(F.kiosk, device: .initial) }
        expectRefused("FORBIDDEN") { () throws(DomainError) in
            try Device.authorizeKiosk(.kiosk("K-1", county: F.panyu), device: F.kioskDevice)
        }
        let revoked = Device.evolve(F.kioskDevice, .revoked(.init(deviceID: "K-1", reason: "stolen", revokedAt: F.now)))
        expectRefused("DEVICE_REVOKED") { () throws(DomainError) in try Device.authorizeKiosk(F.kiosk, device: revoked) }
    }

    @Test func codableShape() throws {
        let data = try JSONEncoder().encode(F.chen)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: String]
        #expect(object == ["role": "curator", "id": "chen", "county": "440783"])
        for actor in [F.admin, F.chen, F.kiosk, F.agent] {
            #expect(try JSONDecoder().decode(Actor.self, from: JSONEncoder().encode(actor)) == actor)
        }
    }
}
