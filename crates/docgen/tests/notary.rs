//! The constitutive act and the letter to the notary as the legal review (`LEGAL-REVIEW.md` §4,
//! N1–N13; findings C-4, C-5, M-1 to M-4, M-6, S-1 to S-4, S-6, S-11, L-5, L-6) asks for them,
//! and the words that agree with each person.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test's helpers fail loudly

use std::io::Read;

use puente_docgen::markup::Block;
use puente_docgen::{
    BoardRole, Error, Facts, Format, Gender, Generator, Kind, Templates, samples, spanish,
};

fn generator() -> Generator {
    Generator::new(Templates::embedded().unwrap())
}

fn text(kind: Kind, facts: &Facts) -> String {
    generator().document(kind, facts).unwrap().plain_text()
}

fn act(facts: &Facts) -> String {
    text(Kind::ConstitutiveAct, facts)
}

fn letter(facts: &Facts) -> String {
    text(Kind::NotaryLetter, facts)
}

/// Every line of `text` that starts with `start`.
fn line<'a>(text: &'a str, start: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with «{start}»:\n{text}"))
}

#[test]
fn the_act_leaves_the_deed_and_the_signing_to_the_notary() {
    for (name, facts) in samples::all() {
        let act = act(&facts);
        // N1, M-1: deed number, volume and the date of the signing are blanks.
        assert!(
            act.contains("ESCRITURA PÚBLICA NÚMERO ______. VOLUMEN ______."),
            "{name}"
        );
        // W1: the notary chosen is named; until then, blanks.
        let before_whom = match &facts.notary {
            Some(n) => format!(
                "a los ____ días del mes de ____ de ____, ante mí, Licenciado(a) {},",
                n.name
            ),
            None => {
                "a los ____ días del mes de ____ de ____, ante mí, Licenciado(a) ______".to_owned()
            }
        };
        assert!(act.contains(&before_whom), "{name}: {before_whom}");
        // The day the draft was generated never poses as the signing date.
        assert!(!act.contains(&spanish::date_in_words(facts.date)), "{name}");
        assert!(!act.contains(&spanish::date(facts.date)), "{name}");
        let mut later = facts.clone();
        later.date = later.date.next_day().unwrap();
        assert_eq!(self::act(&later), act, "{name}: the act depends on the day");
        // N2: the notary's number, district and state.
        let notary = match &facts.notary {
            Some(n) if n.seat.is_mexico_city() => format!(
                "Notario(a) Público(a) número {} de la Ciudad de México,",
                n.number
            ),
            Some(n) => format!(
                "Notario(a) Público(a) número {} del Distrito Judicial {} {},",
                n.number,
                n.district,
                spanish::of_the_entity(&n.seat)
            ),
            None if facts.domicile.is_mexico_city() => {
                "Notario(a) Público(a) número ______ de la Ciudad de México,".to_owned()
            }
            None => format!(
                "Notario(a) Público(a) número ______ del Distrito Judicial ______ {},",
                spanish::of_the_entity(&facts.domicile)
            ),
        };
        assert!(act.contains(&notary), "{name}: {notary}");
    }
    let mexico_city = act(&samples::mexico_city_board());
    assert!(!mexico_city.contains("Distrito Judicial"));
}

#[test]
fn the_act_is_dated_in_the_place_as_each_entity_is_divided() {
    // S-6, M-5: no municipio in Mexico City; "Estado de México".
    let mexico_city = act(&samples::mexico_city_board());
    assert!(mexico_city.contains("\nEn la Ciudad de México, alcaldía Cuauhtémoc, a los ____ días"));
    assert!(!mexico_city.contains("municipio"));
    assert!(
        act(&samples::two_associates_sole_administrator())
            .contains("\nEn el municipio de Huehuetoca, Estado de México, a los ____ días")
    );
    assert!(
        act(&samples::mexican_board_donataria())
            .contains("\nEn el municipio de Juárez, Chihuahua, a los ____ días")
    );
    let letter = letter(&samples::two_associates_sole_administrator());
    assert!(letter.contains("\nHuehuetoca, Estado de México, a 22 de noviembre de 2026.\n"));
    assert!(line(&letter, "Domicilio | ").ends_with(", Huehuetoca, Estado de México"));
    let letter = self::letter(&samples::mexico_city_board());
    assert!(letter.contains("\nCiudad de México, a 22 de noviembre de 2026.\n"));
    assert!(!letter.contains("municipio"));
}

#[test]
fn the_act_names_the_states_civil_code() {
    // M-4, computed in Rust (spanish::civil_code), not in the template.
    for (sample, code) in [
        (
            samples::mexican_board_donataria(),
            "Código Civil del Estado de Chihuahua",
        ),
        (
            samples::mexico_city_board(),
            "Código Civil para el Distrito Federal, aplicable en la Ciudad de México",
        ),
        (
            samples::two_associates_sole_administrator(),
            "Código Civil del Estado de México",
        ),
        (
            samples::woman_led_board(),
            "Código Civil del Estado de Nuevo León",
        ),
    ] {
        let act = act(&sample);
        assert!(
            act.contains(&format!(
                "la cual se regirá por las disposiciones del {code} y por los siguientes estatutos."
            )),
            "{code}"
        );
        assert!(!act.contains("Código Civil aplicable"));
    }
}

#[test]
fn the_act_cites_the_cud_and_the_deadline_of_the_aviso_de_uso() {
    // C-5, N4, N5.
    let authorized = act(&samples::mexican_board_donataria());
    assert!(authorized.contains(
        "ÚNICO. La Secretaría de Economía autorizó el uso de la denominación «Casa del Migrante \
         Paso Libre» mediante autorización con Clave Única del Documento A202610011027384561, de \
         fecha 1 de octubre de 2026, que se agrega al apéndice de este instrumento. El suscrito \
         notario dará el aviso de uso correspondiente a más tardar el 30 de marzo de 2027."
    ));
    assert!(!authorized.contains("PENDIENTE"));

    // An authorization recorded before the CUD was asked: a blank, never nothing.
    let older = act(&samples::woman_led_board());
    assert!(older.contains(
        "mediante autorización con Clave Única del Documento ______, de fecha 14 de septiembre \
         de 2026"
    ));
    let mut blank = samples::mexican_board_donataria();
    blank.name_authorization.as_mut().unwrap().cud = Some("  ".into());
    assert!(act(&blank).contains("Clave Única del Documento ______, de fecha"));
    let letter = letter(&samples::woman_led_board());
    assert!(letter.contains("Clave Única del Documento (CUD) | ______\n"));

    // Nothing authorized: a note that blocks the signing.
    for facts in [
        samples::foreigner_sole_administrator(),
        samples::mexico_city_board(),
    ] {
        let act = act(&facts);
        assert!(act.contains(
            "ÚNICO. PENDIENTE: no podrá otorgarse la escritura sin la autorización de uso de \
             denominación de la Secretaría de Economía."
        ));
        assert!(!act.contains("autorizó el uso"));
        assert!(!act.contains("aviso de uso correspondiente"));
    }
}

#[test]
fn the_comparecientes_state_their_generales_and_no_email() {
    // C-4, N3: blanks for what the intake does not capture; an e-mail is not a general.
    let facts = samples::mexican_board_donataria();
    let act = act(&facts);
    assert_eq!(
        line(&act, "Gloria Hernández García, "),
        "Gloria Hernández García, por su propio derecho, de nacionalidad mexicana, originaria de \
         ______, donde nació el ______, de estado civil ______, de ocupación ______, con \
         domicilio en ______, con Clave Única de Registro de Población HEGG560427MVZRRL04 y \
         Registro Federal de Contribuyentes HEGG560427JD4, quien se identifica con ______ \
         número ______."
    );
    assert!(line(&act, "José Ángel Peña Ibáñez, ").contains(", originario de ______,"));
    assert!(!act.contains("gloria@pasolibre.org.mx"));
    assert!(!act.contains("con correo electrónico"));

    // Known generales are printed; a foreigner without CURP has none printed.
    let act = self::act(&samples::foreigner_with_humanitarian_visa());
    assert!(line(&act, "Mariem Mint Ahmed, ").contains(
        "de nacionalidad mauritana, originaria de Nuakchot, República Islámica de Mauritania, \
         donde nació el doce de mayo de mil novecientos noventa, de estado civil soltera, de \
         ocupación trabajadora social, con domicilio en Calle Segunda 2150, Zona Centro, \
         Tijuana, Baja California, con Clave Única de Registro de Población MIAM900512MNEXHR09 \
         y Registro Federal de Contribuyentes ______, quien se identifica con pasaporte número \
         B04411872 y acredita su legal estancia en el país con tarjeta de visitante por razones \
         humanitarias número VRH2026005530."
    ));
    let act = self::act(&samples::foreigner_sole_administrator());
    assert!(
        line(&act, "Jean-Baptiste Noël, ")
            .contains(", con Registro Federal de Contribuyentes ______, quien se identifica")
    );
}

#[test]
fn the_notary_certifies_and_signs_before_whom_the_act_is_signed() {
    // N11, N13: the notary's certifications are left to the notary; "ANTE MÍ" and the notary's
    // signature after the comparecientes'.
    for (name, facts) in samples::all() {
        let document = generator().document(Kind::ConstitutiveAct, &facts).unwrap();
        let act = document.plain_text();
        assert!(act.lines().any(|l| l == "CERTIFICACIONES"), "{name}");
        assert!(act.contains("\nYo, el notario, doy fe:\n"), "{name}");
        assert!(
            !act.contains(
                "bajo protesta de decir verdad que sus datos generales son los asentados"
            ),
            "{name}"
        );
        assert!(!act.contains("Personalidad y generales"), "{name}");
        let at = |wanted: &dyn Fn(&Block) -> bool| document.blocks.iter().position(wanted);
        let certifications =
            at(&|b| matches!(b, Block::Heading { text } if text[0].text == "CERTIFICACIONES"))
                .unwrap();
        let before_me =
            at(&|b| matches!(b, Block::Heading { text } if text[0].text == "ANTE MÍ")).unwrap();
        let signatures: Vec<usize> = document
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| matches!(b, Block::Signatures { .. }))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(signatures.len(), 2, "{name}");
        assert!(
            certifications < signatures[0] && signatures[0] < before_me,
            "{name}"
        );
        assert!(before_me < signatures[1], "{name}");
        let Block::Signatures { people } = &document.blocks[signatures[1]] else {
            unreachable!()
        };
        assert_eq!(people.len(), 1);
        let (signer, number) = match &facts.notary {
            Some(n) => (format!("Lic. {}", n.name), n.number.as_str()),
            None => ("______________________________".to_owned(), "______"),
        };
        assert_eq!(people[0].name, signer, "{name}");
        assert_eq!(
            people[0].role,
            format!("Notario(a) Público(a) número {number}")
        );
        let Block::Signatures { people } = &document.blocks[signatures[0]] else {
            unreachable!()
        };
        assert_eq!(people.len(), facts.associates.len(), "{name}");
    }
}

#[test]
fn the_foreigners_agreement_agrees_in_the_singular_and_the_plural() {
    // S-2: the predicate agrees with "persona(s)".
    let one = act(&samples::foreigner_with_humanitarian_visa());
    assert!(one.contains(
        "La persona asociada de nacionalidad extranjera conviene con la Secretaría de Relaciones \
         Exteriores en considerarse como nacional mexicana respecto de su participación"
    ));
    let three = act(&samples::foreigners_board());
    assert!(three.contains(
        "Las tres personas asociadas de nacionalidad extranjera convienen con la Secretaría de \
         Relaciones Exteriores en considerarse como nacionales mexicanas respecto"
    ));
    for (name, facts) in samples::all() {
        assert!(!act(&facts).contains("nacionales mexicanos"), "{name}");
    }
}

#[test]
fn offices_and_roles_agree_with_the_person() {
    // S-1: a board of women, with a man as vocal.
    let facts = samples::woman_led_board();
    let bylaws = text(Kind::Bylaws, &facts);
    for row in [
        "Presidenta | Guadalupe Treviño Garza",
        "Secretaria | María Elena Cárdenas Villarreal",
        "Tesorera | Daniela Ríos Salinas",
        "Vocal | Ernesto Garza Leal",
    ] {
        assert!(bylaws.contains(row), "{row}");
    }
    let signed = act(&facts);
    assert!(signed.contains("\nGuadalupe Treviño Garza | Asociada fundadora, Presidenta\n"));
    assert!(signed.contains("\nDaniela Ríos Salinas | Asociada fundadora, Tesorera\n"));
    assert!(signed.contains("\nErnesto Garza Leal | Asociado fundador, Vocal\n"));
    assert!(letter(&facts).contains("\nMaría Elena Cárdenas Villarreal | mexicana | Secretaria\n"));
    assert!(
        text(Kind::IntakeSummary, &facts)
            .contains("\nGuadalupe Treviño Garza | mexicana | Presidenta")
    );

    // A man presides: "Presidente". The gender comes from the CURP.
    let mut facts = samples::mexican_board_donataria();
    facts.associates[0].board_role = BoardRole::Member;
    facts.associates[1].board_role = BoardRole::President;
    assert!(text(Kind::Bylaws, &facts).contains("Presidente | José Ángel Peña Ibáñez"));
    assert!(act(&facts).contains("José Ángel Peña Ibáñez | Asociado fundador, Presidente"));
    assert!(
        text(Kind::Bylaws, &samples::mexican_board_donataria())
            .contains("Presidenta | Gloria Hernández García")
    );

    // Unknown (a foreigner without CURP): the masculine generic, as before.
    let foreigners = text(Kind::Bylaws, &samples::foreigners_board());
    assert!(foreigners.contains("Secretario | Wilson Antonio Reyes"));
    assert!(foreigners.contains("Tesorera | Yulimar Pérez Rondón"));

    // A CURP that records a non-binary person: wording built on the office and on "persona".
    let mut facts = samples::woman_led_board();
    facts.associates[0].curp = Some("TEGG780315XNLRRD05".into());
    facts.associates[0].gender = Gender::from_curp("TEGG780315XNLRRD05");
    assert!(act(&facts).contains(
        "\nGuadalupe Treviño Garza | Persona asociada fundadora, Titular de la Presidencia\n"
    ));

    // The sole administrator and plain associates.
    let facts = samples::foreigner_with_humanitarian_visa();
    assert!(
        text(Kind::Bylaws, &facts).contains("Se designa administradora única a Mariem Mint Ahmed.")
    );
    assert!(letter(&facts).contains("\nMariem Mint Ahmed | mauritana | Asociada\n"));
    assert!(act(&facts).contains("\nMariem Mint Ahmed | Asociada fundadora\n"));
    assert!(act(&facts).contains("\nRubén Castillo Ortiz | Asociado fundador\n"));
    assert!(
        text(Kind::Bylaws, &samples::foreigner_sole_administrator())
            .contains("Se designa administrador único a Jean-Baptiste Noël.")
    );
}

#[test]
fn the_letter_asks_for_the_notarys_services_and_is_signed_by_the_attorney() {
    // M-2, S-12: what is asked of whom; S-3: the lawyer advises the founders pro bono.
    let facts = samples::mexican_board_donataria();
    let document = generator().document(Kind::NotaryLetter, &facts).unwrap();
    let letter = document.plain_text();
    assert!(letter.starts_with(
        "Solicitud de servicios notariales para la constitución de Casa del Migrante Paso Libre, \
         A.C.\n"
    ));
    // W1: addressed to the notary chosen, recalling the fees agreed.
    assert!(letter.contains(
        "\nLic. Rosa Elena Márquez Soto\nTitular de la Notaría Pública número 12 del Distrito \
         Judicial Bravos del Estado de Chihuahua\nP r e s e n t e.\n"
    ));
    let unchosen = self::letter(&samples::woman_led_board());
    assert!(unchosen.contains(
        "\nLic. ______________________________\nTitular de la Notaría Pública número ______ de \
         ______________________\nP r e s e n t e.\n"
    ));
    assert!(unchosen.contains("Que sus honorarios sean pro bono o reducidos y, en lo posible"));
    assert!(letter.contains(
        "Por medio de la presente, la suscrita, Lic. Mariana Cortés Ruiz, abogada de Bufete \
         Solidario, S.C., quien asesora de manera gratuita (pro bono) a las personas fundadoras \
         de Casa del Migrante Paso Libre, A.C., solicito a usted atentamente sus servicios \
         notariales"
    ));
    assert!(letter.contains("\nClave Única del Documento (CUD) | A202610011027384561\n"));
    assert!(letter.contains("\nÚltimo día para el aviso de uso | 30 de marzo de 2027\n"));
    assert!(
        letter
            .ends_with("\nLic. Mariana Cortés Ruiz | Abogada responsable, Bufete Solidario, S.C.")
    );
    let asked = document
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::List {
                ordered: true,
                items,
                ..
            } => Some(
                items
                    .iter()
                    .map(|l| l.iter().map(|s| s.text.as_str()).collect::<String>())
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .unwrap();
    let expected: [&[&str]; 6] = [
        &["otorgamiento de la escritura"],
        &[
            "aviso de uso",
            "Secretaría de Economía",
            "30 de marzo de 2027",
        ],
        &["Registro Federal de Contribuyentes", "e.firma"],
        &["Registro Público de la Propiedad del Estado de Chihuahua"],
        &["primer testimonio", "copias certificadas"],
        &["como lo acordamos", "pro bono", "derechos registrales"],
    ];
    assert_eq!(asked.len(), expected.len(), "{asked:?}");
    for (item, words) in asked.iter().zip(expected) {
        for word in words {
            assert!(item.contains(word), "«{item}» lacks «{word}»");
        }
    }

    for (name, facts) in samples::all() {
        let letter = self::letter(&facts);
        assert!(!letter.contains("protocoliz"), "{name}");
        assert!(!letter.contains("representación pro bono"), "{name}");
        assert!(!letter.contains("en representación"), "{name}");
        assert!(!letter.contains(", solicita "), "{name}");
    }

    // S-4: the signature agrees; unknown, "Abogado(a)"; no attorney, a blank name line.
    let letter = self::letter(&samples::woman_led_board());
    assert!(letter.contains(
        "Por medio de la presente, quien suscribe, Lic. Daniel Ochoa Puente, de Ochoa y \
         Asociados, S.C., quien asesora"
    ));
    assert!(
        letter.ends_with(
            "\nLic. Daniel Ochoa Puente | Abogado(a) responsable, Ochoa y Asociados, S.C."
        )
    );
    let letter = self::letter(&samples::foreigner_with_humanitarian_visa());
    assert!(letter.contains(
        "el suscrito, Lic. Rodrigo Peña Franco, abogado de Clínica Jurídica Fronteriza, quien"
    ));
    assert!(letter.ends_with(
        "\nLic. Rodrigo Peña Franco | Abogado responsable, Clínica Jurídica Fronteriza"
    ));
    let letter = self::letter(&samples::foreigner_sole_administrator());
    assert!(letter.contains(
        "Por medio de la presente, quien suscribe, ______________________________, quien asesora"
    ));
    assert!(letter.ends_with("\n______________________________ | Abogado(a) responsable"));
}

#[test]
fn the_letter_lists_what_is_delivered_to_the_notary_by_whose_it_is() {
    // M-3: no generated draft, no "Otro documento", no version numbers.
    let letter = letter(&samples::woman_led_board());
    let listed: Vec<&str> = letter
        .split("\nDocumentos que se acompañan\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.starts_with("Quedo a sus órdenes"))
        .collect();
    assert_eq!(
        listed,
        [
            "Autorización de uso de denominación de la Secretaría de Economía",
            "Identificación oficial de Guadalupe Treviño Garza",
            "Identificación oficial de María Elena Cárdenas Villarreal",
            "Constancia de situación fiscal de Guadalupe Treviño Garza",
            "Comprobante de domicilio de la asociación",
        ]
    );
    for (name, facts) in samples::all() {
        let letter = self::letter(&facts);
        for absent in [
            "(versión",
            "Otro documento",
            "Proyecto de acta",
            "Carta al notario",
            "Resumen de la solicitud",
        ] {
            assert!(!letter.contains(absent), "{name}: {absent}");
        }
    }
    assert!(
        self::letter(&samples::foreigner_sole_administrator())
            .contains("\nLos documentos se entregarán en su oportunidad.\n")
    );
}

#[test]
fn the_intake_summary_says_the_donataria_authorization_will_be_requested() {
    // L-6.
    let summary = text(Kind::IntakeSummary, &samples::mexican_board_donataria());
    assert!(summary.contains("\nDonataria autorizada | Sí (se solicitará la autorización)\n"));
    assert!(!summary.contains("se pretende"));
}

#[test]
fn every_nationality_is_a_word_and_a_code_without_one_stops_the_render() {
    // M-6, S-11.
    for (name, facts) in samples::all() {
        for kind in Kind::ALL {
            assert!(!text(kind, &facts).contains("extranjera ("), "{name}");
        }
    }
    assert!(
        act(&samples::foreigner_with_humanitarian_visa()).contains("de nacionalidad mauritana")
    );
    let mut facts = samples::foreigner_sole_administrator();
    facts.associates[1].nationality = "AQ".into();
    for kind in Kind::ALL {
        let error = generator().document(kind, &facts).unwrap_err();
        assert_eq!(
            error,
            Error::Nationality {
                position: 1,
                associate: "Jean-Baptiste Noël".into(),
                code: "AQ".into(),
            }
        );
        let message = error.to_string();
        assert!(
            message.contains("Jean-Baptiste Noël") && message.contains("«AQ»"),
            "{message}"
        );
    }
    assert!(
        generator()
            .render(Kind::Bylaws, &facts, Format::Pdf)
            .is_err()
    );
    assert!(facts.template_variables().is_err());
}

#[test]
fn identifiers_are_marked_so_the_pdf_keeps_them_whole() {
    // M-9: the PDF boxes what the markup marks (`every_identifier_reads_whole_in_the_pdf` in
    // tests/documents.rs reads it back with pdftotext).
    let facts = samples::mexican_board_donataria();
    let marked = |kind: Kind| -> Vec<String> {
        generator()
            .document(kind, &facts)
            .unwrap()
            .blocks
            .iter()
            .flat_map(|b| match b {
                Block::Paragraph { text } | Block::Title { text } => vec![text.clone()],
                Block::List { items, .. } => items.clone(),
                Block::Table { rows, .. } => rows.iter().flatten().cloned().collect(),
                _ => vec![],
            })
            .flatten()
            .filter(|s| s.identifier)
            .map(|s| s.text)
            .collect()
    };
    let act = marked(Kind::ConstitutiveAct);
    for identifier in [
        "HEGG560427MVZRRL04",
        "HEGG560427JD4",
        "PEIA800101HCHXBS05",
        "A202610011027384561",
    ] {
        assert!(act.iter().any(|m| m == identifier), "{identifier}: {act:?}");
    }
    let letter = marked(Kind::NotaryLetter);
    for identifier in [
        "PUE-2026-000123",
        "A202610011027384561",
        "mcortes@bufetesolidario.mx",
    ] {
        assert!(
            letter.iter().any(|m| m == identifier),
            "{identifier}: {letter:?}"
        );
    }
    let summary = marked(Kind::IntakeSummary);
    assert!(summary.iter().any(|m| m == "contacto@pasolibre.org.mx"));
}

/// The text of the DOCX parts whose names start with `prefix` (`word/header`, `word/footer`).
fn docx_parts(bytes: &[u8], prefix: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .filter(|n| n.starts_with(prefix))
        .map(str::to_owned)
        .collect();
    let mut text = String::new();
    for name in names {
        archive
            .by_name(&name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
    }
    text
}

#[test]
fn the_letter_carries_the_draft_notice_lightly_in_its_footer() {
    // L-5: the letter is signed and sent; the drafts keep the banner.
    let facts = samples::mexican_board_donataria();
    let letter = generator()
        .render(Kind::NotaryLetter, &facts, Format::Docx)
        .unwrap();
    assert!(docx_parts(&letter.bytes, "word/footer").contains(puente_docgen::DRAFT_NOTICE));
    assert!(!docx_parts(&letter.bytes, "word/header").contains("BORRADOR"));
    let act = generator()
        .render(Kind::ConstitutiveAct, &facts, Format::Docx)
        .unwrap();
    assert!(docx_parts(&act.bytes, "word/header").contains(puente_docgen::DRAFT_NOTICE));
    assert_eq!(Kind::NotaryLetter.notice(), puente_docgen::Notice::Footer);
    assert_eq!(
        Kind::ConstitutiveAct.notice(),
        puente_docgen::Notice::Banner
    );
}
