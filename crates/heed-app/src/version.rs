//! Which version of an item a write is based on. Every write to an item names the version
//! its author saw, so a stale one is a `Conflict` rather than an overwrite. Over HTTP the
//! version travels as an ETag (`"v7"`): read back from `If-Match`, or given as `"version"`
//! in the body; the API's update and its verify decide it here, the same way.

use crate::AppError;
use heed_core::Version;

/// The ETag of an item at a version: `"v7"`.
pub fn etag(version: Version) -> String {
    format!("\"v{version}\"")
}

/// Reads a version back from an `If-Match` or `If-None-Match` value (`"v7"`, `W/"v7"`).
pub fn version_of_etag(value: &str) -> Option<Version> {
    value
        .trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .strip_prefix('v')?
        .parse()
        .ok()
}

/// The version a write (`what`: "update", "decision") is based on, from the `If-Match`
/// header's value (`None` when there is no header; a value that is not text is `Some("")`)
/// and the body's `"version"`: either, or both when they agree.
pub fn expected_version(
    if_match: Option<&str>,
    in_body: Option<Version>,
    what: &str,
) -> Result<Version, AppError> {
    let from_header = match if_match {
        None => None,
        Some(v) => Some(version_of_etag(v).ok_or_else(|| {
            AppError::Invalid("If-Match: expected an ETag from this API, like \"v3\"".into())
        })?),
    };
    match (from_header, in_body) {
        (Some(h), Some(b)) if h != b => Err(AppError::Invalid(format!(
            "If-Match says version {h} but the body says version {b}"
        ))),
        (Some(v), _) | (None, Some(v)) => Ok(v),
        (None, None) => Err(AppError::VersionRequired(format!(
            "say which version of the item this {what} is based on: send its ETag as \
             If-Match, or \"version\" in the body"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_round_trip() {
        let v = Version::from_raw;
        assert_eq!(version_of_etag(&etag(v(7))), Some(v(7)));
        assert_eq!(version_of_etag("W/\"v12\""), Some(v(12)));
        assert_eq!(version_of_etag("\"12\""), None);
        assert_eq!(version_of_etag("*"), None);
    }

    #[test]
    fn a_write_names_one_version() {
        let v = |n| Some(Version::from_raw(n));
        assert_eq!(expected_version(Some("\"v3\""), None, "update").ok(), v(3));
        assert_eq!(expected_version(None, v(4), "update").ok(), v(4));
        assert_eq!(expected_version(Some("\"v4\""), v(4), "update").ok(), v(4));
        assert!(matches!(
            expected_version(Some("\"v3\""), v(4), "update"),
            Err(AppError::Invalid(_))
        ));
        assert!(matches!(
            expected_version(Some(""), None, "update"),
            Err(AppError::Invalid(_))
        ));
        let Err(AppError::VersionRequired(m)) = expected_version(None, None, "decision") else {
            panic!("a version is required");
        };
        assert!(m.contains("this decision is based on"), "{m}");
    }
}
