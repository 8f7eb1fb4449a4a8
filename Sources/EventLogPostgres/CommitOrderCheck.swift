import EventLog
import Logging
import PostgresNIO

/// Refuses a log whose cluster's transaction counter is behind the log's commit order.
///
/// The log is read in (txid, position) order, and an append's txid is its transaction's id. A database restored into
/// another cluster (`pg_dump` / `pg_restore`, or files copied onto a new cluster) keeps its events' txids while the new
/// cluster counts transactions from where it stands: new events would take txids below the restored ones and sort
/// before them, and every reader already past them — projections, kiosks' cursors — would never see them. The hub runs
/// ``verify(client:logger:)`` before it serves (and `cunshi migrate` after migrating); the repair is to advance the
/// cluster's counter past the log with `pg_resetwal`, as ``Behind/description`` says (`docs/operations.md`).
public enum CommitOrderCheck {
    /// The cluster's next transaction id is not past the log's newest commit order.
    public struct Behind: Error, CustomStringConvertible {
        /// The log's newest commit order (txid).
        public var newest: UInt64
        /// The id the cluster will give its next transaction.
        public var next: UInt64

        /// The next transaction id to set: past the log's newest, at the start of a commit-log (`pg_xact`) segment, which
        /// PostgreSQL then creates itself (a value inside a segment it does not have stops it from starting).
        public var advanceTo: UInt64 { (newest / Self.segmentTransactions + 1) * Self.segmentTransactions }
        /// Transactions per `pg_xact` segment (32 pages of 8 KiB, 4 transactions per byte).
        static let segmentTransactions: UInt64 = 32 * 8192 * 4

        public var description: String {
            """
            this database's log was committed up to transaction \(newest), but its cluster's next transaction is \
            \(next): it was restored into another cluster, and new events would sort before the restored ones. Stop \
            PostgreSQL, advance its transaction counter with `pg_resetwal -e \(advanceTo >> 32) -x \(advanceTo & 0xFFFF_FFFF) \
            "$PGDATA"` (as the postgres user) and start it again; see docs/operations.md
            """
        }
    }

    /// Throws ``Behind`` when the cluster's next transaction id is at or below the log's newest commit order.
    public static func verify(client: PostgresClient, logger: Logger) async throws {
        let rows = try await client.query(
            "SELECT (SELECT max(txid) FROM cunshi_events)::text, pg_snapshot_xmax(pg_current_snapshot())::text", logger: logger)
        for try await (newest, next) in rows.decode((String?, String).self) {
            guard let newest = newest.flatMap(UInt64.init), let next = UInt64(next) else { return }
            if next <= newest { throw Behind(newest: newest, next: next) }
        }
    }
}
