import Foundation

/// Reads `CUNSHI_…` environment variables as defaults for command-line options.
enum Environment {
    static func value(_ name: String) -> String? {
        let value = ProcessInfo.processInfo.environment[name]
        return value?.isEmpty == false ? value : nil
    }

    /// `--data-dir`, else `CUNSHI_DATA_DIR`, else `data`: where the embedded hub keeps its SQLite files.
    static func dataDirectory(_ option: String?) -> String {
        option ?? value("CUNSHI_DATA_DIR") ?? "data"
    }

    /// `--database-url`, else `CUNSHI_DATABASE_URL`.
    static func databaseURL(_ option: String?) -> String? {
        option ?? value("CUNSHI_DATABASE_URL")
    }
}
