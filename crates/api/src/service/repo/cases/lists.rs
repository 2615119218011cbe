//! The lists of cases: who may list which ([`Scope`]), the filters and order of a list, and its
//! pages by keyset cursor.

use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use time::OffsetDateTime;
use uuid::Uuid;

use puente_workflow::Status;

use crate::entity::case::{self, Entity as Cases, Model};
use crate::service::repo::page::{self, Cursor, Direction};

/// Which cases a caller may list.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// A manager: all.
    All,
    /// A shelter: its own.
    Shelter(Uuid),
    /// A lawyer: open cases, theirs and their firm's.
    Lawyer {
        /// The lawyer.
        user: Uuid,
        /// Their firm.
        firm: Uuid,
    },
}

impl Scope {
    /// The cases a user of `role` may list.
    pub fn of(role: puente_workflow::Role, user: Uuid, organization: Uuid) -> Scope {
        match role {
            puente_workflow::Role::Manager => Scope::All,
            puente_workflow::Role::Shelter => Scope::Shelter(organization),
            puente_workflow::Role::Lawyer => Scope::Lawyer {
                user,
                firm: organization,
            },
        }
    }
}

/// The order of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// The newest first (by creation).
    #[default]
    Newest,
    /// The oldest first (by creation).
    Oldest,
    /// Those waiting longest in their current state first (the screening queue, the board).
    Waiting,
    /// Those that entered their current state most recently first.
    Recent,
}

impl Order {
    /// Its name in a query string (`order=`, `sort=`).
    pub fn as_str(self) -> &'static str {
        match self {
            Order::Newest => "newest",
            Order::Oldest => "oldest",
            Order::Waiting => "waiting",
            Order::Recent => "recent",
        }
    }

    /// The order named `name` in a query string.
    pub fn parse(name: &str) -> Option<Order> {
        [Order::Newest, Order::Oldest, Order::Waiting, Order::Recent]
            .into_iter()
            .find(|order| order.as_str() == name)
    }

    /// Whether it runs by when the cases entered their current state (rather than by creation).
    pub fn by_state_change(self) -> bool {
        matches!(self, Order::Waiting | Order::Recent)
    }
}

/// List filters (API.md) and the page asked for.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// By state of the workflow.
    pub status: Option<Status>,
    /// By federal entity of the domicile.
    pub state: Option<String>,
    /// By law firm.
    pub firm: Option<Uuid>,
    /// By lawyer.
    pub lawyer: Option<Uuid>,
    /// Text in the reference or the first proposed name.
    pub q: Option<String>,
    /// Only cases in their current state since this moment or before.
    pub waiting_since: Option<OffsetDateTime>,
    /// The order.
    pub order: Order,
    /// Only cases after this point of the order (the cursor of the page before).
    pub after: Option<Cursor<OffsetDateTime>>,
    /// Whether the cases are read without their intake (left `{}`), for readers that never look
    /// at it ([`super::without_intake`]).
    pub without_intake: bool,
}

/// The cases of `scope` that pass `filter`, without regard to the page.
fn matching(scope: Scope, filter: &Filter) -> sea_orm::Select<Cases> {
    let mut query = Cases::find();
    query = match scope {
        Scope::All => query,
        Scope::Shelter(org) => query.filter(case::Column::ShelterId.eq(org)),
        Scope::Lawyer { user, firm } => query.filter(
            Condition::any()
                .add(case::Column::Status.eq(Status::Open))
                .add(case::Column::LawyerId.eq(user))
                .add(case::Column::FirmId.eq(firm)),
        ),
    };
    if let Some(status) = filter.status {
        query = query.filter(case::Column::Status.eq(status));
    }
    if let Some(state) = &filter.state {
        query = query.filter(case::Column::DomicileState.eq(state.as_str()));
    }
    if let Some(firm) = filter.firm {
        query = query.filter(case::Column::FirmId.eq(firm));
    }
    if let Some(lawyer) = filter.lawyer {
        query = query.filter(case::Column::LawyerId.eq(lawyer));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", q.to_lowercase().replace(['%', '_'], ""));
        query = query.filter(
            Condition::any()
                .add(Func::lower(Expr::col(case::Column::Reference)).like(pattern.clone()))
                .add(Func::lower(Expr::col(case::Column::Title)).like(pattern)),
        );
    }
    if let Some(since) = filter.waiting_since {
        query = query.filter(case::Column::StatusChangedAt.lte(since));
    }
    query
}

/// One page of the cases of `scope` that pass `filter`, in its order: at most `limit`, and
/// whether more follow.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: Scope,
    filter: &Filter,
    limit: u64,
) -> Result<(Vec<Model>, bool), sea_orm::DbErr> {
    let (key, direction) = match filter.order {
        Order::Newest => (case::Column::CreatedAt, Direction::Descending),
        Order::Oldest => (case::Column::CreatedAt, Direction::Ascending),
        Order::Waiting => (case::Column::StatusChangedAt, Direction::Ascending),
        Order::Recent => (case::Column::StatusChangedAt, Direction::Descending),
    };
    let mut matching = matching(scope, filter);
    if filter.without_intake {
        matching = super::without_intake(matching);
    }
    let query = page::keyset(
        matching,
        key,
        case::Column::Id,
        direction,
        filter.after.as_ref(),
        limit,
    );
    Ok(page::split(query.all(db).await?, limit))
}

/// Where the page that ends with `case` ends, in `order`.
pub fn cursor_of(case: &Model, order: Order) -> Cursor<OffsetDateTime> {
    Cursor {
        at: if order.by_state_change() {
            case.status_changed_at
        } else {
            case.created_at
        },
        id: case.id,
    }
}

/// How many cases of `scope` pass `filter`, on every page together.
pub async fn count(
    db: &impl ConnectionTrait,
    scope: Scope,
    filter: &Filter,
) -> Result<u64, sea_orm::DbErr> {
    use sea_orm::PaginatorTrait;
    matching(scope, filter).count(db).await
}
