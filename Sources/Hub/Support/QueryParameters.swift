import Domain
import EventLog
import Hummingbird

/// The query parameters of a read endpoint, checked: a bad value is 400 `INVALID_PARAMETER` naming it.
///
/// Common to every list: `limit` (1–200, default 50), `offset` (0–1,000,000, default 0), and read-after-write:
/// `waitFor` (a log cursor token, e.g. the `cursor` a command answered with) with `waitMs` (0–30,000, default
/// 5,000): the query runs once its projection has passed that cursor, or answers 503 `NOT_CAUGHT_UP`.
struct QueryParameters {
    let values: [String: String]

    init(_ request: Request) {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { values[String(key)] = String(value) }
        self.values = values
    }

    func string(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    func int(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let text = string(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw .badRequest("INVALID_PARAMETER", field: name, "\(name) must be an integer in \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    var limit: Int { get throws(APIError) { try int("limit", default: 50, range: 1...200) } }
    var offset: Int { get throws(APIError) { try int("offset", default: 0, range: 0...1_000_000) } }

    /// The cursor to wait for, if any.
    var waitFor: (cursor: LogCursor, timeout: Duration)? {
        get throws(APIError) {
            guard let text = string("waitFor") else { return nil }
            guard let cursor = LogCursor(token: text) else {
                throw .badRequest("INVALID_PARAMETER", field: "waitFor", "waitFor must be a log cursor token such as the 'cursor' of a command response")
            }
            let milliseconds = try int("waitMs", default: 5_000, range: 0...30_000)
            return (cursor, .milliseconds(milliseconds))
        }
    }

    /// A county code parameter (validated: `UNKNOWN_COUNTY` is 400 here, it is a filter, not a command).
    func county(_ name: String = "county") throws(APIError) -> CountyCode? {
        guard let text = string(name) else { return nil }
        do throws(DomainError) {
            return try CountyCode.validated(text, field: name)
        } catch {
            throw APIError(.badRequest, error.code, field: name, error.message)
        }
    }
}

extension Principal {
    /// The county a list query reads: the one asked for, which a curator or kiosk may only ask for its own
    /// (`COUNTY_FORBIDDEN`); without one, a curator's or kiosk's own county, and `nil` (every county) for admins and
    /// agents.
    func scope(_ requested: CountyCode?) throws(APIError) -> CountyCode? {
        switch role {
        case .admin, .agent:
            return requested
        case .curator, .kiosk:
            if let requested, requested != county {
                throw .forbidden(
                    "\(role.rawValue) \(id) reads county \(county?.rawValue ?? "?") only, not \(requested)",
                    code: ErrorCode.countyForbidden, field: "county")
            }
            return county
        }
    }

    /// Refuses with 403 `COUNTY_FORBIDDEN` when the principal may not read a record of `county`.
    func requireRead(county target: CountyCode?, what: String) throws(APIError) {
        switch role {
        case .admin, .agent:
            return
        case .curator, .kiosk:
            guard let target, target == county else {
                throw .forbidden(
                    "\(role.rawValue) \(id) reads county \(county?.rawValue ?? "?") only; \(what) belongs to \(target?.rawValue ?? "no county")",
                    code: ErrorCode.countyForbidden, field: "county")
            }
        }
    }
}
