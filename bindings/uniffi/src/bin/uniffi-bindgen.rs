//! `uniffi-bindgen generate --library target/debug/libutskrivning_uniffi.so --language kotlin ...`

fn main() {
    uniffi::uniffi_bindgen_main()
}
