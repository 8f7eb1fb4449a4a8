import Foundation
import Testing

@testable import Commands

@Suite("Deterministic event ids")
struct DeterministicEventIDTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256Vectors() {
        #expect(Self.hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Self.hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            Self.hex(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("ids are stable, distinct per index and command, and UUIDv8")
    func ids() {
        let command = UUID(uuidString: "0192F3A1-0000-7000-8000-000000000001")!
        let a = DeterministicEventID.make(commandID: command, index: 0)
        #expect(a == DeterministicEventID.make(commandID: command, index: 0))
        let ids = Set((0..<100).map { DeterministicEventID.make(commandID: command, index: $0) })
        #expect(ids.count == 100)
        #expect(a != DeterministicEventID.make(commandID: UUID(), index: 0))
        let bytes = a.uuid
        #expect(bytes.6 >> 4 == 8)
        #expect(bytes.8 >> 6 == 0b10)
    }
}
