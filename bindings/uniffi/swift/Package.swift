// swift-tools-version:5.9
// The Swift bindings and their tests. Sources/Utskrivning/Utskrivning.swift and
// Sources/UtskrivningFFI/UtskrivningFFI.h are generated there by `cargo xtask test kotlin` (and
// checked for drift); the module map beside the header is ours. `cargo build --workspace` first:
// the library is linked from the workspace's target/debug. Then `swift test` in this directory.
// (An app takes the XCFramework instead: docs/mobile.md.)

import Foundation
import PackageDescription

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let libraryDir = here.appendingPathComponent("../../../target/debug").standardizedFileURL.path

let package = Package(
    name: "Utskrivning",
    products: [.library(name: "Utskrivning", targets: ["Utskrivning"])],
    targets: [
        .systemLibrary(name: "UtskrivningFFI", path: "Sources/UtskrivningFFI"),
        .target(
            name: "Utskrivning",
            dependencies: ["UtskrivningFFI"],
            path: "Sources/Utskrivning",
            linkerSettings: [.unsafeFlags(["-L", libraryDir, "-Xlinker", "-rpath", "-Xlinker", libraryDir])]
        ),
        .testTarget(name: "UtskrivningTests", dependencies: ["Utskrivning"], path: "Tests/UtskrivningTests"),
    ]
)
