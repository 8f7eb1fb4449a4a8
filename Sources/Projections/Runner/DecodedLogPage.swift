import EventLog

/// A page (or a runner's batch) of the log, with its domain events when they were decoded once for every runner that
/// reads it (``SharedLogPages``): the runner hands each event's to its projection (``ReadModelChanges/domainEvent(_:)``)
/// instead of each runner decoding, or looking up, the same JSON again.
struct DecodedLogPage: Sendable {
    /// One event's decoding, boxed: batches and pages hand it on by reference (a domain event is a large value).
    final class Decoded: Sendable {
        let result: Result<DomainEvent?, ProjectionError>

        init(_ result: Result<DomainEvent?, ProjectionError>) { self.result = result }
    }

    var page: LogPage
    /// For each event of ``page``, in order: what ``DomainEvent/decode(_:)`` gives for it (its domain event, `nil` for
    /// another type, or the error), or `nil` for an event of a type none of the readers applies. Empty when the page
    /// was not decoded.
    private(set) var decoded: [Decoded?]

    /// A page its reader decodes itself.
    init(_ page: LogPage) {
        self.page = page
        decoded = []
    }

    /// `page` with the events of `types` decoded (every event when `types` is `nil`). `throughCache`: through the
    /// process's cache (``DomainEvent/decode(_:)``), for a page its runners do not share — the log's end, which each
    /// runner following the log live reads when it wakes — so that they still decode each event once; a page handed
    /// to all of them is decoded once without it.
    init(decoding page: LogPage, types: Set<String>?, throughCache: Bool) {
        self.page = page
        decoded = page.events.map { event in
            guard types?.contains(event.type) ?? true else { return nil }
            do throws(ProjectionError) {
                return Decoded(.success(try throughCache ? DomainEvent.decode(event) : DomainEvent.decodeAlone(event)))
            } catch {
                return Decoded(.failure(error))
            }
        }
    }

    /// The decoded events, one per event of the page; `nil` when the page was not decoded (or only in part).
    var decodedEvents: [Decoded?]? {
        decoded.count == page.events.count && !decoded.isEmpty ? decoded : nil
    }

    /// Appends the next page: a batch read as several pages keeps its decoded events only if every page had them.
    mutating func append(_ next: DecodedLogPage) {
        guard !page.events.isEmpty else {
            self = next
            return
        }
        let bothDecoded = decodedEvents != nil && next.decodedEvents != nil
        page.events += next.page.events
        page.next = next.page.next
        if bothDecoded { decoded += next.decoded } else { decoded = [] }
    }
}
