//! Fuzz target `docx`: `heed_fuzz::docx` on libFuzzer's bytes (see ../README.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| heed_fuzz::docx(data));
