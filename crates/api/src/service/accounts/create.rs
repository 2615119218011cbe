//! Accounts: validating and creating them, for the API and the command line alike; failures are
//! [`Error`]s of the service layer.

use puente_workflow::intake::{Email, MexicanState};
use puente_workflow::text::{self, Lines};
use puente_workflow::{FieldError, Role};

use crate::entity::user;
use crate::service::Error;
use crate::service::auth::{Hasher, password};
use crate::service::repo::orgs;
use crate::service::repo::users::{self, NewUser};

/// Collects field problems and fails with all of them at once.
#[derive(Default)]
pub struct Check(pub Vec<FieldError>);

impl Check {
    /// A required text on one line of at most `max` characters, trimmed.
    pub fn text(&mut self, field: &str, value: &str, max: usize) -> String {
        self.lines(field, value, max, Lines::One)
    }

    /// The same for a text that may run over several lines (a reason).
    pub fn multiline(&mut self, field: &str, value: &str, max: usize) -> String {
        self.lines(field, value, max, Lines::Many)
    }

    fn lines(&mut self, field: &str, value: &str, max: usize, lines: Lines) -> String {
        // Names reach e-mails, documents and exports: a line break or an invisible control
        // character in one would turn into text of its own there.
        if let Some(problem) = text::check(field, value, lines) {
            self.0.push(problem);
            return String::new();
        }
        let value = value.trim();
        if value.is_empty() {
            self.0.push(FieldError::new(field, "required"));
        } else if value.chars().count() > max {
            self.0
                .push(FieldError::new(field, "too_long").with("max", max));
        }
        value.to_owned()
    }

    /// An e-mail address, in lower case.
    pub fn email(&mut self, field: &str, value: &str) -> String {
        match Email::parse(value) {
            Ok(email) => email.as_str().to_lowercase(),
            Err(_) => {
                self.0.push(FieldError::new(field, "email.invalid"));
                String::new()
            }
        }
    }

    /// A federal entity's ISO code.
    pub fn state(&mut self, field: &str, value: &str) -> Option<MexicanState> {
        let parsed = value.parse::<MexicanState>().ok();
        if parsed.is_none() {
            self.0.push(FieldError::new(field, "state.unknown"));
        }
        parsed
    }

    /// A new password: its length, not a common one, and not mostly words of its `context`
    /// (the person's name, e-mail address, organization).
    pub fn password(&mut self, field: &str, value: &str, context: &[&str]) {
        if let Err(error) = password::check(field, value, context) {
            self.0.push(error);
        }
    }

    /// Fails with every problem found, if any.
    pub fn done(self) -> Result<(), Error> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.0))
        }
    }
}

/// A new account, as asked for.
pub struct NewAccount<'a> {
    /// E-mail address (the login).
    pub email: &'a str,
    /// Full name.
    pub name: &'a str,
    /// Role, which must fit the organization's kind.
    pub role: Role,
    /// The organization.
    pub organization: uuid::Uuid,
    /// Whether an admin (managers only).
    pub admin: bool,
    /// The password in clear, hashed here.
    pub password: String,
    /// Language.
    pub locale: puente_i18n::Lang,
}

/// Creates an account after checking its role fits its organization; used by the API and the
/// command line.
pub async fn create(
    db: &impl sea_orm::ConnectionTrait,
    hasher: &Hasher,
    new: NewAccount<'_>,
    now: time::OffsetDateTime,
) -> Result<user::Model, Error> {
    let NewAccount {
        email,
        name,
        role,
        organization,
        admin,
        password,
        locale,
    } = new;
    let state_db = db;
    let mut check = Check::default();
    let name = check.text("name", name, 200);
    let email = check.email("email", email);
    check.password("password", &password, &[&name, &email]);
    if admin && role != Role::Manager {
        check
            .0
            .push(FieldError::new("admin", "admin.managers_only"));
    }
    let org = orgs::find(state_db, organization).await?;
    match org.as_ref().map(|o| o.kind) {
        None => check
            .0
            .push(FieldError::new("organization_id", "organization.unknown")),
        Some(kind) if kind.role() != role => check
            .0
            .push(FieldError::new("role", "role.organization_mismatch")),
        Some(_) => {}
    }
    check.done()?;
    if users::by_email(state_db, &email).await?.is_some() {
        return Err(Error::field("email", "email.taken"));
    }
    let password_hash = hasher.hash(password).await?;
    let created = users::create(
        state_db,
        NewUser {
            organization,
            email: &email,
            name: &name,
            role,
            admin,
            password_hash,
            locale: locale.code(),
            email_confirmed: true,
        },
        now,
    )
    .await;
    match created {
        Err(error) if crate::service::repo::is_unique_violation(&error) => {
            Err(Error::field("email", "email.taken"))
        }
        other => Ok(other?),
    }
}
