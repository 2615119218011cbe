//! The 32 federal entities of Mexico, by their ISO 3166-2:MX codes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! states {
    ($($variant:ident => $code:literal, $name:literal;)*) => {
        /// A federal entity (entidad federativa) of Mexico: the 31 states and Mexico City.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "&'static str")]
        #[allow(missing_docs)] // each variant is named by its code and its official name
        pub enum MexicanState { $($variant,)* }

        impl MexicanState {
            /// Every entity, in the order of their ISO codes' names.
            pub const ALL: [MexicanState; 32] = [$(MexicanState::$variant,)*];

            /// The ISO 3166-2:MX code, such as `MX-CHH`.
            pub fn code(self) -> &'static str {
                match self { $(MexicanState::$variant => $code,)* }
            }

            /// The official name (a proper noun: the same in every language).
            pub fn name(self) -> &'static str {
                match self { $(MexicanState::$variant => $name,)* }
            }
        }
    };
}

states! {
    Aguascalientes => "MX-AGU", "Aguascalientes";
    BajaCalifornia => "MX-BCN", "Baja California";
    BajaCaliforniaSur => "MX-BCS", "Baja California Sur";
    Campeche => "MX-CAM", "Campeche";
    Chiapas => "MX-CHP", "Chiapas";
    Chihuahua => "MX-CHH", "Chihuahua";
    CiudadDeMexico => "MX-CMX", "Ciudad de México";
    Coahuila => "MX-COA", "Coahuila de Zaragoza";
    Colima => "MX-COL", "Colima";
    Durango => "MX-DUR", "Durango";
    Guanajuato => "MX-GUA", "Guanajuato";
    Guerrero => "MX-GRO", "Guerrero";
    Hidalgo => "MX-HID", "Hidalgo";
    Jalisco => "MX-JAL", "Jalisco";
    Mexico => "MX-MEX", "México";
    Michoacan => "MX-MIC", "Michoacán de Ocampo";
    Morelos => "MX-MOR", "Morelos";
    Nayarit => "MX-NAY", "Nayarit";
    NuevoLeon => "MX-NLE", "Nuevo León";
    Oaxaca => "MX-OAX", "Oaxaca";
    Puebla => "MX-PUE", "Puebla";
    Queretaro => "MX-QUE", "Querétaro";
    QuintanaRoo => "MX-ROO", "Quintana Roo";
    SanLuisPotosi => "MX-SLP", "San Luis Potosí";
    Sinaloa => "MX-SIN", "Sinaloa";
    Sonora => "MX-SON", "Sonora";
    Tabasco => "MX-TAB", "Tabasco";
    Tamaulipas => "MX-TAM", "Tamaulipas";
    Tlaxcala => "MX-TLA", "Tlaxcala";
    Veracruz => "MX-VER", "Veracruz de Ignacio de la Llave";
    Yucatan => "MX-YUC", "Yucatán";
    Zacatecas => "MX-ZAC", "Zacatecas";
}

/// The text is not the ISO 3166-2:MX code of a Mexican federal entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownMexicanState(pub String);

impl fmt::Display for UnknownMexicanState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not an ISO 3166-2:MX code", self.0)
    }
}

impl std::error::Error for UnknownMexicanState {}

impl FromStr for MexicanState {
    type Err = UnknownMexicanState;

    /// Accepts the code in any letter case (`mx-chh`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_uppercase();
        MexicanState::ALL
            .into_iter()
            .find(|state| state.code() == wanted)
            .ok_or_else(|| UnknownMexicanState(s.to_owned()))
    }
}

impl TryFrom<String> for MexicanState {
    type Error = UnknownMexicanState;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<MexicanState> for &'static str {
    fn from(state: MexicanState) -> &'static str {
        state.code()
    }
}

impl fmt::Display for MexicanState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// In the OpenAPI document: a string, one of the 32 codes.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for MexicanState {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(MexicanState::ALL.iter().map(|state| state.code())))
            .description(Some(
                "A federal entity of Mexico by its ISO 3166-2:MX code (`MX-CHH`).",
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for MexicanState {}
