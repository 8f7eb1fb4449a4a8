/// A row's column values by name, with a dictionary's meaning — one value per name, setting a name replaces its
/// value, `nil` removes it, equality ignores order — kept as a small array searched by name.
///
/// A row has a handful of columns and every event builds, reads and frees a few rows: a `Dictionary` per row spent
/// more on hashing names, building and freeing its table than the lookups saved.
public struct ReadModelColumns: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    public typealias Element = (name: String, value: SQLValue)

    private var pairs: [Element]

    public init() { pairs = [] }

    /// Repeated names keep their last value.
    public init(dictionaryLiteral elements: (String, SQLValue)...) {
        pairs = []
        pairs.reserveCapacity(elements.count)
        for (name, value) in elements { self[name] = value }
    }

    public var count: Int { pairs.count }

    public subscript(name: String) -> SQLValue? {
        get {
            for pair in pairs where pair.name == name { return pair.value }
            return nil
        }
        set {
            if let index = pairs.firstIndex(where: { $0.name == name }) {
                if let newValue { pairs[index].value = newValue } else { pairs.remove(at: index) }
            } else if let newValue {
                pairs.append((name, newValue))
            }
        }
    }

    /// The value of `name`, looked for at `index` first: a row built in its table's column order (as the projections
    /// and both storages build theirs) gives each column to a statement without a search.
    public func value(_ name: String, at index: Int) -> SQLValue? {
        if index < pairs.count, pairs[index].name == name { return pairs[index].value }
        return self[name]
    }

    @discardableResult
    public mutating func removeValue(forKey name: String) -> SQLValue? {
        guard let index = pairs.firstIndex(where: { $0.name == name }) else { return nil }
        return pairs.remove(at: index).value
    }

    public func makeIterator() -> IndexingIterator<[Element]> { pairs.makeIterator() }

    public static func == (lhs: ReadModelColumns, rhs: ReadModelColumns) -> Bool {
        lhs.pairs.count == rhs.pairs.count && lhs.pairs.allSatisfy { rhs[$0.name] == $0.value }
    }

    /// Independent of order, as equality is.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for pair in pairs {
            var pairHasher = Hasher()
            pairHasher.combine(pair.name)
            pairHasher.combine(pair.value)
            combined ^= pairHasher.finalize()
        }
        hasher.combine(pairs.count)
        hasher.combine(combined)
    }
}
