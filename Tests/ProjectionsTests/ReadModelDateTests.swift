import Foundation
@testable import Projections
import Testing

@Suite("Read-model document dates")
struct ReadModelDateTests {
    private struct Doc: Codable, Equatable { var at: Date }

    @Test("a date decoded and encoded again keeps its millisecond, and a stored date is what the JSON reads back")
    func noDrift() throws {
        for step in 0..<20_000 {
            let date = Date(timeIntervalSince1970: 1_795_812_887 + Double(step) * 0.000_137_3)
            let text = try ReadModelJSON.encode(Doc(at: date))
            let decoded = try ReadModelJSON.decode(Doc.self, from: Data(text.utf8))
            #expect(try ReadModelJSON.encode(decoded) == text, "\(date.timeIntervalSince1970)")
            #expect(decoded.at == ReadModelJSON.stored(date))
            #expect(CheckpointRecord.milliseconds(decoded.at) == CheckpointRecord.milliseconds(ReadModelJSON.stored(date)))
            if step % 1_000 == 0 {
                var writer = JSONWriter()
                writer.date(date)
                #expect(text == #"{"at":\#(writer.text)}"#)
            }
        }
    }
}
