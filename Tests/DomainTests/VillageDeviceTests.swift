import Foundation
import Testing

@testable import Domain

@Suite struct VillageTests {
    let register = Village.Command.register(.init(
        villageID: "zili", names: ["zh-Hans": "自力村", "en": "Zili"], county: "440783", town: ["zh-Hans": "塘口镇"],
        location: Coordinates(latitude: 22.37, longitude: 112.56)))

    @Test func registerAndRevise() throws {
        let events = try Village.decide(register, state: .initial, context: F.ctx(F.chen))
        let state = events.reduce(Village.State.initial, Village.evolve)
        #expect(state.exists && state.county == F.kaiping && state.names[.en] == "Zili")
        #expect(register.streamID == "village-zili")
        let revised = try Village.decide(
            .revise(.init(villageID: "zili", names: ["yue-Hant": "自力村"])), state: state, context: F.ctx(F.admin))
        #expect(revised.reduce(state, Village.evolve).names == ["yue-Hant": "自力村"])
    }

    @Test func refusals() throws {
        let state = try Village.decide(register, state: .initial, context: F.ctx(F.chen)).reduce(.initial, Village.evolve)
        expectRefused("ALREADY_EXISTS") { () throws(DomainError) in try Village.decide(register, state: state, context: F.ctx(F.chen)) }
        expectRefused("COUNTY_FORBIDDEN") { () throws(DomainError) in try Village.decide(register, state: .initial, context: F.ctx(F.wu)) }
        expectRefused("FORBIDDEN") { () throws(DomainError) in try Village.decide(register, state: .initial, context: F.ctx(F.agent)) }
        func with(_ change: (inout Village.Register) -> Void) -> Village.Command {
            guard case .register(var c) = register else { return register }
            change(&c)
            return .register(c)
        }
        expectRefused("UNKNOWN_COUNTY", field: "county") { () throws(DomainError) in
            try Village.decide(with { $0.county = "440100" }, state: .initial, context: F.ctx(F.admin))
        }
        expectRefused("BAD_LANG_TAG") { () throws(DomainError) in
            try Village.decide(with { $0.names = ["cantonese": "自力村"] }, state: .initial, context: F.ctx(F.admin))
        }
        expectRefused("FIELD_REQUIRED", field: "names") { () throws(DomainError) in
            try Village.decide(with { $0.names = [:] }, state: .initial, context: F.ctx(F.admin))
        }
        expectRefused("BAD_COORDINATES") { () throws(DomainError) in
            try Village.decide(with { $0.location = .init(latitude: 200, longitude: 0) }, state: .initial, context: F.ctx(F.admin))
        }
        expectRefused("INVALID_ID") { () throws(DomainError) in
            try Village.decide(with { $0.villageID = "自力" }, state: .initial, context: F.ctx(F.admin))
        }
        expectRefused("NOT_FOUND") { () throws(DomainError) in
            try Village.decide(.revise(.init(villageID: "x", names: ["en": "X"])), state: .initial, context: F.ctx(F.admin))
        }
        expectRefused("FIELD_REQUIRED") { () throws(DomainError) in
            try Village.decide(.revise(.init(villageID: "zili")), state: state, context: F.ctx(F.admin))
        }
        expectRefused("COUNTY_FORBIDDEN") { () throws(DomainError) in
            try Village.decide(.revise(.init(villageID: "zili", names: ["en": "X"])), state: state, context: F.ctx(F.wu))
        }
    }
}

@Suite struct DeviceTests {
    let fingerprint = "sha256:" + F.sha
    var register: Device.Command {
        .register(.init(deviceID: "K-1", county: "440783", station: "塘口镇文化站", credentialFingerprint: fingerprint))
    }

    @Test func lifecycle() throws {
        var state = try Device.decide(register, state: .initial, context: F.ctx(F.chen)).reduce(.initial, Device.evolve)
        #expect(state.status == .active && state.station == "塘口镇文化站")
        #expect(Device.streamID(for: "K-1") == "device-K-1")
        let newPrint = "sha256:" + String(repeating: "0f", count: 32)
        state = try Device.decide(.rotateCredential(.init(deviceID: "K-1", credentialFingerprint: newPrint)), state: state, context: F.ctx(F.chen))
            .reduce(state, Device.evolve)
        #expect(state.credentialFingerprint == newPrint)
        state = try Device.decide(.revoke(.init(deviceID: "K-1", reason: "stolen")), state: state, context: F.ctx(F.li))
            .reduce(state, Device.evolve)
        #expect(state.status == .revoked && state.revokedAt == F.now && state.revocationReason == "stolen")
        expectRefused("DEVICE_REVOKED") { () throws(DomainError) in
            try Device.decide(.rotateCredential(.init(deviceID: "K-1", credentialFingerprint: newPrint)), state: state, context: F.ctx(F.chen))
        }
        expectRefused("DEVICE_REVOKED") { () throws(DomainError) in
            try Device.decide(.revoke(.init(deviceID: "K-1", reason: "again")), state: state, context: F.ctx(F.chen))
        }
    }

    @Test func refusals() throws {
        let state = try Device.decide(register, state: .initial, context: F.ctx(F.chen)).reduce(.initial, Device.evolve)
        expectRefused("ALREADY_EXISTS") { () throws(DomainError) in try Device.decide(register, state: state, context: F.ctx(F.chen)) }
        expectRefused("COUNTY_FORBIDDEN") { () throws(DomainError) in try Device.decide(register, state: .initial, context: F.ctx(F.wu)) }
        expectRefused("FORBIDDEN") { () throws(DomainError) in try Device.decide(register, state: .initial, context: F.ctx(F.kiosk)) }
        expectRefused("UNKNOWN_COUNTY") { () throws(DomainError) in
            try Device.decide(.register(.init(deviceID: "K-2", county: "999999", station: "x", credentialFingerprint: fingerprint)),
                state: .initial, context: F.ctx(F.admin))
        }
        expectRefused("FIELD_REQUIRED", field: "station") { () throws(DomainError) in
            try Device.decide(.register(.init(deviceID: "K-2", county: "440783", station: " ", credentialFingerprint: fingerprint)),
                state: .initial, context: F.ctx(F.admin))
        }
        expectRefused("CREDENTIAL_FINGERPRINT_INVALID", field: "credentialFingerprint") { () throws(DomainError) in
            try Device.decide(.register(.init(deviceID: "K-2", county: "440783", station: "x", credentialFingerprint: "hunter2")),
                state: .initial, context: F.ctx(F.admin))
        }
        expectRefused("REASON_REQUIRED", field: "reason") { () throws(DomainError) in
            try Device.decide(.revoke(.init(deviceID: "K-1", reason: "")), state: state, context: F.ctx(F.chen))
        }
        expectRefused("NOT_FOUND") { () throws(DomainError) in
            try Device.decide(.revoke(.init(deviceID: "K-9", reason: "x")), state: .initial, context: F.ctx(F.chen))
        }
    }
}
