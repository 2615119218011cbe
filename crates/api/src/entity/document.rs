use puente_workflow::DocumentKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub case_id: Uuid,
    pub kind: DocumentKind,
    /// 0, or for an associate's papers the associate's position plus one.
    pub slot: i32,
    pub version: i32,
    /// The uploader's file name, sanitized: metadata only, never a path.
    pub filename: String,
    /// Decided from the content.
    pub content_type: String,
    pub size: i64,
    /// SHA-256 of the plaintext, hex.
    pub sha256: String,
    pub object_key: String,
    /// The master key that wraps `wrapped_key`.
    pub key_id: String,
    /// The document's own key, wrapped (base64).
    pub wrapped_key: String,
    pub uploaded_by: Uuid,
    pub created_at: TimeDateTimeWithTimeZone,
    pub deleted_at: Option<TimeDateTimeWithTimeZone>,
    pub deleted_by: Option<Uuid>,
    /// When the retention of a deleted document ended and its object, file name and key were
    /// removed.
    pub purged_at: Option<TimeDateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
