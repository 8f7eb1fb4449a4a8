import ArgumentParser
import Operations

/// `--database-url` or `--data-dir`: the hub's database, as `cunshi serve` is given it.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "postgres://user:password@host:port/database (default: CUNSHI_DATABASE_URL; none: the embedded store)")
    var databaseURL: String?

    @Option(help: "Directory of the embedded SQLite store (default: CUNSHI_DATA_DIR or ./data)")
    var dataDir: String?

    func validate() throws {
        if databaseURL != nil, dataDir != nil { throw ValidationError("give --database-url or --data-dir, not both") }
    }

    var location: DatabaseLocation {
        if dataDir == nil, let url = Environment.databaseURL(databaseURL) { return .postgres(url: url) }
        return .sqlite(directory: Environment.dataDirectory(dataDir))
    }
}
