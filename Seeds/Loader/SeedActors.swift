import Domain
import Foundation

/// The fixed actors and clock of the seed. Each county's records are curated by that county's curator; an admin
/// reviews and publishes (never the author: reviewer ≠ author), kiosks contribute villagers' items, and one agent
/// drafts the tour that waits for a person's review.
public enum SeedActors {
    /// Registers what spans counties, runs the market desk (counter-offers, accepts, deals).
    public static let admin = Actor.admin("seed-admin")
    /// Reviews: publishes items, approves and publishes tours, approves listings — never their author.
    public static let reviewer = Actor.admin("seed-reviewer")
    public static let agent = Actor.agent("seed-agent-daolan")

    public static func curator(_ county: String) -> Actor {
        Actor.curator("seed-curator-\(county)", county: CountyCode(county))
    }

    public static func kiosk(_ deviceID: String, county: String) -> Actor {
        Actor.kiosk(deviceID, county: CountyCode(county))
    }
}

/// The seed's fixed clock: every phase has its day, and the n-th command of a record happens n minutes into it.
/// The same seed thus always decides with the same `now` (and, the command ids being derived too, yields the
/// same events).
public enum SeedClock {
    /// 2026-02-02 09:00 China Standard Time.
    public static let origin = Date(timeIntervalSince1970: 1_769_994_000)

    enum Phase: Int {
        case places = 0, archives = 1, tours = 8, market = 15
    }

    static func at(_ phase: Phase, step: Int) -> Date {
        origin.addingTimeInterval(Double(phase.rawValue) * 86_400 + Double(step) * 60)
    }
}
