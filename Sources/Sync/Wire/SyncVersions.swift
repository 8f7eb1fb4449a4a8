/// The versions every sync request carries, and the ones this build speaks.
///
/// Rules: a request names its protocol version, the event-schema generation it understands and the app version that
/// sent it, in the headers below. The hub answers a version outside its supported range with the typed error
/// `UNSUPPORTED_PROTOCOL_VERSION` / `UNSUPPORTED_EVENT_SCHEMA` (HTTP 400) naming the header — never a guess.
public enum SyncVersions {
    /// The wire protocol of this build (`/v1/sync/…`).
    public static let protocolVersion = 1
    /// Protocol versions the hub accepts.
    public static let supportedProtocols: ClosedRange<Int> = 1...1
    /// The event-schema generation of this build: the shapes of commands and events it reads and writes.
    public static let eventSchema = 1
    /// Event-schema generations the hub still accepts (older ones are upcast when events are decoded).
    public static let supportedEventSchemas: ClosedRange<Int> = 1...1
    /// The app version sent by this build.
    public static let appVersion = "0.1.0"

    public enum Header {
        public static let protocolVersion = "Cunshi-Sync-Protocol"
        public static let eventSchema = "Cunshi-Event-Schema"
        public static let appVersion = "Cunshi-App-Version"
        /// On a pull answer that has more to come: the answer's `next` cursor, sent ahead of the body so that the kiosk
        /// can ask for the next batch while this one is still arriving and being decoded. A hint: the body decides.
        public static let pullNext = "Cunshi-Pull-Next"
    }

    /// Checks the versions a request announced. `nil` values mean the header was missing.
    public static func check(protocol version: String?, eventSchema schema: String?) throws(SyncError) {
        guard let version, let number = Int(version) else {
            throw SyncError.badRequest("the \(Header.protocolVersion) header is required", field: Header.protocolVersion)
        }
        guard supportedProtocols.contains(number) else {
            throw SyncError(
                status: 400, code: "UNSUPPORTED_PROTOCOL_VERSION", field: Header.protocolVersion,
                message: "sync protocol \(number) is not supported; this hub speaks \(supportedProtocols); update the kiosk")
        }
        guard let schema, let generation = Int(schema) else {
            throw SyncError.badRequest("the \(Header.eventSchema) header is required", field: Header.eventSchema)
        }
        guard supportedEventSchemas.contains(generation) else {
            throw SyncError(
                status: 400, code: "UNSUPPORTED_EVENT_SCHEMA", field: Header.eventSchema,
                message: "event schema \(generation) is not supported; this hub accepts \(supportedEventSchemas)")
        }
    }
}
