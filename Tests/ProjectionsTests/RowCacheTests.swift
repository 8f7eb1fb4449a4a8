@testable import Projections
import Testing

@Suite("The runner's row cache")
struct RowCacheTests {
    let items = ReadModelTable("rm_test_items", [ReadModelTable.Column("n", .integer)])
    let history = ReadModelTable("rm_test_history", [ReadModelTable.Column("n", .integer)])

    func row(_ key: String, _ n: Int64) -> ReadModelRow { ReadModelRow(key: key, ["n": .integer(n)]) }

    @Test("a generation that started empty: a miss of a table read from the start is an absent row, no database read")
    func startedEmpty() {
        let cache = RowCache(limitBytes: 1 << 20, startedEmpty: true)
        #expect(cache.lookup(items, "a") == .absent)
        cache.committed([.upsert(items, row("a", 1)), .upsert(items, row("b", 2))])
        #expect(cache.lookup(items, "a") == .row(row("a", 1)))
        cache.committed([.delete(items, key: "a")])
        #expect(cache.lookup(items, "a") == .absent)
        #expect(RowCache(limitBytes: 1 << 20, startedEmpty: false).lookup(items, "a") == .unknown, "not empty: ask the database")
    }

    @Test("rows of a table written before it was read are not kept, and that table's misses go to the database")
    func writeOnlyTablesAreNotKept() {
        let cache = RowCache(limitBytes: 1 << 20, startedEmpty: true)
        cache.committed([.upsert(history, row("e1", 1))])
        #expect(cache.lookup(history, "e1") == .unknown)
        cache.remember(history, "e1", row("e1", 1))
        #expect(cache.lookup(history, "e1") == .row(row("e1", 1)))
        cache.committed([.upsert(history, row("e2", 2))])
        #expect(cache.lookup(history, "e2") == .row(row("e2", 2)), "read since: kept")
    }

    @Test("an eviction makes the table's misses unknown again")
    func eviction() {
        let cache = RowCache(limitBytes: 2_000, startedEmpty: true)
        _ = cache.lookup(items, "x")
        for index in 0..<40 { cache.committed([.upsert(items, row("k\(index)", Int64(index)))]) }
        #expect(cache.lookup(items, "k39") == .row(row("k39", 39)))
        #expect(cache.lookup(items, "k0") == .unknown, "evicted: the database knows")
        #expect(cache.lookup(items, "never") == .unknown)
    }

    @Test("caches sharing a budget hold about its limit together; the one over its fair share gives way, and what it drops is read again")
    func sharedBudget() {
        let budget = RowCacheBudget(limitBytes: 20_000)
        var big: RowCache? = RowCache(limitBytes: 1 << 20, startedEmpty: true, budget: budget)
        let small = RowCache(limitBytes: 1 << 20, startedEmpty: true, budget: budget)
        _ = big?.lookup(items, "x")
        _ = small.lookup(items, "x")
        for index in 0..<400 {
            big?.committed([.upsert(items, row("big\(index)", Int64(index)))])
            if index % 10 == 0 { small.committed([.upsert(items, row("small\(index)", Int64(index)))]) }
            // A row here is ~150 bytes; without the budget the two would hold ~66,000 by the end.
            #expect(budget.usedBytes <= 20_000 + 1_000, "after row \(index)")
        }
        #expect(budget.usedBytes == (big?.heldBytes ?? 0) + small.heldBytes)
        #expect(big?.lookup(items, "big0") == .unknown, "dropped: the database knows")
        #expect(big?.lookup(items, "big399") == .row(row("big399", 399)))
        for index in stride(from: 0, to: 400, by: 10) {
            #expect(small.lookup(items, "small\(index)") == .row(row("small\(index)", Int64(index))), "under its share: kept")
        }
        big = nil
        #expect(budget.usedBytes == small.heldBytes, "a cache that ends gives its share back")
    }
}
