import NIOCore
import NIOPosix
import Synchronization
import TestSupport

/// A TCP proxy on 127.0.0.1 that cuts connections at random points: for a connection it decides to cut, it relays
/// a random number of bytes (both directions counted) and then closes both sides — mid-request or mid-answer.
///
/// Bounded: at most `maxCuts` connections are cut (then it relays faithfully), and ``stop()`` closes everything.
/// All channels run on one event loop, so the two halves of a connection touch each other only on that loop.
final class FaultProxy: Sendable {
    struct Plan: Sendable {
        /// The share of cut connections cut early (within `maxBytes`).
        var probability: Double = 0.5
        /// The most bytes relayed before a cut (the cut point is uniform in 1…maxBytes).
        var maxBytes: Int = 64 * 1024
        var maxCuts: Int = 30
        var seed: UInt64 = 42
    }

    let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let server: any Channel
    private let decisions: Decisions

    /// Connections planned to be cut, and all connections.
    var cuts: Int { decisions.counts.withLock { $0.cuts } }
    var connections: Int { decisions.counts.withLock { $0.connections } }
    /// Cuts made: while relaying the kiosk's bytes (mid-request) and the hub's (mid-answer). A planned cut whose
    /// connection closed before its budget ran out is neither.
    var requestsCut: Int { decisions.counts.withLock { $0.requestsCut } }
    var answersCut: Int { decisions.counts.withLock { $0.answersCut } }

    init(target: Int, plan: Plan) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let decisions = Decisions(plan: plan)
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.autoRead, value: false)
            .childChannelInitializer { inbound in
                let budget = decisions.next()
                return ClientBootstrap(group: inbound.eventLoop)
                    .connect(host: "127.0.0.1", port: target)
                    .flatMapThrowing { outbound in
                        let a = Glue(budget: budget, cutsRequests: true, decisions: decisions)
                        let b = Glue(budget: budget, cutsRequests: false, decisions: decisions)
                        a.partner = b
                        b.partner = a
                        try inbound.pipeline.syncOperations.addHandler(a)
                        try outbound.pipeline.syncOperations.addHandler(b)
                        inbound.read()
                    }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        self.group = group
        self.server = server
        self.port = server.localAddress!.port!
        self.decisions = decisions
    }

    func stop() async {
        try? await server.close()
        try? await group.shutdownGracefully()
    }
}

struct ProxyState: Sendable {
    var cuts = 0
    var connections = 0
    var requestsCut = 0
    var answersCut = 0
}

/// Draws the cut decisions from a seeded generator (SplitMix64), so a failing run can be replayed.
/// Only the proxy's single event loop calls ``next()``.
final class Decisions: @unchecked Sendable {
    let plan: FaultProxy.Plan
    private var generator: SplitMix64
    private var cuts = 0
    let counts = Mutex(ProxyState())

    init(plan: FaultProxy.Plan) {
        self.plan = plan
        self.generator = SplitMix64(seed: plan.seed)
    }

    func next() -> ByteBudget {
        // Until maxCuts is reached every connection is cut; `probability` of them early (within maxBytes), the rest
        // later (within 8 × maxBytes), so kept-alive connections are cut too.
        let cut = cuts < plan.maxCuts
        let early = Double(generator.next() % 10_000) / 10_000 < plan.probability
        if cut { cuts += 1 }
        counts.withLock { counts in
            counts.connections += 1
            if cut { counts.cuts += 1 }
        }
        let span = UInt64(early ? plan.maxBytes : 8 * plan.maxBytes)
        return ByteBudget(remaining: cut ? Int(generator.next() % span) + 1 : Int.max)
    }
}

/// The bytes a connection may still relay, shared by its two halves (same event loop).
final class ByteBudget: @unchecked Sendable {
    var remaining: Int
    /// Set when the budget ran out and the connection was cut.
    var spent = false
    init(remaining: Int) { self.remaining = remaining }
}

/// Relays bytes to its partner channel until the budget runs out, then closes both.
/// Touched only on the proxy's single event loop.
final class Glue: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let budget: ByteBudget
    /// Whether this half relays the kiosk's bytes (a cut here is mid-request) or the hub's (mid-answer).
    let cutsRequests: Bool
    let decisions: Decisions
    var partner: Glue?
    private var context: ChannelHandlerContext?

    init(budget: ByteBudget, cutsRequests: Bool, decisions: Decisions) {
        self.budget = budget
        self.cutsRequests = cutsRequests
        self.decisions = decisions
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        partner = nil
    }

    func channelActive(context: ChannelHandlerContext) { context.read() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if budget.remaining >= buffer.readableBytes {
            budget.remaining -= buffer.readableBytes
            partner?.relay(buffer)
            return
        }
        let allowed = budget.remaining
        budget.remaining = 0
        if allowed > 0, let slice = buffer.readSlice(length: allowed) { partner?.relay(slice) }
        if !budget.spent {
            budget.spent = true
            decisions.counts.withLock { counts in
                if cutsRequests { counts.requestsCut += 1 } else { counts.answersCut += 1 }
            }
        }
        closeBoth()
    }

    func channelReadComplete(context: ChannelHandlerContext) { context.read() }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.closeQuietly()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) { closeBoth() }

    private func relay(_ buffer: ByteBuffer) {
        guard let context else { return }
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    private func closeQuietly() {
        context?.close(promise: nil)
    }

    private func closeBoth() {
        partner?.closeQuietly()
        closeQuietly()
    }
}
