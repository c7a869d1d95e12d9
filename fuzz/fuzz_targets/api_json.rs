//! Fuzz target `api_json`: `heed_fuzz::api_json` on libFuzzer's bytes (see ../README.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| heed_fuzz::api_json(data));
