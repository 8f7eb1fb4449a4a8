/// A WGS84 position in decimal degrees (what GPS and OpenStreetMap use; not GCJ-02 from Chinese map apps).
public struct Coordinates: Sendable, Hashable, Codable {
    public let latitude: Double
    public let longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Returns the coordinates, or throws `BAD_COORDINATES` when a value is not finite or out of range.
    public func validated(field: String = "location") throws(DomainError) -> Coordinates {
        guard latitude.isFinite, (-90...90).contains(latitude) else {
            throw DomainError(ErrorCode.badCoordinates, field: "\(field).latitude", "latitude \(latitude) is not within -90…90")
        }
        guard longitude.isFinite, (-180...180).contains(longitude) else {
            throw DomainError(
                ErrorCode.badCoordinates, field: "\(field).longitude", "longitude \(longitude) is not within -180…180")
        }
        return self
    }
}
