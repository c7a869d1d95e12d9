//! Every role against every route that changes something and every route that could show
//! something private, as one table: who may do what, what a refusal leaves (nothing), and
//! what a reader who is not signed in is shown of a published review (no staff names, no
//! client addresses, no private evidence, nothing of an unpublished review).
//!
//! The roles are those of the README: nobody signed in; a viewer (reads everything, changes
//! nothing); an owner (changes the items of their unit, their completions are claims, does
//! not reassign, verify, publish or import); the secretariat and admins (everything);
//! and an API token (`Authorization: Bearer`) of each, which acts with its person's role on
//! the JSON API and on the import and saved-view forms, but not on the forms that need a
//! session's CSRF token (progress, verify, publish, tokens, sign-out: README, "Known limits").
//! The server runs as `heed serve` does by default (no unauthenticated API writes).
//!
//! Run on a fresh SQLite register, and on PostgreSQL when `HEED_TEST_POSTGRES_URL` is set.

use crate::support::*;

crate::stories!(with as_served; every_write_route_by_every_role, every_private_read_by_every_role, anonymous_writes_when_turned_on, a_changed_role_applies_at_once);

/// Who asks, in the order of every row's expected statuses.
const WHO: [&str; 9] = [
    "anonymous",
    "viewer",
    "owner",
    "secretariat",
    "admin",
    "viewer token",
    "owner token",
    "secretariat token",
    "admin token",
];

/// Names and addresses that readers not signed in must never be shown.
const PRIVATE: &[&str] = &[
    "vic7",
    "olu7",
    "sam7",
    "ada7",
    "ivy7",
    "7-bot",
    "192.0.2.7",
    "192.0.2.99",
    "198.51.100.23",
    "secret-minutes-7",
    "PRIVATE-EVIDENCE-7",
    // The unpublished review's words.
    "Zanzibar",
];

fn document(title: &str, texts: &[(&str, &str)]) -> Document {
    Document {
        title: Some(title.into()),
        items: texts
            .iter()
            .enumerate()
            .map(|(k, (text, owner))| {
                let mut i = Item::new(ItemKind::Recommendation, (*text).to_string(), k + 1);
                i.r#ref = Some((k + 1).to_string());
                i.owner = Some((*owner).to_string());
                i
            })
            .collect(),
        ..Document::default()
    }
}

async fn import(app: &TestApp, name: &str, doc: &Document) -> (ReviewId, Vec<ItemId>) {
    let bytes = serde_json::to_vec(doc).expect("json");
    let ImportOutcome::Imported(summary) = app
        .store
        .import_document(Import {
            file_name: name.into(),
            bytes: &bytes,
            document: doc,
            meta: ReportMeta::default(),
            review: None,
            by: Actor::Person("ivy7".into()),
            origin: Some("198.51.100.23".into()),
            dry_run: false,
        })
        .await
        .expect("import")
    else {
        panic!("{name} was not imported");
    };
    assert!(summary.new_review, "{name} started its own review");
    let mut ids: Vec<ItemId> = app
        .store
        .items(&heed_store::ItemFilter {
            review: Some(summary.review),
            ..Default::default()
        })
        .await
        .expect("items")
        .iter()
        .map(|i| i.id)
        .collect();
    ids.sort();
    (summary.review, ids)
}

/// A report the reader understands, different for each `n`.
fn upload_text(n: usize) -> Vec<u8> {
    format!(
        "Inspection of records keeping, visit {n}\n\nRecommendations\n\n\
         1. The records unit should index every file opened in visit {n}.\n\
         2. The records unit should train its staff on retention schedules.\n"
    )
    .into_bytes()
}

/// The routes that change something, each acted out for one asker.
#[derive(Debug, Clone, Copy)]
enum Write {
    /// `PATCH /api/v1/items/{id}` with a note.
    ApiNote(Target),
    /// `PATCH /api/v1/items/{id}` with a status and RAG.
    ApiStatus(Target),
    /// `PATCH /api/v1/items/{id}` with a new owner.
    ApiOwner(Target),
    /// `PATCH /api/v1/items/{id}` with a deadline and its reason.
    ApiDeadline(Target),
    /// `POST /items/{id}/progress` with a note.
    FormNote(Target),
    /// `POST /items/{id}/progress` with an evidence file.
    FormEvidence(Target),
    ApiVerify,
    FormVerify,
    ApiPublish,
    FormPublish,
    /// `POST /import`.
    FormUpload,
    /// `POST /import/{id}` with a correction: one's own upload, or another person's.
    FormConfirm {
        own: bool,
    },
    /// `POST /api/v1/imports`.
    ApiUpload,
    /// `POST /api/v1/imports/{id}/confirm`: one's own upload, or another person's.
    ApiConfirm {
        own: bool,
    },
    TokenCreate,
    TokenRevoke {
        own: bool,
    },
    ViewSave,
    ViewDelete {
        own: bool,
    },
    Logout,
}

/// Which item a write is about.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// The owner's unit's item, on the published review.
    Own,
    /// Another unit's item, on the published review.
    Other,
    /// The owner's unit's item, on the unpublished review.
    Hidden,
}

struct Fixture {
    published: ReviewId,
    unpublished: ReviewId,
    own: ItemId,
    other: ItemId,
    hidden: ItemId,
    private_evidence: heed_core::EvidenceId,
    public_evidence: heed_core::EvidenceId,
    hidden_evidence: heed_core::EvidenceId,
    /// A saved view's slug (`/views/{slug}`): olu7's search for custody work.
    saved_view: String,
    /// The asker in `WHO` order.
    who: Vec<Who>,
}

async fn fixture(app: &TestApp) -> Fixture {
    let (published, p) = import(
        app,
        "published.md",
        &document(
            "Lantern service inspection",
            &[
                (
                    "The custody suite should replace its lanterns and log each check.",
                    "Custody",
                ),
                (
                    "The estates team should repair the perimeter fence before winter.",
                    "Estates",
                ),
            ],
        ),
    )
    .await;
    let (unpublished, u) = import(
        app,
        "unpublished.md",
        &document(
            "Zanzibar harbour review",
            &[(
                "Zanzibar harbour custody staff should record every boat search.",
                "Custody",
            )],
        ),
    )
    .await;
    let by = |name: &str| Actor::Person(name.into());
    app.store
        .publish_review(published, true, &by("ivy7"), Some("198.51.100.23"))
        .await
        .expect("publish");
    let (own, other, hidden) = (p[0], p[1], u[0]);

    // History with staff names, addresses and evidence, private and public.
    let mut note = UpdateRequest::by(by("olu7"));
    note.note = Some("Lanterns ordered; fitting booked.".into());
    note.origin = Some("192.0.2.99".into());
    note.evidence = Some(EvidenceFile {
        file_name: "secret-minutes-7.txt".into(),
        bytes: b"PRIVATE-EVIDENCE-7".to_vec(),
        public: false,
    });
    app.store.record_update(own, note).await.expect("note");
    let mut shown = UpdateRequest::by(by("sam7"));
    shown.evidence = Some(EvidenceFile {
        file_name: "public-summary-7.txt".into(),
        bytes: b"public summary".to_vec(),
        public: true,
    });
    shown.origin = Some("192.0.2.99".into());
    app.store.record_update(own, shown).await.expect("evidence");
    let mut api = UpdateRequest::by(Actor::Api("ada7 via token ada7-bot".into()));
    api.note = Some("Checked by the nightly job.".into());
    app.store.record_update(own, api).await.expect("api note");
    let mut claim = UpdateRequest::by(by("olu7"));
    claim.status = Some(Status::Completed);
    claim.claim_only = true;
    let claimed = app.store.record_update(own, claim).await.expect("claim");
    app.store
        .verify(
            own,
            heed_store::VerifyRequest {
                decision: heed_core::Decision::Reject,
                note: Some("Not yet: two lanterns missing.".into()),
                expected_version: Some(claimed.version),
                by: by("sam7"),
                on: None,
                origin: Some("192.0.2.99".into()),
            },
        )
        .await
        .expect("reject");
    let mut on_hidden = UpdateRequest::by(by("sam7"));
    on_hidden.evidence = Some(EvidenceFile {
        file_name: "zanzibar-7.txt".into(),
        bytes: b"Zanzibar file".to_vec(),
        public: true,
    });
    app.store
        .record_update(hidden, on_hidden)
        .await
        .expect("hidden evidence");
    let evidence = |item: heed_store::ItemRecord, name: &str| {
        item.state
            .evidence
            .iter()
            .find(|e| e.file_name == name)
            .map(|e| e.id)
            .expect("evidence")
    };
    let own_item = app.store.item(own, None).await.expect("item");
    let private_evidence = evidence(own_item.clone(), "secret-minutes-7.txt");
    let public_evidence = evidence(own_item, "public-summary-7.txt");
    let hidden_evidence = evidence(
        app.store.item(hidden, None).await.expect("item"),
        "zanzibar-7.txt",
    );

    let (vic, vic_t) = app.person("vic7", Role::Viewer, None).await;
    let (olu, olu_t) = app.person("olu7", Role::Owner, Some("Custody")).await;
    let (sam, sam_t) = app.person("sam7", Role::Secretariat, None).await;
    let (ada, ada_t) = app.person("ada7", Role::Admin, None).await;
    let saved = app.user_id("olu7").await;
    let saved_view = app
        .store
        .save_view(saved, "Custody work", "owner=custody")
        .await
        .expect("view")
        .slug;
    Fixture {
        published,
        unpublished,
        own,
        other,
        hidden,
        private_evidence,
        public_evidence,
        hidden_evidence,
        saved_view,
        who: vec![
            Who::default(),
            vic,
            olu,
            sam,
            ada,
            vic_t,
            olu_t,
            sam_t,
            ada_t,
        ],
    }
}

impl Fixture {
    fn item(&self, t: Target) -> ItemId {
        match t {
            Target::Own => self.own,
            Target::Other => self.other,
            Target::Hidden => self.hidden,
        }
    }
}

/// The person acting for `who` (the secretariat's for nobody, whose uploads there are none).
fn acting(who: &Who) -> &str {
    if who.name.is_empty() {
        "sam7"
    } else {
        &who.name
    }
}

/// Someone other than `who`.
fn another(who: &Who) -> &str {
    if who.name == "ada7" { "sam7" } else { "ada7" }
}

/// What a cell set up before asking: the item version its write is based on, or the
/// saved view made for it to delete.
#[derive(Default)]
struct Ready {
    version: i64,
    slug: String,
}

/// Sets up what `write` needs when `who` asks (the `n`th cell): a claim to decide, an
/// upload waiting, a token to revoke, a view to delete.
async fn ready(app: &TestApp, f: &Fixture, write: Write, who: &Who, n: usize) -> Ready {
    match write {
        Write::ApiNote(t)
        | Write::ApiStatus(t)
        | Write::ApiOwner(t)
        | Write::ApiDeadline(t)
        | Write::FormNote(t)
        | Write::FormEvidence(t) => Ready {
            version: app.version(f.item(t)).await,
            ..Ready::default()
        },
        Write::ApiVerify | Write::FormVerify => {
            // Something to decide: the owner claims a completion afresh.
            let mut claim = UpdateRequest::by(Actor::Person("olu7".into()));
            claim.status = Some(Status::Completed);
            claim.claim_only = true;
            let claimed = app.store.record_update(f.own, claim).await.expect("claim");
            Ready {
                version: claimed.version.get(),
                ..Ready::default()
            }
        }
        Write::FormConfirm { own } | Write::ApiConfirm { own } => {
            let uploader = if own { acting(who) } else { another(who) };
            app.store
                .put_pending_import(
                    &format!("pending-{n}"),
                    app.user_id(uploader).await,
                    &format!("visit-{n}.txt"),
                    &upload_text(n),
                    &Default::default(),
                    3600,
                )
                .await
                .expect("pending");
            Ready::default()
        }
        Write::TokenRevoke { own } => {
            let holder = if own { acting(who) } else { another(who) };
            app.token(holder, &format!("revoke-{n}")).await;
            Ready::default()
        }
        Write::ViewDelete { own } => {
            let holder = if own { acting(who) } else { another(who) };
            let v = app
                .store
                .save_view(app.user_id(holder).await, &format!("doomed {n}"), "rag=red")
                .await
                .expect("view");
            Ready {
                slug: v.slug,
                ..Ready::default()
            }
        }
        _ => Ready::default(),
    }
}

/// Asks for `write` as `who` (the `n`th cell), with what [`ready`] set up.
async fn act(app: &TestApp, f: &Fixture, write: Write, who: &Who, n: usize, r: &Ready) -> Answer {
    let version = r.version;
    match write {
        Write::ApiNote(t) | Write::ApiStatus(t) | Write::ApiOwner(t) | Write::ApiDeadline(t) => {
            let item = f.item(t);
            let body = match write {
                Write::ApiNote(_) => json!({ "note": format!("cell {n}"), "version": version }),
                Write::ApiStatus(_) => {
                    json!({ "status": "in_progress", "rag": if n.is_multiple_of(2) { "amber" } else { "green" }, "version": version })
                }
                Write::ApiOwner(_) => {
                    // Kept as it was, so the owner's rights in later rows stay the same.
                    let owner = app.store.item(item, None).await.expect("item").state.owner;
                    json!({ "owner": owner, "note": format!("cell {n}"), "version": version })
                }
                _ => json!({
                    "deadline": { "due": format!("2006-{:02}-01", n % 12 + 1), "reason": format!("cell {n}") },
                    "version": version
                }),
            };
            app.send_as(
                who,
                Method::PATCH,
                &format!("/api/v1/items/{item}"),
                Some("application/json"),
                body.to_string(),
            )
            .await
        }
        Write::FormNote(t) => {
            app.form_as(
                who,
                &format!("/items/{}/progress", f.item(t)),
                &[("version", version.to_string()), ("note", format!("cell {n}"))],
            )
            .await
        }
        Write::FormEvidence(t) => {
            app.multipart_as(
                who,
                &format!("/items/{}/progress", f.item(t)),
                &[("version", version.to_string()), ("note", format!("cell {n}"))],
                ("evidence", &format!("cell-{n}.txt"), b"evidence bytes"),
            )
            .await
        }
        Write::ApiVerify => {
            app.send_as(
                who,
                Method::POST,
                &format!("/api/v1/items/{}/verify", f.own),
                Some("application/json"),
                json!({ "decision": "reject", "note": format!("cell {n}"), "version": version })
                    .to_string(),
            )
            .await
        }
        Write::FormVerify => {
            app.form_as(
                who,
                &format!("/items/{}/verify", f.own),
                &[
                    ("version", version.to_string()),
                    ("decision", "reject".into()),
                    ("note", format!("cell {n}")),
                ],
            )
            .await
        }
        Write::ApiPublish => {
            app.send_as(
                who,
                Method::POST,
                &format!("/api/v1/reviews/{}/publish", f.published),
                Some("application/json"),
                json!({ "published": false }).to_string(),
            )
            .await
        }
        Write::FormPublish => {
            app.form_as(
                who,
                &format!("/reviews/{}/publish", f.published),
                &[("published", "false".into())],
            )
            .await
        }
        Write::FormUpload => {
            app.multipart_as(
                who,
                "/import",
                &[],
                ("document", &format!("visit-{n}.txt"), &upload_text(n)),
            )
            .await
        }
        Write::ApiUpload => {
            app.send_as(
                who,
                Method::POST,
                &format!("/api/v1/imports?filename=visit-{n}.txt"),
                Some("text/plain"),
                upload_text(n),
            )
            .await
        }
        Write::FormConfirm { .. } => {
            app.form_as(
                who,
                &format!("/import/pending-{n}"),
                &[("text-0", format!("Corrected in cell {n}."))],
            )
            .await
        }
        Write::ApiConfirm { .. } => {
            app.send_as(
                who,
                Method::POST,
                &format!("/api/v1/imports/pending-{n}/confirm"),
                Some("application/json"),
                json!({ "corrections": [{ "index": 0, "text": format!("Corrected in cell {n}.") }] })
                    .to_string(),
            )
            .await
        }
        Write::TokenCreate => {
            app.form_as(who, "/tokens", &[("name", format!("made-{n}"))])
                .await
        }
        Write::TokenRevoke { .. } => {
            app.form_as(who, "/tokens/revoke", &[("name", format!("revoke-{n}"))])
                .await
        }
        Write::ViewSave => {
            app.form_as(
                who,
                "/views",
                &[
                    ("name", format!("view {n}")),
                    ("search", "/search?overdue=true".into()),
                ],
            )
            .await
        }
        Write::ViewDelete { .. } => {
            app.form_as(who, &format!("/views/{}/delete", r.slug), &[])
                .await
        }
        Write::Logout => app.form_as(who, "/logout", &[]).await,
    }
}

/// Every write route, with the status each asker (in `WHO` order) gets.
fn writes() -> Vec<(Write, [u16; 9])> {
    use Target::*;
    use Write::*;
    // Nobody, viewer, owner, secretariat, admin; then their tokens.
    const ITEM_OWN: [u16; 9] = [401, 403, 200, 200, 200, 403, 200, 200, 200];
    const ITEM_ANY: [u16; 9] = [401, 403, 403, 200, 200, 403, 403, 200, 200];
    const FORM_OWN: [u16; 9] = [401, 403, 303, 303, 303, 403, 403, 403, 403];
    const FORM_ANY: [u16; 9] = [401, 403, 403, 303, 303, 403, 403, 403, 403];
    const VERIFIER: [u16; 9] = ITEM_ANY;
    const IMPORTER_FORM: [u16; 9] = [401, 403, 403, 303, 303, 403, 403, 303, 303];
    const IMPORTER_API: [u16; 9] = [401, 403, 403, 201, 201, 403, 403, 201, 201];
    vec![
        (ApiNote(Own), ITEM_OWN),
        (ApiNote(Other), ITEM_ANY),
        // An owner's unit's item on an unpublished review is still theirs to update.
        (ApiNote(Hidden), ITEM_OWN),
        (ApiStatus(Own), ITEM_OWN),
        (ApiDeadline(Own), ITEM_OWN),
        (ApiDeadline(Other), ITEM_ANY),
        // Reassigning is the secretariat's, even of one's own item.
        (ApiOwner(Own), ITEM_ANY),
        (FormNote(Own), FORM_OWN),
        (FormNote(Other), FORM_ANY),
        (FormNote(Hidden), FORM_OWN),
        (FormEvidence(Own), FORM_OWN),
        (FormEvidence(Other), FORM_ANY),
        (ApiVerify, VERIFIER),
        (FormVerify, FORM_ANY),
        (ApiPublish, VERIFIER),
        (FormPublish, FORM_ANY),
        (FormUpload, IMPORTER_FORM),
        (ApiUpload, IMPORTER_API),
        (FormConfirm { own: true }, IMPORTER_FORM),
        // Someone else's upload: only its uploader confirms it.
        (
            FormConfirm { own: false },
            [401, 403, 403, 403, 403, 403, 403, 403, 403],
        ),
        (ApiConfirm { own: true }, IMPORTER_API),
        (
            ApiConfirm { own: false },
            [401, 403, 403, 403, 403, 403, 403, 403, 403],
        ),
        // One's own tokens, with a session only (a token does not make tokens).
        (TokenCreate, [401, 200, 200, 200, 200, 403, 403, 403, 403]),
        (
            TokenRevoke { own: true },
            [401, 303, 303, 303, 303, 403, 403, 403, 403],
        ),
        // Another person's token is not found among one's own.
        (
            TokenRevoke { own: false },
            [401, 404, 404, 404, 404, 403, 403, 403, 403],
        ),
        (ViewSave, [401, 303, 303, 303, 303, 303, 303, 303, 303]),
        (
            ViewDelete { own: true },
            [401, 303, 303, 303, 303, 303, 303, 303, 303],
        ),
        (ViewDelete { own: false }, IMPORTER_FORM),
        // Last: it ends the sessions. Nobody's sign-out changes nothing and goes home.
        (Logout, [303, 303, 303, 303, 303, 403, 403, 403, 403]),
    ]
}

async fn every_write_route_by_every_role(app: TestApp) {
    let f = fixture(&app).await;
    let mut n = 0;
    let mut cells = 0;
    // A page elsewhere making the admin's browser post: the session cookie without its
    // CSRF token. Refused everywhere, and changes nothing (asked first in each row, while
    // the admin's session lasts).
    let forged = Who {
        csrf: "forged".into(),
        ..f.who[4].clone()
    };
    for (write, expected) in writes() {
        let mut askers: Vec<(&str, &Who, u16)> = vec![("admin without CSRF token", &forged, 403)];
        askers.extend(
            WHO.iter()
                .zip(&f.who)
                .zip(expected)
                .map(|((l, w), e)| (*l, w, e)),
        );
        for (label, who, want) in askers {
            n += 1;
            let prepared = ready(&app, &f, write, who, n).await;
            let signed_in = app
                .store
                .session(&session_hash(who))
                .await
                .expect("session");
            let before = app.state().await;
            let r = act(&app, &f, write, who, n, &prepared).await;
            assert_eq!(
                r.status.as_u16(),
                want,
                "{label} on {write:?}: {}",
                r.body.chars().take(400).collect::<String>()
            );
            cells += 1;
            let allowed = (200..400).contains(&want);
            let after = app.state().await;
            // Signing out ends a session, which is no part of the register: nobody's
            // changes nothing either way.
            let changes = allowed && !matches!(write, Write::Logout);
            assert_eq!(
                after != before,
                changes,
                "{label} on {write:?}: {}",
                if changes {
                    "nothing changed"
                } else {
                    "something changed on a refusal"
                }
            );
            // And the change asked for is the one made, or not made.
            match write {
                Write::ApiVerify | Write::FormVerify => {
                    let item = app.store.item(f.own, None).await.expect("item");
                    assert_eq!(item.awaits_verification(), !allowed, "{label} on {write:?}");
                }
                Write::TokenRevoke { .. } => {
                    let revoked = app
                        .store
                        .api_tokens(None)
                        .await
                        .expect("tokens")
                        .iter()
                        .any(|t| t.name == format!("revoke-{n}") && t.revoked_at.is_some());
                    assert_eq!(revoked, allowed, "{label} on {write:?}");
                }
                Write::ViewDelete { .. } => {
                    let kept = app.store.saved_view(&prepared.slug).await.is_ok();
                    assert_eq!(kept, !allowed, "{label} on {write:?}");
                }
                Write::FormConfirm { .. } | Write::ApiConfirm { .. } => {
                    let waiting = app
                        .store
                        .pending_import(&format!("pending-{n}"))
                        .await
                        .expect("pending")
                        .is_some();
                    assert_eq!(waiting, !allowed, "{label} on {write:?}");
                }
                Write::Logout if signed_in.is_some() => {
                    let still = app
                        .store
                        .session(&session_hash(who))
                        .await
                        .expect("session")
                        .is_some();
                    assert_eq!(still, !allowed, "{label} on {write:?}");
                }
                _ => {}
            }
            // Put back what an allowed cell changed that later cells depend on.
            if matches!(write, Write::ApiPublish | Write::FormPublish)
                && !app.published(f.published).await
            {
                app.store
                    .publish_review(f.published, true, &Actor::Person("ivy7".into()), None)
                    .await
                    .expect("publish again");
            }
        }
    }
    eprintln!("{cells} write cells");
}

fn session_hash(who: &Who) -> String {
    heed_app::accounts::token_hash(who.cookie.strip_prefix("heed_session=").unwrap_or(""))
}

/// Every route that reads something that could be private, with the status each asker
/// gets; what nobody is given holds nothing private; a read changes nothing.
async fn every_private_read_by_every_role(app: TestApp) {
    let f = fixture(&app).await;
    let mine = "pending-mine";
    app.store
        .put_pending_import(
            mine,
            app.user_id("sam7").await,
            "visit.txt",
            &upload_text(0),
            &Default::default(),
            3600,
        )
        .await
        .expect("pending");
    // Nobody, viewer, owner, secretariat, admin; then their tokens.
    const SIGNED_IN: [u16; 9] = [404, 200, 200, 200, 200, 200, 200, 200, 200];
    const ANYONE: [u16; 9] = [200; 9];
    const ACCOUNT: [u16; 9] = [401, 200, 200, 200, 200, 200, 200, 200, 200];
    let (p, u) = (f.published, f.unpublished);
    let (own, hidden) = (f.own, f.hidden);
    let mut rows: Vec<(String, [u16; 9])> = vec![
        // The unpublished review, everywhere it can be reached one by one.
        (format!("/reviews/{u}"), SIGNED_IN),
        (format!("/items/{hidden}"), SIGNED_IN),
        (format!("/items/{hidden}?as_of=2030-01-01"), SIGNED_IN),
        (format!("/api/v1/items/{hidden}"), SIGNED_IN),
        (format!("/evidence/{}", f.hidden_evidence), SIGNED_IN),
        // Evidence of the published review: private, and marked public.
        (format!("/evidence/{}", f.private_evidence), SIGNED_IN),
        (format!("/evidence/{}", f.public_evidence), ANYONE),
        // The published review and its item.
        (format!("/reviews/{p}"), ANYONE),
        (format!("/items/{own}"), ANYONE),
        (format!("/items/{own}?as_of=2030-01-01"), ANYONE),
        (format!("/api/v1/items/{own}"), ANYONE),
        // Lists, counts and searches (narrowed for nobody, checked below).
        ("/".into(), ANYONE),
        ("/reviews".into(), ANYONE),
        ("/search?q=custody".into(), ANYONE),
        ("/search?awaiting=true".into(), ANYONE),
        ("/api/v1/items?q=custody".into(), ANYONE),
        ("/api/v1/items".into(), ANYONE),
        (format!("/api/v1/items?review={u}"), ANYONE),
        (format!("/search?review={u}"), ANYONE),
        ("/api/v1/reviews".into(), ANYONE),
        ("/views".into(), ANYONE),
        ("/api/v1/views".into(), ANYONE),
        // A saved view sends everyone to its search, which is narrowed like any other
        // (the search it names is asked below as everyone, nobody included).
        (format!("/views/{}", f.saved_view), [303; 9]),
        ("/search?owner=custody".into(), ANYONE),
        ("/views/no-such-view".into(), [404; 9]),
        // Accounts: one's own session and tokens only.
        ("/api/v1/session".into(), ACCOUNT),
        ("/tokens".into(), ACCOUNT),
        // The import pages: the secretariat and admins, an upload its uploader only.
        (
            "/import".into(),
            [401, 403, 403, 200, 200, 403, 403, 200, 200],
        ),
        (
            format!("/import/{mine}"),
            [401, 403, 403, 200, 403, 403, 403, 200, 403],
        ),
    ];
    for format in ["html", "md", "csv", "xlsx", "docx", "pdf"] {
        rows.push((format!("/reviews/{u}/report?format={format}"), SIGNED_IN));
        rows.push((format!("/reviews/{p}/report?format={format}"), ANYONE));
    }
    for layout in [
        "progress-table",
        "response-table",
        "narrative",
        "action-plan",
        "judgements",
    ] {
        rows.push((
            format!("/reviews/{u}/report?layout={layout}&format=md"),
            SIGNED_IN,
        ));
        rows.push((
            format!("/reviews/{p}/report?layout={layout}&format=md"),
            ANYONE,
        ));
    }
    // Public by nature, and holding nothing private.
    for uri in ["/api/openapi.json", "/static/style.css"] {
        rows.push((uri.to_string(), ANYONE));
    }
    let mut cells = 0;
    for (uri, expected) in &rows {
        for (k, who) in f.who.iter().enumerate() {
            let before = app.state().await;
            let r = app.get_as(who, uri).await;
            assert_eq!(
                r.status.as_u16(),
                expected[k],
                "{} on GET {uri}: {}",
                WHO[k],
                r.body.chars().take(400).collect::<String>()
            );
            assert_eq!(app.state().await, before, "a read changed something");
            cells += 1;
            // What nobody is shown holds no name, address, private file or hidden review.
            if k == 0 {
                let binary = ["xlsx", "docx", "pdf"]
                    .iter()
                    .any(|f| uri.ends_with(&format!("format={f}")));
                if !binary {
                    for secret in PRIVATE {
                        assert!(
                            !r.body.contains(secret),
                            "GET {uri} shows {secret:?} to a reader not signed in: ...{}...",
                            excerpt(&r.body, secret)
                        );
                    }
                }
            }
        }
    }
    // Asked again by nobody after everyone else: lists, searches and dashboards are kept
    // per register version, and what was made for someone signed in is not given to nobody.
    for (uri, expected) in &rows {
        let binary = ["xlsx", "docx", "pdf"]
            .iter()
            .any(|f| uri.ends_with(&format!("format={f}")));
        let r = app.get_as(&f.who[0], uri).await;
        assert_eq!(r.status.as_u16(), expected[0], "again: GET {uri}");
        if !binary {
            for secret in PRIVATE {
                assert!(
                    !r.body.contains(secret),
                    "GET {uri} shows {secret:?} to a reader not signed in, after others asked"
                );
            }
        }
    }
    // The check above can fail: signed in, the same pages name the people and addresses.
    let viewer = &f.who[1];
    let page = app.get_as(viewer, &format!("/items/{own}")).await.body;
    for shown in ["olu7", "sam7", "ada7", "192.0.2.99", "secret-minutes-7"] {
        assert!(page.contains(shown), "a viewer's item page lacks {shown}");
    }
    assert!(
        app.get_as(viewer, "/search?q=custody")
            .await
            .body
            .contains("Zanzibar")
    );
    // Nobody is told the unpublished review's items even as a number.
    let hidden_list = app
        .get_as(&f.who[0], &format!("/api/v1/items?review={u}"))
        .await;
    let hidden_list: serde_json::Value = serde_json::from_str(&hidden_list.body).expect("JSON");
    assert_eq!(hidden_list["total"], 0, "{hidden_list}");
    // Nor counted among all items: nobody counts the published review's two, a viewer three.
    for (who, total) in [(&f.who[0], 2), (viewer, 3)] {
        let list = app.get_as(who, "/api/v1/items").await;
        let list: serde_json::Value = serde_json::from_str(&list.body).expect("JSON");
        assert_eq!(list["total"], total, "{list}");
    }
    // Each person's tokens page lists their own tokens, nobody else's.
    for (k, who) in f.who.iter().enumerate().skip(1) {
        let page = app.get_as(who, "/tokens").await.body;
        for other in ["vic7", "olu7", "sam7", "ada7"] {
            assert_eq!(
                page.contains(&format!("{other}-bot")),
                other == who.name,
                "{} sees {other}'s tokens?",
                WHO[k]
            );
        }
    }
    eprintln!("{cells} read cells");
}

fn excerpt(body: &str, needle: &str) -> String {
    let at = body.find(needle).unwrap_or(0);
    body.char_indices()
        .filter(|(i, _)| i + 200 >= at && *i <= at + 200)
        .map(|(_, c)| c)
        .collect()
}

/// `heed serve --unauthenticated-api-writes`: a client not signed in may change the items
/// of published reviews through the API (its closing status a claim, its name marked
/// unauthenticated), and nothing else.
async fn anonymous_writes_when_turned_on(app: TestApp) {
    let f = fixture(&app).await;
    let open = app.writable();
    let nobody = Who::default();
    let cells: [(Write, u16); 8] = [
        (Write::ApiNote(Target::Own), 200),
        (Write::ApiNote(Target::Other), 200),
        // An unpublished review's item is as absent as for any reader not signed in.
        (Write::ApiNote(Target::Hidden), 404),
        (Write::ApiVerify, 401),
        (Write::ApiPublish, 401),
        (Write::ApiUpload, 401),
        (Write::FormNote(Target::Own), 401),
        (Write::ViewSave, 401),
    ];
    for (n, (write, want)) in cells.into_iter().enumerate() {
        let prepared = ready(&open, &f, write, &nobody, 1000 + n).await;
        let before = open.state().await;
        let r = act(&open, &f, write, &nobody, 1000 + n, &prepared).await;
        assert_eq!(r.status.as_u16(), want, "nobody on {write:?}: {}", r.body);
        assert_eq!(open.state().await != before, want == 200, "{write:?}");
    }
    // A closing status from nobody is a claim, under its self-declared name.
    let version = open.version(f.own).await;
    let r = open
        .send_as(
            &nobody,
            Method::PATCH,
            &format!("/api/v1/items/{}", f.own),
            Some("application/json"),
            json!({ "status": "completed", "version": version }).to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let item = open.store.item(f.own, None).await.expect("item");
    assert!(item.awaits_verification());
    assert_ne!(item.state.status, Some(Status::Completed));
}

/// A role changed (`heed user role`) applies at once to the person's live session and API
/// tokens: the role is read with each session and token, not kept with them.
async fn a_changed_role_applies_at_once(app: TestApp) {
    let f = fixture(&app).await;
    let (session, token) = (&f.who[3], &f.who[7]);
    let rows = [
        (Write::ApiNote(Target::Other), 200),
        (Write::ApiVerify, 200),
        (Write::FormUpload, 303),
    ];
    for (role, allowed) in [(Role::Viewer, false), (Role::Secretariat, true)] {
        app.store
            .set_role("sam7", role, None)
            .await
            .expect("set role");
        for who in [session, token] {
            for (write, ok) in rows {
                let n = 2000 + app.store.register_version().await.expect("version").get() as usize;
                let prepared = ready(&app, &f, write, who, n).await;
                let before = app.state().await;
                let r = act(&app, &f, write, who, n, &prepared).await;
                let want = if allowed { ok } else { 403 };
                assert_eq!(r.status.as_u16(), want, "sam7 as {role} on {write:?}");
                assert_eq!(app.state().await != before, allowed, "{write:?}");
            }
        }
    }
}

/// The register served as `heed serve` serves it by default: no unauthenticated API
/// writes, and the default body limits' order of size.
fn as_served(mut app: TestApp) -> TestApp {
    app.config = heed_web::Config {
        today: Day::parse_iso("2005-01-01"),
        api_writes: false,
        max_body_bytes: 64 * 1024,
        max_upload_bytes: 256 * 1024,
        secure_cookies: true,
        trust_proxy: false,
        ..heed_web::Config::default()
    };
    app.router = routed(app.store.clone(), app.config.clone());
    app
}
