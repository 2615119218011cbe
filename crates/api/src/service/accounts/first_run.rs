//! The first run: the program's organization and its first admin, created once on an empty
//! installation (`puente setup`). Until then Puente is not set up: nobody could verify a
//! shelter or screen its request, so shelters are not let register into it.

use puente_i18n::Lang;
use puente_workflow::Role;
use puente_workflow::intake::MexicanState;
use sea_orm::{DatabaseConnection, TransactionTrait};

use super::create::{self, Check, NewAccount};
use crate::entity::{organization, user};
use crate::service::Error;
use crate::service::auth::Hasher;
use crate::service::repo::orgs::{self, NewOrg, OrgKind};
use crate::service::repo::users;

/// What the first run asks for.
pub struct FirstRun<'a> {
    /// The program's name («Programa Puente de Apoyo Legal»).
    pub program: &'a str,
    /// Where the program is, as an ISO 3166-2:MX code, if it says.
    pub state: Option<&'a str>,
    /// The first admin's name.
    pub name: &'a str,
    /// The first admin's e-mail address (their login).
    pub email: &'a str,
    /// Their password, checked as any new one.
    pub password: String,
    /// Their language.
    pub locale: Lang,
}

/// Whether Puente is set up: some active admin can run the program.
pub async fn is_set_up(db: &impl sea_orm::ConnectionTrait) -> Result<bool, Error> {
    Ok(users::active_admins(db).await? > 0)
}

/// Creates the program's organization (verified) and its first admin, a manager whose address
/// counts as confirmed, in one transaction; 409 `already_set_up` once an active admin exists.
pub async fn set_up(
    db: &DatabaseConnection,
    hasher: &Hasher,
    first: FirstRun<'_>,
    now: time::OffsetDateTime,
) -> Result<(organization::Model, user::Model), Error> {
    let txn = db.begin().await?;
    if is_set_up(&txn).await? {
        return Err(Error::conflict("already_set_up"));
    }
    let mut check = Check::default();
    let program = check.text("program", first.program, 200);
    let state = first
        .state
        .filter(|code| !code.trim().is_empty())
        .and_then(|code| check.state("state", code.trim()));
    check.text("name", first.name, 200);
    check.email("email", first.email);
    check.password(
        "password",
        &first.password,
        &[first.name, first.email, &program],
    );
    check.done()?;
    let org = orgs::create(
        &txn,
        NewOrg {
            kind: OrgKind::Program,
            name: &program,
            state: state.map(MexicanState::code),
            municipality: None,
            verified: true,
        },
        now,
    )
    .await?;
    let admin = NewAccount {
        email: first.email,
        name: first.name,
        role: Role::Manager,
        organization: org.id,
        admin: true,
        password: first.password,
        locale: first.locale,
    };
    let person = create::create(&txn, hasher, admin, now).await?;
    txn.commit().await?;
    Ok((org, person))
}
