import Foundation
import Testing

@testable import Domain

@Suite struct LanguageTests {
    @Test func offeredTagsParseCaseInsensitively() throws {
        #expect(try LanguageTag.parse("zh-Hans", field: "f") == .zhHans)
        #expect(try LanguageTag.parse("YUE-hant", field: "f") == .yueHant)
        #expect(try LanguageTag.parse("en", field: "f") == .en)
    }

    @Test func badTagGetsAHint() {
        let error = refusal { () throws(DomainError) in try LanguageTag.parse("cantonese", field: "title.cantonese") }
        #expect(error?.code == "BAD_LANG_TAG")
        #expect(error?.message == "BAD_LANG_TAG: 'cantonese' — use 'yue-Hant'")
        #expect(error?.field == "title.cantonese")
        #expect(refusal { () throws(DomainError) in try LanguageTag.parse("zh-CN", field: "f") }?.message.contains("use 'zh-Hans'") == true)
        #expect(refusal { () throws(DomainError) in try LanguageTag.parse("fr", field: "f") }?.message.contains("not offered") == true)
        #expect(refusal { () throws(DomainError) in try LanguageTag.parse("e n!", field: "f") }?.message.contains("not a BCP 47 tag") == true)
    }

    @Test func bcp47Structure() {
        for good in ["hak", "nan-Hant-TW", "yue-Hant-HK", "zh-Hans", "en-GB", "de-CH-1901", "x-private", "en-a-bbb-x-a"] {
            #expect(BCP47.isWellFormed(good), "\(good)")
        }
        for bad in ["", "e", "english language", "zh--Hans", "123", "en-a", "toolonglanguage"] {
            #expect(!BCP47.isWellFormed(bad), "\(bad)")
        }
    }

    @Test func langMapValidationCanonicalisesAndDropsBlanks() throws {
        let map: LangMap = ["ZH-hans": " 碉楼 ", "en": "  "]
        let valid = try map.validated(field: "title")
        #expect(valid == ["zh-Hans": "碉楼"])
        #expect(valid.languages == [.zhHans])
        expectRefused("TITLE_REQUIRED", field: "title") { () throws(DomainError) in
            try LangMap(["en": " "]).validated(field: "title", requireText: true, requiredCode: ErrorCode.titleRequired)
        }
        expectRefused("TEXT_TOO_LONG", field: "t.en") { () throws(DomainError) in
            try LangMap(["en": "abc"]).validated(field: "t", maxLength: 2)
        }
    }

    @Test func langMapFallbackOrder() {
        let map: LangMap = ["en": "Tower", "zh-Hans": "碉楼"]
        #expect(map.preferred()?.0 == .zhHans)
        #expect(LangMap(["en": "x"]).preferred()?.0 == .en)
    }
}

@Suite struct EDTFTests {
    @Test(arguments: [
        "1921", "193X", "19XX", "1921~", "1921?", "1921%", "1930/1940", "1921-05", "1921-05-03", "1921-XX",
        "1921-05-XX", "1921-21", "1930/..", "/1940", "2000-02-29",
    ])
    func accepts(_ raw: String) throws {
        #expect(try EDTFDate(raw).validated(field: "created") == EDTFDate(raw))
    }

    @Test(arguments: [
        ("1930s", "use '193X'"), ("c. 1921", "use '1921~'"), ("1930-1940", "use '1930/1940'"),
        ("1921-13", "month 13 does not exist"), ("1921年", "use digits"), ("05/03/1921", "YYYY-MM-DD"),
        ("1921-02-30", "day does not exist"), ("1940/1930", "ends before it starts"), ("yesterday", "use EDTF"),
        ("1900-02-29", "day does not exist"), ("/", "at least one date"),
    ])
    func refusesWithHint(_ raw: String, _ hint: String) {
        let error = refusal { () throws(DomainError) in try EDTFDate(raw).validated(field: "created") }
        #expect(error?.code == "BAD_DATE")
        #expect(error?.field == "created")
        #expect(error?.message.contains(hint) == true, "\(String(describing: error))")
    }

    @Test func bounds() {
        #expect(EDTFDate("193X").earliestDay == CalendarDate(year: 1930, month: 1, day: 1))
        #expect(EDTFDate("193X").latestDay == CalendarDate(year: 1939, month: 12, day: 31))
        #expect(EDTFDate("1921-02").latestDay == CalendarDate(year: 1921, month: 2, day: 28))
        #expect(EDTFDate("1930/1940").earliestDay?.year == 1930)
        #expect(EDTFDate("1930/1940").latestDay?.year == 1940)
    }

    @Test func notInFuture() throws {
        let today = CalendarDate(F.now)
        try EDTFDate("2026").requireNotAfter(today, field: "d")  // may denote a day before today
        expectRefused("DATE_IN_FUTURE", field: "d") { () throws(DomainError) in
            try EDTFDate("2027-01").requireNotAfter(today, field: "d")
        }
    }

    @Test func calendarDayIsChinaStandardTime() {
        // 2026-05-27T16:00:00Z is 2026-05-28 00:00 in UTC+8.
        let instant = Date(timeIntervalSince1970: 1_779_897_600)
        #expect(CalendarDate(instant) == CalendarDate(year: 2026, month: 5, day: 28))
    }
}

@Suite struct PlaceTests {
    @Test(arguments: [
        "440113", "440105", "440783", "440607", "440606", "441900", "440605", "440117", "440103", "440104", "440111",
        "440112", "440114", "440115", "440118", "440604", "440608", "440703", "440704", "440705", "440781", "440784",
        "440785", "442000", "440402",
    ])
    func knownCounties(_ code: String) throws {
        #expect(try CountyCode.validated(code).rawValue == code)
    }

    @Test func countyNames() throws {
        #expect(try CountyCode.validated("440113").names?.en == "Panyu")
        #expect(try CountyCode.validated("440783").names?.zh == "开平市")
        #expect(GuangdongCounties.table.count == 124)
    }

    @Test(arguments: ["440100", "110101", "44011", "panyu", "449999"])
    func unknownCounties(_ code: String) {
        expectRefused("UNKNOWN_COUNTY", field: "county") { () throws(DomainError) in try CountyCode.validated(code) }
    }

    @Test func coordinates() throws {
        _ = try Coordinates(latitude: 22.37, longitude: 112.56).validated()
        expectRefused("BAD_COORDINATES", field: "location.latitude") { () throws(DomainError) in
            try Coordinates(latitude: 91, longitude: 0).validated()
        }
        expectRefused("BAD_COORDINATES", field: "location.longitude") { () throws(DomainError) in
            try Coordinates(latitude: 0, longitude: .nan).validated()
        }
    }

    @Test func territories() throws {
        #expect(ISO3166.alpha2.count == 249)
        #expect(try Territory.validated("hk") == .hk)
        expectRefused("TERRITORY_INVALID") { () throws(DomainError) in try Territory.validated("HKG") }
        expectRefused("TERRITORY_REQUIRED") { () throws(DomainError) in try Territory.validatedSet([]) }
        #expect(refusal { () throws(DomainError) in try Territory.validated("HKG") }?.message.contains("use 'HK'") == true)
    }

    @Test func identifiers() throws {
        #expect(try Identifier.validated("kaiping:diaolou-001.v2_a", field: "id") == "kaiping:diaolou-001.v2_a")
        expectRefused("INVALID_ID", field: "id") { () throws(DomainError) in try Identifier.validated("", field: "id") }
        expectRefused("INVALID_ID") { () throws(DomainError) in try Identifier.validated("a b", field: "id") }
        expectRefused("INVALID_ID") { () throws(DomainError) in try Identifier.validated("碉楼", field: "id") }
        expectRefused("INVALID_ID") { () throws(DomainError) in
            try Identifier.validated(String(repeating: "a", count: 101), field: "id")
        }
    }
}

@Suite struct RightsTests {
    @Test func acceptsExactlyTheListedURIs() throws {
        #expect(RightsURI.allURIs.count == 12 + 18 + 2)
        for uri in RightsURI.allURIs { #expect(try RightsURI.parse(uri).uri == uri) }
    }

    @Test("a rights URI parses the same from the table of listed URIs as by the parser; other text is parsed")
    func parsedURIAgreesWithParse() throws {
        #expect(RightsURI.parsedByURI.count == RightsURI.allURIs.count)
        for uri in RightsURI.allURIs {
            let parsed = try RightsURI.parseText(uri)
            #expect(RightsURI.parsedByURI[uri] == parsed)
            #expect(try RightsURI.parse(uri) == parsed)
            #expect(Rights(uri: uri, holder: "h", attribution: "a").parsedURI == parsed)
            // Text the table does not hold is still parsed: surrounding spaces are trimmed.
            #expect(Rights(uri: " \(uri) ", holder: "h", attribution: "a").parsedURI == parsed)
        }
        #expect(Rights(uri: "all rights reserved", holder: "h", attribution: "a").parsedURI == nil)
    }

    @Test(arguments: [
        ("https://rightsstatements.org/vocab/InC/1.0/", "vocabulary URI"),
        ("http://creativecommons.org/licenses/by/4.0/", "https://"),
        ("https://creativecommons.org/licenses/by/4.0", "ends with '/'"),
        ("CC-BY", "full URI"), ("https://creativecommons.org/licenses/by/2.5/", "Creative Commons"),
        ("http://rightsstatements.org/vocab/InC-XX/1.0/", "RightsStatements"), ("all rights reserved", "12"),
    ])
    func refusesOthers(_ uri: String, _ hint: String) {
        let error = refusal { () throws(DomainError) in try RightsURI.parse(uri) }
        #expect(error?.code == "RIGHTS_URI_INVALID")
        #expect(error?.field == "rights.uri")
        #expect(error?.message.contains(hint) == true, "\(String(describing: error))")
    }

    @Test func holderAndAttributionRequired() throws {
        _ = try F.inC.validated()
        expectRefused("FIELD_REQUIRED", field: "rights.holder") { () throws(DomainError) in
            try Rights(uri: F.inC.uri, holder: " ", attribution: "x").validated()
        }
        expectRefused("FIELD_REQUIRED", field: "rights.attribution") { () throws(DomainError) in
            try Rights(uri: F.inC.uri, holder: "x", attribution: "").validated()
        }
    }

    @Test func licensability() throws {
        #expect(try RightsURI.parse("http://rightsstatements.org/vocab/InC/1.0/").isLicensable)
        #expect(try RightsURI.parse("http://rightsstatements.org/vocab/InC-EDU/1.0/").isLicensable)
        #expect(try !RightsURI.parse("http://rightsstatements.org/vocab/UND/1.0/").isLicensable)
        #expect(try !RightsURI.parse("https://creativecommons.org/publicdomain/zero/1.0/").isLicensable)
        #expect(try RightsURI.parse("http://rightsstatements.org/vocab/CNE/1.0/").needsAudit)
    }
}

@Suite struct HeritageAndMoneyTests {
    @Test func ichNeedsBothDomainAndCategory() throws {
        #expect(NationalICHCategory.allCases.count == 10)
        #expect(UNESCODomain.allCases.count == 5)
        let ich = try ICHClassification.parse(domain: "performing-arts", category: "传统戏剧")
        #expect(ich.category == .traditionalDrama)
        expectRefused("ICH_CLASSIFICATION_REQUIRED") { () throws(DomainError) in
            try ICHClassification.parse(domain: "performing-arts", category: nil)
        }
        expectRefused("ICH_CLASSIFICATION_REQUIRED") { () throws(DomainError) in
            try ICHClassification.parse(domain: nil, category: "民俗")
        }
        expectRefused("ICH_CATEGORY_INVALID", field: "ich.category") { () throws(DomainError) in
            try ICHClassification.parse(domain: "performing-arts", category: "粤剧")
        }
        expectRefused("ICH_CATEGORY_INVALID", field: "ich.domain") { () throws(DomainError) in
            try ICHClassification.parse(domain: "dance", category: "民俗")
        }
    }

    @Test func money() throws {
        #expect(Money(amountMinor: 1_250_005, currency: .hkd).description == "12500.05 HKD")
        expectRefused("AMOUNT_INVALID", field: "price") { () throws(DomainError) in
            try Money(amountMinor: 0, currency: .cny).validatedPositive(field: "price")
        }
        #expect(Currency.allCases.map(\.rawValue) == ["CNY", "HKD", "MOP"])
    }

    @Test func dateRanges() throws {
        let a = try DateRange.parse(start: "2026-01-01", end: "2028-12-31")
        let b = try DateRange.parse(start: "2028-12-31", end: "2030-01-01")
        let c = try DateRange.parse(start: "2029-01-01", end: "2030-01-01")
        #expect(a.intersects(b) && !a.intersects(c))
        #expect(a.description == "2026–2028")
        #expect(b.description == "2028-12-31–2030-01-01")
        expectRefused("BAD_DATE", field: "term") { () throws(DomainError) in
            try DateRange.parse(start: "2028-01-01", end: "2026-01-01")
        }
        expectRefused("BAD_DATE", field: "term.start") { () throws(DomainError) in
            try DateRange.parse(start: "2026-1-1", end: "2026-12-31")
        }
    }

    @Test func errorCodesAreUniqueAndShaped() {
        #expect(Set(ErrorCode.all).count == ErrorCode.all.count)
        for code in ErrorCode.all { #expect(code.allSatisfy { $0.isUppercase || $0 == "_" }, "\(code)") }
        let error = DomainError(ErrorCode.publishBlocked, "missing [rights, consent]")
        #expect(error.message == "PUBLISH_BLOCKED: missing [rights, consent]")
    }
}
