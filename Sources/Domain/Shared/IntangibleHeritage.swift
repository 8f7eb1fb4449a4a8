/// The five domains of intangible cultural heritage of the 2003 UNESCO Convention (Article 2.2).
public enum UNESCODomain: String, Sendable, Hashable, Codable, CaseIterable {
    case oralTraditions = "oral-traditions-and-expressions"
    case performingArts = "performing-arts"
    case socialPractices = "social-practices-rituals-and-festive-events"
    case knowledgeOfNature = "knowledge-and-practices-concerning-nature-and-the-universe"
    case traditionalCraftsmanship = "traditional-craftsmanship"
}

/// The ten categories of China's national list of representative intangible cultural heritage
/// (国家级非物质文化遗产代表性项目名录). Raw values are the official Chinese names.
public enum NationalICHCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case folkLiterature = "民间文学"
    case traditionalMusic = "传统音乐"
    case traditionalDance = "传统舞蹈"
    case traditionalDrama = "传统戏剧"
    case quyi = "曲艺"
    case sportsGamesAcrobatics = "传统体育游艺与杂技"
    case traditionalArt = "传统美术"
    case traditionalCraft = "传统技艺"
    case traditionalMedicine = "传统医药"
    case folkCustom = "民俗"
}

/// The classification an `ichElement` item must carry: a UNESCO domain **and** a national category
/// (e.g. Cantonese opera 粤剧: performing-arts + 传统戏剧).
public struct ICHClassification: Sendable, Hashable, Codable {
    public let domain: UNESCODomain
    public let category: NationalICHCategory

    public init(domain: UNESCODomain, category: NationalICHCategory) {
        self.domain = domain
        self.category = category
    }

    /// Parses raw text: `ICH_CLASSIFICATION_REQUIRED` when either is missing, `ICH_CATEGORY_INVALID` when either
    /// is not on its list.
    public static func parse(domain: String?, category: String?, field: String = "ich") throws(DomainError)
        -> ICHClassification
    {
        guard let domain, !Text.isBlank(domain), let category, !Text.isBlank(category) else {
            throw DomainError(
                ErrorCode.ichClassificationRequired, field: field,
                "an intangible heritage element needs both a UNESCO domain and a national category (e.g. 传统戏剧)")
        }
        guard let d = UNESCODomain(rawValue: Text.trimmed(domain)) else {
            let list = UNESCODomain.allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError(ErrorCode.ichCategoryInvalid, field: "\(field).domain", "'\(domain)' — use one of \(list)")
        }
        guard let c = NationalICHCategory(rawValue: Text.trimmed(category)) else {
            let list = NationalICHCategory.allCases.map(\.rawValue).joined(separator: "、")
            throw DomainError(ErrorCode.ichCategoryInvalid, field: "\(field).category", "'\(category)' — use one of \(list)")
        }
        return ICHClassification(domain: d, category: c)
    }
}
