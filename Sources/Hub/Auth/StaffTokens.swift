import Crypto
import Domain
import Foundation
import JWTKit

/// Bearer tokens for people (admins, curators) and agents: HS256 JWTs with `sub`, `role`, `county` (curators
/// only) and `exp`, signed with the hub's key.
///
/// Rules:
/// - The key comes from configuration (`--jwt-key` / `CUNSHI_JWT_KEY`). In production mode the hub refuses to start
///   without one; only development mode generates a random key at start (so its tokens die with the process).
/// - A key shorter than 32 bytes is refused: HS256 keys must be at least as long as the hash.
/// - Kiosks never get JWTs; they use device credentials (``DeviceCredentials``).
public struct StaffTokens: Sendable {
    /// The claims of a hub token.
    public struct Claims: JWTPayload, Equatable {
        public var sub: SubjectClaim
        public var role: String
        public var county: String?
        public var exp: ExpirationClaim
        public var iat: IssuedAtClaim?

        public init(sub: String, role: Principal.Role, county: CountyCode?, expires: Date, issued: Date? = nil) {
            self.sub = SubjectClaim(value: sub)
            self.role = role.rawValue
            self.county = county?.rawValue
            self.exp = ExpirationClaim(value: expires)
            self.iat = issued.map { IssuedAtClaim(value: $0) }
        }

        public func verify(using _: some JWTAlgorithm) async throws {
            try exp.verifyNotExpired()
        }
    }

    public struct KeyTooShort: Error, CustomStringConvertible {
        public var description: String { "the JWT signing key must be at least 32 bytes (give 64 random hex digits)" }
    }

    let keys: JWTKeyCollection

    /// - Parameter key: the HS256 secret, at least 32 bytes.
    public init(key: String) async throws {
        guard key.utf8.count >= 32 else { throw KeyTooShort() }
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: key), digestAlgorithm: .sha256)
    }

    /// A random 256-bit key as 64 hex digits (development mode, tests).
    public static func randomKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
    }

    /// Signs a token for `role`. Curators need a valid county; the others must not have one.
    public func issue(
        subject: String, role: Principal.Role, county: String? = nil, lifetime: Duration = .seconds(12 * 3600),
        now: Date = Date()
    ) async throws -> String {
        let principal = try Self.principal(subject: subject, role: role.rawValue, county: county)
        let seconds = Double(lifetime.components.seconds)
        let claims = Claims(sub: principal.id, role: role, county: principal.county, expires: now.addingTimeInterval(seconds), issued: now)
        return try await keys.sign(claims)
    }

    /// Verifies a token and returns its principal, or throws a 401 ``APIError``.
    public func verify(_ token: String) async throws(APIError) -> Principal {
        let claims: Claims
        do {
            claims = try await keys.verify(token, as: Claims.self)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure {
            throw .unauthenticated("the bearer token has expired; ask for a new one", code: "TOKEN_EXPIRED")
        } catch {
            throw .unauthenticated("the bearer token is not valid: its signature, format or claims were refused", code: "TOKEN_INVALID")
        }
        do {
            return try Self.principal(subject: claims.sub.value, role: claims.role, county: claims.county)
        } catch {
            throw .unauthenticated("the bearer token's claims are not usable: \(error)", code: "TOKEN_INVALID")
        }
    }

    /// Checks a token's role and county. Kiosk tokens do not exist.
    static func principal(subject: String, role: String, county: String?) throws -> Principal {
        let id = try Identifier.validated(subject, field: "sub")
        switch Principal.Role(rawValue: role) {
        case .admin?, .agent?:
            guard county == nil else { throw DomainError("INVALID_CLAIMS", field: "county", "only curators have a county") }
            return Principal(role: Principal.Role(rawValue: role)!, id: id)
        case .curator?:
            guard let county else { throw DomainError("INVALID_CLAIMS", field: "county", "a curator token needs --county") }
            return Principal(role: .curator, id: id, county: try CountyCode.validated(county))
        case .kiosk?, nil:
            throw DomainError("INVALID_CLAIMS", field: "role", "role must be admin, curator or agent (kiosks use device credentials)")
        }
    }
}
