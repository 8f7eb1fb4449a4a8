import Domain
import Foundation
import Hub
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

@Suite("Bad input: 4xx, never 500, nothing appended")
struct BadInputTests {
    /// Bodies no command accepts.
    static var badBodies: [[UInt8]] {
        var bodies: [[UInt8]] = [
            [], Array("not json".utf8), Array("{".utf8), Array("{\"a\":".utf8), Array("[1,2]".utf8), Array("null".utf8),
            Array("\"text\"".utf8), Array("true".utf8), Array("123".utf8), Array("{}".utf8), [0xFF, 0xFE, 0x7B, 0x7D],
            Array("{\"itemID\": \"\u{FFFD}\", \"x\": \"\\uD800\"}".utf8), [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D],
            Array("{\"n\": 1e400}".utf8), Array("{\"villageID\": 123456789012345678901234567890}".utf8),
            Array("{\"listingID\": 7, \"tourID\": [], \"itemID\": {}, \"dealID\": false, \"deviceID\": null}".utf8),
            Array(String(repeating: "[", count: 5_000).utf8), Array(String(repeating: "{\"a\":", count: 3_000).utf8),
            Array("{\"\u{0000}\": 1}".utf8), Array("{\"a\": 1, \"a\": 2}".utf8),
        ]
        var generator = SplitMix64(seed: 20_260_528)
        for _ in 0..<12 {
            bodies.append((0..<Int(generator.next() % 200)).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        return bodies
    }

    @Test("every command endpoint answers bad bodies with 4xx and appends nothing")
    func fuzzEveryCommandEndpoint() async throws {
        try await HubHarness.withSQLite { harness, client in
            let admin = try await harness.bearer(.admin, "ada")
            let bodies = Self.badBodies
            for endpoint in CommandCatalog.all {
                for body in bodies {
                    let response = try await client.execute(uri: endpoint.path, method: .post, headers: admin, body: ByteBuffer(bytes: body))
                    #expect((400..<500).contains(response.status.code), "\(endpoint.path) answered \(response.status.code) to \(body.prefix(40))")
                    let error = try? HTTP.error(response)
                    #expect(error != nil, "\(endpoint.path): not the Error shape")
                }
            }
            #expect(try await harness.logCount() == 0)
        }
    }

    @Test("each kind of malformed input has its code and field")
    func codesAndFields() async throws {
        try await HubHarness.withSQLite { harness, client in
            let chen = try await harness.bearer(.curator, "chen", county: "440783")
            func post(_ path: String, _ json: String) async throws -> (HTTPResponse.Status, APIError.Body) {
                let response = try await client.execute(uri: "/v1/commands/\(path)", method: .post, headers: chen, body: ByteBuffer(string: json))
                return (response.status, try HTTP.error(response))
            }
            let valid = #""villageID":"zili","names":{"zh-Hans":"自力村"},"county":"440783","town":{"zh-Hans":"塘口镇""#
            var (status, error) = try await post("village/register", "{\(valid)},\"location\":{\"latitude\":22,\"longitude\":112,\"altitude\":5}}")
            #expect(status == .badRequest && error.code == "UNKNOWN_FIELD" && error.field == "location.altitude")
            (status, error) = try await post("village/register", "{\(valid)},\"location\":{\"latitude\":22,\"longitude\":112},\"mayor\":\"x\"}")
            #expect(error.code == "UNKNOWN_FIELD" && error.field == "mayor")
            (status, error) = try await post("village/register", "{\(valid)},\"location\":{\"latitude\":\"north\",\"longitude\":112}}")
            #expect(status == .badRequest && error.code == "WRONG_TYPE" && error.field == "location.latitude")
            (status, error) = try await post("village/register", "{\(valid)}}")
            #expect(error.code == "MISSING_FIELD" && error.field == "location")
            (status, error) = try await post("village/register", "{\(valid)},\"location\":null}")
            #expect(error.code == "MISSING_FIELD" && error.field == "location")
            (status, error) = try await post("tour/add-stop", #"{"tourID":"T","stopID":"S","position":1e30,"title":{}}"#)
            #expect(error.code == "WRONG_TYPE" && error.field == "position")
            (status, error) = try await post("deal/record-payment", #"{"dealID":"D","paymentID":"P","amount":{"amountMinor":99999999999999999999999,"currency":"HKD"}}"#)
            #expect(error.code == "WRONG_TYPE" && error.field == "amount.amountMinor")
            (status, error) = try await post("deal/record-payment", #"{"dealID":"D","paymentID":"P","amount":{"amountMinor":1,"currency":"USD"}}"#)
            #expect(error.code == "WRONG_TYPE" && error.field == "amount.currency")
            (status, error) = try await post("item/withdraw", #"{"itemID":"I","reason":"x","extra":{"nested":1}}"#)
            #expect(error.code == "UNKNOWN_FIELD" && error.field == "extra")
            (status, error) = try await post("item/contribute", "{")
            #expect(status == .forbidden)  // a curator may not contribute: refused before the body is read
            (status, error) = try await post("listing/make-offer", #"{"listingID":"L","offerID":"O","buyer":"b","terms":{"uses":["display"],"territories":["HK"],"termStart":"2026-01-01","termEnd":"2027-01-01","price":{"amountMinor":1,"currency":"HKD"}},"validUntil":"tomorrow"}"#)
            #expect(error.code == "WRONG_TYPE" && error.field == "validUntil")
            #expect(try await harness.logCount() == 0)
        }
    }

    @Test("bodies over 256 KiB get 413 PAYLOAD_TOO_LARGE")
    func tooLarge() async throws {
        try await HubHarness.withSQLite { harness, client in
            let chen = try await harness.bearer(.curator, "chen", county: "440783")
            let big = "{\"itemID\":\"I\",\"reason\":\"" + String(repeating: "长", count: 100_000) + "\"}"
            let response = try await client.execute(uri: "/v1/commands/item/withdraw", method: .post, headers: chen, body: ByteBuffer(string: big))
            #expect(response.status == .contentTooLarge)
            #expect(try HTTP.error(response).code == "PAYLOAD_TOO_LARGE")
            let justUnder = "{\"itemID\":\"I\",\"reason\":\"" + String(repeating: "a", count: 200_000) + "\"}"
            let under = try await client.execute(uri: "/v1/commands/item/withdraw", method: .post, headers: chen, body: ByteBuffer(string: justUnder))
            #expect(under.status != .contentTooLarge)
            #expect(try await harness.logCount() == 0)
        }
    }

    @Test("unknown routes and methods answer with the Error shape")
    func unknownRoutes() async throws {
        try await HubHarness.withSQLite { harness, client in
            let admin = try await harness.bearer(.admin, "ada")
            let missing = try await client.execute(uri: "/v1/commands/village/demolish", method: .post, headers: admin)
            #expect(missing.status == .notFound)
            #expect(try HTTP.error(missing).code == "NOT_FOUND")
            let path = try await HTTP.get(client, "/v1/catalog/items/bad%20id", admin)
            #expect(path.status == .badRequest)
        }
    }
}
