//! Representative pages and API answers as insta snapshots, so that a change to what a
//! person or program is shown is seen whole in review (`cargo insta review`), not only
//! through the phrases the other stories look for. The day of the import (the real
//! clock's) and the session's tokens are redacted; ids are the register's own, the same
//! on both backends, so SQLite and PostgreSQL must render the same bytes.

use crate::support::*;

crate::stories!(representative_pages_and_answers_keep_their_shape);

/// `body` with the import day, its month and anything unique to this run replaced by a
/// label.
fn redact(body: &str, import_day: &str) -> String {
    let mut out = body.replace(import_day, "[import day]");
    // Times of day beside the import day (history entries, "recorded at").
    while let Some(at) = out.find("[import day]T") {
        let start = at + "[import day]".len();
        let end = out[start..]
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || matches!(c, 'T' | ':' | '.' | '+' | '-'))
            })
            .map_or(out.len(), |n| start + n);
        out.replace_range(start..end, "");
    }
    // The month of the import (the dashboard's chart of changes by month).
    out.replace(&import_day[..7], "[import month]")
}

async fn representative_pages_and_answers_keep_their_shape(app: TestApp) {
    let cmbvr = app.import("cmbvr-update-2004.txt").await;
    let duty = app.import("duty-of-care-response-2013.txt").await;
    let items = app.items().await;
    let four = by_ref(&items, "4").id;
    let import_day = app.get(&format!("/api/v1/items/{four}")).await.json()["updated_on"]
        .as_str()
        .expect("updated_on")
        .to_string();
    let pages = [
        ("dashboard", "/".to_string()),
        ("review_page", format!("/reviews/{}", duty.review)),
        ("item_page", format!("/items/{four}")),
        ("search_page", "/search?q=custody".to_string()),
        ("progress_review_page", format!("/reviews/{}", cmbvr.review)),
        ("reviews_list", "/reviews".to_string()),
    ];
    for (name, uri) in pages {
        let r = app.get(&uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        insta::assert_snapshot!(name, redact(&r.body, &import_day));
    }
    let answers = [
        ("api_reviews", "/api/v1/reviews".to_string()),
        (
            "api_items_page",
            format!("/api/v1/items?review={}&limit=3", duty.review),
        ),
    ];
    for (name, uri) in answers {
        let r = app.get(&uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        let v: Value = serde_json::from_str(&redact(&r.body, &import_day)).expect("JSON");
        insta::assert_json_snapshot!(name, v);
    }
}
