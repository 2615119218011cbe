//! Sample cases, fictional, that between them take every branch of the templates: Mexican
//! associates only or not (one foreigner, several), a board (of two, three or four) or a sole
//! administrator, a donataria autorizada or not and the LISR fractions it names (one, both, not
//! chosen yet), a domicile in a state, in Mexico City and in the State of Mexico, with and
//! without a name authorization (with and without its CUD) and an attorney (a woman, a man, of
//! unknown gender), offices held by women and men and by people of unknown gender, generales
//! known and unknown, five proposed names, accents and ñ. `puente templates check`, the golden
//! tests and the benchmark render them.

use time::macros::date;

use crate::facts::{
    Associate, Attorney, BoardRole, Contact, Domicile, Facts, FiledDocument, Gender,
    Identification, LisrFraction, NameAuthorization, Notary, NotaryFees, Paper, Particulars,
};

/// An associate whose gender is the one the CURP records (unknown without a CURP), and whose
/// other generales are not known yet.
fn associate(name: &str, nationality: &str, curp: Option<&str>, role: BoardRole) -> Associate {
    Associate {
        full_name: name.into(),
        nationality: nationality.into(),
        curp: curp.map(Into::into),
        rfc: None,
        email: None,
        board_role: role,
        gender: curp.and_then(Gender::from_curp),
        particulars: Particulars::default(),
    }
}

/// A paper delivered to the notary, of an associate when named.
fn paper(paper: Paper, associate: Option<&str>) -> FiledDocument {
    FiledDocument {
        paper,
        associate: associate.map(Into::into),
    }
}

/// Mexican associates only, a board, a donataria autorizada (LISR art. 79 fr. VI), the name
/// authorized with its CUD, an attorney who is a woman, five proposed names.
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
            state_code: "MX-CHH".into(),
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
        lisr_fractions: vec![LisrFraction::VI],
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
            cud: Some("A202610011027384561".into()),
        }),
        notary: Some(Notary {
            name: "Rosa Elena Márquez Soto".into(),
            number: "12".into(),
            district: "Bravos".into(),
            seat: Domicile {
                state: "Chihuahua".into(),
                state_code: "MX-CHH".into(),
                ..Domicile::default()
            },
            fees: NotaryFees::ProBono,
        }),
        attorney: Some(Attorney {
            name: "Lic. Mariana Cortés Ruiz".into(),
            email: "mcortes@bufetesolidario.mx".into(),
            gender: Some(Gender::Feminine),
        }),
        firm: Some("Bufete Solidario, S.C.".into()),
        documents: vec![
            paper(Paper::NameAuthorization, None),
            paper(Paper::FounderId, Some("Gloria Hernández García")),
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
            state_code: "MX-CHP".into(),
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
        lisr_fractions: Vec::new(),
        shelter: "Albergue La Esperanza".into(),
        name_authorization: None,
        attorney: None,
        firm: None,
        documents: Vec::new(),
        notary: None,
        ..mexican_board_donataria()
    }
}

/// Several foreign associates on a board with a vocal, no donataria; the foreigners have no
/// CURP, so the gender of one is unknown (the masculine generic) and another's was given.
pub fn foreigners_board() -> Facts {
    let mut treasurer = associate("Yulimar Pérez Rondón", "VE", None, BoardRole::Treasurer);
    treasurer.gender = Some(Gender::Feminine);
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
            treasurer,
            associate("Kwame Mensah", "GH", None, BoardRole::Member),
        ],
        donataria: false,
        lisr_fractions: Vec::new(),
        ..mexican_board_donataria()
    }
}

/// Mexico City (an alcaldía, not a municipio), a board of two (a president and a secretary,
/// no treasurer), a donataria whose LISR fraction the lawyer has not chosen yet, nothing
/// authorized yet.
pub fn mexico_city_board() -> Facts {
    Facts {
        reference: "PUE-2026-000126".into(),
        proposed_names: vec![
            "Refugio Camino Seguro".into(),
            "Casa de Acogida Camino Seguro".into(),
        ],
        purpose: "Dar acogida temporal, alimentación y acompañamiento a personas migrantes y \
                  solicitantes de la condición de refugiado en la Ciudad de México."
            .into(),
        domicile: Domicile {
            state: "Ciudad de México".into(),
            state_code: "MX-CMX".into(),
            municipality: "Cuauhtémoc".into(),
            address: "Calle Río Lerma 32, Colonia Cuauhtémoc, C.P. 06500".into(),
        },
        associates: vec![
            associate(
                "Rosa Elvira Quiñones Téllez",
                "MX",
                Some("QUTR700514MDFXLS08"),
                BoardRole::President,
            ),
            associate(
                "Andrés Villaseñor Ortega",
                "MX",
                Some("VIOA851130HDFLRN02"),
                BoardRole::Secretary,
            ),
        ],
        board: true,
        legal_representative: 0,
        donataria: true,
        lisr_fractions: Vec::new(),
        shelter: "Refugio Camino Seguro".into(),
        contact: Contact {
            name: "Rosa Elvira Quiñones".into(),
            phone: "+52 55 5123 4567".into(),
            email: "contacto@caminoseguro.org.mx".into(),
        },
        name_authorization: None,
        notary: Some(Notary {
            name: "Tomás Arriaga Luján".into(),
            number: "251".into(),
            district: String::new(),
            seat: Domicile {
                state: "Ciudad de México".into(),
                state_code: "MX-CMX".into(),
                ..Domicile::default()
            },
            fees: NotaryFees::Reduced,
        }),
        documents: Vec::new(),
        ..mexican_board_donataria()
    }
}

/// The legal minimum of two associates, both Mexican, with a sole administrator, in the State of
/// Mexico; no donataria, nothing authorized, no attorney yet.
pub fn two_associates_sole_administrator() -> Facts {
    Facts {
        reference: "PUE-2026-000127".into(),
        proposed_names: vec!["Comedor del Migrante San Bartolo".into()],
        purpose: "Ofrecer alimentación, descanso y orientación a personas migrantes que viajan \
                  en tren por el norte del Estado de México"
            .into(),
        domicile: Domicile {
            state: "México".into(),
            state_code: "MX-MEX".into(),
            municipality: "Huehuetoca".into(),
            address: "Avenida del Ferrocarril 8, Barrio San Bartolo, C.P. 54680".into(),
        },
        associates: vec![
            associate(
                "Tomás Ibarra Zúñiga",
                "MX",
                Some("IAZT780902HMCBXM04"),
                BoardRole::None,
            ),
            associate(
                "Lucía Peña Alvarado",
                "MX",
                Some("PEAL920317MMCXLC09"),
                BoardRole::None,
            ),
        ],
        board: false,
        legal_representative: 0,
        donataria: false,
        lisr_fractions: Vec::new(),
        shelter: "Comedor del Migrante San Bartolo".into(),
        contact: Contact {
            name: "Tomás Ibarra".into(),
            phone: "+52 55 6123 4567".into(),
            email: "comedor.sanbartolo@ejemplo.mx".into(),
        },
        name_authorization: None,
        attorney: None,
        firm: None,
        documents: Vec::new(),
        notary: None,
        ..mexican_board_donataria()
    }
}

/// A donataria whose bylaws name both LISR fractions (VI, actividades asistenciales, and XXV
/// b), derechos humanos), on a board of four with a vocal, the name authorized with its CUD.
pub fn donataria_both_fractions() -> Facts {
    Facts {
        reference: "PUE-2026-000128".into(),
        proposed_names: vec!["Casa del Caminante del Istmo".into()],
        purpose: "Brindar hospedaje, alimentación y atención humanitaria a personas migrantes, \
                  y promover y defender sus derechos humanos, en Ciudad Ixtepec, Oaxaca."
            .into(),
        domicile: Domicile {
            state: "Oaxaca".into(),
            state_code: "MX-OAX".into(),
            municipality: "Ciudad Ixtepec".into(),
            address: "Calle Ferrocarril 15, Barrio La Soledad, C.P. 70110".into(),
        },
        associates: vec![
            associate(
                "Alejandra Solís Matus",
                "MX",
                Some("SOMA810222MOCLTL06"),
                BoardRole::President,
            ),
            associate(
                "Heriberto Cruz Villalobos",
                "MX",
                Some("CUVH760719HOCRLR03"),
                BoardRole::Secretary,
            ),
            associate(
                "Inés Toledo Guzmán",
                "MX",
                Some("TOGI890408MOCLZN01"),
                BoardRole::Treasurer,
            ),
            associate(
                "Fidel Jiménez Orozco",
                "MX",
                Some("JIOF680125HOCMRD07"),
                BoardRole::Member,
            ),
        ],
        board: true,
        legal_representative: 0,
        donataria: true,
        lisr_fractions: vec![LisrFraction::VI, LisrFraction::XxvB],
        shelter: "Casa del Caminante del Istmo".into(),
        contact: Contact {
            name: "Alejandra Solís".into(),
            phone: "+52 971 123 4567".into(),
            email: "contacto@caminantedelistmo.org.mx".into(),
        },
        name_authorization: Some(NameAuthorization {
            name: "Casa del Caminante del Istmo".into(),
            authorized_on: date!(2026 - 10 - 15),
            expires_on: date!(2027 - 04 - 13),
            cud: Some("A202610151130552093".into()),
        }),
        documents: Vec::new(),
        notary: None,
        ..mexican_board_donataria()
    }
}

/// A board whose three offices are held by women (Presidenta, Secretaria, Tesorera) with a man
/// as vocal, in Nuevo León; the name authorized before its CUD was recorded (a blank for it);
/// an attorney whose gender is not known; every paper the letter lists.
pub fn woman_led_board() -> Facts {
    let mut president = associate(
        "Guadalupe Treviño Garza",
        "MX",
        Some("TEGG780315MNLRRD05"),
        BoardRole::President,
    );
    president.rfc = Some("TEGG780315QX2".into());
    president.email = Some("lupita@casadelperegrino.org.mx".into());
    Facts {
        reference: "PUE-2026-000129".into(),
        proposed_names: vec!["Casa del Peregrino de Monterrey".into()],
        purpose: "Brindar albergue, alimentación y orientación a mujeres y familias migrantes \
                  en tránsito por el área metropolitana de Monterrey."
            .into(),
        domicile: Domicile {
            state: "Nuevo León".into(),
            state_code: "MX-NLE".into(),
            municipality: "Monterrey".into(),
            address: "Calle Aramberri 410, Centro, C.P. 64000".into(),
        },
        associates: vec![
            president,
            associate(
                "María Elena Cárdenas Villarreal",
                "MX",
                Some("CAVE690822MNLRLL03"),
                BoardRole::Secretary,
            ),
            associate(
                "Daniela Ríos Salinas",
                "MX",
                Some("RISD910105MNLSLN08"),
                BoardRole::Treasurer,
            ),
            associate(
                "Ernesto Garza Leal",
                "MX",
                Some("GALE830611HNLRLR02"),
                BoardRole::Member,
            ),
        ],
        board: true,
        legal_representative: 0,
        donataria: false,
        lisr_fractions: Vec::new(),
        shelter: "Casa del Peregrino".into(),
        contact: Contact {
            name: "Guadalupe Treviño".into(),
            phone: "+52 81 1234 5678".into(),
            email: "contacto@casadelperegrino.org.mx".into(),
        },
        name_authorization: Some(NameAuthorization {
            name: "Casa del Peregrino de Monterrey".into(),
            authorized_on: date!(2026 - 09 - 14),
            expires_on: date!(2027 - 03 - 13),
            cud: None,
        }),
        attorney: Some(Attorney {
            name: "Lic. Daniel Ochoa Puente".into(),
            email: "dochoa@ochoayasociados.mx".into(),
            gender: None,
        }),
        firm: Some("Ochoa y Asociados, S.C.".into()),
        documents: vec![
            paper(Paper::NameAuthorization, None),
            paper(Paper::FounderId, Some("Guadalupe Treviño Garza")),
            paper(Paper::FounderId, Some("María Elena Cárdenas Villarreal")),
            paper(
                Paper::FounderTaxCertificate,
                Some("Guadalupe Treviño Garza"),
            ),
            paper(Paper::ProofOfAddress, None),
        ],
        notary: None,
        ..mexican_board_donataria()
    }
}

/// A sole administrator who is a foreigner with a humanitarian visa (tarjeta de visitante por
/// razones humanitarias), a Mauritanian woman with a temporary CURP and no RFC, whose generales
/// are known; one Mexican associate; in Tijuana; the name authorized; an attorney who is a man.
pub fn foreigner_with_humanitarian_visa() -> Facts {
    let mut administrator = associate(
        "Mariem Mint Ahmed",
        "MR",
        Some("MIAM900512MNEXHR09"),
        BoardRole::None,
    );
    administrator.email = Some("mariem@fronteradigna.org.mx".into());
    administrator.particulars = Particulars {
        birth_place: Some("Nuakchot, República Islámica de Mauritania".into()),
        birth_date: Some(date!(1990 - 05 - 12)),
        civil_status: Some("soltera".into()),
        occupation: Some("trabajadora social".into()),
        address: Some("Calle Segunda 2150, Zona Centro, Tijuana, Baja California".into()),
        identification: Some(Identification {
            document: "pasaporte".into(),
            number: "B04411872".into(),
        }),
        immigration: Some(Identification {
            document: "tarjeta de visitante por razones humanitarias".into(),
            number: "VRH2026005530".into(),
        }),
    };
    Facts {
        reference: "PUE-2026-000130".into(),
        proposed_names: vec!["Casa de Acogida Frontera Digna".into()],
        purpose: "Brindar albergue temporal, alimentación y acompañamiento a personas migrantes \
                  y solicitantes de asilo en Tijuana, Baja California."
            .into(),
        domicile: Domicile {
            state: "Baja California".into(),
            state_code: "MX-BCN".into(),
            municipality: "Tijuana".into(),
            address: "Calle Segunda 2150, Zona Centro, C.P. 22000".into(),
        },
        associates: vec![
            administrator,
            associate(
                "Rubén Castillo Ortiz",
                "MX",
                Some("CAOR850703HBCSRB06"),
                BoardRole::None,
            ),
        ],
        board: false,
        legal_representative: 0,
        donataria: false,
        lisr_fractions: Vec::new(),
        shelter: "Casa de Acogida Frontera Digna".into(),
        contact: Contact {
            name: "Rubén Castillo".into(),
            phone: "+52 664 123 4567".into(),
            email: "contacto@fronteradigna.org.mx".into(),
        },
        name_authorization: Some(NameAuthorization {
            name: "Casa de Acogida Frontera Digna".into(),
            authorized_on: date!(2026 - 11 - 02),
            expires_on: date!(2027 - 05 - 01),
            cud: Some("A202611020915263847".into()),
        }),
        attorney: Some(Attorney {
            name: "Lic. Rodrigo Peña Franco".into(),
            email: "rpena@clinicafronteriza.org.mx".into(),
            gender: Some(Gender::Masculine),
        }),
        firm: Some("Clínica Jurídica Fronteriza".into()),
        documents: vec![
            paper(Paper::NameAuthorization, None),
            paper(Paper::FounderId, Some("Mariem Mint Ahmed")),
        ],
        notary: None,
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
        ("mexico_city_board", mexico_city_board()),
        (
            "two_associates_sole_administrator",
            two_associates_sole_administrator(),
        ),
        ("donataria_both_fractions", donataria_both_fractions()),
        ("woman_led_board", woman_led_board()),
        (
            "foreigner_with_humanitarian_visa",
            foreigner_with_humanitarian_visa(),
        ),
    ]
}
