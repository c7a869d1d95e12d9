//! Intake: import in the browser (preview, correction, confirmation) and over the API,
//! uploads refused with a 4xx, API tokens, saved views, and the intake's permissions.

use crate::support::*;

/// An inspection report in HMIC's layout: one graded area with its national grade
/// distribution (how many forces received each grade), and a finding.
const INSPECTION: &[u8] = b"# Baseline assessment of Anyshire\n\n# 1A Fairness and Equality in Service Delivery\n\nGrade\tDirection of Travel\nFair\tImproved\n\n#### **National Grade Distribution**\n\nPoor\tFair\tGood\tExcellent\n0\t15\t28\t0\n\n# **Areas for Improvement**\n\n- The force should publish its equality targets.\n";

crate::stories!(
    importing_in_the_browser_with_preview_and_correction,
    uploads_that_cannot_be_imported_get_a_4xx,
    programs_import_and_update_with_a_bearer_token,
    people_manage_their_own_api_tokens,
    saved_views_keep_a_search_under_a_name,
    intake_permissions_matrix
);

async fn importing_in_the_browser_with_preview_and_correction(app: TestApp) {
    let name = "cmbvr-update-2004.txt";
    let bytes = seed(name);
    // What the real reader makes of it: the preview must show the same.
    let doc = heed_read::read(&bytes, &heed_read::ReadOptions::default()).expect("read");
    assert!(doc.items.len() >= 3, "{} items", doc.items.len());
    let sam = app.login_as("sam", Role::Secretariat, None).await;

    let form = app.get_with("/import", "cookie", &sam.cookie).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("enctype=\"multipart/form-data\""));
    assert!(form.body.contains(&sam.csrf));
    assert!(
        form.body
            .contains("<label for=\"document\">Document</label>")
    );
    assert!(form.body.contains("name=\"map\"") && form.body.contains("name=\"date\""));

    let r = app.upload(&sam, name, &bytes).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let preview_uri = r.header(header::LOCATION).to_string();
    assert!(preview_uri.starts_with("/import/"), "{preview_uri}");
    assert!(
        app.store.reviews().await.expect("reviews").is_empty(),
        "nothing imported yet"
    );

    let preview = app.get_with(&preview_uri, "cookie", &sam.cookie).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert!(preview.body.contains(&format!("Preview of {name}")));
    assert!(
        preview
            .body
            .contains(&format!("Items ({})", doc.items.len()))
    );
    assert!(preview.body.contains("a new review"), "where it goes");
    assert_eq!(
        preview.body.contains("states no date"),
        doc.date.is_none() && doc.items.iter().any(|i| i.updated_on.is_none()),
        "the preview says whether the document states its date"
    );
    // A document without a date of its own says so, and asks for one.
    let r = app
        .upload(
            &sam,
            "undated.md",
            b"# Inspection of Anyshire\n\nRecommendation 1: publish the targets.\n",
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let undated = app
        .get_with(r.header(header::LOCATION), "cookie", &sam.cookie)
        .await;
    assert!(undated.body.contains("states no date"), "{}", undated.body);
    // An inspection report's preview shows each judgement's national grade distribution.
    let r = app.upload(&sam, "hmic.txt", INSPECTION).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let hmic = app
        .get_with(r.header(header::LOCATION), "cookie", &sam.cookie)
        .await;
    assert!(hmic.body.contains("National grades"), "{}", hmic.body);
    assert!(
        hmic.body
            .contains("<td>poor 0, fair 15, good 28, excellent 0</td>"),
        "{}",
        hmic.body
    );
    assert!(
        preview
            .body
            .contains(&format!("(line {})", doc.items[0].line))
    );
    assert!(preview.body.contains("name=\"text-0\""));
    for d in &doc.diagnostics {
        assert!(preview.body.contains(&format!("<td>{}</td>", d.line)));
    }
    assert!(preview.body.contains("Confirm and import"));

    // Only the uploader sees it.
    let ada = app.login_as("ada", Role::Admin, None).await;
    let r = app.get_with(&preview_uri, "cookie", &ada.cookie).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("someone else"), "{}", r.body);

    // Correct the first item's text and owner, leave the second out, confirm.
    let mut f = confirmation(&sam.csrf, &doc);
    for (k, v) in f.iter_mut() {
        if k == "text-0" {
            *v = "The corrected words of the first item".into();
        }
        if k == "owner-0" {
            *v = "Custody".into();
        }
        if k == "rag-0" {
            *v = "amber".into();
        }
        if k == "section-0" {
            *v = "Custody suites".into();
        }
    }
    f.push(pair("drop-1", "on"));
    let r = app.post_form(&preview_uri, &sam.cookie, &f).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let review = r.header(header::LOCATION).to_string();
    assert!(review.starts_with("/reviews/"), "{review}");

    let items = app.items().await;
    assert_eq!(items.len(), doc.items.len() - 1);
    assert!(!items.iter().any(|i| i.state.text == doc.items[1].text));
    let first = items
        .iter()
        .find(|i| i.state.text == "The corrected words of the first item")
        .expect("the corrected item");
    let sam_source = heed_store::Source::Person { name: "sam".into() };
    assert_eq!(first.state.provenance.get("text"), Some(&sam_source));
    assert_eq!(first.state.provenance.get("owner"), Some(&sam_source));
    assert_eq!(first.state.rag, Some(heed_core::Rag::Amber));
    assert_eq!(first.state.section.as_deref(), Some("Custody suites"));
    assert_eq!(first.state.provenance.get("rag"), Some(&sam_source));
    assert_eq!(first.state.provenance.get("section"), Some(&sam_source));
    assert!(matches!(
        first.state.provenance.get("kind"),
        Some(heed_store::Source::Document { .. })
    ));
    let untouched = items
        .iter()
        .find(|i| i.state.text == doc.items[2].text)
        .expect("third item");
    assert!(matches!(
        untouched.state.provenance.get("text"),
        Some(heed_store::Source::Document { .. })
    ));
    // Signed in: a review imported in the browser is unpublished until someone publishes it.
    let page = app
        .get_with(&format!("/items/{}", first.id), "cookie", &sam.cookie)
        .await;
    assert!(page.body.contains("The corrected words of the first item"));
    assert!(page.body.contains("sam (in person)"), "{}", page.body);

    // Confirmed uploads are gone; the same file again says it was imported.
    let r = app.get_with(&preview_uri, "cookie", &sam.cookie).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.upload(&sam, name, &bytes).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let again = app
        .get_with(r.header(header::LOCATION), "cookie", &sam.cookie)
        .await;
    assert!(again.body.contains("imported before"), "{}", again.body);
    assert!(!again.body.contains("Confirm and import"));
}

async fn uploads_that_cannot_be_imported_get_a_4xx(app: TestApp) {
    let sam = app.login_as("sam", Role::Secretariat, None).await;
    let ann = app.login_as("ann", Role::Secretariat, None).await;
    let token = app.token("sam", "ci").await;
    let auth = format!("Bearer {token}");
    // Over the upload limit (16 KiB in these tests): refused from its length, unread.
    let big = vec![b'a'; 20 * 1024];
    let r = app.upload(&sam, "big.txt", &big).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    let r = app
        .send_body(
            Method::POST,
            "/api/v1/imports?filename=big.txt",
            Some("text/plain"),
            &[("authorization", &auth), ("content-length", "20480")],
            big,
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);

    // Without a Content-Length (streamed), the body is cut off at the limit: 413 too.
    let mut streamed = format!(
        "--x\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n--x\r\nContent-Disposition: form-data; name=\"document\"; filename=\"big.txt\"\r\n\r\n",
        sam.csrf
    )
    .into_bytes();
    streamed.extend(std::iter::repeat_n(b'a', 20 * 1024));
    streamed.extend_from_slice(b"\r\n--x--\r\n");
    let r = app
        .send_body(
            Method::POST,
            "/import",
            Some("multipart/form-data; boundary=x"),
            &[("cookie", &sam.cookie)],
            Body::from_stream(futures_stream(streamed.clone())),
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    let r = app
        .send_body(
            Method::POST,
            "/api/v1/imports?filename=big.txt",
            Some("text/plain"),
            &[("authorization", &auth)],
            Body::from_stream(futures_stream(streamed)),
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert!(r.message().contains("the document"), "{}", r.body);

    let r = app.upload(&sam, "report.doc", b"\xd0\xcf\x11\xe0").await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(r.body.contains(".docx"), "{}", r.body);
    // A PDF is read; one damaged past reading says so.
    let r = app.upload(&sam, "report.pdf", b"%PDF-1.4 ...").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("PDF cannot be read"), "{}", r.body);
    let r = app
        .upload(&sam, "report.txt", b"\0\x01\x02\0\0\x03binary\0")
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("binary"), "{}", r.body);
    let r = app.upload(&sam, "empty.txt", b"  \n").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A stray byte, or a tracker with a header and no rows, holds nothing to import: refused
    // as `heed import` and `heed extract` refuse it, never an empty review.
    for (name, bytes) in [
        ("one-byte.txt", &b"\xf5"[..]),
        ("header-only.csv", &b"Ref,Recommendation,Status\n"[..]),
    ] {
        let r = app.upload(&sam, name, bytes).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            r.body
        );
        assert!(
            r.body.contains("nothing was imported"),
            "{name}: {}",
            r.body
        );
        let r = app
            .send_body(
                Method::POST,
                &format!("/api/v1/imports?filename={name}"),
                Some("text/plain"),
                &[("authorization", &auth)],
                bytes.to_vec(),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            r.body
        );
    }
    // Trackers: one with a row that cannot be read is refused whole, naming the row.
    let r = app
        .upload(
            &sam,
            "tracker.csv",
            b"Ref,Recommendation,RAG\n1,Do it,Purple\n",
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("row 2"), "{}", r.body);
    let r = app
        .upload(
            &sam,
            "tracker.csv",
            b"Ref,Recommendation,Status\n1,Do the thing,Completed\n2,Do another,In progress\n",
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let preview = app
        .get_with(r.header(header::LOCATION), "cookie", &sam.cookie)
        .await;
    assert!(preview.body.contains("Items (2)"), "{}", preview.body);
    let r = app
        .send_body(
            Method::POST,
            "/import",
            Some("multipart/form-data; boundary=x"),
            &[("cookie", &sam.cookie)],
            "--x\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nforged\r\n--x--\r\n",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .send_body(
            Method::POST,
            "/import",
            Some("multipart/form-data; boundary=x"),
            &[("cookie", &sam.cookie)],
            format!(
                "--x\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n--x--\r\n",
                sam.csrf
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("choose a document"), "{}", r.body);
    let r = app
        .send_body(
            Method::POST,
            "/import",
            Some("text/plain"),
            &[("cookie", &sam.cookie)],
            "x",
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    let api = |q: &str| format!("/api/v1/imports{q}");
    let post = |uri: String, body: Vec<u8>| {
        let auth = auth.clone();
        let app = &app;
        async move {
            app.send_body(
                Method::POST,
                &uri,
                Some("text/plain"),
                &[("authorization", &auth)],
                body,
            )
            .await
        }
    };
    let doc = seed("cmbvr-update-2004.txt");
    let r = post(api(""), doc.clone()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.message().contains("filename"), "{}", r.body);
    let r = post(api("?filename=a.txt&colour=red"), doc.clone()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post(api("?filename=a.rtf"), doc.clone()).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = post(api("?filename=a.txt&review=latest"), doc.clone()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.message().contains("review"), "{}", r.body);
    let r = post(api("?filename=a.txt&review=99"), doc.clone()).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = post(api("?filename=a.txt&dry_run=maybe"), doc.clone()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post(api("?filename=a.txt&date=03-11-2014"), doc.clone()).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post(api("?filename=a.txt"), b"\0\0\0\x01".to_vec()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    let confirm = |id: &str| format!("/api/v1/imports/{id}/confirm");
    let r = post(confirm("nope"), Vec::new()).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.message().contains("upload it again"), "{}", r.body);
    let r = post(api("?filename=a.txt"), doc.clone()).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_str().expect("id").to_string();
    // Someone else's pending import.
    let r = app
        .send_body(
            Method::POST,
            &confirm(&id),
            Some("application/json"),
            &[("cookie", &ann.cookie), ("x-csrf-token", &ann.csrf)],
            "{}",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    // A session without its CSRF token.
    let r = app
        .send_body(
            Method::POST,
            &confirm(&id),
            Some("application/json"),
            &[("cookie", &sam.cookie)],
            "{}",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    for (body, says) in [
        ("{", "the confirmation"),
        ("{\"colour\": 1}", "unknown field"),
        ("{\"review\": true}", "review"),
        (
            "{\"corrections\": [{\"index\": 99, \"text\": \"x\"}]}",
            "items",
        ),
        (
            "{\"corrections\": [{\"index\": 0, \"status\": \"nearly\"}]}",
            "status",
        ),
        (
            "{\"corrections\": [{\"index\": 0, \"kind\": \"wish\"}]}",
            "kind",
        ),
    ] {
        let r = post(confirm(&id), body.as_bytes().to_vec()).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.body
        );
        assert!(r.message().contains(says), "{body}: {}", r.body);
    }
    assert!(
        app.store.reviews().await.expect("reviews").is_empty(),
        "nothing imported"
    );
}

async fn programs_import_and_update_with_a_bearer_token(app: TestApp) {
    // Bearer tokens work whether or not unauthenticated API writes are allowed.
    let app = app.read_only();
    app.login_as("sam", Role::Secretariat, None).await;
    app.login_as("vic", Role::Viewer, None).await;
    let token = app.token("sam", "ci").await;
    let auth = format!("Bearer {token}");
    let name = "cmbvr-update-2004.txt";
    let bytes = seed(name);
    let doc = heed_read::read(&bytes, &heed_read::ReadOptions::default()).expect("read");

    let r = app
        .send_body(
            Method::POST,
            &format!("/api/v1/imports?filename={name}&dry_run=true"),
            Some("text/plain"),
            &[("authorization", &auth)],
            bytes.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert!(v["id"].is_null(), "a dry run keeps nothing");
    assert_eq!(v["items"].as_array().expect("items").len(), doc.items.len());
    assert_eq!(v["outcome"]["outcome"], "imported");
    assert_eq!(v["outcome"]["dry_run"], true);
    assert_eq!(v["items"][0]["line"], doc.items[0].line);
    assert_eq!(
        v["diagnostics"].as_array().expect("diagnostics").len(),
        doc.diagnostics.len()
    );
    assert!(app.store.reviews().await.expect("reviews").is_empty());

    // A document that states no date: the answer says so and what to ask the user for
    // (issue 15), and stops saying it once the date is given.
    let undated = b"# Inspection of Anyshire\n\nRecommendation 1: publish the targets.\n".to_vec();
    for (query, expected) in [("", true), ("&date=2013-01-10", false)] {
        let r = app
            .send_body(
                Method::POST,
                &format!("/api/v1/imports?filename=undated.md&dry_run=true{query}"),
                Some("text/plain"),
                &[("authorization", &auth)],
                undated.clone(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v = r.json();
        assert_eq!(v["undated"], expected, "{v}");
        if expected {
            let warning = v["warning"].as_str().expect("a warning");
            assert!(warning.contains("states no date"), "{warning}");
            assert!(warning.contains("date=YYYY-MM-DD"), "{warning}");
        } else {
            assert!(v["warning"].is_null(), "{v}");
        }
    }
    // HMIC's national grade distribution is shown with each judgement it was read for.
    let hmic = INSPECTION.to_vec();
    let r = app
        .send_body(
            Method::POST,
            "/api/v1/imports?filename=hmic.txt&dry_run=true",
            Some("text/plain"),
            &[("authorization", &auth)],
            hmic,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    let judgements = v["judgements"].as_array().expect("judgements");
    assert!(
        judgements
            .iter()
            .any(|j| j["national"] == "poor 0, fair 15, good 28, excellent 0"),
        "{v}"
    );

    // A tracker whose item column has an unusual header: mapped as `heed import --map` would.
    let tracker = b"Ref,Thing to do,Status\n1,Publish the targets,Completed\n".to_vec();
    let r = app
        .send_body(
            Method::POST,
            "/api/v1/imports?filename=plan.csv&dry_run=true",
            Some("text/csv"),
            &[("authorization", &auth)],
            tracker.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.message().contains("item text"), "{}", r.body);
    let r = app
        .send_body(
            Method::POST,
            "/api/v1/imports?filename=plan.csv&dry_run=true&map=Thing+to+do%3Ditem",
            Some("text/csv"),
            &[("authorization", &auth)],
            tracker,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert_eq!(v["items"][0]["text"], "Publish the targets");
    assert_eq!(v["items"][0]["status"], "completed");
    assert!(
        v["columns"]
            .as_str()
            .expect("mapping")
            .contains("Thing to do"),
        "{v}"
    );

    let r = app
        .send_body(
            Method::POST,
            &format!("/api/v1/imports?filename={name}"),
            Some("text/plain"),
            &[("authorization", &auth)],
            bytes.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let v = r.json();
    let confirm = v["confirm"].as_str().expect("confirm link").to_string();
    let status = if doc.items[0].status == Some(heed_core::Status::Completed) {
        "in_progress"
    } else {
        "completed"
    };
    // A RAG rating that is not one says which item and field.
    let r = app
        .send_body(
            Method::POST,
            &confirm,
            Some("application/json"),
            &[("authorization", &auth)],
            json!({ "review": "new", "corrections": [{ "index": 0, "rag": "purple" }] })
                .to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.message().contains("item 1 (rag)"), "{}", r.body);
    let r = app
        .send_body(
            Method::POST,
            &confirm,
            Some("application/json"),
            &[("authorization", &auth)],
            json!({ "review": "new", "corrections": [
                { "index": 0, "status": status, "rag": "red", "position": "accepted" }
            ] })
            .to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["created"], doc.items.len());
    let items = app.items().await;
    let first = items
        .iter()
        .find(|i| i.state.text == doc.items[0].text)
        .expect("first item");
    assert_eq!(first.state.status.map(|s| s.as_str()), Some(status));
    assert_eq!(first.state.rag, Some(heed_core::Rag::Red));
    assert_eq!(first.state.position, Some(heed_core::Position::Accepted));
    let via = heed_store::Source::Api {
        client: "sam via token ci".into(),
    };
    assert_eq!(first.state.provenance.get("status"), Some(&via));
    let r = app
        .send_body(
            Method::POST,
            &confirm,
            None,
            &[("authorization", &auth)],
            "",
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "confirmed once");
    // The same file again: the preview says it was imported, and nothing is kept.
    let r = app
        .send_body(
            Method::POST,
            &format!("/api/v1/imports?filename={name}"),
            Some("text/plain"),
            &[("authorization", &auth)],
            bytes.clone(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["outcome"]["outcome"], "already_imported");
    assert!(r.json()["id"].is_null());

    // An update needs no CSRF token with a bearer token, and is recorded as made through it.
    let r = app
        .patch_json(
            &format!("/api/v1/items/{}", first.id),
            json!({ "note": "checked by the nightly job", "version": first.version }),
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let history = app.store.history(first.id).await.expect("history");
    let last = history.last().expect("event");
    assert_eq!(last.author, "sam via token ci");
    assert_eq!(last.source, via);

    // A viewer's token reads but does not write.
    let vic = format!("Bearer {}", app.token("vic", "reader").await);
    let r = app.get_with("/api/v1/items", "authorization", &vic).await;
    assert_eq!(r.status, StatusCode::OK);
    let r = app
        .patch_json(
            &format!("/api/v1/items/{}", first.id),
            json!({ "note": "no", "version": first.version.get() + 1 }),
            &[("authorization", &vic)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);

    // Revoked, unknown and malformed tokens: 401 saying which.
    app.store
        .revoke_api_token("ci", None)
        .await
        .expect("revoke");
    let r = app.get_with("/api/v1/items", "authorization", &auth).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.message().contains("\"ci\" was revoked"), "{}", r.body);
    let r = app
        .get_with("/api/v1/items", "authorization", "Bearer heed_0000")
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.message().contains("unknown API token"), "{}", r.body);
    let r = app
        .get_with("/api/v1/items", "authorization", "Basic YTpi")
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.message().contains("Bearer"), "{}", r.body);
    let r = app.get_with("/", "authorization", "Bearer heed_0000").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.body.contains("unknown API token"));
}

async fn people_manage_their_own_api_tokens(app: TestApp) {
    let olu = app.login_as("olu", Role::Owner, Some("Custody")).await;
    let vic = app.login_as("vic", Role::Viewer, None).await;
    assert_eq!(app.get("/tokens").await.status, StatusCode::UNAUTHORIZED);
    let page = app.get_with("/tokens", "cookie", &olu.cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("You have no API tokens"));

    let r = app
        .post_form(
            "/tokens",
            &olu.cookie,
            &[pair("csrf", &olu.csrf), pair("name", "spreadsheet")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let start = r.body.find("heed_").expect("the token is shown");
    let token: String = r.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    assert_eq!(token.len(), 69, "{token}");
    let me = app
        .get_with(
            "/api/v1/session",
            "authorization",
            &format!("Bearer {token}"),
        )
        .await;
    // A bearer token has no session to show; the items answer as olu.
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["user"]["name"], "olu");
    // Shown once: the list does not show it again.
    let page = app.get_with("/tokens", "cookie", &olu.cookie).await;
    assert!(page.body.contains("spreadsheet") && !page.body.contains(&token));
    // Another person's list does not show it, and they cannot revoke it.
    let theirs = app.get_with("/tokens", "cookie", &vic.cookie).await;
    assert!(!theirs.body.contains("spreadsheet"));
    let r = app
        .post_form(
            "/tokens/revoke",
            &vic.cookie,
            &[pair("csrf", &vic.csrf), pair("name", "spreadsheet")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The same name twice is refused with a message; forged forms are refused.
    let r = app
        .post_form(
            "/tokens",
            &olu.cookie,
            &[pair("csrf", &olu.csrf), pair("name", "spreadsheet")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("already a token named"), "{}", r.body);
    let r = app
        .post_form(
            "/tokens",
            &olu.cookie,
            &[pair("csrf", "forged"), pair("name", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .post_form("/tokens", &olu.cookie, &[pair("name", "x")])
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    let r = app
        .post_form(
            "/tokens/revoke",
            &olu.cookie,
            &[pair("csrf", &olu.csrf), pair("name", "spreadsheet")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = app
        .get_with("/api/v1/items", "authorization", &format!("Bearer {token}"))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let page = app.get_with("/tokens", "cookie", &olu.cookie).await;
    assert!(page.body.contains("Revoked"));
}

async fn saved_views_keep_a_search_under_a_name(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let sam = app.login_as("sam", Role::Secretariat, None).await;
    let olu = app.login_as("olu", Role::Owner, Some("Custody")).await;
    let vic = app.login_as("vic", Role::Viewer, None).await;
    let search = app
        .get_with("/search?status=in_progress", "cookie", &olu.cookie)
        .await;
    assert!(search.body.contains("Save this view"));
    assert!(!app.get("/search").await.body.contains("Save this view"));

    let save = |s: &Session, name: &str, search: &str| {
        vec![
            pair("csrf", &s.csrf),
            pair("name", name),
            pair("search", search),
        ]
    };
    let r = app
        .post_form(
            "/views",
            &olu.cookie,
            &save(&olu, "Open work", "/search?status=in_progress&page=3"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.header(header::LOCATION), "/views#view-open-work");
    let list = app.get("/views").await;
    assert!(
        list.body
            .contains("<a href=\"/views/open-work\">Open work</a>"),
        "{}",
        list.body
    );
    let r = app.get("/views/open-work").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let to = r.header(header::LOCATION).to_string();
    assert!(
        to.starts_with("/search?") && to.contains("status=in_progress") && !to.contains("page"),
        "{to}"
    );
    let results = app.get(&to).await;
    assert_eq!(results.status, StatusCode::OK);
    let api = app.get("/api/v1/views").await.json();
    assert_eq!(api["views"][0]["slug"], "open-work");
    // Who saved it is a staff name: "staff" to readers not signed in, the name to others.
    assert_eq!(api["views"][0]["owner"], "staff");
    let signed_in = app
        .get_with("/api/v1/views", "cookie", &olu.cookie)
        .await
        .json();
    assert_eq!(signed_in["views"][0]["owner"], "olu");
    let items_uri = api["views"][0]["api"]
        .as_str()
        .expect("api link")
        .to_string();
    assert_eq!(app.get(&items_uri).await.status, StatusCode::OK);
    assert!(
        app.get("/")
            .await
            .body
            .contains("href=\"/views/open-work\""),
        "the dashboard links it"
    );

    // Filters the search would refuse are refused here too; and the name is required.
    let r = app
        .post_form(
            "/views",
            &olu.cookie,
            &save(&olu, "Bad", "/search?status=nearly"),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("status"), "{}", r.body);
    let r = app
        .post_form(
            "/views",
            &olu.cookie,
            &save(&olu, " ", "status=in_progress"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form("/views", "", &save(&olu, "Nobody's", ""))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let mut forged = save(&olu, "Forged", "");
    forged[0].1 = "forged".into();
    assert_eq!(
        app.post_form("/views", &olu.cookie, &forged).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/views/nothing-here").await.status,
        StatusCode::NOT_FOUND
    );

    // A viewer may not delete someone else's view; the secretariat may.
    let del = |s: &Session| vec![pair("csrf", &s.csrf)];
    let r = app
        .post_form("/views/open-work/delete", &vic.cookie, &del(&vic))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("its owner (olu)"), "{}", r.body);
    let r = app
        .post_form("/views/open-work/delete", &sam.cookie, &del(&sam))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get("/views/open-work").await.status,
        StatusCode::NOT_FOUND
    );
}

/// Every role (nobody, and programs with a secretariat's or a viewer's token) against every
/// write route of the intake: import (page and API, upload and confirm), tokens, views.
async fn intake_permissions_matrix(app: TestApp) {
    use StatusCode as S;
    let app = app.read_only();
    let ada = app.login_as("ada", Role::Admin, None).await;
    let sam = app.login_as("sam", Role::Secretariat, None).await;
    let olu = app.login_as("olu", Role::Owner, Some("Custody")).await;
    let vic = app.login_as("vic", Role::Viewer, None).await;
    let sam_token = format!("Bearer {}", app.token("sam", "sam-bot").await);
    let vic_token = format!("Bearer {}", app.token("vic", "vic-bot").await);
    let none = Session {
        cookie: String::new(),
        csrf: String::new(),
    };
    // (who, user name, session, bearer)
    let who: [(&str, &str, &Session, Option<&str>); 7] = [
        ("admin", "ada", &ada, None),
        ("secretariat", "sam", &sam, None),
        ("owner", "olu", &olu, None),
        ("viewer", "vic", &vic, None),
        ("nobody", "sam", &none, None),
        ("secretariat token", "sam", &none, Some(&sam_token)),
        ("viewer token", "vic", &none, Some(&vic_token)),
    ];
    let bytes = seed("cmbvr-update-2004.txt");
    let routes: [(&str, [S; 7]); 9] = [
        (
            "upload page",
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
                S::SEE_OTHER,
                S::FORBIDDEN,
            ],
        ),
        (
            "confirm page",
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
                S::SEE_OTHER,
                S::FORBIDDEN,
            ],
        ),
        (
            "api upload",
            [
                S::CREATED,
                S::CREATED,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
                S::CREATED,
                S::FORBIDDEN,
            ],
        ),
        (
            "api confirm",
            [
                S::CREATED,
                S::CREATED,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
                S::CREATED,
                S::FORBIDDEN,
            ],
        ),
        (
            "token create",
            [
                S::OK,
                S::OK,
                S::OK,
                S::OK,
                S::UNAUTHORIZED,
                S::FORBIDDEN,
                S::FORBIDDEN,
            ],
        ),
        (
            "token revoke",
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::UNAUTHORIZED,
                S::FORBIDDEN,
                S::FORBIDDEN,
            ],
        ),
        (
            "view save",
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::UNAUTHORIZED,
                S::SEE_OTHER,
                S::SEE_OTHER,
            ],
        ),
        (
            "view delete others'",
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::FORBIDDEN,
                S::FORBIDDEN,
                S::UNAUTHORIZED,
                S::SEE_OTHER,
                S::FORBIDDEN,
            ],
        ),
        (
            "view delete own",
            [
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::SEE_OTHER,
                S::UNAUTHORIZED,
                S::SEE_OTHER,
                S::SEE_OTHER,
            ],
        ),
    ];
    let mut n = 0;
    for (route, expected) in routes {
        for ((role, user, session, bearer), want) in who.iter().zip(expected) {
            n += 1;
            let account = app
                .store
                .user_credentials(user)
                .await
                .expect("user")
                .expect("exists")
                .user;
            let mut headers: Vec<(&str, String)> = vec![("cookie", session.cookie.clone())];
            if let Some(b) = bearer {
                headers.push(("authorization", b.to_string()));
            }
            // Each attempt imports different bytes, so none is "already imported".
            let mut doc = bytes.clone();
            doc.extend_from_slice(format!("\n\nAttempt {n}.\n").as_bytes());
            let h: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let form = |extra: Vec<(String, String)>| {
                let mut f = vec![pair("csrf", &session.csrf)];
                f.extend(extra);
                serde_urlencoded::to_string(f).expect("form")
            };
            let urlencoded = Some("application/x-www-form-urlencoded");
            let r = match route {
                "upload page" => {
                    let boundary = "b0undary";
                    let mut body = format!(
                        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"a{n}.txt\"\r\n\r\n",
                        session.csrf
                    )
                    .into_bytes();
                    body.extend_from_slice(&doc);
                    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
                    app.send_body(
                        Method::POST,
                        "/import",
                        Some(&format!("multipart/form-data; boundary={boundary}")),
                        &h,
                        body,
                    )
                    .await
                }
                "confirm page" | "api confirm" => {
                    let id = format!("pending-{n}");
                    app.store
                        .put_pending_import(
                            &id,
                            account.id,
                            &format!("a{n}.txt"),
                            &doc,
                            &Default::default(),
                            3600,
                        )
                        .await
                        .expect("pending");
                    if route == "confirm page" {
                        app.send_body(
                            Method::POST,
                            &format!("/import/{id}"),
                            urlencoded,
                            &h,
                            form(vec![]),
                        )
                        .await
                    } else {
                        let mut h = h.clone();
                        h.push(("x-csrf-token", &session.csrf));
                        app.send_body(
                            Method::POST,
                            &format!("/api/v1/imports/{id}/confirm"),
                            None,
                            &h,
                            "",
                        )
                        .await
                    }
                }
                "api upload" => {
                    let mut h = h.clone();
                    h.push(("x-csrf-token", &session.csrf));
                    app.send_body(
                        Method::POST,
                        &format!("/api/v1/imports?filename=a{n}.txt"),
                        Some("text/plain"),
                        &h,
                        doc,
                    )
                    .await
                }
                "token create" => {
                    app.send_body(
                        Method::POST,
                        "/tokens",
                        urlencoded,
                        &h,
                        form(vec![pair("name", format!("t{n}"))]),
                    )
                    .await
                }
                "token revoke" => {
                    let name = format!("r{n}");
                    app.token(user, &name).await;
                    app.send_body(
                        Method::POST,
                        "/tokens/revoke",
                        urlencoded,
                        &h,
                        form(vec![pair("name", name)]),
                    )
                    .await
                }
                "view save" => {
                    app.send_body(
                        Method::POST,
                        "/views",
                        urlencoded,
                        &h,
                        form(vec![
                            pair("name", format!("v{n}")),
                            pair("search", "/search?overdue=true"),
                        ]),
                    )
                    .await
                }
                _ => {
                    let owner = if route == "view delete own" {
                        account.id
                    } else {
                        // Someone else's: olu's, or ada's when olu is acting.
                        let other = if *user == "olu" { "ada" } else { "olu" };
                        app.store
                            .user_credentials(other)
                            .await
                            .expect("user")
                            .expect("exists")
                            .user
                            .id
                    };
                    let v = app
                        .store
                        .save_view(owner, &format!("d{n}"), "overdue=true")
                        .await
                        .expect("view");
                    app.send_body(
                        Method::POST,
                        &format!("/views/{}/delete", v.slug),
                        urlencoded,
                        &h,
                        form(vec![]),
                    )
                    .await
                }
            };
            assert_eq!(r.status, want, "{role} on {route}: {}", r.body);
        }
    }
}
