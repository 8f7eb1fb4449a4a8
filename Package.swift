// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "cunshi",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cunshi", targets: ["cunshi"]),
        .library(name: "EventLog", targets: ["EventLog"]),
        .library(name: "Domain", targets: ["Domain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .target(name: "JSONText", swiftSettings: swiftSettings),
        .target(
            name: "EventLog",
            dependencies: ["JSONText", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EventLogPostgres",
            dependencies: [
                "EventLog",
                "JSONText",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EventLogSQLite",
            dependencies: [
                "JSONText", "EventLog",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .target(name: "Domain", dependencies: ["JSONText"], swiftSettings: swiftSettings),
        .target(name: "Commands", dependencies: ["EventLog", "Domain"], swiftSettings: swiftSettings),
        .target(
            name: "SeedLoader",
            dependencies: ["Domain", "Commands", "EventLog"],
            path: "Seeds",
            exclude: ["SOURCES.md"],
            sources: ["Loader"],
            resources: [.copy("Data")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Projections",
            dependencies: [
                "JSONText", "EventLog", "Domain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Operations",
            dependencies: [
                "JSONText", "EventLog", "EventLogPostgres", "EventLogSQLite", "Domain", "Projections",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BenchWorkloads",
            dependencies: [
                "JSONText", "EventLog", "EventLogPostgres", "Projections", "Domain", "Commands", "Sync",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/Workloads",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Hub",
            dependencies: [
                "EventLog", "EventLogPostgres", "EventLogSQLite", "Domain", "Commands", "Projections", "SeedLoader", "Sync",
                "Operations",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("openapi.yaml")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Sync",
            dependencies: [
                "JSONText", "EventLog", "EventLogSQLite", "Domain", "Commands", "Projections",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "cunshi",
            dependencies: [
                "EventLog", "EventLogPostgres", "EventLogSQLite", "BenchWorkloads", "Hub", "SeedLoader", "Sync", "Projections",
                "Operations",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "EventLog", "EventLogPostgres", "EventLogSQLite", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "JSONTextTests", dependencies: ["JSONText", "EventLog"], swiftSettings: swiftSettings),
        .testTarget(name: "EventLogTests", dependencies: ["EventLog"], swiftSettings: swiftSettings),
        .testTarget(
            name: "EventLogPostgresTests",
            dependencies: ["EventLog", "EventLogPostgres", "TestSupport", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EventStoreContractTests",
            dependencies: ["EventLog", "EventLogPostgres", "EventLogSQLite", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EventLogSQLiteTests",
            dependencies: ["EventLog", "EventLogSQLite", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProjectionsTests",
            dependencies: ["Projections", "Domain", "EventLog", "EventLogPostgres", "EventLogSQLite", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OperationsTests",
            dependencies: [
                "Operations", "Projections", "Domain", "EventLog", "EventLogPostgres", "EventLogSQLite", "TestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BenchWorkloadsTests",
            dependencies: ["BenchWorkloads", "Projections", "EventLog", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CommandsTests",
            dependencies: ["Commands", "Domain", "EventLog", "EventLogPostgres", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HubTests",
            dependencies: [
                "Hub", "Domain", "EventLog", "EventLogPostgres", "EventLogSQLite", "Commands", "Projections", "Sync", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DomainTests",
            dependencies: ["Domain", "JSONText", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SyncTests",
            dependencies: [
                "Sync", "Hub", "Domain", "EventLog", "EventLogPostgres", "EventLogSQLite", "Commands", "Projections", "SeedLoader",
                "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SeedsTests",
            dependencies: ["SeedLoader", "Commands", "Domain", "EventLog", "EventLogPostgres", "EventLogSQLite", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
