import Domain
import Foundation

/// Proves who the curator of a kiosk's entry is: the hub checks the token the curator signed in with at the kiosk — a
/// curator token this hub issued — instead of taking the kiosk's word for it.
///
/// Rules a conforming type keeps: ``curatorClaims(_:)`` checks the signature and that the token is a curator's, but
/// not its expiry (an entry recorded offline arrives after the token it was recorded with has expired; the hub bounds
/// that itself, see ``HubSyncService/curatorTokenGrace``); it throws for any token it did not issue.
public protocol CuratorTokenVerifier: Sendable {
    func curatorClaims(_ token: String) async throws -> CuratorClaims
}

/// What a verified curator token says.
public struct CuratorClaims: Sendable, Hashable {
    public var curatorID: String
    public var county: CountyCode
    public var expiresAt: Date

    public init(curatorID: String, county: CountyCode, expiresAt: Date) {
        self.curatorID = curatorID
        self.county = county
        self.expiresAt = expiresAt
    }
}
