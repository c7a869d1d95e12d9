//! The OpenAPI 3.1 document served at `/api/openapi.json`, written by hand: the API's JSON
//! types are the store's own serde types, which carry no schema derive, and a hand-written
//! document stays readable. The test suite snapshots it and checks that every path it
//! lists answers, so it cannot silently drift from the router.

use axum::Json;
use serde_json::{Value, json};

pub(crate) async fn document() -> Json<Value> {
    let mut doc = spec();
    intake(&mut doc);
    Json(doc)
}

/// The document itself (without the intake's routes: see [`intake`]).
pub fn spec() -> Value {
    let error = json!({ "$ref": "#/components/responses/Error" });
    // Ids are the register's 64-bit row ids; a larger number is a 400, not a lookup.
    let id_schema =
        json!({ "type": "integer", "format": "int64", "minimum": 1, "maximum": i64::MAX });
    // An ETag this API gave out: the item's version, as "vN" (a weak W/ prefix is accepted).
    let etag_schema = json!({ "type": "string", "pattern": "^(W/)?\"v[0-9]{1,18}\"$" });
    // An update changes at least one of these.
    let one_change: Vec<Value> = ["status", "rag", "note", "owner", "deadline"]
        .iter()
        .map(|f| json!({ "required": [f] }))
        .collect();
    // After reading or updating an item, a client can update it based on the version it saw.
    let update_link = json!({ "updateItem": {
        "operationId": "updateItem",
        "parameters": { "id": "$request.path.id", "header.If-Match": "$response.header.ETag" },
        "description": "Update the item, based on the version just returned."
    } });
    let filters = json!([
        { "name": "review", "in": "query", "schema": id_schema.clone(), "description": "Only items of this review." },
        { "name": "kind", "in": "query", "schema": { "$ref": "#/components/schemas/ItemKind" } },
        { "name": "status", "in": "query", "schema": { "$ref": "#/components/schemas/Status" } },
        { "name": "rag", "in": "query", "schema": { "$ref": "#/components/schemas/Rag" } },
        { "name": "owner", "in": "query", "schema": { "type": "string" }, "description": "Owner contains this, ignoring case." },
        { "name": "overdue", "in": "query", "schema": { "type": "boolean" }, "description": "Only open items past their deadline today." },
        { "name": "awaiting", "in": "query", "schema": { "type": "boolean" }, "description": "Only items whose claimed completion awaits verification." },
        { "name": "q", "in": "query", "schema": { "type": "string" }, "description": "Words in the item's text, or its exact reference." },
        { "name": "after", "in": "query", "description": "Where the page starts: the opaque cursor in the previous page's `next` link.", "schema": { "type": "string" } },
        { "name": "per_page", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": crate::filter::MAX_PER_PAGE, "default": crate::filter::DEFAULT_PER_PAGE } }
    ]);
    let item_id = json!({ "name": "id", "in": "path", "required": true, "schema": id_schema });
    let etag_header = json!({ "ETag": { "description": "The item's version, as \"vN\".", "schema": { "type": "string" } } });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Heed register API",
            "version": "1",
            "description": "Recommendations from oversight reports, kept in a register. Updates need the version they are based on (If-Match or \"version\"); a stale one gets 409. Updates need a signed-in session (the heed_session cookie from POST /login) and its CSRF token in X-CSRF-Token; the person's role decides what they may change. Without a session, updates get 401 unless the server was started with --unauthenticated-api-writes. A closing status from someone who may not verify (an owner, a client not signed in) is a claim awaiting verification: the item stays open until the secretariat or an admin verifies it (POST /api/v1/items/{id}/verify). Readers who are not signed in see only published reviews and their items; anything else answers 404 to them."
        },
        "paths": {
            "/api/v1/reviews": {
                "get": {
                    "operationId": "listReviews",
                    "summary": "All reviews, oldest first, with counts.",
                    "responses": {
                        "200": { "description": "The reviews.", "content": { "application/json": { "schema": {
                            "type": "object", "required": ["reviews"],
                            "properties": { "reviews": { "type": "array", "items": { "$ref": "#/components/schemas/ReviewSummary" } } }
                        } } } },
                        "500": error
                    }
                }
            },
            "/api/v1/session": {
                "get": {
                    "operationId": "showSession",
                    "summary": "Who is signed in (by the heed_session cookie), and the CSRF token their updates must send.",
                    "responses": {
                        "200": { "description": "The session.", "content": { "application/json": { "schema": {
                            "type": "object", "required": ["user", "csrf"],
                            "properties": {
                                "user": { "type": "object", "required": ["id", "name", "role"], "properties": {
                                    "id": { "type": "integer" }, "name": { "type": "string" },
                                    "role": { "type": "string", "enum": ["admin", "secretariat", "owner", "viewer"] },
                                    "unit": { "type": ["string", "null"] }
                                } },
                                "csrf": { "type": "string" }
                            }
                        } } } },
                        "401": error
                    }
                }
            },
            "/api/v1/items": {
                "get": {
                    "operationId": "listItems",
                    "summary": "Items matching the filters, in document order, a page at a time.",
                    "parameters": filters,
                    "responses": {
                        "200": { "description": "One page of items.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ItemList" } } } },
                        "400": error,
                        "500": error
                    }
                }
            },
            "/api/v1/items/{id}": {
                "get": {
                    "operationId": "showItem",
                    "summary": "One item: its current state, with provenance.",
                    "parameters": [ item_id, { "name": "If-None-Match", "in": "header", "schema": etag_schema.clone() } ],
                    "responses": {
                        "200": { "description": "The item.", "headers": etag_header.clone(), "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Item" } } }, "links": update_link.clone() },
                        "304": { "description": "Unchanged since the ETag given." },
                        "400": error,
                        "404": error,
                        "500": error
                    }
                },
                "patch": {
                    "operationId": "updateItem",
                    "summary": "Record progress on an item, based on a version of it.",
                    "parameters": [
                        item_id,
                        { "name": "If-Match", "in": "header", "schema": etag_schema, "description": "The ETag the update is based on (or send \"version\")." },
                        { "name": "X-CSRF-Token", "in": "header", "schema": { "type": "string" }, "description": "The signed-in session's CSRF token." },
                        { "name": "X-Heed-Client", "in": "header", "schema": { "type": "string", "maxLength": 64 }, "description": "Without a session (and only when the server allows it): the client's name, recorded as unauthenticated:NAME." }
                    ],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ItemPatch" } } } },
                    "responses": {
                        "200": { "description": "The item after the update.", "headers": etag_header, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Item" } } }, "links": update_link },
                        "400": error,
                        "401": error,
                        "403": error,
                        "404": error,
                        "409": error,
                        "413": error,
                        "415": error,
                        "422": error,
                        "428": error,
                        "500": error
                    }
                }
            },
            "/api/v1/items/{id}/verify": {
                "post": {
                    "operationId": "verifyItem",
                    "summary": "Accept or reject (with a reason) a claimed completion; secretariat and admins only.",
                    "parameters": [
                        item_id,
                        { "name": "If-Match", "in": "header", "schema": etag_schema, "description": "The ETag the decision is based on (or send \"version\")." },
                        { "name": "X-CSRF-Token", "in": "header", "schema": { "type": "string" }, "description": "The signed-in session's CSRF token." }
                    ],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/VerifyRequest" } } } },
                    "responses": {
                        "200": { "description": "The item after the decision.", "headers": etag_header, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Item" } } } },
                        "400": error,
                        "401": error,
                        "403": error,
                        "404": error,
                        "409": error,
                        "413": error,
                        "415": error,
                        "422": error,
                        "428": error,
                        "500": error
                    }
                }
            },
            "/api/v1/reviews/{id}/publish": {
                "post": {
                    "operationId": "publishReview",
                    "summary": "Publish a review (readers who are not signed in may then see it) or unpublish it; secretariat and admins only.",
                    "parameters": [
                        { "name": "id", "in": "path", "required": true, "schema": id_schema },
                        { "name": "X-CSRF-Token", "in": "header", "schema": { "type": "string" }, "description": "The signed-in session's CSRF token." }
                    ],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": {
                        "type": "object", "additionalProperties": false, "required": ["published"],
                        "properties": { "published": { "type": "boolean" } }
                    } } } },
                    "responses": {
                        "200": { "description": "The review, and whether anything changed.", "content": { "application/json": { "schema": {
                            "type": "object", "required": ["review", "changed"],
                            "properties": { "review": { "$ref": "#/components/schemas/ReviewSummary" }, "changed": { "type": "boolean" } }
                        } } } },
                        "400": error,
                        "401": error,
                        "403": error,
                        "404": error,
                        "413": error,
                        "415": error,
                        "422": error,
                        "500": error
                    }
                }
            }
        },
        "components": {
            "responses": {
                "Error": { "description": "What went wrong, in words.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            },
            "schemas": {
                "Error": {
                    "type": "object", "required": ["error"],
                    "properties": { "error": { "type": "object", "required": ["status", "message"], "properties": {
                        "status": { "type": "integer" }, "message": { "type": "string" }
                    } } }
                },
                "ItemKind": { "type": "string", "enum": heed_core::ItemKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>() },
                "Status": { "type": "string", "enum": heed_core::Status::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>() },
                "Rag": { "type": "string", "enum": heed_core::Rag::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>() },
                "ReviewSummary": {
                    "type": "object", "required": ["id", "name", "reports", "items", "open", "published"],
                    "properties": {
                        "id": { "type": "integer" }, "name": { "type": "string" },
                        "reports": { "type": "integer" }, "items": { "type": "integer" },
                        "open": { "type": "integer", "description": "Items not closed." },
                        "published": { "type": "boolean", "description": "Whether readers who are not signed in may see it." }
                    }
                },
                "Verification": {
                    "type": "object", "required": ["state", "claimed", "claimed_by", "claimed_on", "decided_by", "decided_on", "note"],
                    "description": "A claimed closing status and what became of it. While awaiting, the item's status is still the one before the claim.",
                    "properties": {
                        "state": { "type": "string", "enum": heed_core::Verification::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>() },
                        "claimed": { "$ref": "#/components/schemas/Status" },
                        "claimed_by": { "type": "string" },
                        "claimed_on": { "type": "string", "format": "date" },
                        "decided_by": { "type": ["string", "null"] },
                        "decided_on": { "type": ["string", "null"], "format": "date" },
                        "note": { "type": ["string", "null"], "description": "Why it was rejected (or a note on verifying)." }
                    }
                },
                "VerifyRequest": {
                    "type": "object", "additionalProperties": false, "required": ["decision"],
                    "properties": {
                        "decision": { "type": "string", "enum": heed_core::Decision::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>() },
                        "note": { "type": "string", "description": "Required when rejecting." },
                        "version": { "type": "integer" }
                    }
                },
                "ItemList": {
                    "type": "object", "required": ["items", "total", "per_page", "next"],
                    "properties": {
                        "items": { "type": "array", "items": { "$ref": "#/components/schemas/Item" } },
                        "total": { "type": "integer", "description": "How many items match the filters." },
                        "total_exact": { "type": "boolean", "description": "Present, and false, only when more items match than total says: counting stops at 1,000, and total is then that bound." }, "per_page": { "type": "integer" },
                        "next": { "type": ["string", "null"], "description": "The next page's URL." }
                    }
                },
                "Deadline": {
                    "type": "object", "required": ["due", "precision", "phrase"],
                    "properties": {
                        "due": { "type": "string", "format": "date", "description": "The last day of the period named." },
                        "precision": { "type": "string", "enum": ["day", "month", "quarter", "half_year", "year", "financial_year"] },
                        "phrase": { "type": "string" }
                    }
                },
                "Item": {
                    "type": "object",
                    "required": ["id", "review", "report", "version", "updated_on", "kind", "text", "provenance"],
                    "description": "An item's state. Fields not listed here (actions, notes, slippage, evidence, links) are described by the register's documentation.",
                    "properties": {
                        "id": { "type": "integer" }, "review": { "type": "integer" }, "report": { "type": "integer" },
                        "version": { "type": "integer", "description": "Send it back as If-Match (as \"vN\") or \"version\" to update." },
                        "updated_on": { "type": "string", "format": "date" },
                        "as_of": { "type": ["string", "null"], "format": "date" },
                        "kind": { "$ref": "#/components/schemas/ItemKind" },
                        "ref": { "type": ["string", "null"] },
                        "section": { "type": ["string", "null"] },
                        "theme": { "type": ["string", "null"] },
                        "text": { "type": "string" },
                        "addressee": { "type": ["string", "null"] },
                        "owner": { "type": ["string", "null"] },
                        "status": { "oneOf": [ { "$ref": "#/components/schemas/Status" }, { "type": "null" } ] },
                        "status_words": { "type": ["string", "null"] },
                        "rag": { "oneOf": [ { "$ref": "#/components/schemas/Rag" }, { "type": "null" } ] },
                        "rag_reason": { "type": ["string", "null"] },
                        "deadline": { "oneOf": [ { "$ref": "#/components/schemas/Deadline" }, { "type": "null" } ] },
                        "verification": { "$ref": "#/components/schemas/Verification", "description": "Present once someone has claimed a closing status." },
                        "provenance": { "type": "object", "additionalProperties": { "type": "object", "required": ["kind"], "properties": { "kind": { "type": "string", "enum": ["document", "person", "api"] } } } }
                    }
                },
                "ItemPatch": {
                    "type": "object", "additionalProperties": false,
                    "description": "At least one change; the version may come as If-Match instead.",
                    "anyOf": one_change,
                    "properties": {
                        "version": { "type": "integer", "format": "int64", "minimum": 1, "maximum": i64::MAX },
                        "status": { "$ref": "#/components/schemas/Status" },
                        "rag": { "$ref": "#/components/schemas/Rag" },
                        "note": { "type": "string", "pattern": "\\S", "description": "What happened; a blank note is no change." },
                        "owner": { "type": "string", "pattern": "\\S", "description": "Who owns the item from now on (admin and secretariat only)." },
                        "deadline": {
                            "type": "object", "additionalProperties": false, "required": ["due", "reason"],
                            "properties": {
                                "due": {
                                    "anyOf": [
                                        { "type": "string", "format": "date" },
                                        { "type": "string", "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2]))?$" }
                                    ],
                                    "description": "YYYY-MM-DD, YYYY-MM or YYYY; a phrase (\"March 2015\", \"Q3 2012/13\") is read too."
                                },
                                "reason": { "type": "string", "pattern": "\\S", "description": "Why the deadline moved (kept as slippage history); not blank." }
                            }
                        }
                    }
                }
            }
        }
    })
}

/// Adds the intake's routes to the document: imports (preview, confirm), saved views, and
/// bearer tokens as a way to authenticate.
pub fn intake(doc: &mut Value) {
    let error = json!({ "$ref": "#/components/responses/Error" });
    let bearer = json!([{ "bearer": [] }, { "session": [] }]);
    let preview = json!({
        "type": "object",
        "required": ["id", "confirm", "expires_at", "file_name", "undated", "warning", "outcome", "items", "judgements", "diagnostics"],
        "properties": {
            "id": { "type": ["string", "null"], "description": "The pending import's id; null for a dry run (nothing is kept) or a file imported before." },
            "confirm": { "type": ["string", "null"], "description": "The URL that confirms it." },
            "expires_at": { "type": ["string", "null"], "description": "When the pending import is forgotten (UTC)." },
            "file_name": { "type": "string" },
            "title": { "type": ["string", "null"] },
            "date": { "type": ["string", "null"], "format": "date" },
            "undated": { "type": "boolean", "description": "The document states no date (nor do its rows) and none was given: it would be kept as undated. Ask the user for the day it speaks for and send it as the date parameter." },
            "warning": { "type": ["string", "null"], "description": "For an undated document, what to tell the user; null otherwise." },
            "columns": { "type": ["string", "null"], "description": "For a tracker: how its columns were read." },
            "outcome": { "$ref": "#/components/schemas/ImportOutcome" },
            "items": { "type": "array", "items": { "type": "object",
                "required": ["index", "line", "kind", "ref", "section", "text", "status", "deadline", "owner", "rag", "position", "matched"],
                "properties": {
                    "index": { "type": "integer", "description": "Names the item in corrections." },
                    "line": { "type": "integer" }, "kind": { "type": "string" }, "ref": { "type": "string" },
                    "section": { "type": "string" }, "text": { "type": "string" }, "status": { "type": "string" },
                    "deadline": { "type": "string" }, "owner": { "type": "string" }, "rag": { "type": "string" },
                    "position": { "type": "string" },
                    "matched": { "type": "string", "description": "\"new item\", or the existing item it would update and what changes." }
                } } },
            "judgements": { "type": "array", "items": { "type": "object", "properties": {
                "line": { "type": "integer" }, "area": { "type": "string" }, "title": { "type": "string" },
                "grade": { "type": "string" }, "direction": { "type": "string" },
                "national": { "type": "string", "description": "How many forces received each grade nationally (\"poor 0, fair 15, good 28, excellent 0\"), or a dash." } } } },
            "diagnostics": { "type": "array", "items": { "type": "object", "required": ["line", "severity", "message"], "properties": {
                "line": { "type": "integer" }, "severity": { "type": "string" }, "message": { "type": "string" } } } }
        }
    });
    let outcome = json!({
        "type": "object", "required": ["outcome"],
        "description": "\"imported\" (with report, review, new_review, created, updated, matches, events, dry_run) or \"already_imported\" (with report and review).",
        "properties": {
            "outcome": { "type": "string", "enum": ["imported", "already_imported"] },
            "report": { "type": "integer" }, "review": { "type": "integer" },
            "new_review": { "type": "boolean" }, "created": { "type": "integer" }, "updated": { "type": "integer" },
            "matches": { "type": "array", "items": { "type": "object" } },
            "events": { "type": "integer" }, "dry_run": { "type": "boolean" }
        }
    });
    let confirm_body = json!({
        "type": "object", "additionalProperties": false,
        "properties": {
            "review": { "oneOf": [ { "type": "string", "enum": ["auto", "new"] }, { "type": "integer" } ], "description": "Where it goes: the store's matching (auto, the default), a new review, or this review." },
            "corrections": { "type": "array", "items": { "type": "object", "additionalProperties": false, "required": ["index"],
                "description": "Each field given replaces the value read (an empty string clears it) and is recorded as the corrector's, not the document's.",
                "properties": {
                    "index": { "type": "integer", "minimum": 0 },
                    "drop": { "type": "boolean", "description": "Leave the item out." },
                    "ref": { "type": "string" }, "kind": { "$ref": "#/components/schemas/ItemKind" },
                    "text": { "type": "string", "minLength": 1 }, "status": { "type": "string" },
                    "deadline": { "type": "string", "description": "YYYY-MM-DD, YYYY-MM, YYYY or a phrase." },
                    "owner": { "type": "string" }, "section": { "type": "string" },
                    "rag": { "type": "string", "description": "red, amber or green (empty for none)." },
                    "position": { "type": "string", "description": "The body's position on the recommendation (or empty for none)." }
                } } }
        }
    });
    let view = json!({
        "type": "object", "required": ["slug", "name", "owner", "created_at", "url", "search", "api"],
        "properties": {
            "slug": { "type": "string" }, "name": { "type": "string" }, "owner": { "type": "string" },
            "created_at": { "type": "string" },
            "url": { "type": "string", "description": "The shareable URL: /views/{slug}." },
            "search": { "type": "string", "description": "The search page with the view's filters." },
            "api": { "type": "string", "description": "The same filters over GET /api/v1/items." }
        }
    });
    let paths = json!({
        "/api/v1/imports": {
            "post": {
                "operationId": "previewImport",
                "summary": "Reads a document (the body) and previews its import: items, judgements, diagnostics, and where the store's matching puts it. Keeps it for confirmation unless dry_run. Secretariat and admins.",
                "security": bearer,
                "parameters": [
                    { "name": "filename", "in": "query", "required": true, "schema": { "type": "string" }, "description": "Its ending says what it is: .txt, .md, .html, .csv, .xlsx, .ods..." },
                    { "name": "review", "in": "query", "schema": { "type": "string" }, "description": "auto (default), new, or a review number." },
                    { "name": "dry_run", "in": "query", "schema": { "type": "boolean" }, "description": "Preview only; nothing is kept." },
                    { "name": "date", "in": "query", "schema": { "type": "string", "format": "date" }, "description": "The report's date when it does not state it." },
                    { "name": "map", "in": "query", "schema": { "type": "string" }, "description": "For trackers: column overrides, as heed import --map (\"Lead officer=owner, C=ignore\")." },
                    { "name": "sheet", "in": "query", "schema": { "type": "string" }, "description": "For trackers: the worksheet to read." },
                    { "name": "X-CSRF-Token", "in": "header", "schema": { "type": "string" }, "description": "With a session cookie: its CSRF token." }
                ],
                "requestBody": { "required": true, "content": { "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } } },
                "responses": {
                    "200": { "description": "A dry run, or a file imported before: nothing kept.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ImportPreview" } } } },
                    "201": { "description": "Kept for confirmation.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ImportPreview" } } } },
                    "400": error, "401": error, "403": error, "404": error, "413": error, "415": error, "422": error, "500": error
                }
            }
        },
        "/api/v1/imports/{id}/confirm": {
            "post": {
                "operationId": "confirmImport",
                "summary": "Imports a pending document, with corrections, in one transaction. Only its uploader.",
                "security": bearer,
                "parameters": [
                    { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } },
                    { "name": "X-CSRF-Token", "in": "header", "schema": { "type": "string" }, "description": "With a session cookie: its CSRF token." }
                ],
                "requestBody": { "required": false, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ImportConfirm" } } } },
                "responses": {
                    "201": { "description": "What the import did.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ImportOutcome" } } } },
                    "400": error, "401": error, "403": error, "404": error, "413": error, "422": error, "500": error
                }
            }
        },
        "/api/v1/views": {
            "get": {
                "operationId": "listViews",
                "summary": "Saved views (named searches), by name, with their URLs.",
                "responses": {
                    "200": { "description": "The views.", "content": { "application/json": { "schema": {
                        "type": "object", "required": ["views"],
                        "properties": { "views": { "type": "array", "items": { "$ref": "#/components/schemas/SavedView" } } }
                    } } } },
                    "500": error
                }
            }
        }
    });
    if let (Some(to), Value::Object(from)) =
        (doc.get_mut("paths").and_then(Value::as_object_mut), paths)
    {
        to.extend(from);
    }
    if let Some(Value::String(d)) = doc.get_mut("info").and_then(|i| i.get_mut("description")) {
        d.push_str(" Programs may instead send an API token as Authorization: Bearer TOKEN: it acts as its person, with their role, and needs no CSRF token; writes are recorded as the person via the token.");
    }
    if let Some(components) = doc.get_mut("components").and_then(Value::as_object_mut) {
        components.insert(
            "securitySchemes".into(),
            json!({
                "bearer": { "type": "http", "scheme": "bearer", "description": "An API token (heed token create, or the /tokens page): acts as its person, with their role; no CSRF token needed. Revoked or unknown tokens get 401 on every route." },
                "session": { "type": "apiKey", "in": "cookie", "name": "heed_session", "description": "A signed-in session; writes also send its CSRF token in X-CSRF-Token." }
            }),
        );
        if let Some(schemas) = components.get_mut("schemas").and_then(Value::as_object_mut) {
            schemas.insert("ImportPreview".into(), preview);
            schemas.insert("ImportOutcome".into(), outcome);
            schemas.insert("ImportConfirm".into(), confirm_body);
            schemas.insert("SavedView".into(), view);
        }
    }
}
