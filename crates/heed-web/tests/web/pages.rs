//! The pages people read: the dashboard, reviews, an item's page, search and its filters,
//! escaping of documents' text, unknown pages, and the report downloads.

use crate::support::*;

crate::stories!(
    odd_searches_never_fail,
    a_review_report_downloads_in_every_format,
    an_empty_register_has_a_dashboard_and_says_how_to_fill_it,
    dashboard_counts_by_status_and_rag_with_a_table_for_each_chart,
    reviews_list_their_items_in_document_order_with_judgements,
    an_item_page_shows_text_provenance_slippage_evidence_and_history,
    text_from_documents_is_escaped,
    search_filters_live_in_the_url_and_pages_link_onwards,
    unknown_pages_stylesheet_and_methods
);

/// Whatever is typed into the search box, the answer is a page or a 4xx, never a 5xx; words
/// are found by full-text search.
async fn odd_searches_never_fail(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    app.import("duty-of-care-response-2013.txt").await;
    let custody = app.get("/api/v1/items?q=custody").await.json();
    assert!(
        custody["total"].as_u64().is_some_and(|n| n > 0),
        "{custody}"
    );
    for q in [
        "%22",
        "%22%22",
        "-",
        "*",
        "custody*",
        "NOT",
        "AND%20OR%20NOT",
        "(custody",
        "custody:staff",
        "NEAR(custody%20staff)",
        "%27%3B%20DROP%20TABLE%20items%3B%20--",
        "custody%20%26%20staff%20%7C%20!first",
        "%5C",
        "%25_",
        "%00",
        "na%C3%AFve",
        "%F0%9F%99%82",
    ] {
        for uri in [format!("/search?q={q}"), format!("/api/v1/items?q={q}")] {
            let r = app.get(&uri).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        }
    }
}

async fn a_review_report_downloads_in_every_format(app: TestApp) {
    let s = app.import("duty-of-care-response-2013.txt").await;
    let page = app.get(&format!("/reviews/{}", s.review)).await;
    assert!(
        page.body
            .contains(&format!("action=\"/reviews/{}/report\"", s.review)),
        "{}",
        page.body
    );
    let r = app
        .get(&format!(
            "/reviews/{}/report?layout=response-table&format=md",
            s.review
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.header(header::CONTENT_TYPE).starts_with("text/markdown"));
    assert!(
        r.header(header::CONTENT_DISPOSITION)
            .starts_with("attachment")
    );
    assert!(r.body.contains("| Recommendation | Response"), "{}", r.body);
    for format in ["html", "csv", "xlsx", "docx", "pdf"] {
        let r = app
            .get(&format!(
                "/reviews/{}/report?layout=overview&format={format}&as_of=2014-01-01",
                s.review
            ))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{format}");
    }
    let bad = app
        .get(&format!("/reviews/{}/report?layout=sideways", s.review))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let bad = app
        .get(&format!("/reviews/{}/report?as_of=yesterday", s.review))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let missing = app.get("/reviews/999/report").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

async fn an_empty_register_has_a_dashboard_and_says_how_to_fill_it(app: TestApp) {
    let r = app.get("/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("0 items in the register"), "{}", r.body);
    let r = app.get("/reviews").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("heed import FILE"));
}

async fn dashboard_counts_by_status_and_rag_with_a_table_for_each_chart(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let items = app.items().await;
    let overdue = items
        .iter()
        .filter(|i| i.is_overdue(Day::parse_iso(TODAY).expect("day")))
        .count();
    assert!(overdue > 0, "the seed has a 2004 deadline");

    let r = app.get("/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(header::CONTENT_TYPE), "text/html; charset=utf-8");
    let b = &r.body;
    assert!(b.contains(&format!("{} items in the register", items.len())));
    assert!(b.contains("<h2 id=\"chart-status\">Items by status</h2>"));
    assert!(b.contains("<h2 id=\"chart-rag\">Items by RAG rating</h2>"));
    assert_eq!(b.matches("<svg").count(), 8);
    // How long open items have been open, and progress over time, each with its table.
    let open = items
        .iter()
        .filter(|i| i.state.status.is_none_or(|s| !s.is_closed()))
        .count();
    assert!(
        b.contains("<caption>Open items by how long they have been open, as numbers</caption>")
    );
    assert!(
        b.contains("<caption>Progress over time, as numbers</caption>"),
        "{b}"
    );
    assert!(
        b.contains(&format!("<td>{}</td><td>", items.len())),
        "the month the seed was read opens every item: {b}"
    );
    assert!(b.contains(&format!("<td>{open}</td></tr>")), "{b}");
    assert!(b.contains("<caption>Open items by theme, as numbers</caption>"));
    // The seed's 2004-08 deadline is 123 days past on 2005-01-01.
    assert!(
        b.contains("<a href=\"/search?overdue=true\">91 days to a year</a></th><td>1</td>"),
        "{b}"
    );
    assert!(b.contains("<caption>Open items by review, as numbers</caption>"));
    assert!(b.contains("<caption>Open items by owner, as numbers</caption>"));
    assert!(
        b.contains("href=\"/search?review=1\">Crime Management Best Value Review"),
        "{b}"
    );
    assert!(
        b.contains("aria-hidden=\"true\""),
        "charts are not read twice"
    );
    assert!(b.contains("<caption>Items by status, as numbers</caption>"));
    let in_progress = items
        .iter()
        .filter(|i| i.state.status == Some(heed_core::Status::InProgress))
        .count();
    assert!(
        b.contains(&format!(
            "<a href=\"/search?status=in_progress\">In progress</a></th><td>{in_progress}</td>"
        )),
        "{b}"
    );
    assert!(b.contains(&format!("Overdue ({overdue})")));
    assert!(b.contains("<strong class=\"overdue\">overdue</strong>"));
    assert!(b.contains("Due in the next 30 days (0)"));
}

async fn reviews_list_their_items_in_document_order_with_judgements(app: TestApp) {
    let small = app.import("cmbvr-update-2004.txt").await;
    let inspection = app.import("hmic-baseline-mps-2006.txt").await;

    let r = app.get("/reviews").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body
            .contains(&format!("href=\"/reviews/{}\"", small.review))
    );
    assert!(
        r.body
            .contains(&format!("href=\"/reviews/{}\"", inspection.review))
    );

    let r = app.get(&format!("/reviews/{}", small.review)).await;
    assert_eq!(r.status, StatusCode::OK);
    let items = app.items().await;
    let mine: Vec<&ItemRecord> = items.iter().filter(|i| i.review == small.review).collect();
    let positions: Vec<usize> = mine
        .iter()
        .map(|i| app_pos(&r.body, &format!("/items/{}\"", i.id)))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(
        !r.body.contains("<h2 id=\"judgements\">"),
        "no judgements in an update"
    );

    let r = app.get(&format!("/reviews/{}", inspection.review)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<h2 id=\"judgements\">Judgements</h2>"));
    assert!(
        r.body.contains("Fairness and Equality in Service Delivery"),
        "{}",
        r.body
    );
    // HMIC's national grade distribution is kept and shown with the judgement (issue 15:
    // it was read and then dropped at import).
    assert!(
        r.body.contains("poor 0, fair 15, good 28, excellent 0"),
        "{}",
        r.body
    );

    assert_eq!(app.get("/reviews/999").await.status, StatusCode::NOT_FOUND);
    let r = app.get("/reviews/abc").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.body.contains("&#34;abc&#34; is not a review number"),
        "{}",
        r.body
    );
}

fn app_pos(body: &str, needle: &str) -> usize {
    body.find(needle)
        .unwrap_or_else(|| panic!("{needle} not on the page"))
}

async fn an_item_page_shows_text_provenance_slippage_evidence_and_history(app: TestApp) {
    app.import("cmbvr-update-2004.txt").await;
    let items = app.items().await;
    let six = by_ref(&items, "6");

    let r = app.get(&format!("/items/{}", six.id)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<h1>Recommendation 6</h1>"), "{}", r.body);
    assert!(r.body.contains("Pre-charge prisoner reception"));
    assert!(r.body.contains("Overdue:"));
    assert!(r.body.contains("<h2 id=\"provenance\">"));
    assert!(r.body.contains("report 1, line"));
    assert!(r.body.contains("Entered the register, as read"));
    assert!(r.body.contains("The deadline has not moved."));

    let mut u = UpdateRequest::by(Actor::Person("Olive Owner".into()));
    u.deadline = Some(heed_store::DeadlineChange {
        deadline: heed_core::Deadline::parse("2005-06", None).expect("deadline"),
        reason: "Custody refurbishment delayed".into(),
    });
    u.evidence = Some(EvidenceFile {
        file_name: "plan \"v2\".pdf".into(),
        bytes: b"%PDF-1.4 evidence".to_vec(),
        public: true,
    });
    let updated = app.store.record_update(six.id, u).await.expect("update");
    let evidence = &updated.state.evidence[0];

    let r = app.get(&format!("/items/{}", six.id)).await;
    assert!(r.body.contains("Custody refurbishment delayed"));
    assert!(
        r.body.contains("<td>2004-08</td><td>2005-06</td>"),
        "{}",
        r.body
    );
    // Staff names are for readers signed in; the public sees "staff".
    assert!(!r.body.contains("Olive Owner"), "{}", r.body);
    let viewer = app.login_as("vic", Role::Viewer, None).await;
    let signed_in = app
        .get_with(&format!("/items/{}", six.id), "cookie", &viewer.cookie)
        .await;
    assert!(signed_in.body.contains("Olive Owner"));
    assert!(
        r.body
            .contains(&format!("href=\"/evidence/{}\"", evidence.id))
    );
    assert!(!r.body.contains("Overdue:"), "the new deadline is ahead");

    let r = app.get(&format!("/evidence/{}", evidence.id)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, "%PDF-1.4 evidence");
    assert_eq!(
        r.header(header::CONTENT_DISPOSITION),
        "attachment; filename=\"plan__v2_.pdf\""
    );
    assert_eq!(app.get("/evidence/999").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/evidence/x").await.status, StatusCode::BAD_REQUEST);
    // The item as it stood at the end of a day. The report states no date, so what it
    // says is undated: it counts as of any day, and its history says so (a dated report's
    // items do not exist before its day: the store's conformance tests).
    let today = updated.updated_on;
    let r = app.get(&format!("/items/{}?as_of={today}", six.id)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("As it stood at the end of"));
    let r = app
        .get(&format!("/items/{}?as_of=1999-01-01", six.id))
        .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "an undated report counts on any day"
    );
    assert!(r.body.contains("undated (recorded "), "{}", r.body);
    let r = app.get(&format!("/items/{}?as_of=yesterday", six.id)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("parameter as_of"));
    assert_eq!(app.get("/items/999").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/items/1x").await.status, StatusCode::BAD_REQUEST);
}

async fn text_from_documents_is_escaped(app: TestApp) {
    let doc = Document {
        title: Some("<b>Title</b>".into()),
        items: vec![Item::new(
            ItemKind::Recommendation,
            "<script>alert('x')</script> & more",
            1,
        )],
        ..Document::default()
    };
    app.import_document("evil.md", b"evil", &doc).await;
    let id = app.items().await[0].id;
    for uri in [
        format!("/items/{id}"),
        "/search?q=script".to_string(),
        "/reviews".into(),
    ] {
        let r = app.get(&uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert!(!r.body.contains("<script>"), "{uri}: {}", r.body);
        assert!(!r.body.contains("<b>Title"), "{uri}");
    }
    let r = app.get(&format!("/items/{id}")).await;
    assert!(
        r.body
            .contains("&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; &#38; more"),
        "{}",
        r.body
    );
}

async fn search_filters_live_in_the_url_and_pages_link_onwards(app: TestApp) {
    let s = app.import("cmbvr-update-2004.txt").await;
    app.import("duty-of-care-response-2013.txt").await;
    let items = app.items().await;

    let r = app.get("/search").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("role=\"search\""));
    assert!(r.body.contains("<label for=\"status\">Status</label>"));
    assert_eq!(
        r.body.matches("href=\"/items/").count(),
        items.len().min(50)
    );

    let uri = format!("/search?review={}&status=in_progress&q=custody", s.review);
    let r = app.get(&uri).await;
    assert_eq!(r.status, StatusCode::OK);
    let six = by_ref(&items, "6");
    assert!(r.body.contains(&format!("href=\"/items/{}\"", six.id)));
    assert_eq!(r.body.matches("href=\"/items/").count(), 1, "{}", r.body);
    assert!(r.body.contains("<option value=\"in_progress\" selected>"));
    assert!(r.body.contains("value=\"custody\""));
    assert!(r.body.contains(&format!(
        "href=\"/search?review={}&#38;status=in_progress&#38;q=custody\"",
        s.review
    )));

    let r = app.get("/search?overdue=true").await;
    assert!(r.body.contains(&format!("href=\"/items/{}\"", six.id)));
    assert!(
        r.body
            .contains("name=\"overdue\" type=\"checkbox\" value=\"true\" checked")
    );

    // Pages follow one another by cursor; every item is on exactly one page.
    let mut uri = "/search?per_page=7".to_string();
    let mut seen = Vec::new();
    loop {
        let r = app.get(&uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert!(
            r.body.contains(&format!("{} items match", items.len())),
            "{}",
            r.body
        );
        if seen.is_empty() {
            assert!(!r.body.contains(">First page<"));
        } else {
            assert!(
                r.body
                    .contains("<a href=\"/search?per_page=7\">First page</a>")
            );
        }
        for i in &items {
            if r.body.contains(&format!("href=\"/items/{}\"", i.id)) {
                seen.push(i.id);
            }
        }
        let Some(at) = r.body.find("\" rel=\"next\"") else {
            break;
        };
        let start = r.body[..at].rfind("href=\"").expect("a link") + 6;
        uri = r.body[start..at].replace("&#38;", "&");
        assert!(uri.starts_with("/search?per_page=7&after="), "{uri}");
    }
    assert_eq!(seen, items.iter().map(|i| i.id).collect::<Vec<_>>());

    // Results are made once per register version and shared: a write shows at once, in
    // the search page and in the API list alike.
    let uri = format!("/search?review={}&status=in_progress&q=custody", s.review);
    let api = format!(
        "/api/v1/items?review={}&status=in_progress&q=custody",
        s.review
    );
    assert_eq!(app.get(&api).await.json()["total"], 1);
    let mut u = UpdateRequest::by(Actor::Person("Olive Owner".into()));
    u.status = Some(heed_core::Status::NotStarted);
    app.store.record_update(six.id, u).await.expect("update");
    let r = app.get(&uri).await;
    assert!(r.body.contains("0 items match"), "{}", r.body);
    assert!(!r.body.contains(&format!("href=\"/items/{}\"", six.id)));
    assert_eq!(app.get(&api).await.json()["total"], 0);

    let r = app.get("/search?status=finished").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("role=\"alert\""));
    assert!(r.body.contains("parameter status"), "{}", r.body);
    assert!(
        r.body.contains("<form"),
        "the form stays to correct the mistake"
    );
}

async fn unknown_pages_stylesheet_and_methods(app: TestApp) {
    let r = app.get("/nowhere").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("<h1>404 Not Found</h1>"));
    let r = app.get("/api/v1/nowhere").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.message().contains("/api/v1/nowhere"));
    let r = app.get("/").await;
    assert_eq!(r.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(
        r.header(header::CONTENT_SECURITY_POLICY)
            .contains("frame-ancestors 'none'")
    );
    let r = app.get("/static/style.css").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(header::CONTENT_TYPE), "text/css; charset=utf-8");
    assert!(r.body.contains("prefers-color-scheme"));
    let r = app.post_json("/api/v1/items", json!({})).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
}
