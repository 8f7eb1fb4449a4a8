import Foundation
import JSONText
import Testing

@Suite("UUID text without Foundation's formatter and parser")
struct UUIDTextTests {
    @Test("the text is Foundation's, lowercase or uppercase, and reads back")
    func matchesFoundation() {
        var uuids = [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))]
        uuids.append(UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)))
        for _ in 0..<5_000 { uuids.append(UUID()) }
        for uuid in uuids {
            let lower = UUIDText.format(uuid)
            let upper = UUIDText.format(uuid, uppercase: true)
            #expect(upper == uuid.uuidString)
            #expect(lower == uuid.uuidString.lowercased())
            #expect(UUIDText.parse(lower) == uuid && UUIDText.parse(upper) == uuid, "\(lower)")
        }
    }

    @Test("it reads canonical text as Foundation does and refuses everything else")
    func readsCanonicalTextOnly() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefABCDEFgG-xZ {}")
        let canonical = try Regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
        var texts = ["", "-", String(repeating: "0", count: 36), "00000000-0000-0000-0000-00000000000", "{00000000-0000-0000-0000-000000000000}",
                     "00000000-0000-0000-0000-0000000000000", "00000000000000000000000000000000", " 00000000-0000-0000-0000-000000000000",
                     "0000000-00000-0000-0000-000000000000", "村0000000-0000-0000-0000-000000000000", "00000000-0 00-0000-0000-000000000000"]
        for _ in 0..<20_000 {
            // A valid text with one or two characters changed, or shortened, or lengthened.
            var characters = Array(UUID().uuidString)
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                characters[Int.random(in: 0..<characters.count, using: &generator)] = alphabet.randomElement(using: &generator)!
            }
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: characters.removeLast()
            case 1: characters.append("0")
            default: break
            }
            texts.append(String(characters))
        }
        var accepted = 0
        for text in texts {
            let parsed = UUIDText.parse(text)
            if text.wholeMatch(of: canonical) != nil {
                accepted += 1
                #expect(parsed != nil && parsed == UUID(uuidString: text), "\(text)")
            } else {
                #expect(parsed == nil, "\(text)")
            }
        }
        #expect(accepted > 1_000 && accepted < texts.count - 1_000)
    }
}
