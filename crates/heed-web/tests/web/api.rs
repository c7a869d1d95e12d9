//! The JSON API: lists with filters and pages, an item with its version as ETag, updates
//! that need the version, bad input answered with a 4xx that says what was wrong, and the
//! OpenAPI document (snapshots).

use crate::support::*;

crate::stories!(
    api_lists_items_with_filters_and_pages,
    api_shows_an_item_with_its_version_as_etag,
    api_updates_need_the_version_and_a_stale_one_gets_409,
    api_bad_input_gets_a_4xx_that_says_what_was_wrong,
    api_writes_are_refused_unless_turned_on,
    api_item_json_has_a_stable_shape,
    openapi_document_is_stable_and_every_path_answers
);

async fn api_lists_items_with_filters_and_pages(app: TestApp) {
    let s = app.import("cmbvr-update-2004.txt").await;
    app.import("duty-of-care-response-2013.txt").await;
    let items = app.items().await;

    let r = app.get("/api/v1/reviews").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["reviews"].as_array().map(Vec::len), Some(2));

    let r = app.get("/api/v1/items").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["items"].as_array().map(Vec::len), Some(items.len()));
    assert_eq!(
        (v["total"].as_u64(), v["per_page"].as_u64()),
        (Some(items.len() as u64), Some(50))
    );
    assert!(v["next"].is_null());

    // Following `next` walks every item once, in document order.
    let mut next = json!("/api/v1/items?per_page=2");
    let mut walked = Vec::new();
    while let Some(uri) = next.as_str() {
        let v = app.get(uri).await.json();
        assert_eq!(v["total"].as_u64(), Some(items.len() as u64));
        walked.extend(
            v["items"]
                .as_array()
                .expect("items")
                .iter()
                .map(|i| i["id"].clone()),
        );
        next = v["next"].clone();
        if let Some(n) = next.as_str() {
            assert!(n.starts_with("/api/v1/items?per_page=2&after="), "{n}");
        }
    }
    assert_eq!(
        walked,
        items.iter().map(|i| json!(i.id)).collect::<Vec<_>>()
    );

    let v = app
        .get(&format!("/api/v1/items?review={}&overdue=1", s.review))
        .await
        .json();
    let refs: Vec<&str> = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["ref"].as_str())
        .collect();
    assert_eq!(refs, vec!["6"]);

    for (q, word) in [
        ("kind=wish", "parameter kind"),
        ("after=-1", "parameter after"),
        ("after=1-2-3", "parameter after"),
        ("review=x", "parameter review"),
    ] {
        let r = app.get(&format!("/api/v1/items?{q}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{q}");
        assert!(r.message().contains(word), "{q}: {}", r.body);
    }
}

async fn api_shows_an_item_with_its_version_as_etag(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let six = by_ref(&app.items().await, "6").clone();

    let r = app.get(&format!("/api/v1/items/{}", six.id)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(header::ETAG), format!("\"v{}\"", six.version));
    let v = r.json();
    assert_eq!(v["ref"], "6");
    assert_eq!(v["version"], json!(six.version));
    assert_eq!(v["provenance"]["text"]["kind"], "document");

    let etag = r.header(header::ETAG).to_string();
    let r = app
        .get_with(&format!("/api/v1/items/{}", six.id), "if-none-match", &etag)
        .await;
    assert_eq!(r.status, StatusCode::NOT_MODIFIED);

    let r = app.get("/api/v1/items/424242").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["error"]["status"], 404);
    let r = app.get("/api/v1/items/six").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.message().contains("\"six\" is not a item number") || r.message().contains("six"));
}

async fn api_updates_need_the_version_and_a_stale_one_gets_409(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let six = by_ref(&app.items().await, "6").clone();
    let uri = format!("/api/v1/items/{}", six.id);
    let etag = format!("\"v{}\"", six.version);

    let r = app
        .patch_json(&uri, json!({ "status": "completed" }), &[])
        .await;
    assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED);
    assert!(r.message().contains("If-Match"));

    let r = app
        .patch_json(
            &uri,
            json!({ "status": "completed", "note": "All custody teams in place" }),
            &[("if-match", &etag), ("x-heed-client", "tracker")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    // A client that may not verify only claims the completion: the item stays open.
    assert_eq!(v["status"], "in_progress");
    assert_eq!(v["verification"]["state"], "awaiting");
    assert_eq!(v["verification"]["claimed"], "completed");
    assert_eq!(v["version"], json!(six.version.get() + 1));
    assert_eq!(
        r.header(header::ETAG),
        format!("\"v{}\"", six.version.get() + 1)
    );

    // Someone else's update was based on the old version: refused, not overwritten.
    let r = app
        .patch_json(
            &uri,
            json!({ "status": "in_progress" }),
            &[("if-match", &etag)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.message().contains("changed by someone else"),
        "{}",
        r.body
    );
    let r = app
        .patch_json(&uri, json!({ "rag": "red", "version": six.version }), &[])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        app.store
            .item(six.id, None)
            .await
            .expect("item")
            .state
            .status,
        Some(heed_core::Status::InProgress),
        "the conflicting update changed nothing"
    );

    // A deadline change with its reason, based on the body's version.
    let r = app
        .patch_json(
            &uri,
            json!({ "version": six.version.get() + 1, "deadline": { "due": "2005-09", "reason": "Refit" } }),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["deadline"]["due"], "2005-09-30");

    // The history names the (self-declared, unauthenticated) client.
    let history = app.store.history(six.id).await.expect("history");
    assert!(
        history
            .iter()
            .any(|e| e.author == "unauthenticated:tracker")
    );
    // Signed in, the page names it; the public sees "staff".
    let viewer = app.login_as("vic", Role::Viewer, None).await;
    let page = app
        .get_with(&format!("/items/{}", six.id), "cookie", &viewer.cookie)
        .await;
    assert!(
        page.body
            .contains("unauthenticated:tracker (through the API)")
    );
    let public = app.get(&format!("/items/{}", six.id)).await;
    assert!(!public.body.contains("unauthenticated:tracker"));
    assert!(page.body.contains("All custody teams in place"));
}

async fn api_bad_input_gets_a_4xx_that_says_what_was_wrong(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let six = by_ref(&app.items().await, "6").clone();
    let uri = format!("/api/v1/items/{}", six.id);
    let v = six.version;
    let cases: Vec<(Option<&str>, String, StatusCode, &str)> = vec![
        (
            Some("application/json"),
            "{\"status\": ".into(),
            StatusCode::BAD_REQUEST,
            "EOF",
        ),
        (
            Some("application/json"),
            "[1,2]".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid type",
        ),
        (
            None,
            format!("{{\"version\": {v}, \"rag\": \"red\"}}"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type",
        ),
        (
            Some("application/json"),
            format!("{{\"version\": {v}, \"colour\": \"red\"}}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown field `colour`",
        ),
        (
            Some("application/json"),
            format!("{{\"version\": {v}, \"status\": \"finished\"}}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "status",
        ),
        (
            Some("application/json"),
            format!("{{\"version\": {v}, \"rag\": \"purple\"}}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "rag",
        ),
        (
            Some("application/json"),
            format!("{{\"version\": {v}}}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "nothing to change",
        ),
        (
            Some("application/json"),
            format!(
                "{{\"version\": {v}, \"deadline\": {{\"due\": \"someday\", \"reason\": \"x\"}}}}"
            ),
            StatusCode::UNPROCESSABLE_ENTITY,
            "deadline.due",
        ),
        (
            Some("application/json"),
            format!("{{\"version\": {v}, \"deadline\": {{\"due\": \"2006\", \"reason\": \" \"}}}}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "deadline.reason",
        ),
        (
            Some("application/json"),
            format!("{{\"version\": \"{v}\"}}"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "version",
        ),
        (
            Some("application/json"),
            format!("{{\"version\": {v}, \"note\": \"{}\"}}", "x".repeat(5000)),
            StatusCode::PAYLOAD_TOO_LARGE,
            "",
        ),
    ];
    for (ct, body, want, words) in cases {
        let r = app
            .send_body(Method::PATCH, &uri, ct, &[], body.clone())
            .await;
        assert_eq!(r.status, want, "{body:.80}: {}", r.body);
        if !words.is_empty() {
            assert!(r.message().contains(words), "{body:.80}: {}", r.body);
        }
    }
    let r = app
        .patch_json(&uri, json!({ "rag": "red" }), &[("if-match", "yesterday")])
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.message().contains("If-Match"));
    let r = app
        .patch_json(
            &uri,
            json!({ "rag": "red", "version": v.get() + 5 }),
            &[("if-match", &format!("\"v{v}\""))],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app
        .patch_json(
            "/api/v1/items/9999",
            json!({ "rag": "red", "version": 1 }),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Nothing above changed the item.
    assert_eq!(app.store.item(six.id, None).await.expect("item").version, v);
}

async fn api_writes_are_refused_unless_turned_on(app: TestApp) {
    let app = app.read_only();
    app.import("cmbvr-update-2004.txt").await;
    let six = by_ref(&app.items().await, "6").clone();
    let r = app
        .patch_json(
            &format!("/api/v1/items/{}", six.id),
            json!({ "rag": "red", "version": six.version }),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.message().contains("sign in"), "{}", r.body);
    assert_eq!(
        app.store.item(six.id, None).await.expect("item").version,
        six.version
    );
}

/// The item JSON as an API client sees it, with the day it was imported (the real clock's,
/// as the seed's gold extraction states no date) redacted so the snapshot is stable.
async fn api_item_json_has_a_stable_shape(app: TestApp) {
    app.import("duty-of-care-response-2013.txt").await;
    let items = app.items().await;
    let four = by_ref(&items, "4").id;
    let mut v = app.get(&format!("/api/v1/items/{four}")).await.json();
    assert_eq!(v["updated_on"].as_str().map(str::len), Some(10));
    v["updated_on"] = json!("[import day]");
    for note in v["notes"].as_array_mut().into_iter().flatten() {
        note["on"] = json!("[import day]");
    }
    insta::assert_json_snapshot!("item_4_duty_of_care", v);
}

async fn openapi_document_is_stable_and_every_path_answers(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let r = app.get("/api/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    insta::assert_json_snapshot!("openapi", doc);
    let id: ItemId = app.items().await[0].id;
    let paths = doc["paths"].as_object().expect("paths");
    assert_eq!(paths.len(), 9);
    for (path, ops) in paths {
        let uri = path.replace("{id}", &id.to_string());
        if ops.get("get").is_some() {
            let r = app.get(&uri).await;
            let want = if path == "/api/v1/session" {
                StatusCode::UNAUTHORIZED // nobody is signed in
            } else {
                StatusCode::OK
            };
            assert_eq!(r.status, want, "GET {uri}");
        }
        if ops.get("patch").is_some() {
            let r = app
                .patch_json(&uri, json!({ "note": "checked", "version": 1 }), &[])
                .await;
            assert_eq!(r.status, StatusCode::OK, "PATCH {uri}: {}", r.body);
        }
        if ops.get("post").is_some() {
            if path.contains("/imports") {
                // Imports need a person: the route answers, refusing the anonymous.
                let r = app
                    .send_body(Method::POST, &uri, Some("text/plain"), &[], "x")
                    .await;
                assert_eq!(r.status, StatusCode::UNAUTHORIZED, "POST {uri}: {}", r.body);
                assert!(r.json()["error"]["message"].is_string());
            } else {
                // Verifying and publishing need a signed-in secretariat: nobody is signed in.
                let r = app.post_json(&uri, json!({})).await;
                assert_eq!(r.status, StatusCode::UNAUTHORIZED, "POST {uri}: {}", r.body);
            }
        }
    }
}
