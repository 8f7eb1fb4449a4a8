/// The keys of one JSON object a hand-written decoder has read so far, by field number (0–63): a repeated key is
/// refused (``JSONTextReader/Malformed``), so that the decoder's fallback (`JSONDecoder`) decides what it means.
package struct SeenKeys {
    private var bits: UInt64 = 0

    package init() {}

    package mutating func insert(_ field: Int) throws(JSONTextReader.Malformed) {
        let bit: UInt64 = 1 << UInt64(field)
        guard bits & bit == 0 else { throw JSONTextReader.Malformed() }
        bits |= bit
    }
}
