import Commands
import Domain
import Foundation

/// A command as the outbox stores it and the wire carries it: `{aggregate, name, body}` with the body the JSON of
/// the command's `Codable` struct — the same names as the hub's `POST /v1/commands/<aggregate>/<name>`.
///
/// Only the commands a kiosk may record offline are syncable: archive-item and tour commands. Anything else is
/// refused when recorded (`COMMAND_NOT_SYNCABLE`), so an outbox never holds what the hub could not re-decide.
public struct WireCommand: Codable, Sendable, Hashable {
    public var aggregate: String
    public var name: String
    /// The command's JSON text.
    public var body: String

    public init(aggregate: String, name: String, body: String) {
        self.aggregate = aggregate
        self.name = name
        self.body = body
    }

    public static let notSyncableCode = "COMMAND_NOT_SYNCABLE"

    public init(_ command: DomainCommand) throws(SyncError) {
        do {
            switch command {
            case .item(let c): self = try Self.item(c)
            case .tour(let c): self = try Self.tour(c)
            default:
                throw SyncError.badRequest(
                    "only archive-item and tour commands can be recorded offline", field: "command", code: Self.notSyncableCode)
            }
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError.badRequest("the command could not be encoded: \(error)", field: "command")
        }
    }

    /// The domain command, decoded strictly; an unknown name or a body that does not decode is a typed error.
    public func decoded() throws(SyncError) -> DomainCommand {
        do {
            switch aggregate {
            case "item": return .item(try itemCommand())
            case "tour": return .tour(try tourCommand())
            default: break
            }
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError.badRequest("the body of \(aggregate)/\(name) does not decode: \(error)", field: "command.body")
        }
        throw SyncError.badRequest("\(aggregate)/\(name) cannot be synced", field: "command", code: Self.notSyncableCode)
    }

    private static func make<T: Encodable>(_ aggregate: String, _ name: String, _ body: T) throws -> WireCommand {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return WireCommand(aggregate: aggregate, name: name, body: String(decoding: try encoder.encode(body), as: UTF8.self))
    }

    private func body<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(body.utf8))
    }

    private static func item(_ command: ArchiveItem.Command) throws -> WireCommand {
        switch command {
        case .register(let c): try make("item", "register", c)
        case .contribute(let c): try make("item", "contribute", c)
        case .reviseDescription(let c): try make("item", "revise-description", c)
        case .attachMedia(let c): try make("item", "attach-media", c)
        case .recordProvenance(let c): try make("item", "record-provenance", c)
        case .assignRights(let c): try make("item", "assign-rights", c)
        case .recordConsent(let c): try make("item", "record-consent", c)
        case .submitForReview(let c): try make("item", "submit-for-review", c)
        case .publish(let c): try make("item", "publish", c)
        case .withdraw(let c): try make("item", "withdraw", c)
        }
    }

    private func itemCommand() throws -> ArchiveItem.Command {
        switch name {
        case "register": return .register(try body(ArchiveItem.Register.self))
        case "contribute": return .contribute(try body(ArchiveItem.Contribute.self))
        case "revise-description": return .reviseDescription(try body(ArchiveItem.ReviseDescription.self))
        case "attach-media": return .attachMedia(try body(ArchiveItem.AttachMedia.self))
        case "record-provenance": return .recordProvenance(try body(ArchiveItem.RecordProvenance.self))
        case "assign-rights": return .assignRights(try body(ArchiveItem.AssignRights.self))
        case "record-consent": return .recordConsent(try body(ArchiveItem.RecordConsent.self))
        case "submit-for-review": return .submitForReview(try body(ArchiveItem.ItemRef.self))
        case "publish": return .publish(try body(ArchiveItem.ItemRef.self))
        case "withdraw": return .withdraw(try body(ArchiveItem.Withdraw.self))
        default: throw SyncError.badRequest("item/\(name) is not a command", field: "command.name", code: Self.notSyncableCode)
        }
    }

    private static func tour(_ command: Tour.Command) throws -> WireCommand {
        switch command {
        case .createDraft(let c): try make("tour", "create-draft", c)
        case .startNewDraft(let c): try make("tour", "start-new-draft", c)
        case .addStop(let c): try make("tour", "add-stop", c)
        case .removeStop(let c): try make("tour", "remove-stop", c)
        case .reorderStops(let c): try make("tour", "reorder-stops", c)
        case .writeStopScript(let c): try make("tour", "write-stop-script", c)
        case .attachStopAudio(let c): try make("tour", "attach-stop-audio", c)
        case .linkStopToItem(let c): try make("tour", "link-stop-to-item", c)
        case .submit(let c): try make("tour", "submit", c)
        case .approve(let c): try make("tour", "approve", c)
        case .requestChanges(let c): try make("tour", "request-changes", c)
        case .publishVersion(let c): try make("tour", "publish-version", c)
        case .retire(let c): try make("tour", "retire", c)
        }
    }

    private func tourCommand() throws -> Tour.Command {
        switch name {
        case "create-draft": return .createDraft(try body(Tour.CreateDraft.self))
        case "start-new-draft": return .startNewDraft(try body(Tour.TourRef.self))
        case "add-stop": return .addStop(try body(Tour.AddStop.self))
        case "remove-stop": return .removeStop(try body(Tour.StopRef.self))
        case "reorder-stops": return .reorderStops(try body(Tour.ReorderStops.self))
        case "write-stop-script": return .writeStopScript(try body(Tour.WriteStopScript.self))
        case "attach-stop-audio": return .attachStopAudio(try body(Tour.AttachStopAudio.self))
        case "link-stop-to-item": return .linkStopToItem(try body(Tour.LinkStopToItem.self))
        case "submit": return .submit(try body(Tour.TourRef.self))
        case "approve": return .approve(try body(Tour.TourRef.self))
        case "request-changes": return .requestChanges(try body(Tour.RequestChanges.self))
        case "publish-version": return .publishVersion(try body(Tour.TourRef.self))
        case "retire": return .retire(try body(Tour.Retire.self))
        default: throw SyncError.badRequest("tour/\(name) is not a command", field: "command.name", code: Self.notSyncableCode)
        }
    }
}
