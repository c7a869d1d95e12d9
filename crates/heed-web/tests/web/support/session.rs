//! A signed-in browser: an account made through the store, signed in through the form, with
//! its session cookie and CSRF token.

use super::*;

/// A signed-in browser: its session cookie and CSRF token.
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

impl TestApp {
    /// Makes an account and signs in through the form, as a person would.
    pub async fn login_as(&self, name: &str, role: Role, unit: Option<&str>) -> Session {
        let hash = heed_app::accounts::hash_password("a long enough password").expect("hash");
        self.store
            .add_user(name, &hash, role, unit)
            .await
            .expect("add user");
        let r = self.sign_in(name, "a long enough password").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let cookie = set_cookie_value(&r, "heed_session");
        let r = self
            .get_with(
                "/api/v1/session",
                "cookie",
                &format!("heed_session={cookie}"),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let csrf = r.json()["csrf"].as_str().expect("csrf").to_string();
        Session {
            cookie: format!("heed_session={cookie}"),
            csrf,
        }
    }

    /// Loads the sign-in form and posts it back with a name and password.
    pub async fn sign_in(&self, name: &str, password: &str) -> TestResponse {
        let form = self.get("/login").await;
        assert_eq!(form.status, StatusCode::OK);
        let csrf = set_cookie_value(&form, "heed_login_csrf");
        assert!(
            form.body
                .contains(&format!("name=\"csrf\" value=\"{csrf}\""))
        );
        let body = serde_urlencoded::to_string([
            ("name", name),
            ("password", password),
            ("csrf", csrf.as_str()),
        ])
        .expect("form");
        self.send_body(
            Method::POST,
            "/login",
            Some("application/x-www-form-urlencoded"),
            &[("cookie", &format!("heed_login_csrf={csrf}"))],
            body,
        )
        .await
    }
}

/// The value a response sets for a cookie.
pub fn set_cookie_value(r: &TestResponse, name: &str) -> String {
    r.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .unwrap_or_else(|| panic!("no {name} cookie set"))
        .to_string()
}
