//! The `heed` binary as a user meets it, in one test binary: each test reads like a short
//! shell session (a command, what it prints, its exit code) through `support`, the one
//! place that runs the binary. `extract` needs no register; `register`, `reports`,
//! `workflow` and `accounts` run in a fresh directory each; `two_servers` runs two `heed
//! serve` on one PostgreSQL database; `score` measures extraction accuracy with the shared
//! scorer, and `pdf` the same for PDFs (LibreOffice's PDFs of the corpus, Heed's own PDF
//! reports, a scanned page read with Tesseract).

mod accounts;
mod extract;
mod pdf;
mod register;
mod reports;
mod score;
mod support;
mod two_servers;
mod workflow;
