//! Signing in and out, throttled failed sign-ins, roles deciding who may update which
//! item, progress from the item page with evidence, and the first permissions matrix.

use crate::support::*;

crate::stories!(
    signing_in_and_out,
    repeated_failed_sign_ins_are_throttled,
    roles_decide_who_may_update_which_item,
    progress_can_carry_an_evidence_file,
    permissions_matrix,
    owners_record_progress_from_the_item_page
);

async fn signing_in_and_out(app: TestApp) {
    let hash = heed_app::accounts::hash_password("correct horse battery").expect("hash");
    app.store
        .add_user("ann", &hash, Role::Secretariat, None)
        .await
        .expect("add");

    let form = app.get("/login").await;
    assert!(
        form.body
            .contains("<label for=\"password\">Password</label>")
    );
    let set = form.header(header::SET_COOKIE).to_string();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Secure"));

    let r = app.sign_in("ann", "wrong").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.body.contains("do not match an account"));
    let r = app.sign_in("nobody", "wrong").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    // A form that did not come from the sign-in page is refused.
    let r = app
        .send_body(
            Method::POST,
            "/login",
            Some("application/x-www-form-urlencoded"),
            &[("cookie", "heed_login_csrf=aaaa")],
            "name=ann&password=correct+horse+battery&csrf=bbbb",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .send_body(
            Method::POST,
            "/login",
            Some("application/x-www-form-urlencoded"),
            &[],
            "name=ann",
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("the sign-in form"), "{}", r.body);

    let r = app.sign_in("ann", "correct horse battery").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header(header::LOCATION), "/");
    let token = set_cookie_value(&r, "heed_session");
    let cookie = format!("heed_session={token}");
    let page = app.get_with("/", "cookie", &cookie).await;
    assert!(
        page.body.contains("Signed in as ann (secretariat)"),
        "{}",
        page.body
    );
    assert!(!app.get("/").await.body.contains("Signed in as"));
    let session = app
        .get_with("/api/v1/session", "cookie", &cookie)
        .await
        .json();
    assert_eq!(session["user"]["role"], "secretariat");
    let csrf = session["csrf"].as_str().expect("csrf").to_string();
    assert!(
        page.body.contains(&csrf),
        "the sign-out form carries the token"
    );

    // Signing out needs the session's token; then the session is gone.
    let r = app
        .send_body(
            Method::POST,
            "/logout",
            Some("application/x-www-form-urlencoded"),
            &[("cookie", &cookie)],
            "csrf=forged",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .send_body(
            Method::POST,
            "/logout",
            Some("application/x-www-form-urlencoded"),
            &[("cookie", &cookie)],
            format!("csrf={csrf}"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.header(header::SET_COOKIE).starts_with("heed_session=;"));
    let r = app.get_with("/api/v1/session", "cookie", &cookie).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

async fn repeated_failed_sign_ins_are_throttled(app: TestApp) {
    let hash = heed_app::accounts::hash_password("correct horse battery").expect("hash");
    app.store
        .add_user("bob", &hash, Role::Viewer, None)
        .await
        .expect("add");
    for _ in 0..3 {
        assert_eq!(
            app.sign_in("bob", "guess").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let r = app.sign_in("bob", "correct horse battery").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("Too many failed attempts"));
    // It says how long to wait, in seconds: a backoff, not a 15-minute lockout.
    let wait: u64 = r
        .header(header::RETRY_AFTER)
        .parse()
        .expect("Retry-After in seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    // The account is not locked for everyone: its owner signs in from another address.
    let form = app.get("/login").await;
    let csrf = set_cookie_value(&form, "heed_login_csrf");
    let body = serde_urlencoded::to_string([
        ("name", "bob"),
        ("password", "correct horse battery"),
        ("csrf", csrf.as_str()),
    ])
    .expect("form");
    let request = Request::builder()
        .method(Method::POST)
        .uri("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("heed_login_csrf={csrf}"))
        .extension(axum::extract::ConnectInfo(std::net::SocketAddr::from((
            [198, 51, 100, 20],
            40_001,
        ))))
        .body(Body::from(body))
        .expect("request");
    let r = app.send(request).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.header(header::SET_COOKIE).starts_with("heed_session="));
}

/// Every role against the write route: who may change which item, and who is recorded.
async fn roles_decide_who_may_update_which_item(app: TestApp) {
    let app = app.read_only();
    app.import("cmbvr-update-2004.txt").await;
    let items = app.items().await;
    let six = by_ref(&items, "6").id;
    let two = by_ref(&items, "2").id;
    let mut setup = UpdateRequest::by(Actor::Person("Setup".into()));
    setup.owner = Some("Custody".into());
    app.store.record_update(six, setup).await.expect("owner");

    let admin = app.login_as("ada", Role::Admin, None).await;
    let sec = app.login_as("sam", Role::Secretariat, None).await;
    let owner = app.login_as("olu", Role::Owner, Some("custody")).await;
    let viewer = app.login_as("vic", Role::Viewer, None).await;

    let patch = |s: &Session, item: ItemId| {
        let headers = [
            ("cookie".to_string(), s.cookie.clone()),
            ("x-csrf-token".to_string(), s.csrf.clone()),
        ];
        let app = &app;
        async move {
            let version = app.store.item(item, None).await.expect("item").version;
            let h: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            app.patch_json(
                &format!("/api/v1/items/{item}"),
                json!({ "note": "progress", "version": version }),
                &h,
            )
            .await
        }
    };
    let cases = [
        (&admin, six, StatusCode::OK, "ada"),
        (&sec, two, StatusCode::OK, "sam"),
        (&owner, six, StatusCode::OK, "olu"),
        (&owner, two, StatusCode::FORBIDDEN, ""),
        (&viewer, six, StatusCode::FORBIDDEN, ""),
    ];
    for (session, item, want, author) in cases {
        let r = patch(session, item).await;
        assert_eq!(r.status, want, "{author} on {item}: {}", r.body);
        if want == StatusCode::OK {
            let history = app.store.history(item).await.expect("history");
            let last = history.last().expect("an event");
            assert_eq!(last.author, author);
            assert_eq!(
                last.source,
                heed_store::Source::Person {
                    name: author.into()
                }
            );
        }
    }
    let r = app
        .patch_json(
            &format!("/api/v1/items/{six}"),
            json!({ "note": "x", "version": 1 }),
            &[("cookie", &admin.cookie)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no CSRF token");
    assert!(r.message().contains("x-csrf-token"));
    let r = app
        .patch_json(
            &format!("/api/v1/items/{six}"),
            json!({ "note": "x", "version": 1 }),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "anonymous");
}

async fn progress_can_carry_an_evidence_file(app: TestApp) {
    let app = app.read_only();
    app.import("cmbvr-update-2004.txt").await;
    let six = by_ref(&app.items().await, "6").id;
    let sec = app.login_as("sam", Role::Secretariat, None).await;
    let version = app.store.item(six, None).await.expect("item").version;
    let page = app
        .get_with(&format!("/items/{six}"), "cookie", &sec.cookie)
        .await;
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
    assert!(page.body.contains("name=\"evidence\" type=\"file\""));
    assert!(
        page.body
            .contains("name=\"evidence_public\" type=\"checkbox\"")
    );

    let v = version.to_string();
    let (ct, body) = multipart(
        &[
            ("csrf", &sec.csrf),
            ("version", &v),
            ("note", "Minutes attached"),
        ],
        Some(("minutes.pdf", b"%PDF-1.4 minutes")),
    );
    let r = app
        .send_body(
            Method::POST,
            &format!("/items/{six}/progress"),
            Some(&ct),
            &[("cookie", &sec.cookie)],
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let item = app.store.item(six, None).await.expect("item");
    assert_eq!(item.state.evidence.len(), 1);
    let evidence = &item.state.evidence[0];
    assert_eq!(evidence.file_name, "minutes.pdf");
    assert!(!evidence.public, "evidence is private unless marked");
    let r = app
        .get_with(&format!("/evidence/{}", evidence.id), "cookie", &sec.cookie)
        .await;
    assert_eq!(r.body, "%PDF-1.4 minutes");
    assert_eq!(
        app.get(&format!("/evidence/{}", evidence.id)).await.status,
        StatusCode::NOT_FOUND
    );

    // Evidence alone is an update.
    let v = item.version.to_string();
    let (ct, body) = multipart(
        &[
            ("csrf", &sec.csrf),
            ("version", &v),
            ("evidence_public", "true"),
        ],
        Some(("..\\..\\photos/photo.jpg", b"JPEG")),
    );
    let r = app
        .send_body(
            Method::POST,
            &format!("/items/{six}/progress"),
            Some(&ct),
            &[("cookie", &sec.cookie)],
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let item = app.store.item(six, None).await.expect("item");
    assert_eq!(item.state.evidence.len(), 2);
    // A client's path is not kept: the file is offered under its own name only.
    let photo = &item.state.evidence[1];
    assert_eq!(photo.file_name, "photo.jpg");
    assert!(photo.public, "marked public on the form");
    assert_eq!(
        app.get(&format!("/evidence/{}", photo.id)).await.body,
        "JPEG"
    );
    let r = app
        .get_with(&format!("/evidence/{}", photo.id), "cookie", &sec.cookie)
        .await;
    assert_eq!(
        r.header(header::CONTENT_DISPOSITION),
        "attachment; filename=\"photo.jpg\""
    );

    // Too big for an upload (16 KiB in these tests): refused, nothing stored.
    let v = item.version.to_string();
    let big = vec![b'x'; 20 * 1024];
    let (ct, body) = multipart(
        &[("csrf", &sec.csrf), ("version", &v)],
        Some(("big.bin", &big)),
    );
    let r = app
        .send_body(
            Method::POST,
            &format!("/items/{six}/progress"),
            Some(&ct),
            &[("cookie", &sec.cookie)],
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    // Declared too big in Content-Length: refused before the body is read.
    let (ct, body) = multipart(
        &[("csrf", &sec.csrf), ("version", &v)],
        Some(("big.bin", &big)),
    );
    let len = body.len().to_string();
    let r = app
        .send_body(
            Method::POST,
            &format!("/items/{six}/progress"),
            Some(&ct),
            &[("cookie", &sec.cookie), ("content-length", &len)],
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    // A multipart form without its CSRF token is malformed.
    let (ct, body) = multipart(&[("version", &v)], None);
    let r = app
        .send_body(
            Method::POST,
            &format!("/items/{six}/progress"),
            Some(&ct),
            &[("cookie", &sec.cookie)],
            body,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("csrf"), "{}", r.body);
    assert_eq!(
        app.store.item(six, None).await.expect("item").version,
        item.version
    );
}

/// The permissions matrix: every role (and nobody) against every write route.
async fn permissions_matrix(app: TestApp) {
    let app = app.read_only();
    app.import("cmbvr-update-2004.txt").await;
    let items = app.items().await;
    let own = by_ref(&items, "6").id;
    let other = by_ref(&items, "2").id;
    let mut setup = UpdateRequest::by(Actor::Person("Setup".into()));
    setup.owner = Some("Custody".into());
    app.store.record_update(own, setup).await.expect("owner");
    let sessions = [
        ("admin", Some(app.login_as("ada", Role::Admin, None).await)),
        (
            "secretariat",
            Some(app.login_as("sam", Role::Secretariat, None).await),
        ),
        (
            "owner",
            Some(app.login_as("olu", Role::Owner, Some("Custody")).await),
        ),
        (
            "viewer",
            Some(app.login_as("vic", Role::Viewer, None).await),
        ),
        ("nobody", None),
    ];
    use StatusCode as S;
    // (route, item) -> expected status for admin, secretariat, owner, viewer, nobody.
    let matrix: [(&str, ItemId, [S; 5]); 6] = [
        (
            "api note",
            own,
            [S::OK, S::OK, S::OK, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            "api note",
            other,
            [S::OK, S::OK, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            "api owner",
            own,
            [S::OK, S::OK, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            "api owner",
            other,
            [S::OK, S::OK, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            "form",
            own,
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
            ],
        ),
        (
            "form",
            other,
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
            ],
        ),
    ];
    for (route, item, expected) in matrix {
        for ((role, session), want) in sessions.iter().zip(expected) {
            let version = app.store.item(item, None).await.expect("item").version;
            let (cookie, csrf) = session
                .as_ref()
                .map(|s| (s.cookie.clone(), s.csrf.clone()))
                .unwrap_or_default();
            let r = match route {
                "form" => {
                    app.send_body(
                        Method::POST,
                        &format!("/items/{item}/progress"),
                        Some("application/x-www-form-urlencoded"),
                        &[("cookie", &cookie)],
                        format!("csrf={csrf}&version={version}&note=by+{role}"),
                    )
                    .await
                }
                _ => {
                    // Keep the owner as it was, so the matrix's later rows still apply.
                    let body = if route == "api owner" {
                        let owner = if item == own { "Custody" } else { "Someone" };
                        json!({ "owner": owner, "version": version })
                    } else {
                        json!({ "note": format!("by {role}"), "version": version })
                    };
                    app.patch_json(
                        &format!("/api/v1/items/{item}"),
                        body,
                        &[("cookie", &cookie), ("x-csrf-token", &csrf)],
                    )
                    .await
                }
            };
            assert_eq!(
                r.status, want,
                "{role} on {route} of item {item}: {}",
                r.body
            );
            let after = app.store.item(item, None).await.expect("item").version;
            let wrote = want == S::OK || want == S::SEE_OTHER;
            assert_eq!(after > version, wrote, "{role} on {route} of item {item}");
        }
    }

    // Verifying (API and form) and publishing (API and form): the secretariat and admins
    // only. Before each attempt the owner claims a completion afresh, so there is
    // something to decide; each allowed attempt rejects it, and each publish flips.
    let verifiers = [S::OK, S::OK, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED];
    let review = app.store.item(own, None).await.expect("item").review;
    for route in ["api verify", "form verify", "api publish", "form publish"] {
        for ((role, session), want) in sessions.iter().zip(verifiers) {
            let (cookie, csrf) = session
                .as_ref()
                .map(|s| (s.cookie.clone(), s.csrf.clone()))
                .unwrap_or_default();
            let events = app.store.review_events(review).await.expect("events").len();
            let published = app
                .store
                .reviews()
                .await
                .expect("reviews")
                .iter()
                .any(|r| r.id == review && r.published);
            let mut claim = UpdateRequest::by(Actor::Person("olu".into()));
            claim.status = Some(heed_core::Status::Completed);
            claim.claim_only = true;
            let version = app
                .store
                .record_update(own, claim)
                .await
                .expect("claim")
                .version;
            let r = match route {
                "api verify" => {
                    app.send_body(
                        Method::POST,
                        &format!("/api/v1/items/{own}/verify"),
                        Some("application/json"),
                        &[("cookie", &cookie), ("x-csrf-token", &csrf)],
                        json!({ "decision": "reject", "note": format!("by {role}"), "version": version })
                            .to_string(),
                    )
                    .await
                }
                "form verify" => {
                    app.send_body(
                        Method::POST,
                        &format!("/items/{own}/verify"),
                        Some("application/x-www-form-urlencoded"),
                        &[("cookie", &cookie)],
                        format!("csrf={csrf}&version={version}&decision=reject&note=by+{role}"),
                    )
                    .await
                }
                "api publish" => {
                    app.send_body(
                        Method::POST,
                        &format!("/api/v1/reviews/{review}/publish"),
                        Some("application/json"),
                        &[("cookie", &cookie), ("x-csrf-token", &csrf)],
                        json!({ "published": !published }).to_string(),
                    )
                    .await
                }
                _ => {
                    app.send_body(
                        Method::POST,
                        &format!("/reviews/{review}/publish"),
                        Some("application/x-www-form-urlencoded"),
                        &[("cookie", &cookie)],
                        format!("csrf={csrf}&published={}", !published),
                    )
                    .await
                }
            };
            let want = if route.starts_with("form") && want == S::OK {
                S::SEE_OTHER
            } else {
                want
            };
            assert_eq!(r.status, want, "{role} on {route}: {}", r.body);
            let wrote = want == S::OK || want == S::SEE_OTHER;
            let item = app.store.item(own, None).await.expect("item");
            if route.ends_with("verify") {
                assert_eq!(item.version > version, wrote, "{role} on {route}");
                assert_eq!(item.awaits_verification(), !wrote, "{role} on {route}");
            } else {
                let after = app.store.review_events(review).await.expect("events").len();
                assert_eq!(after > events, wrote, "{role} on {route}");
            }
        }
    }
}

async fn owners_record_progress_from_the_item_page(app: TestApp) {
    let app = app.read_only();
    app.import("cmbvr-update-2004.txt").await;
    let items = app.items().await;
    let six = by_ref(&items, "6").id;
    let two = by_ref(&items, "2").id;
    let mut setup = UpdateRequest::by(Actor::Person("Setup".into()));
    setup.owner = Some("Custody".into());
    let version = app
        .store
        .record_update(six, setup)
        .await
        .expect("owner")
        .version;

    let owner = app.login_as("olu", Role::Owner, Some("Custody")).await;
    let viewer = app.login_as("vic", Role::Viewer, None).await;
    let page = app
        .get_with(&format!("/items/{six}"), "cookie", &owner.cookie)
        .await;
    assert!(page.body.contains("<h2 id=\"record\">Record progress</h2>"));
    assert!(
        page.body
            .contains(&format!("name=\"version\" value=\"{version}\""))
    );
    for (who, item) in [(&owner, two), (&viewer, six)] {
        let other = app
            .get_with(&format!("/items/{item}"), "cookie", &who.cookie)
            .await;
        assert!(
            !other.body.contains("Record progress"),
            "no form where it cannot be used"
        );
    }
    assert!(
        !app.get(&format!("/items/{six}"))
            .await
            .body
            .contains("Record progress")
    );

    let post = |who: &Session, item: ItemId, body: String| {
        let cookie = who.cookie.clone();
        let app = &app;
        async move {
            app.send_body(
                Method::POST,
                &format!("/items/{item}/progress"),
                Some("application/x-www-form-urlencoded"),
                &[("cookie", &cookie)],
                body,
            )
            .await
        }
    };
    let form = |csrf: &str, version: heed_core::Version, rest: &str| {
        format!(
            "csrf={csrf}&version={version}&status=completed&rag=&note=Custody+teams+in+place&deadline=&reason={rest}"
        )
    };

    let r = post(&owner, six, form(&owner.csrf, version, "")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.header(header::LOCATION), format!("/items/{six}#history"));
    let after = app.store.item(six, None).await.expect("item");
    // An owner's completion is a claim awaiting the secretariat; the status is unchanged.
    assert_eq!(after.state.status, Some(heed_core::Status::InProgress));
    assert!(after.awaits_verification());
    let last = app.store.history(six).await.expect("history");
    assert_eq!(last.last().map(|e| e.author.as_str()), Some("olu"));

    // The same form again is stale: someone (here, the owner) changed the item meanwhile.
    let r = post(&owner, six, form(&owner.csrf, version, "")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("changed by someone else"), "{}", r.body);

    let r = post(&owner, six, form("forged", after.version, "")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let v2 = app.store.item(two, None).await.expect("two").version;
    let r = post(&owner, two, form(&owner.csrf, v2, "")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "not the owner's item");
    let r = post(&viewer, six, form(&viewer.csrf, after.version, "")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .send_body(
            Method::POST,
            &format!("/items/{six}/progress"),
            Some("application/x-www-form-urlencoded"),
            &[],
            form("x", after.version, ""),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    // Bad input says what was wrong and changes nothing.
    let bad = format!(
        "csrf={}&version={}&deadline=someday&reason=late",
        owner.csrf, after.version
    );
    let r = post(&owner, six, bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("deadline.due"), "{}", r.body);
    let r = post(&owner, six, format!("csrf={}&version=latest", owner.csrf)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post(&owner, six, format!("csrf={}", owner.csrf)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "no version");
    assert_eq!(
        app.store.item(six, None).await.expect("item").version,
        after.version
    );
}
