//! The database tables as sea-orm entities. Queries live in `crate::service::repo`, not here.
#![allow(missing_docs)] // each column is named after what it holds; the migration documents them

pub mod case;
pub mod case_event;
pub mod comment;
pub mod document;
pub mod email_token;
pub mod hours;
pub mod login_attempt;
pub mod organization;
pub mod outbox;
pub mod recovery_code;
pub mod refresh_token;
pub mod session;
pub mod throttle;
pub mod user;

#[cfg(test)]
mod tests {
    use puente_workflow::{DocumentKind, Role, Status};
    use sea_orm::{ActiveEnum, Iterable};

    use super::organization::OrgKind;
    use crate::service::mail::Notice;

    /// Each typed column stores its value's wire name, the text the tables have always held.
    fn stores_wire_names<T>()
    where
        T: ActiveEnum<Value = String> + Iterable + serde::Serialize + std::fmt::Debug,
    {
        let all: Vec<T> = T::iter().collect();
        assert!(!all.is_empty());
        for value in all {
            let wire = serde_json::to_value(&value).unwrap();
            assert_eq!(wire.as_str(), Some(value.to_value().as_str()), "{value:?}");
            assert_eq!(
                T::try_from_value(&value.to_value()).unwrap().to_value(),
                value.to_value()
            );
        }
    }

    #[test]
    fn typed_columns_store_their_wire_names() {
        stores_wire_names::<Role>();
        stores_wire_names::<Status>();
        stores_wire_names::<DocumentKind>();
        stores_wire_names::<OrgKind>();
        stores_wire_names::<Notice>();
        for notice in Notice::ALL {
            assert_eq!(notice.to_value(), notice.as_str());
        }
        assert_eq!(Status::iter().count(), Status::ALL.len());
        assert_eq!(DocumentKind::iter().count(), DocumentKind::ALL.len());
        assert_eq!(Notice::iter().count(), Notice::ALL.len());
    }
}
