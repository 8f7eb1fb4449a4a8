import Domain
import Foundation
import Hub
import Hummingbird
import HummingbirdTesting
import Testing

/// Each role × each county × each endpoint family: admins everything; curators their county; kiosks their
/// county's published data, their own kind of command (contributions) and sync; agents published data only.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    static let counties = ["440783", "440113"]  // Kaiping, Panyu
    static let villages = ["440783": "zili", "440113": "shawan"]

    enum Who: CaseIterable {
        case admin, curatorA, curatorB, kioskA, kioskB, agent
        var role: Principal.Role {
            switch self {
            case .admin: .admin
            case .curatorA, .curatorB: .curator
            case .kioskA, .kioskB: .kiosk
            case .agent: .agent
            }
        }
        var county: String? {
            switch self {
            case .curatorA, .kioskA: "440783"
            case .curatorB, .kioskB: "440113"
            case .admin, .agent: nil
            }
        }
    }

    /// The status each principal must get from a family's representative endpoint on data of `county`.
    static func expected(_ who: Who, _ family: HubRoute.Family, county: String) -> Int {
        let own = who.county == county
        switch family {
        case .operations: return 200
        case .admin: return who == .admin ? 200 : 403
        case .catalog, .tours, .market:
            return who.county == nil || own ? 200 : 403
        case .history, .review, .rightsAudit, .fleet, .deals:
            return who == .admin || (who.role == .curator && own) ? 200 : 403
        case .commands:
            return who == .admin || (who.role == .curator && own) ? 201 : 403
        case .sync:
            return who.role == .kiosk ? 200 : 401
        }
    }

    static func uri(_ family: HubRoute.Family, county: String) -> String {
        switch family {
        case .operations: "/v1/whoami"
        case .admin: "/v1/projections"
        case .catalog: "/v1/catalog/items?county=\(county)"
        case .tours: "/v1/tours?county=\(county)"
        case .market: "/v1/market/listings?county=\(county)"
        case .history: "/v1/items/I-\(county)/history"
        case .review: "/v1/review-queue?county=\(county)"
        case .rightsAudit: "/v1/rights-audit?county=\(county)"
        case .fleet: "/v1/fleet?county=\(county)"
        case .deals: "/v1/market/deals?county=\(county)"
        case .commands: "/v1/commands/village/revise"
        case .sync: "/v1/sync/hello"
        }
    }

    @Test("role × county × family")
    func matrix() async throws {
        try await HubHarness.withSQLite { harness, client in
            let admin = try await harness.bearer(.admin, "ada")
            var headers: [Who: HTTPFields] = [:]
            for county in Self.counties {
                let village = Self.villages[county]!
                try await HTTP.command(client, "village/register", Village.Register(
                    villageID: village, names: ["zh-Hans": village], county: county, town: ["zh-Hans": "镇"],
                    location: Coordinates(latitude: 22.5, longitude: 113)), admin)
                try await HTTP.command(client, "item/register", ArchiveItem.Register(
                    itemID: "I-\(county)", villageID: village, kind: .document,
                    description: .init(title: ["zh-Hans": "族谱"], description: [:], creator: [], subject: [], language: []), depictsPeople: false), admin)
                let device = try await HubAdministration.registerDevice(store: harness.store, county: county, station: "站", deviceID: "K-\(county)")
                headers[county == "440783" ? .kioskA : .kioskB] = HubHarness.device(device.credential)
            }
            headers[.admin] = admin
            headers[.curatorA] = try await harness.bearer(.curator, "chen", county: "440783")
            headers[.curatorB] = try await harness.bearer(.curator, "wang", county: "440113")
            headers[.agent] = try await harness.bearer(.agent, "daolan")

            var checked = 0
            for family in HubRoute.Family.allCases {
                for county in Self.counties {
                    for who in Who.allCases {
                        let expected = Self.expected(who, family, county: county)
                        let response: TestResponse
                        if family == .commands {
                            let revise = Village.Revise(villageID: Self.villages[county]!, names: ["en": "\(who)"])
                            response = try await client.execute(uri: Self.uri(family, county: county), method: .post, headers: headers[who]!, body: try HTTP.body(revise))
                        } else if family == .sync {
                            response = try await HTTP.get(client, Self.uri(family, county: county), headers[who]! + HubHarness.syncVersions)
                        } else {
                            response = try await HTTP.get(client, Self.uri(family, county: county), headers[who]!)
                        }
                        #expect(response.status.code == expected, "\(who) \(family) county \(county): \(String(decoding: HTTP.data(response), as: UTF8.self))")
                        if response.status.code == 401 {
                            #expect(try HTTP.error(response).code == "UNAUTHENTICATED")
                        }
                        if response.status.code == 403 {
                            let code = try HTTP.error(response).code
                            #expect(["FORBIDDEN", "COUNTY_FORBIDDEN"].contains(code))
                        }
                        checked += 1
                    }
                }
            }
            #expect(checked == HubRoute.Family.allCases.count * 2 * Who.allCases.count)

            // A kiosk's own kind of command: contributions, in its county only.
            func contribute(_ who: Who, village: String, id: String) async throws -> Int {
                let body = ArchiveItem.Contribute(itemID: id, villageID: village, kind: .photo,
                                                  description: .init(title: ["zh-Hans": "老照片"], description: [:], creator: [], subject: [], language: []))
                return try await client.execute(uri: "/v1/commands/item/contribute", method: .post, headers: headers[who]!, body: try HTTP.body(body)).status.code
            }
            #expect(try await contribute(.kioskA, village: "zili", id: "C-1") == 201)
            #expect(try await contribute(.kioskB, village: "zili", id: "C-2") == 403)
            #expect(try await contribute(.curatorA, village: "zili", id: "C-3") == 403)
            #expect(try await contribute(.agent, village: "zili", id: "C-4") == 403)
            // Curators and kiosks may not widen their scope with a parameter.
            let widened = try await HTTP.get(client, "/v1/catalog/items?county=440113", headers[.kioskA]!)
            #expect(try HTTP.error(widened).code == "COUNTY_FORBIDDEN")
        }
    }

    @Test("every protected route refuses an anonymous caller with 401")
    func anonymous() async throws {
        try await HubHarness.withSQLite { harness, client in
            for route in HubRoutes.all(harness.deps) {
                let uri = route.path.replacingOccurrences(of: "{itemID}", with: "I-1").replacingOccurrences(of: "{tourID}", with: "T-1")
                    .replacingOccurrences(of: "{listingID}", with: "L-1")
                let response = try await client.execute(uri: uri, method: route.method, headers: [:], body: ByteBuffer(string: "{}"))
                if case .anyone = route.access {
                    #expect(response.status == .ok, "\(route.path)")
                } else {
                    #expect(response.status == .unauthorized, "\(route.path)")
                }
            }
        }
    }
}
