import Foundation

/// Reads `CUNSHI_…` environment variables as defaults for command-line options.
enum Environment {
    static func value(_ name: String) -> String? {
        let value = ProcessInfo.processInfo.environment[name]
        return value?.isEmpty == false ? value : nil
    }

    /// `--database-url`, else `CUNSHI_DATABASE_URL`.
    static func databaseURL(_ option: String?) -> String? {
        option ?? value("CUNSHI_DATABASE_URL")
    }
}
