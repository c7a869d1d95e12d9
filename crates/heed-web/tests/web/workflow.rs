//! The oversight loop: owners claim, the secretariat verifies or rejects; publishing, the
//! public view, where writes came from, and cross-references between items.

use crate::support::*;

crate::stories!(
    owners_claim_and_the_secretariat_verifies_or_rejects,
    readers_not_signed_in_see_only_published_reviews,
    writes_record_where_they_came_from,
    verifying_and_publishing_work_with_a_bearer_token,
    the_public_sees_no_staff_names_addresses_or_private_evidence,
    an_items_cross_references_are_shown_and_followed
);

async fn owners_claim_and_the_secretariat_verifies_or_rejects(app: TestApp) {
    let app = app.read_only();
    app.import("cmbvr-update-2004.txt").await;
    let items = app.items().await;
    let six = by_ref(&items, "6").id;
    let two = by_ref(&items, "2").id;
    let mut setup = UpdateRequest::by(Actor::Person("Setup".into()));
    setup.owner = Some("Custody".into());
    app.store.record_update(six, setup).await.expect("owner");
    let owner = app.login_as("olu", Role::Owner, Some("Custody")).await;
    let sec = app.login_as("sam", Role::Secretariat, None).await;
    let before = app.store.item(six, None).await.expect("item");
    let open_before = app.store.reviews().await.expect("reviews")[0].open;

    // The owner records completion from the item page: a claim.
    let r = app
        .send_body(
            Method::POST,
            &format!("/items/{six}/progress"),
            Some("application/x-www-form-urlencoded"),
            &[("cookie", &owner.cookie)],
            format!(
                "csrf={}&version={}&status=completed&note=Teams+in+place",
                owner.csrf, before.version
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let claimed = app.store.item(six, None).await.expect("item");
    assert_eq!(claimed.state.status, before.state.status);
    assert!(claimed.awaits_verification());
    assert_eq!(
        app.store.reviews().await.expect("reviews")[0].open,
        open_before,
        "a claim does not close the item"
    );
    let page = app
        .get_with(&format!("/items/{six}"), "cookie", &owner.cookie)
        .await;
    assert!(page.body.contains("Awaiting verification"), "{}", page.body);
    assert!(page.body.contains("A completion you record is a claim"));
    assert!(
        !page.body.contains("/verify\""),
        "an owner gets no Verify form"
    );

    // The dashboard counts it and links to the list; search and the API filter on it.
    let dash = app.get("/").await;
    assert!(
        dash.body.contains("Awaiting verification (1)"),
        "{}",
        dash.body
    );
    assert!(dash.body.contains("href=\"/search?awaiting=true\""));
    let found = app.get("/search?awaiting=true").await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(found.body.contains(&format!("href=\"/items/{six}\"")));
    assert!(!found.body.contains(&format!("href=\"/items/{two}\"")));
    let listed = app.get("/api/v1/items?awaiting=true").await.json();
    let ids: Vec<i64> = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["id"].as_i64())
        .collect();
    assert_eq!(ids, vec![six.get()]);
    assert_eq!(
        app.get("/search?awaiting=perhaps").await.status,
        StatusCode::BAD_REQUEST
    );

    // The secretariat sees Verify and Reject; a rejection needs a reason.
    let page = app
        .get_with(&format!("/items/{six}"), "cookie", &sec.cookie)
        .await;
    assert!(
        page.body
            .contains(&format!("action=\"/items/{six}/verify\""))
    );
    assert!(page.body.contains(">Reject</button>"));
    let form = |decision: &str, note: &str, version: heed_core::Version| {
        format!(
            "csrf={}&version={version}&decision={decision}&note={note}",
            sec.csrf
        )
    };
    let post = |body: String| {
        let cookie = sec.cookie.clone();
        let app = &app;
        async move {
            app.send_body(
                Method::POST,
                &format!("/items/{six}/verify"),
                Some("application/x-www-form-urlencoded"),
                &[("cookie", &cookie)],
                body,
            )
            .await
        }
    };
    let r = post(form("reject", "", claimed.version)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("needs a reason"), "{}", r.body);
    let r = post(form("maybe", "", claimed.version)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = post(form("reject", "No+evidence+attached", claimed.version)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let rejected = app.store.item(six, None).await.expect("item");
    assert_eq!(rejected.state.status, before.state.status);
    assert!(!rejected.awaits_verification());
    let page = app.get(&format!("/items/{six}")).await;
    assert!(page.body.contains("Claim rejected"), "{}", page.body);
    assert!(page.body.contains("No evidence attached"));
    // Nothing awaits now: deciding again is refused.
    let r = post(form("accept", "", rejected.version)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("no completion awaiting verification"));

    // Claimed again through the API, verified through the API with the version.
    let r = app
        .patch_json(
            &format!("/api/v1/items/{six}"),
            json!({ "status": "completed", "version": rejected.version }),
            &[("cookie", &owner.cookie), ("x-csrf-token", &owner.csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["verification"]["state"], "awaiting");
    let version = r.json()["version"].as_i64().expect("version");
    let verify = |who: &Session, body: Value, if_match: Option<String>| {
        let app = &app;
        let mut headers = vec![
            ("cookie".to_string(), who.cookie.clone()),
            ("x-csrf-token".to_string(), who.csrf.clone()),
        ];
        if let Some(m) = if_match {
            headers.push(("if-match".to_string(), m));
        }
        async move {
            let h: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            app.send_body(
                Method::POST,
                &format!("/api/v1/items/{six}/verify"),
                Some("application/json"),
                &h,
                body.to_string(),
            )
            .await
        }
    };
    let r = verify(
        &owner,
        json!({ "decision": "accept", "version": version }),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = verify(&sec, json!({ "decision": "accept" }), None).await;
    assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED, "{}", r.body);
    let r = verify(
        &sec,
        json!({ "decision": "accept" }),
        Some(format!("\"v{}\"", version - 1)),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let r = verify(&sec, json!({ "decision": "accept", "extra": 1 }), None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = app
        .send_body(
            Method::POST,
            &format!("/api/v1/items/{six}/verify"),
            Some("application/json"),
            &[("cookie", &sec.cookie), ("x-csrf-token", &sec.csrf)],
            "{not json",
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r = verify(
        &sec,
        json!({ "decision": "accept", "note": "Seen the rota" }),
        Some(format!("\"v{version}\"")),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert_eq!(v["status"], "completed");
    assert_eq!(v["verification"]["state"], "verified");
    assert_eq!(v["verification"]["decided_by"], "sam");
    assert_eq!(r.header(header::ETAG), format!("\"v{}\"", version + 1));
    assert_eq!(
        app.store.reviews().await.expect("reviews")[0].open,
        open_before - 1,
        "verified, it is closed"
    );

    // A completion the secretariat records is verified at once.
    let two_version = app.store.item(two, None).await.expect("two").version;
    let r = app
        .patch_json(
            &format!("/api/v1/items/{two}"),
            json!({ "status": "completed", "version": two_version }),
            &[("cookie", &sec.cookie), ("x-csrf-token", &sec.csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["status"], "completed");
    assert_eq!(r.json()["verification"]["state"], "verified");

    // The history says who decided, when and why.
    let history = app.store.history(six).await.expect("history");
    let labels: Vec<&str> = history.iter().map(|e| e.change.label()).collect();
    assert!(
        labels.ends_with(&["updated", "rejected", "updated", "verified"]),
        "{labels:?}"
    );
    let page = app.get(&format!("/items/{six}")).await;
    assert!(page.body.contains("rejected, back to"), "{}", page.body);
    assert!(page.body.contains("Verified: completed"), "{}", page.body);
}

async fn readers_not_signed_in_see_only_published_reviews(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let hidden = app.import("london-dv-strategy-2006.txt").await;
    let sec = app.login_as("sam", Role::Secretariat, None).await;
    let viewer = app.login_as("vic", Role::Viewer, None).await;
    let hidden_items = app
        .store
        .items(&ItemFilter {
            review: Some(hidden.review),
            ..ItemFilter::default()
        })
        .await
        .expect("items");
    let item = hidden_items.first().expect("an item").id;
    let mut with_evidence = UpdateRequest::by(Actor::Person("Setup".into()));
    with_evidence.evidence = Some(EvidenceFile {
        file_name: "minutes.txt".into(),
        bytes: b"minutes".to_vec(),
        public: true,
    });
    let evidence = app
        .store
        .record_update(item, with_evidence)
        .await
        .expect("evidence")
        .state
        .evidence[0]
        .id;

    // The secretariat unpublishes the second review through the API.
    let r = app
        .send_body(
            Method::POST,
            &format!("/api/v1/reviews/{}/publish", hidden.review),
            Some("application/json"),
            &[("cookie", &sec.cookie), ("x-csrf-token", &sec.csrf)],
            json!({ "published": false }).to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["review"]["published"], false);
    assert_eq!(r.json()["changed"], true);
    let r = app
        .send_body(
            Method::POST,
            &format!("/api/v1/reviews/{}/publish", hidden.review),
            Some("application/json"),
            &[("cookie", &sec.cookie), ("x-csrf-token", &sec.csrf)],
            json!({ "published": "no" }).to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

    // Not signed in: every way to it is a 404, and listings and counts leave it out.
    let everywhere = [
        format!("/reviews/{}", hidden.review),
        format!("/reviews/{}/report?format=csv", hidden.review),
        format!("/items/{item}"),
        format!("/items/{item}?as_of=2099-01-01"),
        format!("/api/v1/items/{item}"),
        format!("/evidence/{evidence}"),
    ];
    for uri in &everywhere {
        assert_eq!(app.get(uri).await.status, StatusCode::NOT_FOUND, "{uri}");
        let r = app.get_with(uri, "cookie", &viewer.cookie).await;
        assert_eq!(r.status, StatusCode::OK, "{uri} signed in: {}", r.body);
    }
    let missing = app.get("/reviews/999").await;
    let hidden_page = app.get(&format!("/reviews/{}", hidden.review)).await;
    assert_eq!(
        hidden_page.body.replace(&hidden.review.to_string(), "N"),
        missing.body.replace("999", "N"),
        "an unpublished review looks exactly like a missing one"
    );
    let reviews = app.get("/api/v1/reviews").await.json();
    assert_eq!(reviews["reviews"].as_array().expect("reviews").len(), 1);
    let signed_in = app
        .get_with("/api/v1/reviews", "cookie", &viewer.cookie)
        .await
        .json();
    assert_eq!(signed_in["reviews"].as_array().expect("reviews").len(), 2);
    let listed = app.get("/api/v1/items?per_page=200").await.json();
    let listed = listed["items"].as_array().expect("items");
    assert!(
        listed
            .iter()
            .all(|i| i["review"] != json!(hidden.review.get()))
    );
    assert!(!listed.is_empty());
    let search = app.get(&format!("/search?review={}", hidden.review)).await;
    assert!(!search.body.contains(&format!("href=\"/items/{item}\"")));
    let list = app.get("/reviews").await;
    assert!(
        !list
            .body
            .contains(&format!("href=\"/reviews/{}\"", hidden.review))
    );
    let total = app.items().await.len();
    let visible = total - hidden_items.len();
    let dash = app.get("/").await;
    assert!(
        dash.body.contains(&format!("{visible} items"))
            || dash.body.contains(&format!(">{visible}<")),
        "{}",
        dash.body
    );
    let dash_in = app.get_with("/", "cookie", &viewer.cookie).await;
    assert!(
        dash_in.body.contains(&format!("{total} items"))
            || dash_in.body.contains(&format!(">{total}<"))
    );

    // A client writing without signing in cannot reach it either.
    let r = app
        .patch_json(
            &format!("/api/v1/items/{item}"),
            json!({ "note": "hello", "version": 2 }),
            &[("x-heed-client", "tracker")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);

    // The review page shows the state, and the secretariat's Publish button publishes.
    let page = app
        .get_with(
            &format!("/reviews/{}", hidden.review),
            "cookie",
            &sec.cookie,
        )
        .await;
    assert!(page.body.contains("Not published"), "{}", page.body);
    assert!(page.body.contains(">Publish</button>"));
    let viewer_page = app
        .get_with(
            &format!("/reviews/{}", hidden.review),
            "cookie",
            &viewer.cookie,
        )
        .await;
    assert!(!viewer_page.body.contains(">Publish</button>"));
    let r = app
        .send_body(
            Method::POST,
            &format!("/reviews/{}/publish", hidden.review),
            Some("application/x-www-form-urlencoded"),
            &[("cookie", &sec.cookie)],
            format!("csrf={}&published=true", sec.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    for uri in &everywhere {
        assert_eq!(
            app.get(uri).await.status,
            StatusCode::OK,
            "{uri} once published"
        );
    }
    let events = app
        .store
        .review_events(hidden.review)
        .await
        .expect("events");
    let published: Vec<(&str, &str)> = events
        .iter()
        .filter(|e| matches!(e.change, heed_store::Change::Published { .. }))
        .map(|e| (e.change.label(), e.author.as_str()))
        .collect();
    assert_eq!(
        published,
        [
            ("published", "Test Importer"),
            ("unpublished", "sam"),
            ("published", "sam")
        ]
    );
}

async fn writes_record_where_they_came_from(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let six = by_ref(&app.items().await, "6").clone();
    let uri = format!("/api/v1/items/{}", six.id);
    let r = app
        .patch_json(
            &uri,
            json!({ "note": "From the tracker", "version": six.version }),
            &[("x-forwarded-for", "198.51.100.1, 203.0.113.9")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let last = app.store.history(six.id).await.expect("history");
    assert_eq!(
        last.last().and_then(|e| e.origin.as_deref()),
        Some(CLIENT_ADDRESS),
        "without --trust-proxy the header is ignored"
    );
    let viewer = app.login_as("vic", Role::Viewer, None).await;
    let page = app
        .get_with(&format!("/items/{}", six.id), "cookie", &viewer.cookie)
        .await;
    assert!(
        page.body.contains(&format!("from {CLIENT_ADDRESS}")),
        "{}",
        page.body
    );
    // Client addresses are for people signed in only.
    let public = app.get(&format!("/items/{}", six.id)).await;
    assert!(!public.body.contains(CLIENT_ADDRESS), "{}", public.body);

    // Behind a trusted proxy, the address the proxy saw (the last one it added).
    let mut config = app.config.clone();
    config.trust_proxy = true;
    let behind = routed(app.store.clone(), config);
    let response = behind
        .oneshot(
            Request::patch(&uri)
                .header(header::CONTENT_TYPE, "application/json")
                .header("x-forwarded-for", "198.51.100.1, 203.0.113.9")
                .body(Body::from(
                    json!({ "note": "Through the proxy", "version": six.version.get() + 1 })
                        .to_string(),
                ))
                .expect("request"),
        )
        .await
        .expect("answer");
    assert_eq!(response.status(), StatusCode::OK);
    let last = app.store.history(six.id).await.expect("history");
    assert_eq!(
        last.last().and_then(|e| e.origin.as_deref()),
        Some("203.0.113.9")
    );
}

async fn verifying_and_publishing_work_with_a_bearer_token(app: TestApp) {
    // Found by schemathesis with a secretariat's token: the API's verify and publish routes
    // asked a bearer token for a session's CSRF token, and so refused every program.
    let app = app.read_only();
    let s = app.import("cmbvr-update-2004.txt").await;
    let items = app.items().await;
    let six = by_ref(&items, "6").id;
    let mut setup = UpdateRequest::by(Actor::Person("Setup".into()));
    setup.owner = Some("Custody".into());
    app.store.record_update(six, setup).await.expect("owner");
    app.login_as("olu", Role::Owner, Some("Custody")).await;
    app.login_as("sam", Role::Secretariat, None).await;
    let olu = format!("Bearer {}", app.token("olu", "olu-bot").await);
    let sam = format!("Bearer {}", app.token("sam", "sam-bot").await);
    let version = app.store.item(six, None).await.expect("item").version;

    let r = app
        .patch_json(
            &format!("/api/v1/items/{six}"),
            json!({ "status": "completed", "version": version }),
            &[("authorization", &olu)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["verification"]["state"], "awaiting");
    let version = r.json()["version"].as_i64().expect("version");
    let post = |uri: String, who: &str, body: Value| {
        let app = &app;
        let who = who.to_string();
        async move {
            app.send_body(
                Method::POST,
                &uri,
                Some("application/json"),
                &[("authorization", &who)],
                body.to_string(),
            )
            .await
        }
    };
    let verify = format!("/api/v1/items/{six}/verify");
    let r = post(
        verify.clone(),
        &olu,
        json!({ "decision": "accept", "version": version }),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "an owner's token may not verify: {}",
        r.body
    );
    let r = post(
        verify,
        &sam,
        json!({ "decision": "accept", "version": version }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["status"], "completed");
    assert_eq!(r.json()["verification"]["state"], "verified");
    let history = app.store.history(six).await.expect("history");
    let last = history.last().expect("an event");
    assert_eq!(last.author, "sam via token sam-bot", "{last:?}");

    let publish = format!("/api/v1/reviews/{}/publish", s.review);
    let r = post(publish.clone(), &olu, json!({ "published": false })).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = post(publish, &sam, json!({ "published": false })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["changed"], true);
    assert_eq!(r.json()["review"]["published"], false);
}

/// A published review seen by a reader not signed in: its items, statuses and notes, but no
/// staff names, no client addresses, and only the evidence marked public.
async fn the_public_sees_no_staff_names_addresses_or_private_evidence(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let six = by_ref(&app.items().await, "6").id;
    let evidence = |name: &str, public: bool| EvidenceFile {
        file_name: name.into(),
        bytes: format!("bytes of {name}").into_bytes(),
        public,
    };
    let mut u = UpdateRequest::by(Actor::Person("Olive Owner".into()));
    u.note = Some("Cells refurbished".into());
    u.status = Some(heed_core::Status::Completed);
    u.claim_only = true;
    u.evidence = Some(evidence("private-minutes.txt", false));
    u.origin = Some("203.0.113.9".into());
    app.store.record_update(six, u).await.expect("claim");
    let mut u = UpdateRequest::by(Actor::Api("Olive Owner via token laptop".into()));
    u.evidence = Some(evidence("public-photo.jpg", true));
    u.origin = Some("203.0.113.10".into());
    let item = app.store.record_update(six, u).await.expect("evidence");
    app.store
        .verify(
            six,
            heed_store::VerifyRequest {
                decision: heed_core::Decision::Accept,
                note: Some("Seen on a visit".into()),
                expected_version: None,
                by: Actor::Person("Sam Secretariat".into()),
                on: None,
                origin: Some("198.51.100.4".into()),
            },
        )
        .await
        .expect("verify");
    let private = item.state.evidence[0].id;
    let public = item.state.evidence[1].id;
    let secrets = [
        "Olive Owner",
        "Sam Secretariat",
        "Test Importer",
        "laptop",
        "203.0.113.9",
        "203.0.113.10",
        "198.51.100.4",
        "private-minutes.txt",
    ];
    let viewer = app.login_as("vic", Role::Viewer, None).await;
    for uri in [
        format!("/items/{six}"),
        format!("/api/v1/items/{six}"),
        "/api/v1/items?per_page=200".to_string(),
        "/search?q=cells".to_string(),
    ] {
        let r = app.get(&uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        for s in secrets {
            assert!(
                !r.body.contains(s),
                "{uri} shows {s:?} to the public:\n{}",
                r.body
            );
        }
        // Signed in, the same page names them.
        let r = app.get_with(&uri, "cookie", &viewer.cookie).await;
        if uri.contains(&six.to_string()) {
            assert!(r.body.contains("Olive Owner"), "{uri}: {}", r.body);
        }
    }
    let page = app.get(&format!("/items/{six}")).await;
    assert!(
        page.body.contains("Cells refurbished"),
        "notes are published"
    );
    assert!(page.body.contains("public-photo.jpg"));
    assert!(!page.body.contains(&format!("href=\"/evidence/{private}\"")));
    assert_eq!(
        app.get(&format!("/evidence/{private}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/evidence/{public}")).await.body,
        "bytes of public-photo.jpg"
    );
    let r = app
        .get_with(&format!("/evidence/{private}"), "cookie", &viewer.cookie)
        .await;
    assert_eq!(r.body, "bytes of private-minutes.txt");
}

/// "See Recommendation 14": the report's own cross-references are on the item page, as
/// links to the items they name in the same review.
async fn an_items_cross_references_are_shown_and_followed(app: TestApp) {
    app.import("cdrp-scrutiny-progress-2005.txt").await;
    let items = app.items().await;
    let fifteen = by_ref(&items, "15");
    assert_eq!(fifteen.state.see_also, vec!["14".to_string()]);
    let fourteen = by_ref(&items, "14").id;
    let page = app.get(&format!("/items/{}", fifteen.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!(
            "<a href=\"/items/{fourteen}\">The report refers to recommendation 14</a>"
        )),
        "{}",
        page.body
    );
}
