import Domain
import Foundation

/// A curator signed in at a kiosk: the curator token the hub issued them, and the actor it names.
///
/// The kiosk cannot check the token's signature (only the hub holds the key); it reads the claims to know whom the
/// token names and refuses what is plainly not a curator token of its county. The hub checks the signature when the
/// entries recorded with it are pushed (``CuratorTokenVerifier``).
public struct CuratorSignIn: Sendable, Hashable {
    public let token: String
    public let actor: Actor

    /// Reads the claims of `token` (a JWT: `sub`, `role` "curator", `county`). Throws `CURATOR_TOKEN_INVALID` for
    /// anything else.
    public init(token: String) throws(SyncError) {
        struct Claims: Decodable {
            var sub: String
            var role: String
            var county: String?
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Self.base64URLDecoded(parts[1]),
              let claims = try? JSONDecoder().decode(Claims.self, from: payload)
        else {
            throw .badRequest("the curator token is not a token the hub issues", field: "curatorToken", code: "CURATOR_TOKEN_INVALID")
        }
        guard claims.role == "curator", let county = claims.county, let id = try? Identifier.validated(claims.sub, field: "sub"),
              let code = try? CountyCode.validated(county)
        else {
            throw .badRequest("the token is not a curator's (role \(claims.role))", field: "curatorToken", code: "CURATOR_TOKEN_INVALID")
        }
        self.token = token
        actor = .curator(id, county: code)
    }

    static func base64URLDecoded(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
