extension ArchiveItem {
    /// A media file of an item, stored elsewhere by its checksum.
    ///
    /// Rules (checked by ``validated(field:)``): MIME type on ``allowedMIMETypes`` (`MEDIA_TYPE_NOT_ALLOWED`),
    /// `sha256` is 64 lowercase hex digits (`CHECKSUM_INVALID`), images have width and height > 0 and audio and
    /// video a duration > 0 (`MEDIA_DIMENSIONS_REQUIRED`).
    public struct MediaFile: Sendable, Hashable, Codable {
        public var mediaID: MediaID
        public var mimeType: String
        public var sha256: String
        public var byteSize: Int64?
        public var width: Int?
        public var height: Int?
        public var durationSeconds: Double?
        public var label: LangMap?

        public init(
            mediaID: MediaID, mimeType: String, sha256: String, byteSize: Int64? = nil, width: Int? = nil,
            height: Int? = nil, durationSeconds: Double? = nil, label: LangMap? = nil
        ) {
            self.mediaID = mediaID
            self.mimeType = mimeType
            self.sha256 = sha256
            self.byteSize = byteSize
            self.width = width
            self.height = height
            self.durationSeconds = durationSeconds
            self.label = label
        }

        public enum Family: Sendable { case image, audio, video, document, model }

        public static let allowedMIMETypes: [String: Family] = [
            "image/jpeg": .image, "image/png": .image, "image/tiff": .image, "image/webp": .image,
            "audio/mpeg": .audio, "audio/mp4": .audio, "audio/wav": .audio, "audio/flac": .audio,
            "video/mp4": .video, "application/pdf": .document, "model/gltf-binary": .model,
        ]

        public var family: Family? { Self.allowedMIMETypes[mimeType] }

        public func validated(field: String = "media") throws(DomainError) -> MediaFile {
            let id = try Identifier.validated(mediaID, field: "\(field).mediaID")
            let mime = Text.trimmed(mimeType).lowercased()
            guard let family = Self.allowedMIMETypes[mime] else {
                let allowed = Self.allowedMIMETypes.keys.sorted().joined(separator: ", ")
                throw DomainError(
                    ErrorCode.mediaTypeNotAllowed, field: "\(field).mimeType", "'\(mimeType)' — use one of \(allowed)")
            }
            guard ArchiveItem.isSHA256Hex(sha256) else {
                throw DomainError(
                    ErrorCode.checksumInvalid, field: "\(field).sha256",
                    "give the SHA-256 of the file as 64 lowercase hex digits")
            }
            if let byteSize, byteSize <= 0 {
                throw DomainError(ErrorCode.mediaDimensionsRequired, field: "\(field).byteSize", "byteSize must be > 0")
            }
            switch family {
            case .image:
                guard let width, let height, width > 0, height > 0 else {
                    throw DomainError(
                        ErrorCode.mediaDimensionsRequired, field: "\(field).width",
                        "an image needs width and height in pixels, both > 0")
                }
            case .audio, .video:
                guard let durationSeconds, durationSeconds.isFinite, durationSeconds > 0 else {
                    throw DomainError(
                        ErrorCode.mediaDimensionsRequired, field: "\(field).durationSeconds",
                        "audio and video need a duration in seconds > 0")
                }
            case .document, .model:
                break
            }
            var copy = self
            copy.mediaID = id
            copy.mimeType = mime
            copy.label = try label?.validated(field: "\(field).label", maxLength: 300)
            return copy
        }
    }
}
