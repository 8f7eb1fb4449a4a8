import Domain
import EventLog
import Foundation
import Hummingbird
import HummingbirdTesting
import Projections
import SeedLoader
import Sync
import Testing

/// The kiosk's local API answers from its replica and read models, so its screen and agents work with the hub gone.
@Suite("Kiosk read API, offline")
struct KioskRoutesTests {
    @Test("after one sync the kiosk serves its county's villages, catalog, search and tours with the hub stopped; a contribution waits in the outbox")
    func offline() async throws {
        try await S.withKiosks { directory in
            let kiosk = try await S.withHub { hub in
                _ = try await SeedLoader(store: hub.store).load()
                let kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-screen")
                try await hub.settle()
                try await kiosk.sync()
                return kiosk
            }
            // The hub is stopped from here on.
            let storage = try SQLiteProjectionStorage(path: directory.appendingPathComponent("kp-screen-readmodels.sqlite").path)
            let daemon = kiosk.database.projectionDaemon(
                storage: storage, options: .init(idleWait: .milliseconds(20)), logger: S.quiet)  // as `cunshi kiosk serve`
            let last = try #require(try await kiosk.log().last?.cursor)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await daemon.run() }
                defer { group.cancelAll() }
                for name in ["catalog", "published-tours"] {
                    try await daemon.readModels.waitUntil(name, reached: last, timeout: .seconds(30))
                }
                let router = Router()
                KioskRoutes(database: kiosk.database, readModels: daemon.readModels).register(on: router)
                try await Application(router: router, logger: S.quiet).test(.router) { client in
                    try await Self.checks(client)
                }
            }
        }
    }

    @Test("a curator signed in with their hub token records at the kiosk, and the hub applies it; no token, another role's, another county's curator, a bad body are refused")
    func curatorCommands() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await hub.run(S.registerItem("KR-1"), S.chen)
            try await S.withKiosks { directory in
                let kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-curator-screen")
                try await kiosk.sync()
                let storage = try SQLiteProjectionStorage(path: directory.appendingPathComponent("kp-curator-readmodels.sqlite").path)
                let readModels = kiosk.database.projectionDaemon(storage: storage, logger: S.quiet).readModels
                let router = Router()
                KioskRoutes(database: kiosk.database, readModels: readModels).register(on: router)
                let revision = String(decoding: try JSONEncoder().encode(ArchiveItem.ReviseDescription(
                    itemID: "KR-1", description: .init(title: ["zh-Hans": "铭石楼（馆内修订）"]))), as: UTF8.self)
                let li = try await hub.signIn(.curator("li", county: S.kaiping)).token
                let wu = try await hub.signIn(.curator("wu", county: S.panyu)).token
                let admin = try await hub.tokens.issue(subject: "ada", role: .admin)
                try await Application(router: router, logger: S.quiet).test(.router) { client in
                    struct Refusal: Decodable { var code: String }
                    /// The status and, for a refusal, its code.
                    func post(_ path: String, _ body: String, token: String?) async throws -> String {
                        var headers: HTTPFields = [.contentType: "application/json"]
                        if let token { headers[.authorization] = "Bearer \(token)" }
                        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
                        let refusal = try? JSONDecoder().decode(Refusal.self, from: Data(response.body.readableBytesView))
                        return "\(response.status.code) \(refusal?.code ?? "")"
                    }
                    let path = "/v1/kiosk/curator/item/revise-description"
                    let anonymous = try await post(path, revision, token: nil)
                    #expect(anonymous == "401 UNAUTHENTICATED")
                    let asAdmin = try await post(path, revision, token: admin)
                    #expect(asAdmin == "401 CURATOR_TOKEN_INVALID")
                    let otherCounty = try await post(path, revision, token: wu)
                    #expect(otherCounty == "403 \(ErrorCode.countyForbidden)")
                    let malformed = try await post(path, "{\"itemID\":", token: li)
                    #expect(malformed.hasPrefix("400 "))
                    let notSyncable = try await post("/v1/kiosk/curator/village/register", "{}", token: li)
                    #expect(notSyncable == "400 \(WireCommand.notSyncableCode)")
                    #expect(try await kiosk.database.outboxEntries(after: 0, limit: 10, maxBytes: .max).isEmpty)
                    let recorded = try await post(path, revision, token: li)
                    #expect(recorded.hasPrefix("201 "))
                }
                let entries = try await kiosk.database.outboxEntries(after: 0, limit: 10, maxBytes: .max)
                #expect(entries.map(\.actor) == [.curator("li", county: S.kaiping)])
                #expect(try await kiosk.sync().appended == 1)
                let item = try await hub.store.readStream(try StreamID("item-KR-1"))
                #expect(item.count == 2 && item.last?.metadata.actor?.id == "li")
            }
        }
    }

    static func checks(_ client: any TestClientProtocol) async throws {
        func get(_ uri: String) async throws -> (HTTPResponse.Status, JSONValue) {
            let response = try await client.execute(uri: uri, method: .get)
            return (response.status, try JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView)))
        }
        func list(_ value: JSONValue, _ key: String? = nil) -> [[String: JSONValue]] {
            let array: JSONValue? = key.map { value.objectValue?[$0] ?? .null } ?? value
            guard case .array(let items)? = array else { return [] }
            return items.compactMap(\.objectValue)
        }

        let (statusCode, status) = try await get("/v1/kiosk/status")
        #expect(statusCode == .ok)
        #expect(status.objectValue?["county"] == .string("440783"))
        #expect(status.objectValue?["pendingUploads"] == .number(0))

        let villages = list(try await get("/v1/kiosk/villages").1)
        #expect(villages.contains { $0["villageID"] == .string("zili") })
        #expect(!villages.isEmpty && villages.allSatisfy { $0["county"] == .string("440783") })

        let catalog = list(try await get("/v1/kiosk/catalog?size=200").1, "items")
        #expect(!catalog.isEmpty)
        #expect(catalog.allSatisfy { $0["county"] == .string("440783") && $0["status"] == .string("published") })

        let found = list(try await get("/v1/kiosk/search?q=\("碉楼".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)").1)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0["county"] == .string("440783") })
        #expect(try await get("/v1/kiosk/search").0 == .badRequest)

        #expect(try await get("/v1/kiosk/items/zili-mingshilou").0 == .ok)
        let (otherCounty, error) = try await get("/v1/kiosk/items/shawan-liugengtang")
        #expect(otherCounty == .notFound)
        #expect(error.objectValue?["code"] == .string("NOT_FOUND"))

        let tours = list(try await get("/v1/kiosk/tours?village=zili&language=en").1)
        #expect(!tours.isEmpty)
        #expect(try await get("/v1/kiosk/tours?village=shawan").0 == .notFound)
        let (badLanguage, languageError) = try await get("/v1/kiosk/tours?village=zili&language=fr")
        #expect(badLanguage == .badRequest)
        #expect(languageError.objectValue?["field"] == .string("language"))

        // A villager's contribution, offline: decided locally, kept in the outbox for the next sync.
        let contribution = #"{"itemID":"kp-offline-1","villageID":"zili","kind":"photo","description":{"title":{"zh-Hans":"老屋"},"description":{},"creator":[],"subject":[],"language":[]},"contributorName":"关伯","depictsPeople":false,"media":[]}"#
        let created = try await client.execute(
            uri: "/v1/kiosk/contributions", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: contribution))
        #expect(created.status == .created, "\(String(decoding: Data(created.body.readableBytesView), as: UTF8.self))")
        #expect(try await get("/v1/kiosk/status").1.objectValue?["pendingUploads"] == .number(1))
        let elsewhere = contribution.replacingOccurrences(of: "zili", with: "shawan").replacingOccurrences(of: "kp-offline-1", with: "kp-offline-2")
        let refused = try await client.execute(
            uri: "/v1/kiosk/contributions", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: elsewhere))
        #expect(refused.status == .unprocessableContent)
        let malformed = try await client.execute(uri: "/v1/kiosk/contributions", method: .post, body: ByteBuffer(string: "{\"itemID\":"))
        #expect(malformed.status == .badRequest)
        let untitled = try await client.execute(
            uri: "/v1/kiosk/contributions", method: .post, body: ByteBuffer(string: contribution.replacingOccurrences(of: #""title":"#, with: #""titel":"#)))
        #expect(untitled.status == .badRequest)
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(untitled.body.readableBytesView)).objectValue?["field"] == .string("description.title"))
        #expect(try await get("/v1/kiosk/status").1.objectValue?["pendingUploads"] == .number(1))
    }
}
