import CompressNIO
import Foundation
import NIOCore

/// gzip for sync bodies (`Content-Encoding: gzip`). Pull batches of JSON events compress 5–10×.
public enum SyncCompression {
    /// The largest body a decompression may produce (a bound against zip bombs).
    public static let maxInflatedBytes = 64 * 1024 * 1024

    public static func gzip(_ data: Data) throws -> Data {
        var buffer = ByteBuffer(bytes: data)
        let compressed = try buffer.compress(with: .gzip())
        return Data(compressed.readableBytesView)
    }

    public static func gunzip(_ data: Data) throws -> Data {
        var buffer = ByteBuffer(bytes: data)
        let inflated = try buffer.decompress(with: .gzip(), maxSize: maxInflatedBytes)
        return Data(inflated.readableBytesView)
    }
}
