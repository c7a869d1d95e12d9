//! The OpenAPI 3.1 document served at `/api/openapi.json`, written by hand: the API's JSON
//! types are the store's own serde types, which carry no schema derive, and a hand-written
//! document stays readable. The test suite snapshots it and checks that every path it
//! lists answers, so it cannot silently drift from the router.

use axum::Json;
use serde_json::{Value, json};

pub(crate) async fn document() -> Json<Value> {
    Json(spec())
}

/// The document itself.
pub fn spec() -> Value {
    let error = json!({ "$ref": "#/components/responses/Error" });
    let filters = json!([
        { "name": "review", "in": "query", "schema": { "type": "integer" }, "description": "Only items of this review." },
        { "name": "kind", "in": "query", "schema": { "$ref": "#/components/schemas/ItemKind" } },
        { "name": "status", "in": "query", "schema": { "$ref": "#/components/schemas/Status" } },
        { "name": "rag", "in": "query", "schema": { "$ref": "#/components/schemas/Rag" } },
        { "name": "owner", "in": "query", "schema": { "type": "string" }, "description": "Owner contains this, ignoring case." },
        { "name": "overdue", "in": "query", "schema": { "type": "boolean" }, "description": "Only open items past their deadline today." },
        { "name": "q", "in": "query", "schema": { "type": "string" }, "description": "Words in the item's text, or its exact reference." },
        { "name": "after", "in": "query", "description": "Where the page starts: the opaque cursor in the previous page's `next` link.", "schema": { "type": "string" } },
        { "name": "per_page", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": crate::filter::MAX_PER_PAGE, "default": crate::filter::DEFAULT_PER_PAGE } }
    ]);
    let item_id =
        json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } });
    let etag_header = json!({ "ETag": { "description": "The item's version, as \"vN\".", "schema": { "type": "string" } } });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Heed register API",
            "version": "1",
            "description": "Recommendations from oversight reports, kept in a register. Updates need the version they are based on (If-Match or \"version\"); a stale one gets 409. Updates need a signed-in session (the heed_session cookie from POST /login) and its CSRF token in X-CSRF-Token; the person's role decides what they may change. Without a session, updates get 401 unless the server was started with --unauthenticated-api-writes."
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
                    "parameters": [ item_id, { "name": "If-None-Match", "in": "header", "schema": { "type": "string" } } ],
                    "responses": {
                        "200": { "description": "The item.", "headers": etag_header, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Item" } } } },
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
                        { "name": "If-Match", "in": "header", "schema": { "type": "string" }, "description": "The ETag the update is based on (or send \"version\")." },
                        { "name": "X-CSRF-Token", "in": "header", "schema": { "type": "string" }, "description": "The signed-in session's CSRF token." },
                        { "name": "X-Heed-Client", "in": "header", "schema": { "type": "string", "maxLength": 64 }, "description": "Without a session (and only when the server allows it): the client's name, recorded as unauthenticated:NAME." }
                    ],
                    "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ItemPatch" } } } },
                    "responses": {
                        "200": { "description": "The item after the update.", "headers": etag_header, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Item" } } } },
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
                    "type": "object", "required": ["id", "name", "reports", "items", "open"],
                    "properties": {
                        "id": { "type": "integer" }, "name": { "type": "string" },
                        "reports": { "type": "integer" }, "items": { "type": "integer" },
                        "open": { "type": "integer", "description": "Items not closed." }
                    }
                },
                "ItemList": {
                    "type": "object", "required": ["items", "total", "per_page", "next"],
                    "properties": {
                        "items": { "type": "array", "items": { "$ref": "#/components/schemas/Item" } },
                        "total": { "type": "integer", "description": "How many items match the filters." }, "per_page": { "type": "integer" },
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
                        "provenance": { "type": "object", "additionalProperties": { "type": "object", "required": ["kind"], "properties": { "kind": { "type": "string", "enum": ["document", "person", "api"] } } } }
                    }
                },
                "ItemPatch": {
                    "type": "object", "additionalProperties": false,
                    "properties": {
                        "version": { "type": "integer" },
                        "status": { "$ref": "#/components/schemas/Status" },
                        "rag": { "$ref": "#/components/schemas/Rag" },
                        "note": { "type": "string" },
                        "owner": { "type": "string" },
                        "deadline": {
                            "type": "object", "additionalProperties": false, "required": ["due", "reason"],
                            "properties": {
                                "due": { "type": "string", "description": "YYYY-MM-DD, YYYY-MM, YYYY or a phrase (\"March 2015\")." },
                                "reason": { "type": "string", "minLength": 1 }
                            }
                        }
                    }
                }
            }
        }
    })
}
