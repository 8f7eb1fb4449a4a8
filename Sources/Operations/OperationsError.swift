/// What an operator's command refuses, with a message that says what to do instead.
public enum OperationsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A projection name that is not one of `known`.
    case unknownProjection(String, known: [String])
    /// A `--until`, `--position` or `--stream` value that cannot be read.
    case badArgument(option: String, message: String)
    /// The data directory has no embedded store.
    case noEmbeddedStore(directory: String)
    /// The stream has no events at all.
    case emptyStream(String)

    public var description: String {
        switch self {
        case let .unknownProjection(name, known):
            "no projection is named '\(name)'; the projections are: \(known.joined(separator: ", "))"
        case let .badArgument(option, message): "\(option): \(message)"
        case let .noEmbeddedStore(directory):
            "no embedded store in \(directory) (no events.sqlite there): give the hub's --data-dir, or --database-url"
        case let .emptyStream(stream): "the log has no events in stream '\(stream)'"
        }
    }
}
