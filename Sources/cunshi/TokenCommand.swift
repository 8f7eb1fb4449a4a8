import ArgumentParser
import Foundation
import Hub

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Bearer tokens for admins, curators and agents.",
        subcommands: [Issue.self]
    )

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a signed JWT (HS256) for a person or an agent.",
            discussion: "Sign with the hub's key (--jwt-key or CUNSHI_JWT_KEY). Agents' tokens are read-only keys.")

        @Option(help: "admin, curator or agent (kiosks use device credentials: cunshi device register)")
        var role: String

        @Option(help: "The curator's county (6-digit code); curators only")
        var county: String?

        @Option(help: "The subject: a user or agent id (default: the role)")
        var subject: String?

        @Option(help: "Lifetime in hours (default 12)")
        var hours: Int = 12

        @Option(help: "HS256 signing key, the hub's (default: CUNSHI_JWT_KEY)")
        var jwtKey: String?

        func run() async throws {
            guard let key = jwtKey ?? Environment.value("CUNSHI_JWT_KEY") else {
                throw ValidationError("give --jwt-key or set CUNSHI_JWT_KEY: the key the hub verifies tokens with")
            }
            guard let parsedRole = Principal.Role(rawValue: role), parsedRole != .kiosk else {
                throw ValidationError("--role must be admin, curator or agent")
            }
            guard (1...24 * 366).contains(hours) else { throw ValidationError("--hours must be 1–8784") }
            let tokens = try await StaffTokens(key: key)
            print(try await tokens.issue(subject: subject ?? role, role: parsedRole, county: county, lifetime: .seconds(hours * 3600)))
        }
    }
}
