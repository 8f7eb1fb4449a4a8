import Domain
import Foundation
import Hub
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Command and query routes (router level, embedded SQLite)")
struct CommandRouteTests {
    @Test("every command endpoint succeeds in a real workflow, and the read models follow (read-after-write)")
    func everyCommandEndpoint() async throws {
        try await HubHarness.withSQLite { harness, client in
            let chen = try await harness.bearer(.curator, "chen", county: "440783")
            let li = try await harness.bearer(.curator, "li", county: "440783")
            let admin = try await harness.bearer(.admin, "ada")
            let scenario = Scenario(client: client, chen: chen, li: li, admin: admin, setClock: { harness.clock.set($0) }, start: HubHarness.start)
            let (succeeded, cursor) = try await scenario.run()
            let all = Set(CommandCatalog.all.map { "\($0.aggregate)/\($0.name)" })
            // deal/activate cannot succeed on its own: the second signature activates the deal (refusal tested).
            #expect(all.subtracting(succeeded) == ["deal/activate"])
            try await QueryChecks.run(client, chen: chen, admin: admin, cursor: cursor)
        }
    }

    @Test("Idempotency-Key: a retried POST appends nothing and answers the original positions")
    func idempotentRetry() async throws {
        try await HubHarness.withSQLite { harness, client in
            let chen = try await harness.bearer(.curator, "chen", county: "440783")
            var headers = chen
            headers[.init("Idempotency-Key")!] = UUID().uuidString
            let body = Village.Register(villageID: "zili", names: ["zh-Hans": "自力村"], county: "440783", town: ["zh-Hans": "塘口镇"],
                                        location: Coordinates(latitude: 22.37, longitude: 112.56))
            let first = try await client.execute(uri: "/v1/commands/village/register", method: .post, headers: headers, body: try HTTP.body(body))
            #expect(first.status == .created)
            let again = try await client.execute(uri: "/v1/commands/village/register", method: .post, headers: headers, body: try HTTP.body(body))
            #expect(again.status == .ok)
            #expect(try HTTP.command(again).duplicate)
            #expect(try HTTP.command(again).positions == (try HTTP.command(first).positions))
            #expect(try await harness.logCount() == 1)
            // The same key for another command is a client error.
            let other = Village.Revise(villageID: "zili", names: ["en": "Zili"])
            let reused = try await client.execute(uri: "/v1/commands/village/revise", method: .post, headers: headers, body: try HTTP.body(other))
            #expect(reused.status.code == 409 || reused.status == .ok)
            headers[.init("Idempotency-Key")!] = "not-a-uuid"
            let bad = try await client.execute(uri: "/v1/commands/village/revise", method: .post, headers: headers, body: try HTTP.body(other))
            #expect(bad.status == .badRequest)
            #expect(try HTTP.error(bad).field == "Idempotency-Key")
        }
    }

    @Test("domain refusals map to 422, 404, 403 and 409 with {code, field, message}")
    func refusals() async throws {
        try await HubHarness.withSQLite { harness, client in
            let chen = try await harness.bearer(.curator, "chen", county: "440783")
            let wang = try await harness.bearer(.curator, "wang", county: "440113")
            let register = Village.Register(villageID: "zili", names: ["zh-Hans": "自力村"], county: "440783", town: ["zh-Hans": "塘口镇"],
                                            location: Coordinates(latitude: 22.37, longitude: 112.56))
            let unknownCounty = try await HTTP.refused(client, "village/register", Village.Register(
                villageID: "x", names: ["zh-Hans": "某村"], county: "999999", town: ["zh-Hans": "镇"], location: Coordinates(latitude: 22, longitude: 112)),
                chen, .unprocessableContent, "UNKNOWN_COUNTY")
            #expect(unknownCounty.field == "county")
            try await HTTP.refused(client, "village/register", register, wang, .forbidden, "COUNTY_FORBIDDEN")
            try await HTTP.command(client, "village/register", register, chen)
            try await HTTP.refused(client, "village/revise", Village.Revise(villageID: "nowhere", names: ["en": "x"]), chen, .notFound, "NOT_FOUND")
            let title = try await HTTP.refused(client, "item/register", ArchiveItem.Register(
                itemID: "I-9", villageID: "zili", kind: .photo, description: .init(title: [:], description: [:], creator: [], subject: [], language: []),
                depictsPeople: false), chen, .unprocessableContent, "TITLE_REQUIRED")
            #expect(title.field == "title")
            #expect(title.message.hasPrefix("TITLE_REQUIRED"))
            #expect(try await harness.logCount() == 1)
        }
    }
}

/// The query endpoints over the state the scenario left.
enum QueryChecks {
    static func run(_ client: any TestClientProtocol, chen: HTTPFields, admin: HTTPFields, cursor: String) async throws {
        func page(_ uri: String, _ headers: HTTPFields, sourceLocation: SourceLocation = #_sourceLocation) async throws -> QueryPage<JSONValue> {
            let separator = uri.contains("?") ? "&" : "?"
            let response = try await HTTP.get(client, uri + separator + "waitFor=\(cursor)&waitMs=10000", headers)
            #expect(response.status == .ok, "\(uri): \(String(decoding: HTTP.data(response), as: UTF8.self))", sourceLocation: sourceLocation)
            return try HTTP.page(response)
        }
        #expect(try await page("/v1/catalog/villages", chen).total == 1)
        let items = try await page("/v1/catalog/items?county=440783", chen)
        #expect(items.total == 1)
        let entry = try #require(items.items.first?.objectValue)
        #expect(entry["itemID"] == .string("I-1"))
        // The public view: no consent records, visitor notes or contributor names.
        #expect(entry["consents"] == nil && entry["visitorNote"] == nil && entry["contributorName"] == nil)
        #expect(try await page("/v1/catalog/items?kind=photo&villageID=zili", chen).total == 1)
        #expect(try await HTTP.get(client, "/v1/catalog/items/I-1", chen).status == .ok)
        #expect(try await HTTP.get(client, "/v1/catalog/items/I-3", chen).status == .notFound)  // submitted, not published
        let search = try await page("/v1/catalog/search?q=%E8%B6%9F%E6%A0%8A", chen)  // 趟栊
        #expect(search.total == 1)
        #expect(try await page("/v1/catalog/search?q=nothing-like-this", chen).total == 0)
        #expect(try await page("/v1/tours", chen).total == 0)  // T-1 was retired
        let listings = try await page("/v1/market/listings", chen)
        #expect(listings.total == 0)  // L-1 was closed
        #expect(try await page("/v1/market/listings/L-1/offers", chen).total == 5)
        #expect(try await page("/v1/market/deals", chen).total == 2)
        let history = try await page("/v1/items/I-1/history?limit=3", chen)
        #expect(history.total >= 7)
        #expect(history.items.count == 3)
        #expect(history.nextOffset == 3)
        let asOf = try await HTTP.get(client, "/v1/items/I-1/as-of?position=0", chen)
        #expect(asOf.status == .notFound)
        let now = try await HTTP.get(client, "/v1/items/I-1/as-of?at=2100-01-01T00:00:00Z", chen)
        #expect(now.status == .ok)
        #expect(try HTTP.json(now).objectValue?["item"]?.objectValue?["status"] == .string("published"))
        #expect(try await HTTP.get(client, "/v1/items/I-1/as-of?at=2100-01-01T00:00:00.250Z", chen).status == .ok)
        #expect(try await HTTP.get(client, "/v1/items/I-1/as-of?at=yesterday", chen).status == .badRequest)
        #expect(try await HTTP.get(client, "/v1/items/I-1/as-of", chen).status == .badRequest)
        let queue = try await page("/v1/review-queue", chen)
        #expect(queue.items.contains { "\($0)".contains("I-3") })
        #expect(try await page("/v1/rights-audit", chen).total >= 1)
        #expect(try await page("/v1/fleet", chen).total == 2)
        let projections = try await HTTP.get(client, "/v1/projections", admin)
        #expect(projections.status == .ok)
        let bad = try await HTTP.get(client, "/v1/catalog/items?limit=0", chen)
        #expect(bad.status == .badRequest)
        #expect(try HTTP.error(bad).field == "limit")
        #expect(try await HTTP.get(client, "/v1/catalog/items?waitFor=garbage", chen).status == .badRequest)
        let behind = try await HTTP.get(client, "/v1/catalog/items?waitFor=999999999.999999999&waitMs=50", chen)
        #expect(behind.status == .serviceUnavailable)
        #expect(try HTTP.error(behind).code == "NOT_CAUGHT_UP")
    }
}
