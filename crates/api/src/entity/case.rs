use puente_workflow::Status;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub reference: String,
    pub status: Status,
    pub held_from: Option<Status>,
    pub version: i32,
    pub shelter_id: Uuid,
    pub lawyer_id: Option<Uuid>,
    pub firm_id: Option<Uuid>,
    /// The intake's federal entity, kept apart for the `state` filter.
    pub domicile_state: Option<String>,
    /// The first proposed name, for lists and the `q` filter.
    pub title: String,
    pub intake: Json,
    pub name_authorization: Option<Json>,
    pub deed: Option<Json>,
    pub folio: Option<String>,
    /// `{folio, registry_office, inscribed_on}` (`puente_workflow::Filing`), once inscribed.
    pub filing: Option<Json>,
    /// The LISR art. 79 fractions the lawyer chose for the bylaws (a JSON array of codes).
    pub lisr_fractions: Option<Json>,
    /// The milestones after the signing (`puente_workflow::Milestones`), one by one.
    pub milestones: Option<Json>,
    /// The notary chosen for the signing (`puente_workflow::Notary`), once chosen.
    pub notary: Option<Json>,
    pub rfc: Option<String>,
    /// The hash of the case's last history event.
    pub history_head: String,
    pub history_length: i32,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
    pub status_changed_at: TimeDateTimeWithTimeZone,
    pub last_activity_at: TimeDateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
