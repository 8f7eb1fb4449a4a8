/// Every code a ``DomainError`` can carry. Codes are stable strings: clients and tests match on them.
public enum ErrorCode {
    // Shared values
    public static let invalidID = "INVALID_ID"
    public static let fieldRequired = "FIELD_REQUIRED"
    public static let textTooLong = "TEXT_TOO_LONG"
    public static let badLangTag = "BAD_LANG_TAG"
    public static let languageNotOffered = "LANGUAGE_NOT_OFFERED"
    public static let badDate = "BAD_DATE"
    public static let dateInFuture = "DATE_IN_FUTURE"
    public static let unknownCounty = "UNKNOWN_COUNTY"
    public static let badCoordinates = "BAD_COORDINATES"
    public static let rightsURIInvalid = "RIGHTS_URI_INVALID"
    public static let ichClassificationRequired = "ICH_CLASSIFICATION_REQUIRED"
    public static let ichCategoryInvalid = "ICH_CATEGORY_INVALID"
    public static let territoryRequired = "TERRITORY_REQUIRED"
    public static let territoryInvalid = "TERRITORY_INVALID"
    public static let amountInvalid = "AMOUNT_INVALID"
    public static let currencyMismatch = "CURRENCY_MISMATCH"
    // Existence and lifecycle
    public static let notFound = "NOT_FOUND"
    public static let alreadyExists = "ALREADY_EXISTS"
    public static let illegalTransition = "ILLEGAL_TRANSITION"
    // Permissions
    public static let forbidden = "FORBIDDEN"
    public static let countyForbidden = "COUNTY_FORBIDDEN"
    public static let agentCannotApprove = "AGENT_CANNOT_APPROVE"
    public static let selfReview = "SELF_REVIEW"
    public static let deviceRevoked = "DEVICE_REVOKED"
    public static let reasonRequired = "REASON_REQUIRED"
    public static let commentRequired = "COMMENT_REQUIRED"
    // Villages, devices
    public static let unknownVillage = "UNKNOWN_VILLAGE"
    public static let credentialFingerprintInvalid = "CREDENTIAL_FINGERPRINT_INVALID"
    // Archives
    public static let titleRequired = "TITLE_REQUIRED"
    public static let mediaTypeNotAllowed = "MEDIA_TYPE_NOT_ALLOWED"
    public static let checksumInvalid = "CHECKSUM_INVALID"
    public static let mediaDimensionsRequired = "MEDIA_DIMENSIONS_REQUIRED"
    public static let consentNotApplicable = "CONSENT_NOT_APPLICABLE"
    public static let consentScopeRequired = "CONSENT_SCOPE_REQUIRED"
    public static let publishBlocked = "PUBLISH_BLOCKED"
    // Tours
    public static let stopOrderInvalid = "STOP_ORDER_INVALID"
    public static let scriptLength = "SCRIPT_LENGTH"
    public static let audioDuration = "AUDIO_DURATION"
    public static let transcriptRequired = "TRANSCRIPT_REQUIRED"
    public static let itemNotDisplayable = "ITEM_NOT_DISPLAYABLE"
    public static let tourEmpty = "TOUR_EMPTY"
    public static let missingTranslation = "MISSING_TRANSLATION"
    public static let publishedImmutable = "PUBLISHED_IMMUTABLE"
    // IP market
    public static let sourceNotLicensable = "SOURCE_NOT_LICENSABLE"
    public static let usesRequired = "USES_REQUIRED"
    public static let listingNotPublished = "LISTING_NOT_PUBLISHED"
    public static let offerExceedsListing = "OFFER_EXCEEDS_LISTING"
    public static let offerNotOpen = "OFFER_NOT_OPEN"
    public static let exclusivityConflict = "EXCLUSIVITY_CONFLICT"
    public static let signatureMissing = "SIGNATURE_MISSING"
    public static let alreadySigned = "ALREADY_SIGNED"
    public static let termNotEnded = "TERM_NOT_ENDED"
    // Event coding (not command refusals: raised when reading the log)
    public static let unknownEventType = "UNKNOWN_EVENT_TYPE"
    public static let unsupportedSchemaVersion = "UNSUPPORTED_SCHEMA_VERSION"
    public static let eventPayloadInvalid = "EVENT_PAYLOAD_INVALID"

    /// All codes, for documentation and for tests that pin the list.
    public static let all: [String] = [
        invalidID, fieldRequired, textTooLong, badLangTag, languageNotOffered, badDate, dateInFuture, unknownCounty,
        badCoordinates, rightsURIInvalid, ichClassificationRequired, ichCategoryInvalid, territoryRequired,
        territoryInvalid, amountInvalid, currencyMismatch, notFound, alreadyExists, illegalTransition, forbidden,
        countyForbidden, agentCannotApprove, selfReview, deviceRevoked, reasonRequired, commentRequired,
        unknownVillage, credentialFingerprintInvalid, titleRequired, mediaTypeNotAllowed, checksumInvalid,
        mediaDimensionsRequired, consentNotApplicable, consentScopeRequired, publishBlocked, stopOrderInvalid,
        scriptLength, audioDuration, transcriptRequired, itemNotDisplayable, tourEmpty, missingTranslation,
        publishedImmutable, sourceNotLicensable, usesRequired, listingNotPublished, offerExceedsListing, offerNotOpen,
        exclusivityConflict, signatureMissing, alreadySigned, termNotEnded, unknownEventType,
        unsupportedSchemaVersion, eventPayloadInvalid,
    ]
}
