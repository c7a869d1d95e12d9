//! Accounts: Argon2id password hashes (`heed user` and the sign-in form), random session,
//! CSRF and API tokens kept in the register only as SHA-256 hashes (`heed token` and the
//! `/tokens` page), and the rules of who may change, verify and publish what. No HTTP here: cookies and headers
//! are the web's.

use crate::AppError;
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use heed_store::{ItemRecord, Role, SavedView, User};
use sha2::{Digest, Sha256};

/// Hashes a password as an Argon2id PHC string.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::System(format!("hashing a password: {e}")))
}

/// A hash of a password nobody has, checked when a name has no account.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("no account has this password").unwrap_or_default())
}

/// Whether `password` matches the PHC string `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

/// 32 random bytes from the operating system, as hex.
pub fn random_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::System(format!("no random numbers from the system: {e}")))?;
    Ok(hex(&bytes))
}

/// How a token is kept in the register.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets without stopping at the first difference.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Every token starts with this, so a leaked one is recognisable in logs and code.
pub const TOKEN_PREFIX: &str = "heed_";

/// A new API token: shown to its maker once; the register keeps only `hash`.
#[derive(Debug)]
pub struct NewToken {
    pub token: String,
    /// What the register keeps ([`token_hash`] of `token`).
    pub hash: String,
}

/// A new API token and the hash the register keeps of it.
pub fn new_api_token() -> Result<NewToken, AppError> {
    let token = format!("{TOKEN_PREFIX}{}", random_token()?);
    let hash = token_hash(&token);
    Ok(NewToken { token, hash })
}

/// Whether `user` may change `item`: admin and secretariat anything, an owner the items
/// owned in their name or their unit's, a viewer nothing.
pub fn may_update(user: &User, item: &ItemRecord) -> bool {
    match user.role {
        Role::Admin | Role::Secretariat => true,
        Role::Viewer => false,
        Role::Owner => {
            let owner = item.state.owner.as_deref().map(str::trim).unwrap_or("");
            !owner.is_empty()
                && (owner.eq_ignore_ascii_case(user.name.trim())
                    || user
                        .unit
                        .as_deref()
                        .is_some_and(|u| owner.eq_ignore_ascii_case(u.trim())))
        }
    }
}

/// Whether `user` may reassign items to another owner: admin and secretariat only.
pub fn may_reassign(user: &User) -> bool {
    matches!(user.role, Role::Admin | Role::Secretariat)
}

/// Whether `user` may verify or reject claimed completions: admin and secretariat.
pub fn may_verify(user: &User) -> bool {
    matches!(user.role, Role::Admin | Role::Secretariat)
}

/// Whether `user` may publish and unpublish reviews: admin and secretariat.
pub fn may_publish(user: &User) -> bool {
    may_verify(user)
}

/// Whether `user` may delete a saved view: its owner, the secretariat and admins.
pub fn may_delete_view(user: &User, view: &SavedView) -> bool {
    matches!(user.role, Role::Admin | Role::Secretariat) || user.name == view.owner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("correct horse").expect("hash");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("correct horsE", &h));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_kept_hashed() {
        let a = random_token().expect("token");
        let b = random_token().expect("token");
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &b));
        assert!(!same_secret("ab", "abc"));
    }

    #[test]
    fn only_the_secretariat_and_admins_verify() {
        let user = |role| User {
            id: heed_core::UserId::from_raw(1),
            name: "x".into(),
            role,
            unit: None,
        };
        assert!(may_verify(&user(Role::Admin)));
        assert!(may_verify(&user(Role::Secretariat)));
        assert!(!may_verify(&user(Role::Owner)));
        assert!(!may_publish(&user(Role::Viewer)));
    }

    #[test]
    fn api_tokens_are_prefixed_and_kept_hashed() {
        let made = new_api_token().expect("token");
        assert!(made.token.starts_with(TOKEN_PREFIX));
        assert_eq!(made.hash, token_hash(&made.token));
    }
}
