//! `uniffi-bindgen-swift --swift-sources target/debug/libutskrivning_uniffi.so swift/Sources/Utskrivning`
//! (and `--headers ... swift/Sources/UtskrivningFFI`): the Swift package's sources, in place.

fn main() {
    uniffi::uniffi_bindgen_swift()
}
