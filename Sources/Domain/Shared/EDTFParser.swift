/// Parses EDTF text into the range of days it may denote. See ``EDTFDate`` for the accepted forms.
enum EDTFParser {
    struct Bounds { var lower: CalendarDate?; var upper: CalendarDate? }

    static func bounds(of raw: String, field: String) throws(DomainError) -> Bounds {
        func fail(_ hint: String) -> DomainError { DomainError(ErrorCode.badDate, field: field, "'\(raw)' — \(hint)") }
        if raw.contains("/") {
            let sides = raw.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard sides.count == 2 else { throw fail(hint(for: raw)) }
            let open = { (s: String) in s.isEmpty || s == ".." }
            if open(sides[0]) && open(sides[1]) { throw fail("an interval needs at least one date, e.g. 1930/1940") }
            let start = open(sides[0]) ? nil : try single(sides[0], raw: raw, field: field)
            let end = open(sides[1]) ? nil : try single(sides[1], raw: raw, field: field)
            if let s = start?.lower, let e = end?.upper, e < s { throw fail("the interval ends before it starts") }
            return Bounds(lower: start?.lower, upper: end?.upper)
        }
        return try single(raw, raw: raw, field: field)
    }

    static let genericHint = "use EDTF, e.g. 1921, 1921-05, 1921-05-03, 193X, 1921~, 1921?, 1930/1940"

    private static func single(_ text: String, raw: String, field: String) throws(DomainError) -> Bounds {
        func fail(_ hint: String) -> DomainError { DomainError(ErrorCode.badDate, field: field, "'\(raw)' — \(hint)") }
        var body = text
        if let last = body.last, "?~%".contains(last) { body.removeLast() }
        let parts = body.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0.unicodeScalars.allSatisfy(\.isASCII) }) else {
            throw fail(hint(for: raw))
        }
        guard let years = year(parts[0]) else { throw fail(hint(for: raw)) }
        if parts.count == 1 {
            return Bounds(lower: day(years.lowerBound, 1, 1), upper: day(years.upperBound, 12, 31))
        }
        let m = parts[1]
        guard m.count == 2 else { throw fail(hint(for: raw)) }
        var months: ClosedRange<Int>
        if m == "XX" {
            months = 1...12
        } else if let value = Int(m), (1...12).contains(value) {
            months = value...value
        } else if let value = Int(m), (21...24).contains(value), parts.count == 2 {
            months = [3...5, 6...8, 9...11, 12...12][value - 21]
        } else {
            throw fail("month \(m) does not exist — use 01–12 (or 21–24 for seasons)")
        }
        if parts.count == 2 {
            return Bounds(
                lower: day(years.lowerBound, months.lowerBound, 1),
                upper: day(years.upperBound, months.upperBound, CalendarDate.daysIn(month: months.upperBound, year: years.upperBound)))
        }
        let d = parts[2]
        guard d.count == 2 else { throw fail(hint(for: raw)) }
        if d == "XX" {
            return Bounds(
                lower: day(years.lowerBound, months.lowerBound, 1),
                upper: day(years.upperBound, months.upperBound, CalendarDate.daysIn(month: months.upperBound, year: years.upperBound)))
        }
        guard months.count == 1, years.lowerBound == years.upperBound, let value = Int(d),
            let date = CalendarDate(year: years.lowerBound, month: months.lowerBound, day: value)
        else { throw fail("that day does not exist — check the month's length (YYYY-MM-DD)") }
        return Bounds(lower: date, upper: date)
    }

    /// `1921` → 1921…1921, `193X` → 1930…1939, `19XX` → 1900…1999.
    private static func year(_ text: String) -> ClosedRange<Int>? {
        guard text.count == 4 else { return nil }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, text.dropFirst(digits.count).allSatisfy({ $0 == "X" }) else { return nil }
        let unknown = 4 - digits.count
        let low = Int(digits)! * Int(pow10(unknown))
        let high = low + Int(pow10(unknown)) - 1
        return max(low, 1)...max(high, 1)
    }

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { acc, _ in acc * 10 } }

    private static func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate? { CalendarDate(year: y, month: m, day: d) }

    /// A hint for the common mistakes people make when typing dates.
    static func hint(for raw: String) -> String {
        let lower = raw.lowercased()
        let digits = raw.filter { $0.isASCII && $0.isNumber }
        if lower.hasSuffix("s"), digits.count == 4 { return "use '\(digits.prefix(3))X' for a decade" }
        if ["c.", "ca", "circa", "约", "約", "about"].contains(where: { lower.hasPrefix($0) }), digits.count == 4 {
            return "use '\(digits)~' for an approximate year"
        }
        if raw.contains("年") || raw.contains("月") || raw.contains("日") {
            return "use digits, e.g. 1921-05-03 (not 1921年5月3日)"
        }
        if raw.count == 9, digits.count == 8, raw.dropFirst(4).first == "-" {
            return "use '\(digits.prefix(4))/\(digits.suffix(4))' for a range"
        }
        if raw.contains(".") || (raw.contains("/") && digits.count == 8) || raw.contains(" ") {
            return "write YYYY-MM-DD, e.g. 1921-05-03"
        }
        return genericHint
    }
}
