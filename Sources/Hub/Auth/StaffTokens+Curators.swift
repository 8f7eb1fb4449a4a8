import Domain
import Foundation
import JWTKit
import Sync

extension StaffTokens: CuratorTokenVerifier {
    /// The claims of a curator token as kiosk sync needs them: signed with this hub's key and a curator's, whether or
    /// not it has expired since (``HubSyncService`` bounds how long after). Throws for any other token.
    public func curatorClaims(_ token: String) async throws -> CuratorClaims {
        let claims = try await keys.verify(token, as: SignedClaims.self)
        let principal = try Self.principal(subject: claims.sub.value, role: claims.role, county: claims.county)
        guard principal.role == .curator, let county = principal.county else {
            throw APIError.unauthenticated("the token is not a curator's", code: "TOKEN_INVALID")
        }
        return CuratorClaims(curatorID: principal.id, county: county, expiresAt: claims.exp.value)
    }

    /// ``Claims`` without the expiry check.
    struct SignedClaims: JWTPayload {
        var sub: SubjectClaim
        var role: String
        var county: String?
        var exp: ExpirationClaim

        func verify(using _: some JWTAlgorithm) async throws {}
    }
}
