// swift-tools-version:5.9
// The Swift bindings and their test of the scenario corpus. `cargo build --workspace` first: the
// library is linked from the workspace's target/debug. Then `swift test` in this directory.
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
