/// How progress is printed: a redrawn bar on a terminal, plain lines otherwise (logs, pipes, CI).
public enum ProgressFormat {
    /// `catalog  [██████████▌·········]  52%  523,411/1,000,000 events  61,234 ev/s  ETA 0:08`, fitted into `columns`.
    /// Numbers are padded to fixed widths, so that the bar does not jump as they grow.
    public static func bar(_ label: String, _ p: ProgressSnapshot, columns: Int = 100) -> String {
        let percent = Int((p.fraction * 100).rounded(.down))
        let total = count(p.total)
        let tail = "  " + padded("\(percent)%", 4) + "  " + padded(count(p.done), total.count) + "/\(total) events  "
            + padded(count(Int64(p.rate.rounded())), 7) + " ev/s  ETA " + padded(p.eta.map(clock) ?? "--:--", 5)
        let barWidth = max(10, min(40, columns - label.count - tail.count - 4))
        return "\(label)  [\(blocks(p.fraction, width: barWidth))]\(tail)"
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// `catalog: 523411/1000000 events (52%), 61234 events/s, 8.5 s elapsed, about 8 s left`
    public static func line(_ label: String, _ p: ProgressSnapshot) -> String {
        let percent = Int((p.fraction * 100).rounded(.down))
        let left = p.done >= p.total ? "" : p.eta.map { ", about \(duration($0)) left" } ?? ""
        return "\(label): \(p.done)/\(p.total) events (\(percent)%), \(Int(p.rate.rounded())) events/s, "
            + "\(duration(p.elapsed)) elapsed\(left)"
    }

    /// A bar of `width` cells, with eighth blocks for the partial cell.
    static func blocks(_ fraction: Double, width: Int) -> String {
        let eighths = Int((min(max(fraction, 0), 1) * Double(width * 8)).rounded(.down))
        let full = eighths / 8, part = eighths % 8
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][part]
        let used = full + (part > 0 ? 1 : 0)
        return String(repeating: "█", count: full) + partial + String(repeating: "·", count: max(0, width - used))
    }

    /// `1,234,567`.
    public static func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `0:08`, `12:34`, `1:02:03` (whole seconds, rounded up so that a nearly done bar does not say 0:00).
    public static func clock(_ seconds: Double) -> String {
        let total = Int(max(0, seconds).rounded(.up))
        let h = total / 3600, m = total / 60 % 60, s = total % 60
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):\(m < 10 ? "0" : "")\(m):\(ss)" }
        return "\(m):\(ss)"
    }

    /// `0.4 s`, `8.5 s`, `3 min 12 s`, `2 h 5 min`, `3 d 4 h`.
    public static func duration(_ seconds: Double) -> String {
        let s = max(0, seconds)
        if s < 60 { return s < 10 ? "\(Double(Int((s * 10).rounded())) / 10) s" : "\(Int(s.rounded())) s" }
        let whole = Int(s.rounded())
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        if whole < 86_400 { return "\(whole / 3600) h \(whole / 60 % 60) min" }
        return "\(whole / 86_400) d \(whole / 3600 % 24) h"
    }
}
