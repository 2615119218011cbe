//! The first schema: organizations, users, refresh tokens, login attempts, cases, their
//! hash-chained history, comments, pro bono hours and the notification outbox.
// `async_trait` writes the signatures `MigrationTrait` declares, with the lifetime elided.
#![allow(elided_lifetimes_in_paths)]

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
    Kind,
    Name,
    State,
    Municipality,
    Verified,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    OrganizationId,
    Email,
    Name,
    Role,
    Admin,
    PasswordHash,
    Locale,
    Active,
    TokenVersion,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum RefreshTokens {
    Table,
    Id,
    UserId,
    FamilyId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    RevokedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LoginAttempts {
    Table,
    Id,
    Email,
    Address,
    Succeeded,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Cases {
    Table,
    Id,
    Reference,
    Status,
    HeldFrom,
    Version,
    ShelterId,
    LawyerId,
    FirmId,
    DomicileState,
    Title,
    Intake,
    NameAuthorization,
    Deed,
    Folio,
    Rfc,
    HistoryHead,
    HistoryLength,
    CreatedAt,
    UpdatedAt,
    StatusChangedAt,
    LastActivityAt,
}

#[derive(DeriveIden)]
enum CaseEvents {
    Table,
    Id,
    CaseId,
    Seq,
    ActorId,
    ActorRole,
    Event,
    Data,
    StateBefore,
    StateAfter,
    HeldFromAfter,
    CreatedAt,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
    CaseId,
    AuthorId,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Hours {
    Table,
    Id,
    CaseId,
    LawyerId,
    FirmId,
    WorkedOn,
    Minutes,
    Description,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Kind,
    CaseId,
    RecipientId,
    Payload,
    Attempts,
    NextAttemptAt,
    SentAt,
    FailedAt,
    LastError,
    CreatedAt,
}

fn index(name: &str, table: impl IntoIden, columns: &[&'static str]) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement.name(name).table(table);
    for column in columns {
        statement.col(Alias::new(*column));
    }
    statement.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organizations::Table)
                    .col(uuid(Organizations::Id).primary_key())
                    .col(string_len(Organizations::Kind, 16))
                    .col(string_len(Organizations::Name, 200))
                    .col(string_len_null(Organizations::State, 6))
                    .col(string_len_null(Organizations::Municipality, 200))
                    .col(boolean(Organizations::Verified).default(false))
                    .col(timestamp_with_time_zone(Organizations::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(uuid(Users::Id).primary_key())
                    .col(uuid(Users::OrganizationId))
                    .col(string_len_uniq(Users::Email, 254))
                    .col(string_len(Users::Name, 200))
                    .col(string_len(Users::Role, 16))
                    .col(boolean(Users::Admin).default(false))
                    .col(string_len(Users::PasswordHash, 200))
                    .col(string_len(Users::Locale, 8))
                    .col(boolean(Users::Active).default(true))
                    .col(integer(Users::TokenVersion).default(0))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::OrganizationId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RefreshTokens::Table)
                    .col(uuid(RefreshTokens::Id).primary_key())
                    .col(uuid(RefreshTokens::UserId))
                    .col(uuid(RefreshTokens::FamilyId))
                    .col(string_len_uniq(RefreshTokens::TokenHash, 64))
                    .col(timestamp_with_time_zone(RefreshTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(RefreshTokens::UsedAt))
                    .col(timestamp_with_time_zone_null(RefreshTokens::RevokedAt))
                    .col(timestamp_with_time_zone(RefreshTokens::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RefreshTokens::Table, RefreshTokens::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LoginAttempts::Table)
                    .col(uuid(LoginAttempts::Id).primary_key())
                    .col(string_len(LoginAttempts::Email, 254))
                    .col(string_len(LoginAttempts::Address, 64))
                    .col(boolean(LoginAttempts::Succeeded))
                    .col(timestamp_with_time_zone(LoginAttempts::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Cases::Table)
                    .col(uuid(Cases::Id).primary_key())
                    .col(string_len_uniq(Cases::Reference, 32))
                    .col(string_len(Cases::Status, 32))
                    .col(string_len_null(Cases::HeldFrom, 32))
                    .col(integer(Cases::Version))
                    .col(uuid(Cases::ShelterId))
                    .col(uuid_null(Cases::LawyerId))
                    .col(uuid_null(Cases::FirmId))
                    .col(string_len_null(Cases::DomicileState, 6))
                    .col(string_len(Cases::Title, 200))
                    .col(json(Cases::Intake))
                    .col(json_null(Cases::NameAuthorization))
                    .col(json_null(Cases::Deed))
                    .col(string_len_null(Cases::Folio, 300))
                    .col(string_len_null(Cases::Rfc, 13))
                    .col(string_len(Cases::HistoryHead, 64))
                    .col(integer(Cases::HistoryLength))
                    .col(timestamp_with_time_zone(Cases::CreatedAt))
                    .col(timestamp_with_time_zone(Cases::UpdatedAt))
                    .col(timestamp_with_time_zone(Cases::StatusChangedAt))
                    .col(timestamp_with_time_zone(Cases::LastActivityAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Cases::Table, Cases::ShelterId)
                            .to(Organizations::Table, Organizations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CaseEvents::Table)
                    .col(uuid(CaseEvents::Id).primary_key())
                    .col(uuid(CaseEvents::CaseId))
                    .col(integer(CaseEvents::Seq))
                    .col(uuid_null(CaseEvents::ActorId))
                    .col(string_len_null(CaseEvents::ActorRole, 16))
                    .col(string_len(CaseEvents::Event, 32))
                    .col(json(CaseEvents::Data))
                    .col(string_len(CaseEvents::StateBefore, 32))
                    .col(string_len(CaseEvents::StateAfter, 32))
                    .col(string_len_null(CaseEvents::HeldFromAfter, 32))
                    .col(timestamp_with_time_zone(CaseEvents::CreatedAt))
                    .col(string_len(CaseEvents::PrevHash, 64))
                    .col(string_len(CaseEvents::Hash, 64))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CaseEvents::Table, CaseEvents::CaseId)
                            .to(Cases::Table, Cases::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Comments::Table)
                    .col(uuid(Comments::Id).primary_key())
                    .col(uuid(Comments::CaseId))
                    .col(uuid(Comments::AuthorId))
                    .col(text(Comments::Body))
                    .col(timestamp_with_time_zone(Comments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comments::Table, Comments::CaseId)
                            .to(Cases::Table, Cases::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Hours::Table)
                    .col(uuid(Hours::Id).primary_key())
                    .col(uuid(Hours::CaseId))
                    .col(uuid(Hours::LawyerId))
                    .col(uuid(Hours::FirmId))
                    .col(date(Hours::WorkedOn))
                    .col(integer(Hours::Minutes))
                    .col(string_len(Hours::Description, 1000))
                    .col(timestamp_with_time_zone(Hours::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Hours::Table, Hours::CaseId)
                            .to(Cases::Table, Cases::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(uuid(Outbox::Id).primary_key())
                    .col(string_len(Outbox::Kind, 64))
                    .col(uuid_null(Outbox::CaseId))
                    .col(uuid_null(Outbox::RecipientId))
                    .col(json(Outbox::Payload))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .col(timestamp_with_time_zone_null(Outbox::FailedAt))
                    .col(text_null(Outbox::LastError))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .to_owned(),
            )
            .await?;

        // Every list filter of API.md, the cursor order, and the lookups behind login, refresh
        // and the outbox worker.
        let indexes = [
            index("idx_users_organization", Users::Table, &["organization_id"]),
            index(
                "idx_refresh_tokens_family",
                RefreshTokens::Table,
                &["family_id"],
            ),
            index(
                "idx_refresh_tokens_user",
                RefreshTokens::Table,
                &["user_id"],
            ),
            index(
                "idx_login_attempts_email",
                LoginAttempts::Table,
                &["email", "created_at"],
            ),
            index(
                "idx_login_attempts_address",
                LoginAttempts::Table,
                &["address", "created_at"],
            ),
            index("idx_cases_list", Cases::Table, &["created_at", "id"]),
            index("idx_cases_status", Cases::Table, &["status", "created_at"]),
            index("idx_cases_state", Cases::Table, &["domicile_state"]),
            index("idx_cases_firm", Cases::Table, &["firm_id"]),
            index("idx_cases_lawyer", Cases::Table, &["lawyer_id"]),
            index("idx_cases_shelter", Cases::Table, &["shelter_id"]),
            index(
                "idx_comments_case",
                Comments::Table,
                &["case_id", "created_at"],
            ),
            index("idx_hours_case", Hours::Table, &["case_id"]),
            index("idx_hours_firm", Hours::Table, &["firm_id", "worked_on"]),
            index(
                "idx_outbox_pending",
                Outbox::Table,
                &["sent_at", "next_attempt_at"],
            ),
        ];
        for statement in indexes {
            manager.create_index(statement).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_case_events_sequence")
                    .table(CaseEvents::Table)
                    .col(CaseEvents::CaseId)
                    .col(CaseEvents::Seq)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Outbox::Table.into_iden(),
            Hours::Table.into_iden(),
            Comments::Table.into_iden(),
            CaseEvents::Table.into_iden(),
            Cases::Table.into_iden(),
            LoginAttempts::Table.into_iden(),
            RefreshTokens::Table.into_iden(),
            Users::Table.into_iden(),
            Organizations::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
