//! The bylaws' clauses one by one, as the legal review (`LEGAL-REVIEW.md` §1 to §3; findings C-1
//! to C-3, C-6, H-3 to H-7, M-5, S-5, S-8 to S-10, L-2) asks for them: each is in every sample
//! whose facts call for it, and in no other.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test's helpers fail loudly

use puente_docgen::markup::{Block, Document};
use puente_docgen::{BoardRole, Facts, Generator, Kind, LisrFraction, Templates, samples};

fn generator() -> Generator {
    Generator::new(Templates::embedded().unwrap())
}

fn text(kind: Kind, facts: &Facts) -> String {
    generator().document(kind, facts).unwrap().plain_text()
}

fn bylaws(facts: &Facts) -> String {
    text(Kind::Bylaws, facts)
}

fn title(block: &Block) -> Option<String> {
    match block {
        Block::Article { text, .. } => Some(text.iter().map(|s| s.text.as_str()).collect()),
        _ => None,
    }
}

/// The body of the bylaws' article (or transitory article) titled `heading`, without the
/// heading; `None` when the bylaws have no such article.
fn article(facts: &Facts, heading: &str) -> Option<String> {
    let blocks = generator().document(Kind::Bylaws, facts).unwrap().blocks;
    let start = blocks
        .iter()
        .position(|b| title(b).as_deref() == Some(heading))?;
    let end = blocks[start + 1..]
        .iter()
        .position(|b| {
            matches!(
                b,
                Block::Article { .. } | Block::Chapter { .. } | Block::Heading { .. }
            )
        })
        .map_or(blocks.len(), |at| start + 1 + at);
    Some(
        Document {
            blocks: blocks[start + 1..end].to_vec(),
        }
        .plain_text(),
    )
}

/// The label of the bylaws' article titled `heading` ("TERCERO").
fn label(facts: &Facts, heading: &str) -> Option<String> {
    generator()
        .document(Kind::Bylaws, facts)
        .unwrap()
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Article { label, .. } if title(b).as_deref() == Some(heading) => {
                Some(label.clone())
            }
            _ => None,
        })
}

#[test]
fn every_sample_renders_every_template_and_the_samples_take_every_branch() {
    assert!(generator().check_templates().is_empty());
    let all = samples::all();
    let has = |f: &dyn Fn(&Facts) -> bool| all.iter().any(|(_, facts)| f(facts));
    assert!(has(&|f| f.donataria && f.lisr_fractions.is_empty()));
    assert!(has(
        &|f| f.donataria && f.lisr_fractions == [LisrFraction::VI]
    ));
    assert!(has(&|f| f.donataria && f.lisr_fractions.len() == 2));
    assert!(has(&|f| !f.donataria));
    assert!(has(&|f| f.domicile.is_mexico_city()));
    assert!(has(&|f| f.domicile.is_state_of_mexico()));
    assert!(has(&|f| !f.board && f.associates.len() == 2));
    assert!(has(&|f| f.board && f.associates.len() == 2));
}

#[test]
fn donatarias_carry_the_sats_irrevocable_clauses_and_no_one_else_does() {
    for (name, facts) in samples::all() {
        let text = bylaws(&facts);
        for heading in [
            "Actividades y fines no lucrativos",
            "Destino del patrimonio",
            "Destino de los bienes en la liquidación",
            "Pérdida de la autorización",
        ] {
            assert_eq!(
                article(&facts, heading).is_some(),
                facts.donataria,
                "{name}: {heading}"
            );
        }
        let irrevocable = if facts.donataria { 3 } else { 0 };
        assert_eq!(
            text.matches("Esta disposición es de carácter irrevocable.")
                .count(),
            irrevocable,
            "{name}"
        );
        assert_eq!(
            text.contains("no intervendrá en campañas políticas"),
            facts.donataria,
            "{name}"
        );
        // The old heading and the other statute's term are gone (review S-9, S-10).
        assert!(!text.contains("Actividades autorizadas"), "{name}");
        assert!(!text.contains("asistencia social"), "{name}");
    }
}

#[test]
fn the_loss_of_authorization_clause_of_2021_gives_twelve_and_six_months() {
    let clause = article(
        &samples::mexican_board_donataria(),
        "Pérdida de la autorización",
    )
    .unwrap();
    for words in [
        "sea revocada",
        "no se haya obtenido nuevamente o renovado dentro de los doce meses siguientes",
        "acreditará que los donativos recibidos fueron utilizados para los fines propios de su objeto social",
        "dentro de los seis meses siguientes",
        "Esta disposición es de carácter irrevocable.",
    ] {
        assert!(clause.contains(words), "{words}: {clause}");
    }
}

#[test]
fn the_exclusive_activities_clause_names_the_fractions_the_lawyer_chose() {
    let only_vi = article(
        &samples::mexican_board_donataria(),
        "Actividades y fines no lucrativos",
    )
    .unwrap();
    assert!(only_vi.contains(
        "exclusivamente como entidad que se dedica a las actividades asistenciales previstas en \
         el artículo 79, fracción VI, de la Ley del Impuesto sobre la Renta, en beneficio de \
         personas, sectores y regiones de escasos recursos y de grupos vulnerables"
    ));
    assert!(!only_vi.contains("fracción XXV"));
    assert!(!only_vi.contains("______"));

    let both = article(
        &samples::donataria_both_fractions(),
        "Actividades y fines no lucrativos",
    )
    .unwrap();
    let vi = both.find("fracción VI,").unwrap();
    let xxv = both
        .find(
            ", así como al apoyo en la defensa y promoción de los derechos humanos previsto en \
             el artículo 79, fracción XXV, inciso b), de la Ley del Impuesto sobre la Renta",
        )
        .unwrap();
    assert!(vi < xxv, "{both}");
    for clause in [&only_vi, &both] {
        assert!(clause.contains(
            "no intervendrá en campañas políticas ni se involucrará en actividades de propaganda"
        ));
        assert!(clause.contains("influir en la legislación en los términos y con las condiciones que establece el artículo 82"));
    }

    // Only human rights.
    let mut xxv_only = samples::donataria_both_fractions();
    xxv_only.lisr_fractions = vec![LisrFraction::XxvB];
    let clause = article(&xxv_only, "Actividades y fines no lucrativos").unwrap();
    assert!(
        clause.contains("se dedica al apoyo en la defensa y promoción de los derechos humanos")
    );
    assert!(!clause.contains("fracción VI"));
}

#[test]
fn an_unchosen_fraction_is_a_blank_for_the_lawyer_not_a_guess() {
    let facts = samples::mexico_city_board();
    assert!(facts.donataria && facts.lisr_fractions.is_empty());
    let clause = article(&facts, "Actividades y fines no lucrativos").unwrap();
    assert!(
        clause.contains("artículo 79, fracción ______, de la Ley del Impuesto sobre la Renta"),
        "{clause}"
    );
    assert!(!clause.contains("fracción VI"));
    assert!(!clause.contains("fracción XXV"));
}

#[test]
fn the_fractions_come_in_the_laws_order_once_each_whatever_order_they_were_given() {
    let mut facts = samples::donataria_both_fractions();
    let expected = bylaws(&facts);
    facts.lisr_fractions = vec![LisrFraction::XxvB, LisrFraction::VI, LisrFraction::XxvB];
    assert_eq!(bylaws(&facts), expected);
}

#[test]
fn the_object_continues_the_sentence_and_speaks_of_scarce_resources() {
    for (name, facts) in samples::all() {
        let object = article(&facts, "Objeto").unwrap();
        assert!(
            object.starts_with("La asociación tendrá por objeto, sin fines de lucro, "),
            "{name}: {object}"
        );
        let continued = &object["La asociación tendrá por objeto, sin fines de lucro, ".len()..];
        assert!(
            continued.starts_with(char::is_lowercase),
            "{name}: {object}"
        );
        assert!(object.contains(
            "de escasos recursos o en situación de vulnerabilidad, sin discriminación alguna."
        ));
        assert!(!object.contains("sin distinción alguna"), "{name}");
        assert!(!object.contains("sin propósito de lucro"), "{name}");
    }
    // The shelter's text keeps its own words, and gets its final period.
    let facts = samples::two_associates_sole_administrator();
    assert!(bylaws(&facts).contains(
        "sin fines de lucro, ofrecer alimentación, descanso y orientación a personas migrantes \
         que viajan en tren por el norte del Estado de México."
    ));
}

#[test]
fn every_association_carries_the_cluni_clauses_reconciled_with_the_donataria_ones() {
    for (name, facts) in samples::all() {
        let cluni = article(&facts, "Apoyos y estímulos públicos")
            .unwrap_or_else(|| panic!("{name}: no CLUNI clause"));
        for words in [
            "se destinarán exclusivamente al cumplimiento de su objeto social",
            "no se distribuirán entre los asociados remanentes de dichos apoyos y estímulos",
            "estén inscritas en el Registro Federal de las Organizaciones de la Sociedad Civil",
            "no perseguirá fines de lucro ni de proselitismo partidista, político-electoral o religioso",
        ] {
            assert!(cluni.contains(words), "{name}: {words}");
        }
        assert_eq!(
            cluni.contains("autorizadas para recibir donativos deducibles"),
            facts.donataria,
            "{name}: {cluni}"
        );
        let liquidation = article(&facts, "Liquidación").unwrap();
        if facts.donataria {
            assert!(liquidation.contains(
                "destinarán la totalidad del patrimonio a entidades autorizadas para recibir \
                 donativos deducibles del impuesto sobre la renta que, tratándose de bienes \
                 adquiridos con apoyos y estímulos públicos, estén además inscritas en el \
                 Registro Federal de las Organizaciones de la Sociedad Civil"
            ));
            assert!(!liquidation.contains("objeto análogo"), "{name}");
        } else {
            assert!(liquidation.contains("otra asociación con objeto análogo"));
            assert!(liquidation.contains(
                "tratándose de bienes adquiridos con apoyos y estímulos públicos, a otra u otras \
                 organizaciones que realicen actividades objeto de fomento y estén inscritas en \
                 el Registro Federal de las Organizaciones de la Sociedad Civil"
            ));
            assert!(!liquidation.contains("donativos deducibles"), "{name}");
        }
        assert!(
            liquidation.contains("sin que en ningún caso puedan distribuirse entre los asociados")
        );
    }
}

#[test]
fn liquidation_pays_the_debts_before_anything_is_handed_over() {
    for (name, facts) in samples::all() {
        let liquidation = article(&facts, "Liquidación").unwrap();
        let debts = liquidation
            .find("pagarán las deudas de la asociación y, cubierto el pasivo,")
            .unwrap_or_else(|| panic!("{name}: {liquidation}"));
        assert!(debts < liquidation.find("destinarán").unwrap(), "{name}");
    }
}

#[test]
fn exclusion_has_its_causes_leaving_takes_notice_and_both_lose_the_haber_social() {
    for (name, facts) in samples::all() {
        let exclusion = article(&facts, "Exclusión").unwrap();
        assert!(exclusion.contains("sólo podrán ser excluidos por acuerdo de la asamblea general, previa audiencia del interesado"));
        for cause in [
            "El incumplimiento grave o reiterado de estos estatutos",
            "actos contrarios al objeto social o que dañen el patrimonio o el prestigio",
            "El uso del nombre o de los bienes de la asociación en provecho propio o de terceros",
            "La inasistencia injustificada a tres asambleas consecutivas",
        ] {
            assert!(exclusion.contains(cause), "{name}: {cause}");
        }
        assert_eq!(
            article(&facts, "Separación").unwrap(),
            "Todo asociado podrá separarse voluntariamente de la asociación, previo aviso por \
             escrito dado con dos meses de anticipación."
        );
        assert!(
            article(&facts, "Pérdida del derecho al haber social")
                .unwrap()
                .contains("voluntariamente se separen o que sean excluidos perderán todo derecho al haber social")
        );
        // Contributions are not returned, donataria or not.
        assert!(
            article(&facts, "Integración del patrimonio")
                .unwrap()
                .contains("Las aportaciones de los asociados no serán reembolsables"),
            "{name}"
        );
        assert!(article(&facts, "Admisión").unwrap().contains("por escrito"));
    }
}

#[test]
fn a_small_shelter_can_hold_its_assembly() {
    for (name, facts) in samples::all() {
        let call = article(&facts, "Convocatoria").unwrap();
        for words in [
            "entregado personalmente o enviado por correo electrónico a cada asociado",
            "con quince días naturales de anticipación",
            "que contendrá el orden del día",
            "en primera y en segunda convocatoria",
            "por lo menos el cinco por ciento de los asociados",
            "convocará el juez de lo civil a petición de éstos",
            "sin previa convocatoria si están presentes todos los asociados",
            "Sólo se tratarán los asuntos contenidos en el orden del día.",
        ] {
            assert!(call.contains(words), "{name}: {words}");
        }
        let votes = article(&facts, "Quórum y votaciones").unwrap();
        for words in [
            "En primera convocatoria, la asamblea se considerará legalmente instalada con la asistencia de la mitad más uno de los asociados",
            "en segunda convocatoria",
            "se instalará con los asociados que asistan",
            "por mayoría de votos de los asociados presentes",
            "que requerirán el voto de por lo menos las dos terceras partes de los asociados",
            "Cada asociado tendrá un voto",
            "mediante carta poder",
        ] {
            assert!(votes.contains(words), "{name}: {words}");
        }
        let kinds = article(&facts, "Asambleas ordinarias y extraordinarias").unwrap();
        for matter in [
            "la modificación de estos estatutos",
            "la exclusión de asociados",
            "la enajenación o gravamen de bienes inmuebles",
            "la disolución y liquidación de la asociación",
        ] {
            assert!(kinds.contains(matter), "{name}: {matter}");
        }
        assert!(
            article(&facts, "Conflicto de interés")
                .unwrap()
                .contains("no tendrá voto en las decisiones en que se encuentren directamente interesados él, su cónyuge, sus ascendientes, descendientes o parientes colaterales dentro del segundo grado")
        );
        let minutes = article(&facts, "Actas de asamblea").unwrap();
        assert!(minutes.contains("se asentará en el libro de actas de asambleas"));
        assert!(minutes.contains("la lista de asistencia"));
        // Who convenes follows the administration.
        let convener = if facts.board {
            "convocadas por el presidente del consejo directivo"
        } else {
            "convocadas por el administrador único"
        };
        assert!(call.contains(convener), "{name}");
    }
}

#[test]
fn the_ordinary_assembly_meets_within_four_months_of_a_calendar_fiscal_year() {
    for (name, facts) in samples::all() {
        assert!(
            article(&facts, "Asambleas ordinarias y extraordinarias")
                .unwrap()
                .contains("por lo menos una vez al año, dentro de los cuatro meses siguientes al cierre del ejercicio social"),
            "{name}"
        );
        assert!(
            article(&facts, "Ejercicio social")
                .unwrap()
                .starts_with("El ejercicio social coincidirá con el año de calendario."),
            "{name}"
        );
        assert_eq!(
            article(&facts, "Primer ejercicio social").unwrap(),
            "El primer ejercicio social iniciará en la fecha de firma de la escritura \
             constitutiva y terminará el treinta y uno de diciembre del mismo año."
        );
    }
}

#[test]
fn only_a_board_has_sessions_officers_and_a_casting_vote() {
    for (name, facts) in samples::all() {
        let text = bylaws(&facts);
        let sessions = article(&facts, "Sesiones del consejo");
        assert_eq!(sessions.is_some(), facts.board, "{name}");
        assert_eq!(
            article(&facts, "Funcionarios del consejo").is_some(),
            facts.board,
            "{name}"
        );
        assert_eq!(text.contains("voto de calidad"), facts.board, "{name}");
        assert_eq!(text.contains("consejo directivo"), facts.board, "{name}");
        assert_eq!(
            article(&facts, "Administrador único").is_some(),
            !facts.board,
            "{name}"
        );
        if let Some(sessions) = sessions {
            for words in [
                "sesionará cuando lo convoque el presidente o dos de sus integrantes",
                "Sesionará válidamente con la asistencia de la mayoría de sus integrantes",
                "resolverá por mayoría de votos",
                "en caso de empate, el presidente tendrá voto de calidad",
                "De cada sesión se levantará acta",
            ] {
                assert!(sessions.contains(words), "{name}: {words}");
            }
        }
    }
}

#[test]
fn the_board_is_described_by_the_offices_it_has() {
    let three = article(&samples::mexican_board_donataria(), "Consejo directivo").unwrap();
    assert!(three.contains(
        "integrado por un presidente, un secretario y un tesorero, así como, en su caso, por los \
         vocales que designe la asamblea"
    ));

    // A board of two claims no treasurer, and someone still keeps the accounts.
    let facts = samples::mexico_city_board();
    let two = article(&facts, "Consejo directivo").unwrap();
    assert!(
        two.contains("integrado por un presidente y un secretario, así como"),
        "{two}"
    );
    let text = bylaws(&facts);
    assert!(!text.contains("tesorero"), "{text}");
    assert!(!text.contains("Tesorero"));
    assert!(
        article(&facts, "Funcionarios del consejo")
            .unwrap()
            .contains("el integrante del consejo que éste designe llevará la contabilidad")
    );
    let first_board = article(&facts, "Primera administración").unwrap();
    assert_eq!(first_board.lines().filter(|l| l.contains(" | ")).count(), 3); // header + two
    assert!(first_board.contains("Secretario | Andrés Villaseñor Ortega"));

    // A president and a vocal: neither secretary nor treasurer is claimed.
    let mut facts = samples::mexico_city_board();
    facts.associates[1].board_role = BoardRole::Member;
    let board = article(&facts, "Consejo directivo").unwrap();
    assert!(
        board.contains("integrado por un presidente, así como"),
        "{board}"
    );
    assert!(!bylaws(&facts).contains("el secretario del consejo"));
    assert!(
        article(&facts, "Actas de asamblea")
            .unwrap()
            .contains("actuará como secretario el asociado que designe la asamblea")
    );
}

/// What the powers must say, wherever they are granted (review C-3).
const POWERS: &[&str] = &[
    "Poder general para pleitos y cobranzas, con todas las facultades generales y aun las especiales que requieran cláusula especial conforme a la ley",
    "del artículo 2554 y del artículo 2587 del Código Civil Federal",
    "desistirse, transigir, comprometer en árbitros, absolver y articular posiciones, hacer cesión de bienes, recusar y recibir pagos",
    "presentar denuncias y querellas, otorgar el perdón y coadyuvar con el Ministerio Público",
    "promover y desistirse del juicio de amparo",
    "Poder general para actos de administración",
    "en materia laboral con las facultades a que se refieren los artículos 11 y 692 de la Ley Federal del Trabajo",
    "Poder general para actos de dominio, en los términos del tercer párrafo del citado artículo 2554, que sólo podrá ejercerse previo acuerdo de la asamblea general.",
    "títulos de crédito, en los términos del artículo 9 de la Ley General de Títulos y Operaciones de Crédito",
    "abrir y cancelar cuentas bancarias",
    "Facultad para otorgar y revocar poderes generales y especiales dentro de las facultades anteriores, salvo el poder para actos de dominio.",
];

#[test]
fn the_powers_are_spelled_out_for_the_administration_and_the_representative() {
    for (name, facts) in samples::all() {
        let administration = article(&facts, "Facultades de la administración").unwrap();
        let representative = article(&facts, "Representante legal").unwrap();
        for power in POWERS {
            assert!(
                administration.contains(power),
                "{name}: administration, {power}"
            );
            assert!(
                representative.contains(power),
                "{name}: representative, {power}"
            );
        }
        assert!(representative.starts_with(&format!(
            "Se designa representante legal de la asociación a {}, a quien se otorgan los \
             siguientes poderes, que podrá ejercer individualmente:",
            facts.associates[facts.legal_representative].full_name
        )));
        // One text, written once (`_poderes.md`): the same list in both places.
        let list = |body: &str| body.lines().skip(1).collect::<Vec<_>>().join("\n");
        assert_eq!(list(&administration), list(&representative), "{name}");
        assert!(
            !bylaws(&facts).contains("previstos en estos estatutos"),
            "{name}"
        );
    }
}

#[test]
fn the_act_refers_to_the_representatives_transitory_grant_instead_of_repeating_it() {
    for (name, facts) in samples::all() {
        // The act names the transitory by its number: it must stay the third.
        assert_eq!(
            label(&facts, "Representante legal").as_deref(),
            Some("TERCERO"),
            "{name}"
        );
        let act = text(Kind::ConstitutiveAct, &facts);
        let representative = &facts.associates[facts.legal_representative].full_name;
        assert!(act.contains(&format!(
            "{representative} ejercerá la representación legal de la asociación con los poderes \
             que se le otorgan en el artículo transitorio TERCERO de los estatutos"
        )));
        assert!(
            !act.contains("los poderes que los estatutos confieren"),
            "{name}"
        );
        // The list is printed twice in the act too, both inside the statutes.
        assert_eq!(act.matches(POWERS[0]).count(), 2, "{name}");
    }
}

#[test]
fn mexico_city_has_no_municipio_and_the_state_of_mexico_is_named_as_such() {
    let mexico_city = samples::mexico_city_board();
    assert_eq!(
        article(&mexico_city, "Domicilio").unwrap(),
        "El domicilio de la asociación es la Ciudad de México, alcaldía Cuauhtémoc, sin \
         perjuicio de que pueda establecer oficinas en otros lugares de la República Mexicana o \
         pactar domicilios convencionales."
    );
    assert!(!bylaws(&mexico_city).contains("municipio"));
    let mut no_alcaldia = samples::mexico_city_board();
    no_alcaldia.domicile.municipality = String::new();
    assert!(
        article(&no_alcaldia, "Domicilio")
            .unwrap()
            .starts_with("El domicilio de la asociación es la Ciudad de México, sin perjuicio")
    );

    assert!(
        article(&samples::two_associates_sole_administrator(), "Domicilio")
            .unwrap()
            .starts_with("El domicilio de la asociación es el municipio de Huehuetoca, Estado de México, sin perjuicio")
    );
    assert!(
        article(&samples::mexican_board_donataria(), "Domicilio")
            .unwrap()
            .starts_with(
                "El domicilio de la asociación es el municipio de Juárez, Chihuahua, sin perjuicio"
            )
    );
}

#[test]
fn the_transitory_articles_are_headed_transitorios() {
    let text = bylaws(&samples::mexican_board_donataria());
    assert!(text.lines().any(|l| l == "TRANSITORIOS"));
    assert!(!text.contains("Artículos transitorios"));
}
