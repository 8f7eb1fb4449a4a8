import Domain
import Foundation
import Projections

extension ReplayReport {
    /// The report for a person: a header, the events as a table, then the state at the point.
    public var text: String {
        var lines: [String] = []
        let shown = events.count, total = events.count + laterEvents
        let scope = point == .end ? "all \(total) events" : "\(shown) of its \(total) events, up to \(point.description)"
        lines.append("stream \(streamID) — \(scope)")
        if events.isEmpty {
            lines.append("  (no events at or before \(point.description))")
        } else {
            let table = TextTable(
                ["VER", "POSITION", "HUB TIME", "EVENT", "ACTOR", "DEVICE", "WHAT"],
                rightAligned: [0, 1],
                rows: events.map { event in
                    [
                        "\(event.version)", "\(event.position)", HubTime.text(event.recordedAt), event.type,
                        event.actor ?? "-", event.deviceID ?? "-", TextTable.clip(event.summary, 100),
                    ]
                })
            lines += table.lines.map { "  " + $0 }
        }
        if laterEvents > 0 { lines.append("  (\(laterEvents) later event\(laterEvents == 1 ? "" : "s") not shown)") }
        if let stateError {
            lines.append("")
            lines.append("the state at that point cannot be folded: \(stateError)")
        } else if let item {
            lines.append("")
            lines += Self.itemLines(item, id: String(streamID.dropFirst("item-".count)), at: point)
        }
        return lines.joined(separator: "\n")
    }

    static func itemLines(_ item: ItemSnapshot, id: String, at point: ReplayPoint) -> [String] {
        let when = point == .end ? "now" : "as of \(point.description)"
        guard item.status != .nonexistent else { return ["item \(id) \(when): did not exist yet"] }
        var fields: [(String, String)] = [
            ("status", item.status.rawValue),
            ("kind", item.kind.rawValue),
            ("village", "\(item.villageID)\(item.county.map { " (county \($0.rawValue))" } ?? "")"),
        ]
        for (tag, text) in item.description.title.entries.sorted(by: { $0.key < $1.key }) {
            fields.append(("title [\(tag)]", TextTable.clip(text, 120)))
        }
        for (tag, text) in item.description.description.entries.sorted(by: { $0.key < $1.key }) {
            fields.append(("description [\(tag)]", TextTable.clip(text, 120)))
        }
        if !item.description.subject.isEmpty { fields.append(("subjects", item.description.subject.joined(separator: ", "))) }
        if !item.description.creator.isEmpty { fields.append(("creators", item.description.creator.joined(separator: ", "))) }
        if let spatial = item.description.spatial { fields.append(("place", spatial)) }
        fields.append(("rights", item.rights.map { "\($0.uri) — \($0.attribution)" } ?? "none"))
        fields.append(("media", item.media.isEmpty ? "none" : item.media.map { "\($0.mediaID) (\($0.mimeType))" }.joined(separator: ", ")))
        if !item.consents.isEmpty {
            fields.append(("consents", item.consents.map {
                "\($0.subject): \($0.scopes.map(\.rawValue).sorted().joined(separator: "+"))"
            }.joined(separator: "; ")))
        }
        fields.append(("registered by", item.registeredBy))
        if let submittedBy = item.submittedBy { fields.append(("submitted by", submittedBy)) }
        if let publishedBy = item.publishedBy {
            fields.append(("published by", "\(publishedBy)\(item.publishedAt.map { " at \(HubTime.text($0))" } ?? "")"))
        }
        if let reason = item.withdrawalReason { fields.append(("withdrawn", reason)) }
        if let note = item.visitorNote { fields.append(("visitor note", TextTable.clip(note, 120))) }
        let width = fields.map(\.0.count).max() ?? 0
        return ["item \(item.id) \(when):"] + fields.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
    }
}

/// A plain-text table: a header row and aligned columns (display width: CJK characters count as two).
struct TextTable {
    var header: [String]
    var rightAligned: Set<Int>
    var rows: [[String]]

    init(_ header: [String], rightAligned: Set<Int> = [], rows: [[String]]) {
        self.header = header
        self.rightAligned = rightAligned
        self.rows = rows
    }

    var lines: [String] {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all {
            for (index, cell) in row.enumerated() where index < widths.count - 1 {
                widths[index] = max(widths[index], Self.width(cell))
            }
        }
        return all.map { row in
            row.enumerated().map { index, cell in
                guard index < widths.count - 1 else { return cell }
                let pad = String(repeating: " ", count: widths[index] - Self.width(cell))
                return rightAligned.contains(index) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
    }

    /// Columns a terminal gives `text`: East Asian wide characters take two.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return sum + (wide ? 2 : 1)
        }
    }

    /// `text` on one line, cut to `limit` characters with an ellipsis.
    static func clip(_ text: String, _ limit: Int) -> String {
        let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return oneLine.count <= limit ? oneLine : String(oneLine.prefix(limit - 1)) + "…"
    }
}
