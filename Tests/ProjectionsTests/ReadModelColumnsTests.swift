@testable import Projections
import Testing

@Suite("A row's columns: a dictionary's meaning in a small array")
struct ReadModelColumnsTests {
    @Test("random sets and removals read back as a Dictionary does; equality and hashing ignore order")
    func behavesAsDictionary() {
        var generator = SystemRandomNumberGenerator()
        let names = ["key", "doc", "county", "status", "published_at_ms", "a_column_name_longer_than_fifteen"]
        let values: [SQLValue] = [.null, .integer(1), .integer(-7), .real(2.5), .text(""), .text("趟栊"), .text("Kaiping")]
        for _ in 0..<500 {
            var columns = ReadModelColumns()
            var model: [String: SQLValue] = [:]
            for _ in 0..<Int.random(in: 0...20, using: &generator) {
                let name = names.randomElement(using: &generator)!
                switch Int.random(in: 0..<4, using: &generator) {
                case 0:
                    #expect(columns.removeValue(forKey: name) == model.removeValue(forKey: name))
                case 1:
                    columns[name] = nil
                    model[name] = nil
                default:
                    let value = values.randomElement(using: &generator)!
                    columns[name] = value
                    model[name] = value
                }
            }
            #expect(columns.count == model.count)
            for name in names { #expect(columns[name] == model[name], "\(name)") }
            // Looked for at any index first, a column still reads as by name: found there, elsewhere, or absent.
            for name in names {
                for index in 0...names.count { #expect(columns.value(name, at: index) == model[name], "\(name) at \(index)") }
            }
            #expect(Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.value) }) == model)
            // The same pairs inserted in another order: equal, with equal hashes.
            var reordered = ReadModelColumns()
            for (name, value) in model.shuffled(using: &generator) { reordered[name] = value }
            #expect(reordered == columns && reordered.hashValue == columns.hashValue)
            if let (name, value) = model.first {
                reordered[name] = value == .null ? .integer(0) : .null
                #expect(reordered != columns)
                reordered[name] = nil
                #expect(reordered != columns)
            }
        }
    }

    @Test("a literal with a repeated name keeps the last value")
    func repeatedLiteralName() {
        let columns: ReadModelColumns = ["n": .integer(1), "m": .text("x"), "n": .integer(2)]
        #expect(columns.count == 2 && columns["n"] == .integer(2) && columns["m"] == .text("x"))
    }
}
