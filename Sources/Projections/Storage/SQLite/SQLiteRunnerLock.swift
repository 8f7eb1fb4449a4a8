#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// A runner lock of an SQLite read-model file: an exclusive `flock(2)` on a lock file, held through an open file
/// descriptor. Locks conflict between processes and between two acquisitions in one process (each acquisition
/// opens its own descriptor); the kernel releases them when the holder exits, however it exits.
final class SQLiteRunnerLock: RunnerLock {
    private let descriptor: Mutex<Int32>

    private init(descriptor: Int32) { self.descriptor = Mutex(descriptor) }

    /// Takes the lock of `path` (creating the file), or returns `nil` when someone holds it.
    static func acquire(_ path: String) throws -> SQLiteRunnerLock? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ProjectionError.storage("cannot open the lock file \(path): \(errnoText())") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            close(fd)
            if error == EWOULDBLOCK { return nil }
            throw ProjectionError.storage("cannot lock \(path): \(String(cString: strerror(error)))")
        }
        return SQLiteRunnerLock(descriptor: fd)
    }

    /// Whether anyone (this process included) holds the lock of `path`; tries it without keeping it.
    static func isHeld(_ path: String) throws -> Bool {
        guard let probe = try acquire(path) else { return true }
        probe.release()
        return false
    }

    func release() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    func isHeld() async -> Bool { descriptor.withLock { $0 >= 0 } }

    deinit { release() }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
