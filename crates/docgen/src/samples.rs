//! Sample cases, fictional, that between them take every branch of the templates: Mexican
//! associates only or not (one foreigner, several), a board or a sole administrator, a
//! donataria autorizada or not, with and without a name authorization and an attorney, five
//! proposed names, accents and ñ. `puente templates check`, the golden tests and the benchmark
//! render them.

use time::macros::date;

use crate::facts::{
    Associate, Attorney, BoardRole, Contact, Domicile, Facts, FiledDocument, NameAuthorization,
};

fn associate(name: &str, nationality: &str, curp: Option<&str>, role: BoardRole) -> Associate {
    Associate {
        full_name: name.into(),
        nationality: nationality.into(),
        curp: curp.map(Into::into),
        rfc: None,
        email: None,
        board_role: role,
    }
}

/// Mexican associates only, a board, a donataria autorizada, the name authorized, an attorney,
/// five proposed names.
pub fn mexican_board_donataria() -> Facts {
    let mut president = associate(
        "Gloria Hernández García",
        "MX",
        Some("HEGG560427MVZRRL04"),
        BoardRole::President,
    );
    president.rfc = Some("HEGG560427JD4".into());
    president.email = Some("gloria@pasolibre.org.mx".into());
    Facts {
        reference: "PUE-2026-000123".into(),
        date: date!(2026 - 11 - 22),
        proposed_names: vec![
            "Casa del Migrante Paso Libre".into(),
            "Albergue Paso Libre".into(),
            "Refugio Niños Héroes".into(),
            "Caminos de Esperanza".into(),
            "Puerta Abierta del Norte".into(),
        ],
        purpose: "Brindar albergue, alimentación y orientación jurídica a personas migrantes en tránsito por Ciudad Juárez.".into(),
        domicile: Domicile {
            state: "Chihuahua".into(),
            municipality: "Juárez".into(),
            address: "Calle Niños Héroes 123, Centro, C.P. 32000".into(),
        },
        associates: vec![
            president,
            associate(
                "José Ángel Peña Ibáñez",
                "MX",
                Some("PEIA800101HCHXBS05"),
                BoardRole::Secretary,
            ),
            associate(
                "Begoña Muñoz Núñez",
                "MX",
                Some("MUNB750612MCHXXG01"),
                BoardRole::Treasurer,
            ),
        ],
        board: true,
        legal_representative: 0,
        donataria: true,
        shelter: "Casa del Migrante Paso Libre".into(),
        contact: Contact {
            name: "Gloria Hernández".into(),
            phone: "+52 656 123 4567".into(),
            email: "contacto@pasolibre.org.mx".into(),
        },
        name_authorization: Some(NameAuthorization {
            name: "Casa del Migrante Paso Libre".into(),
            authorized_on: date!(2026 - 10 - 01),
            expires_on: date!(2027 - 03 - 30),
        }),
        attorney: Some(Attorney {
            name: "Lic. Mariana Cortés Ruiz".into(),
            email: "mcortes@bufetesolidario.mx".into(),
        }),
        firm: Some("Bufete Solidario, S.C.".into()),
        documents: vec![
            FiledDocument {
                kind: "Autorización de uso de denominación".into(),
                version: 1,
            },
            FiledDocument {
                kind: "Identificación oficial de un asociado".into(),
                version: 2,
            },
        ],
    }
}

/// One foreign associate, a sole administrator, no donataria, nothing authorized yet.
pub fn foreigner_sole_administrator() -> Facts {
    Facts {
        reference: "PUE-2026-000124".into(),
        proposed_names: vec!["Albergue La Esperanza de Tapachula".into()],
        purpose: "Acompañar a familias migrantes y solicitantes de asilo en la frontera sur."
            .into(),
        domicile: Domicile {
            state: "Chiapas".into(),
            municipality: "Tapachula".into(),
            address: "Avenida Central Sur 45".into(),
        },
        associates: vec![
            associate(
                "Ñeli Domínguez Cruz",
                "MX",
                Some("DOCN900315MCSMRL02"),
                BoardRole::None,
            ),
            associate("Jean-Baptiste Noël", "HT", None, BoardRole::None),
        ],
        board: false,
        legal_representative: 1,
        donataria: false,
        shelter: "Albergue La Esperanza".into(),
        name_authorization: None,
        attorney: None,
        firm: None,
        documents: Vec::new(),
        ..mexican_board_donataria()
    }
}

/// Several foreign associates on a board with a vocal, no donataria.
pub fn foreigners_board() -> Facts {
    Facts {
        reference: "PUE-2026-000125".into(),
        associates: vec![
            associate(
                "María Fernanda López Sáenz",
                "MX",
                Some("LOSM880220MDFPNR03"),
                BoardRole::President,
            ),
            associate("Wilson Antonio Reyes", "HN", None, BoardRole::Secretary),
            associate("Yulimar Pérez Rondón", "VE", None, BoardRole::Treasurer),
            associate("Kwame Mensah", "GH", None, BoardRole::Member),
        ],
        donataria: false,
        ..mexican_board_donataria()
    }
}

/// Every sample, by name.
pub fn all() -> Vec<(&'static str, Facts)> {
    vec![
        ("mexican_board_donataria", mexican_board_donataria()),
        (
            "foreigner_sole_administrator",
            foreigner_sole_administrator(),
        ),
        ("foreigners_board", foreigners_board()),
    ]
}
