import Foundation
import Hub
import Hummingbird
import HummingbirdTesting
import Testing

/// "The server provably matches its contract": the route table that registers the Hummingbird routes is
/// compared, both ways, with the operations of the `/openapi.yaml` the server serves — path, method, operationId
/// and the roles admitted (`x-roles`).
@Suite("OpenAPI contract")
struct OpenAPIContractTests {
    struct Operation: Hashable, CustomStringConvertible {
        var method: String
        var path: String
        var operationID: String
        var roles: Set<String>
        var description: String { "\(method) \(path) \(operationID) \(roles.sorted())" }
    }

    /// A line-based reading of `paths:`: a path at indent 2, a method at indent 4, `operationId` and `x-roles` at 6.
    static func operations(in yaml: String) -> Set<Operation> {
        var result: Set<Operation> = []
        var inPaths = false
        var path: String?
        var current: Operation?
        func flush() { if let op = current { result.insert(op) }; current = nil }
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if !line.hasPrefix(" ") && !line.isEmpty {
                flush()
                inPaths = line == "paths:"
                continue
            }
            guard inPaths else { continue }
            let indent = line.prefix { $0 == " " }.count
            let text = line.trimmingCharacters(in: .whitespaces)
            if indent == 2, text.hasSuffix(":") {
                flush()
                path = String(text.dropLast())
            } else if indent == 4, ["get:", "post:", "put:", "patch:", "delete:"].contains(text) {
                flush()
                current = Operation(method: String(text.dropLast()).uppercased(), path: path ?? "?", operationID: "", roles: [])
            } else if indent == 6, text.hasPrefix("operationId:") {
                current?.operationID = text.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces)
            } else if indent == 6, text.hasPrefix("x-roles:") {
                let list = text.dropFirst("x-roles:".count).trimmingCharacters(in: CharacterSet(charactersIn: " []"))
                current?.roles = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            }
        }
        flush()
        return result
    }

    @Test("the served document and the route table list the same operations, both ways")
    func routesMatchDocument() async throws {
        try await HubHarness.withSQLite { harness, client in
            let response = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            let served = String(decoding: HTTP.data(response), as: UTF8.self)
            #expect(served == (try OpenAPIDocument.text()))
            #expect(served.hasPrefix("openapi: 3.1.0"))
            let documented = Self.operations(in: served)
            let implemented = Set(HubRoutes.all(harness.deps).map { route in
                let roles: Set<String>
                switch route.access {
                case .anyone: roles = []
                case .roles(let set): roles = Set(set.map(\.rawValue))
                case .device: roles = ["kiosk"]
                }
                return Operation(method: route.method.rawValue, path: route.path, operationID: route.operationID, roles: roles)
            })
            #expect(documented.count > 60)
            let undocumented = implemented.subtracting(documented)
            let unimplemented = documented.subtracting(implemented)
            #expect(undocumented.isEmpty, "routes missing from openapi.yaml: \(undocumented.sorted { $0.path < $1.path })")
            #expect(unimplemented.isEmpty, "operations in openapi.yaml the server lacks: \(unimplemented.sorted { $0.path < $1.path })")
            let ids = HubRoutes.all(harness.deps).map(\.operationID)
            #expect(Set(ids).count == ids.count, "operationIds are unique")
        }
    }

    @Test("every command of the domain has exactly one endpoint")
    func everyCommandHasAnEndpoint() {
        // 2 village + 3 device + 10 item + 13 tour + 12 listing (with AcceptOffer) + 5 deal commands.
        #expect(CommandCatalog.all.count == 45)
        #expect(Set(CommandCatalog.all.map(\.path)).count == 45)
    }

    @Test("every error response of the document is the Error schema")
    func errorsUseTheErrorSchema() throws {
        let yaml = try OpenAPIDocument.text()
        let lines = yaml.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(of: "  responses:"), let end = lines.firstIndex(of: "  schemas:") else {
            Issue.record("no components/responses")
            return
        }
        let errors = lines[start..<end].filter { $0.hasPrefix("    E") }
        #expect(errors.count == 9)
        let refs = lines[start..<end].filter { $0.contains("$ref") }
        #expect(refs.filter { $0.contains("schemas/Error'") }.count == errors.count)
    }
}
