//! Every route of the web application, driven in process through the real router on a
//! fresh register per story (`support::TestApp`): SQLite always, PostgreSQL when
//! `HEED_TEST_POSTGRES_URL` names a server. Stories are seeded from the shared corpus through
//! the store as `heed import` would; each reads as a short visit: ask, check the status,
//! check what a person or program would look for in the answer. One binary, one module tree:
//! `support` is the application under test, each other module a part of the site.

mod accounts;
mod api;
mod intake;
mod pages;
mod permissions;
mod snapshots;
mod support;
mod workflow;
