//! Puente's story in a browser, told once on a phone and once on a desktop: the built `puente`
//! binary with a seeded program, used through headless Chromium the way people use it, every
//! page checked with axe-core and photographed (`tests/browser/screenshots/`).
//!
//! The story runs from a shelter registering itself to its association inscribed in the public
//! registry: the shelter fills in its request step by step and uploads its papers from the
//! phone, the manager verifies the shelter and accepts the request, the lawyer (who first sets a
//! new password by the link e-mailed to them) claims it with
//! the conflict-check attestation and carries it through the name authorization, the bylaws
//! (which the shelter reads in the browser and approves), the signing and the filing, logging
//! hours; the manager's dashboard then counts it. Each step is a function on [`Story`].

use std::path::PathBuf;

use puente_browser_tests::{Account, Driver, Error, Result, Server, Size};

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; run by .ci/run"]
async fn the_story_on_a_phone() -> Result<()> {
    tell(Size::Phone).await
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; run by .ci/run"]
async fn the_story_on_a_desktop() -> Result<()> {
    tell(Size::Desktop).await
}

/// The story, chapter by chapter.
async fn story(s: &mut Story) -> Result<()> {
    a_visitor_is_sent_to_sign_in(s).await?;
    a_wrong_password_is_explained_at_the_field(s).await?;
    sign_in(s, Who::Manager).await?;
    the_home_page_lists_the_cases(s, Who::Manager).await?;
    the_pages_speak_english_on_request(s).await?;
    sign_out(s).await?;
    a_shelter_registers_itself(s).await?;
    the_shelter_fills_in_its_request(s).await?;
    sign_out(s).await?;
    the_manager_verifies_the_shelter_and_accepts(s).await?;
    the_manager_looks_at_the_program(s, "dashboard").await?;
    sign_out(s).await?;
    the_lawyer_sets_a_new_password_by_the_emailed_link(s).await?;
    the_lawyer_claims_the_request_from_the_board(s).await?;
    sign_out(s).await?;
    the_shelter_uploads_its_papers_from_the_phone(s).await?;
    the_shelter_invites_a_colleague_from_its_account(s).await?;
    sign_out(s).await?;
    the_lawyer_obtains_the_name_and_shares_the_bylaws(s).await?;
    sign_out(s).await?;
    the_shelter_reads_and_approves_the_bylaws(s).await?;
    sign_out(s).await?;
    the_lawyer_records_the_signing_and_the_filing(s).await?;
    sign_out(s).await?;
    the_manager_looks_at_the_program(s, "dashboard-after").await?;
    sign_out(s).await?;
    Ok(())
}

/// The people of the story.
#[derive(Debug, Clone, Copy)]
enum Who {
    /// The program's manager (an admin), seeded.
    Manager,
    /// The law firm's lawyer, seeded.
    Lawyer,
    /// The shelter's coordinator, who registers during the story.
    Shelter,
}

/// What the steps share: the server, the browser, and the people's accounts.
struct Story {
    server: Server,
    browser: Driver,
    /// The shelter's account.
    shelter: Account,
    /// The case's path, once the shelter has started its request.
    case: String,
    /// Files to upload: a photo and a PDF.
    files: tempfile::TempDir,
}

impl Story {
    fn account(&self, who: Who) -> &Account {
        match who {
            Who::Manager => &self.server.manager,
            Who::Lawyer => &self.server.lawyer,
            Who::Shelter => &self.shelter,
        }
    }

    fn photo(&self) -> PathBuf {
        self.files.path().join("identificacion.png")
    }

    fn pdf(&self) -> PathBuf {
        self.files.path().join("documento.pdf")
    }
}

/// A one-pixel PNG: what a phone's camera sends, in miniature.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// A small PDF.
const PDF: &str = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// Yesterday in UTC, `YYYY-MM-DD`: a date already past in Mexico too.
fn yesterday() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let days = i64::try_from(secs / 86_400).unwrap_or_default() - 1;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Starts a server and a browser at `size`, tells the story, and stops both (also on failure:
/// dropping them kills their processes, even when a step panics).
async fn tell(size: Size) -> Result<()> {
    let server = Server::start().await?;
    let browser = Driver::start(size, server.url()).await?;
    let files = tempfile::tempdir().map_err(|e| Error::new(e.to_string()))?;
    std::fs::write(files.path().join("identificacion.png"), PNG)
        .and_then(|()| std::fs::write(files.path().join("documento.pdf"), PDF))
        .map_err(|e| Error::new(e.to_string()))?;
    let shelter = Account::new(
        "Alejandro Solalinde",
        &format!("hermanos-{}@camino.test", size.name()),
        "contraseña-del-albergue-2026",
    );
    let mut s = Story {
        server,
        browser,
        shelter,
        case: String::new(),
        files,
    };
    let outcome = story(&mut s).await;
    if outcome.is_err() {
        eprintln!(
            "the {} story failed; the server's last log lines:\n{}",
            size.name(),
            s.server.log_tail(30)
        );
    }
    let Story {
        server, browser, ..
    } = s;
    let closed = browser.close().await;
    drop(server);
    println!(
        "screenshots of the {} story: {}",
        size.name(),
        Driver::screenshots_dir().display()
    );
    outcome.and(closed)
}

/// Whoever opens Puente signed out lands on the sign-in page.
async fn a_visitor_is_sent_to_sign_in(s: &mut Story) -> Result<()> {
    let b = &mut s.browser;
    b.goto("/").await?;
    b.assert_path("/login").await?;
    b.assert_text("Iniciar sesión").await?;
    b.audit("sign-in").await
}

/// A wrong password is refused, and the reason is said at the e-mail field (and in the summary
/// above the form).
async fn a_wrong_password_is_explained_at_the_field(s: &mut Story) -> Result<()> {
    let email = s.account(Who::Manager).email.clone();
    let b = &mut s.browser;
    b.fill("Correo electrónico", &email).await?;
    b.fill("Contraseña", "no-es-la-contraseña").await?;
    b.click("Entrar").await?;
    b.assert_path("/login").await?;
    let said = b.field_message("Correo electrónico").await?;
    let expected = "El correo o la contraseña no son correctos.";
    if said != expected {
        return Err(puente_browser_tests::Error::new(format!(
            "the e-mail field says {said:?}, not {expected:?}"
        )));
    }
    b.assert_text("Hay un problema").await?;
    b.audit("sign-in-error").await
}

/// Signs in from the sign-in page and lands on the home page.
async fn sign_in(s: &mut Story, who: Who) -> Result<()> {
    let account = s.account(who).clone();
    let b = &mut s.browser;
    if b.current_path().await? != "/login" {
        b.goto("/login").await?;
    }
    b.fill("Correo electrónico", &account.email).await?;
    b.fill("Contraseña", &account.password).await?;
    b.click("Entrar").await?;
    b.assert_path("/").await?;
    b.assert_text(&account.name).await
}

/// The home page greets the person and lists their cases (none yet in a new program).
async fn the_home_page_lists_the_cases(s: &mut Story, who: Who) -> Result<()> {
    let name = s.account(who).name.clone();
    let b = &mut s.browser;
    b.goto("/").await?;
    b.assert_text(&name).await?;
    b.assert_text("No hay solicitudes por revisar.").await?;
    b.audit("home").await
}

/// The language switch turns the page into English and back into Spanish, staying on it.
async fn the_pages_speak_english_on_request(s: &mut Story) -> Result<()> {
    let b = &mut s.browser;
    let path = b.current_path().await?;
    b.click("English").await?;
    b.assert_path(&path).await?;
    b.assert_text("There are no requests to screen.").await?;
    b.assert_text("Sign out").await?;
    b.audit("home-english").await?;
    b.click("Español").await?;
    b.assert_path(&path).await?;
    b.assert_text("No hay solicitudes por revisar.").await
}

/// Signing out ends the session: back on the sign-in page, and the home page asks again.
async fn sign_out(s: &mut Story) -> Result<()> {
    let b = &mut s.browser;
    b.click("Salir").await?;
    b.assert_path("/login").await?;
    b.assert_text("Iniciar sesión").await?;
    b.goto("/").await?;
    b.assert_path("/login").await
}

/// A shelter registers itself from the sign-in page; a too-short password is explained at its
/// field first.
async fn a_shelter_registers_itself(s: &mut Story) -> Result<()> {
    let account = s.shelter.clone();
    let b = &mut s.browser;
    b.goto("/login").await?;
    b.click("Regístralo aquí").await?;
    b.assert_path("/register").await?;
    b.audit("register").await?;
    b.fill("Nombre del albergue", "Albergue Hermanos en el Camino")
        .await?;
    b.select("Estado", "Oaxaca").await?;
    b.fill("Municipio", "Ciudad Ixtepec").await?;
    b.fill("Tu nombre completo", &account.name).await?;
    b.fill("Correo electrónico", &account.email).await?;
    b.fill("Contraseña", "corta").await?;
    b.click("Registrar albergue").await?;
    b.assert_text("Hay un problema").await?;
    let said = b.field_message("Contraseña").await?;
    if !said.contains("10") {
        return Err(Error::new(format!("the password field says {said:?}")));
    }
    b.audit("register-error").await?;
    b.fill("Contraseña", &account.password).await?;
    b.click("Registrar albergue").await?;
    b.assert_path("/login").await?;
    b.assert_text("Revisa tu correo").await?;
    sign_in(s, Who::Shelter).await?;
    let b = &mut s.browser;
    b.assert_text("Confirma tu correo").await?;
    b.audit("home-shelter").await?;
    // The coordinator opens the link e-mailed to them.
    let link = s
        .server
        .link_in_mail(&account.email, "/confirm-email/")
        .await?;
    let b = &mut s.browser;
    b.goto(&link).await?;
    b.assert_path("/").await?;
    b.assert_text("Tu correo quedó confirmado").await
}

/// The coordinator of the shelter, verified by now, opens «Mi cuenta» and invites a colleague.
async fn the_shelter_invites_a_colleague_from_its_account(s: &mut Story) -> Result<()> {
    let b = &mut s.browser;
    b.click("Mi cuenta").await?;
    b.assert_text("Avisos por correo").await?;
    b.fill("Nombre de la persona que invitas", "Marta Ruiz")
        .await?;
    b.fill("Su correo electrónico", "marta@hermanos.org.mx")
        .await?;
    b.audit("me").await?;
    b.click("Enviar la invitación").await?;
    b.assert_text("Invitación enviada").await?;
    s.server
        .link_in_mail("marta@hermanos.org.mx", "/password-reset/")
        .await
        .map(drop)
}

/// The lawyer forgot their password: they ask for a link on the sign-in page, open it from their
/// e-mail, choose a new password and sign in with it; the link then works no more.
async fn the_lawyer_sets_a_new_password_by_the_emailed_link(s: &mut Story) -> Result<()> {
    let email = s.server.lawyer.email.clone();
    let password = "un puente entre albergues y abogados";
    let b = &mut s.browser;
    b.goto("/login").await?;
    b.click("¿Olvidaste tu contraseña?").await?;
    b.fill("Correo electrónico", &email).await?;
    b.audit("reset-request").await?;
    b.click("Enviar el enlace").await?;
    b.assert_text("Si el correo tiene una cuenta en Puente")
        .await?;
    let link = s.server.link_in_mail(&email, "/password-reset/").await?;
    let b = &mut s.browser;
    b.goto(&link).await?;
    b.fill("Contraseña nueva", password).await?;
    b.fill("Repite la contraseña nueva", password).await?;
    b.audit("reset-password").await?;
    b.click("Guardar contraseña").await?;
    b.assert_text("Tu contraseña cambió. Entra con la nueva.")
        .await?;
    s.server.lawyer.password = password.to_owned();
    let b = &mut s.browser;
    b.goto(&link).await?;
    b.assert_text("Este enlace ya no sirve").await?;
    b.goto("/login").await
}

/// The request in seven steps, each saved as it goes; an associate added by mistake is
/// removed; then the shelter submits it.
async fn the_shelter_fills_in_its_request(s: &mut Story) -> Result<()> {
    let b = &mut s.browser;
    b.click("Nueva solicitud de apoyo").await?;
    let path = b.current_path().await?;
    s.case = path.trim_end_matches("/intake/names").to_owned();
    b.audit("intake-names").await?;
    b.fill("Opción 1", "Hermanos en el Camino").await?;
    b.fill("Opción 2", "Casa Hermanos del Camino").await?;
    b.click("Guardar y continuar").await?;
    b.fill(
        "¿A qué se dedicará la asociación?",
        "Dar albergue, alimentación, atención médica y orientación legal a personas migrantes en tránsito.",
    )
    .await?;
    b.check("Sí").await?;
    b.audit("intake-purpose").await?;
    b.click("Guardar y continuar").await?;
    b.select("Estado", "Oaxaca").await?;
    b.fill("Municipio", "Ciudad Ixtepec").await?;
    b.fill("Calle, número y colonia", "Calle Ferrocarril 1, Centro")
        .await?;
    b.audit("intake-domicile").await?;
    b.click("Guardar y continuar").await?;
    for (name, nationality, curp, role) in [
        (
            "Gloria Hernández García",
            "México",
            "HEGG560427MVZRRL04",
            "Presidencia",
        ),
        ("Jean-Baptiste Noël", "Haití", "", "Secretaría"),
        ("Persona Agregada Por Error", "Guatemala", "", "Vocal"),
    ] {
        b.fill("Nombre completo", name).await?;
        b.select("Nacionalidad", nationality).await?;
        b.fill("CURP", curp).await?;
        b.fill("Correo electrónico", "asociados@camino.test")
            .await?;
        b.select("Cargo en la asociación", role).await?;
        b.click("Agregar asociado").await?;
        b.assert_text(name).await?;
    }
    b.audit("intake-associates").await?;
    b.click("Quitar Persona Agregada Por Error").await?;
    // Removing asks first.
    b.assert_text("¿Quitar a Persona Agregada Por Error")
        .await?;
    b.click("Sí, quitar").await?;
    let text = b.text().await?;
    if text.contains("Persona Agregada Por Error") {
        return Err(Error::new("the associate was not removed"));
    }
    b.click("Continuar").await?;
    b.check("Un consejo directivo").await?;
    b.select(
        "¿Quién será la persona representante legal?",
        "Gloria Hernández García",
    )
    .await?;
    b.audit("intake-governance").await?;
    b.click("Guardar y continuar").await?;
    b.fill("Nombre", "Alejandro Solalinde").await?;
    b.fill("Teléfono", "+52 971 123 4567").await?;
    b.fill("Correo electrónico", "contacto@camino.test").await?;
    b.audit("intake-contact").await?;
    b.click("Guardar y continuar").await?;
    b.assert_text("Aviso de privacidad").await?;
    b.check("Leí el aviso de privacidad").await?;
    b.check("Informé de este aviso de privacidad a cada persona asociada")
        .await?;
    b.audit("intake-consent").await?;
    b.click("Guardar y continuar").await?;
    // The last step shows the whole request before it is sent.
    b.assert_text("Revisa y envía").await?;
    b.assert_text("Alejandro Solalinde").await?;
    b.assert_text("Representante legal").await?;
    b.audit("intake-review").await?;
    b.click("Enviar solicitud").await?;
    b.assert_path(&s.case).await?;
    b.assert_text("Listo: el caso avanzó").await?;
    b.assert_text("está revisando tu solicitud").await?;
    b.audit("case-submitted").await
}

/// The manager sees the request, verifies the shelter, and accepts it.
async fn the_manager_verifies_the_shelter_and_accepts(s: &mut Story) -> Result<()> {
    sign_in(s, Who::Manager).await?;
    let b = &mut s.browser;
    b.assert_text("Hermanos en el Camino").await?;
    b.audit("screening").await?;
    b.click("Albergues").await?;
    b.assert_text("Sin verificar").await?;
    b.audit("shelters").await?;
    b.click("Verificar Albergue Hermanos en el Camino").await?;
    b.assert_text("Albergue verificado").await?;
    b.click("Solicitudes por revisar").await?;
    b.click("Hermanos en el Camino").await?;
    b.assert_text("Historia del caso").await?;
    b.audit("case-screening").await?;
    b.click("Aceptar").await?;
    b.assert_text("Abierta a voluntarios").await
}

/// The manager's view of the program: the dashboard with its charts, every case, the workflow
/// and the administration.
async fn the_manager_looks_at_the_program(s: &mut Story, shot: &str) -> Result<()> {
    if s.browser.current_path().await? == "/login" {
        sign_in(s, Who::Manager).await?;
    }
    let b = &mut s.browser;
    b.click("Panel").await?;
    b.assert_text("Casos por etapa").await?;
    b.assert_text("Descargar casos (CSV)").await?;
    b.audit(shot).await?;
    // The charts, further down: bars on a desktop, their tables on a phone.
    b.scroll_to("chart-status-heading").await?;
    b.screenshot(&format!("{shot}-charts")).await?;
    b.click("Todos los casos").await?;
    b.assert_text("Hermanos en el Camino").await?;
    b.audit(&format!("{shot}-cases")).await?;
    b.click("Flujo de trabajo").await?;
    b.assert_text("El flujo de un caso").await?;
    b.audit(&format!("{shot}-workflow")).await?;
    b.click("Usuarios y organizaciones").await?;
    b.assert_text(&s.shelter.name).await?;
    b.audit(&format!("{shot}-admin")).await
}

/// The lawyer finds the request on the board (filtered by state), reads its summary, and claims
/// it with the conflict-check attestation.
async fn the_lawyer_claims_the_request_from_the_board(s: &mut Story) -> Result<()> {
    sign_in(s, Who::Lawyer).await?;
    let b = &mut s.browser;
    b.click("Solicitudes abiertas").await?;
    b.select("Estado", "Oaxaca").await?;
    b.click("Filtrar").await?;
    b.assert_text("Hermanos en el Camino").await?;
    b.audit("board").await?;
    b.click("Hermanos en el Camino").await?;
    // Before claiming, the lawyer reads the parties their firm's conflict search needs (the
    // shelter and the associates, by name) and nothing more of them.
    let text = b.text().await?;
    if !text.contains("Gloria Hernández García") || !text.contains("Jean-Baptiste Noël") {
        return Err(Error::new(
            "the unclaimed case does not name the parties to search",
        ));
    }
    if text.contains("HEGG560427MVZRRL04") || text.contains("contacto@camino.test") {
        return Err(Error::new(
            "the unclaimed case shows an associate's personal data",
        ));
    }
    b.audit("case-open").await?;
    b.check("Declaro que el despacho revisó").await?;
    b.fill("Referencia de la revisión en el despacho", "CC-2026-0412")
        .await?;
    b.click("Tomar el caso").await?;
    b.assert_text("Asignada a abogado").await?;
    b.assert_text("Gloria Hernández García").await?;
    b.audit("case-claimed").await
}

/// The shelter uploads each associate's identity document and the proof of address, as a photo
/// or a PDF from the phone.
async fn the_shelter_uploads_its_papers_from_the_phone(s: &mut Story) -> Result<()> {
    sign_in(s, Who::Shelter).await?;
    let (photo, pdf, case) = (s.photo(), s.pdf(), s.case.clone());
    let b = &mut s.browser;
    b.goto(&case).await?;
    b.assert_text("Una persona abogada tomó tu caso").await?;
    b.audit("case-papers").await?;
    for name in ["Gloria Hernández García", "Jean-Baptiste Noël"] {
        b.upload(&format!("Identificación oficial de {name}"), &photo)
            .await?;
        b.click(&format!("Subir Identificación oficial de {name}"))
            .await?;
        b.assert_text("Documento guardado").await?;
    }
    b.select("Tipo de documento", "Comprobante de domicilio")
        .await?;
    b.upload("Archivo", &pdf).await?;
    b.click("Subir").await?;
    b.assert_text("Documento guardado").await?;
    b.click("Comentarios").await?;
    b.fill(
        "Escribe un comentario",
        "Subimos las identificaciones y el comprobante.",
    )
    .await?;
    b.click("Enviar comentario").await?;
    b.assert_text("Comentario enviado").await?;
    b.audit("case-papers-done").await
}

/// The lawyer requests the name, records its authorization, drafts the bylaws and shares them.
async fn the_lawyer_obtains_the_name_and_shares_the_bylaws(s: &mut Story) -> Result<()> {
    sign_in(s, Who::Lawyer).await?;
    let (pdf, case) = (s.pdf(), s.case.clone());
    let day = yesterday();
    let b = &mut s.browser;
    b.goto(&case).await?;
    // The comments are folded below the case; the lawyer opens them.
    b.click("Comentarios").await?;
    b.assert_text("Subimos las identificaciones").await?;
    b.assert_text("Alejandro Solalinde · Albergue").await?;
    b.click("Solicitar denominación").await?;
    b.assert_text("Autorización de denominación en trámite")
        .await?;
    // The notary is chosen early: the name request asks for the fedatario.
    b.fill("Notario o notaria", "Rosa Elena Márquez Soto")
        .await?;
    b.fill("Número de su notaría", "15").await?;
    b.select("Entidad de la notaría", "Oaxaca").await?;
    b.fill("Distrito judicial", "Juchitán").await?;
    b.fill("Contacto de la notaría", "971 712 3456").await?;
    b.select("Honorarios acordados", "Sin honorarios (pro bono)")
        .await?;
    b.click("Guardar la notaría").await?;
    b.assert_text("Notaría registrada").await?;
    b.select("Tipo de documento", "Autorización de uso de denominación")
        .await?;
    b.upload("Archivo", &pdf).await?;
    b.click("Subir").await?;
    b.assert_text("Documento guardado").await?;
    // The name authorized is one of those the shelter proposed: the lawyer picks it.
    b.check("Hermanos en el Camino").await?;
    b.fill_date("Fecha de la autorización", &day).await?;
    b.fill("Clave Única del Documento (CUD)", "A202611281045227031")
        .await?;
    b.audit("case-name").await?;
    b.click("Denominación autorizada").await?;
    b.assert_text("Redacción de estatutos").await?;
    b.select("Documento", "Proyecto de estatutos").await?;
    b.select("Formato", "Word (DOCX)").await?;
    b.click("Generar").await?;
    b.assert_text("Documento generado y guardado en el caso")
        .await?;
    b.audit("case-drafting").await?;
    b.click("Compartir proyecto de estatutos").await?;
    b.assert_text("Revisión del albergue").await
}

/// The shelter reads the draft bylaws in the browser and approves them.
async fn the_shelter_reads_and_approves_the_bylaws(s: &mut Story) -> Result<()> {
    sign_in(s, Who::Shelter).await?;
    let case = s.case.clone();
    let b = &mut s.browser;
    b.goto(&case).await?;
    b.assert_text("Los estatutos están listos para que los revises")
        .await?;
    b.audit("case-review").await?;
    b.click("Leer el proyecto de estatutos en el navegador")
        .await?;
    b.assert_text("Proyecto de estatutos sociales").await?;
    b.assert_text("Hermanos en el Camino").await?;
    b.audit("bylaws").await?;
    b.goto(&case).await?;
    // The case page in English is English throughout, and offers to keep the language.
    b.click("English").await?;
    b.assert_text("What happens next").await?;
    b.assert_text("The bylaws are ready for you to review")
        .await?;
    b.assert_text("Approve the bylaws").await?;
    b.assert_text("Always use English").await?;
    b.audit("case-review-en").await?;
    b.click("Español").await?;
    b.assert_text("¿Qué sigue?").await?;
    // Both founders read the draft and approve it; the shelter says so for each.
    b.check("Gloria Hernández García").await?;
    b.check("Jean-Baptiste Noël").await?;
    b.click("Aprobar estatutos").await?;
    b.assert_text("Aprobaste los estatutos").await
}

/// The lawyer records the signing before the notary and the filing in the registry, logs the
/// hours, and the shelter's association is inscribed.
async fn the_lawyer_records_the_signing_and_the_filing(s: &mut Story) -> Result<()> {
    sign_in(s, Who::Lawyer).await?;
    let (pdf, case) = (s.pdf(), s.case.clone());
    let day = yesterday();
    let b = &mut s.browser;
    b.goto(&case).await?;
    // The generales the deed gives, which the shelter did not have: the lawyer completes them.
    b.click("Datos generales de Gloria Hernández García")
        .await?;
    b.fill_date("Fecha de nacimiento", "1956-04-27").await?;
    b.fill("Lugar de nacimiento", "Xalapa, Veracruz").await?;
    b.select("Estado civil", "Viuda o viudo").await?;
    b.fill("Ocupación", "Trabajadora social").await?;
    b.fill(
        "Domicilio particular",
        "Calle Mina 45, Centro, Ciudad Ixtepec, Oaxaca",
    )
    .await?;
    b.select("Identificación que presentará", "Credencial para votar")
        .await?;
    b.fill("Número de la identificación", "HRGRGL56042730M800")
        .await?;
    b.fill("RFC de la persona", "GODE561231GR8").await?;
    b.audit("associate").await?;
    b.click("Guardar datos generales").await?;
    b.assert_text("Datos generales guardados").await?;
    b.click("Datos generales de Jean-Baptiste Noël").await?;
    b.fill_date("Fecha de nacimiento", "1990-01-15").await?;
    b.fill("Lugar de nacimiento", "Jacmel, Haití").await?;
    b.select("Estado civil", "Soltera o soltero").await?;
    b.fill("Ocupación", "Enfermero").await?;
    b.fill(
        "Domicilio particular",
        "Calle Mina 45, Centro, Ciudad Ixtepec, Oaxaca",
    )
    .await?;
    b.select("Cómo nombrarla en la escritura", "Como hombre")
        .await?;
    b.select("Identificación que presentará", "Pasaporte")
        .await?;
    b.fill("Número de la identificación", "HT1234567").await?;
    b.select("Documento migratorio", "razones humanitarias")
        .await?;
    b.fill("Número del documento migratorio", "VRH2026001122")
        .await?;
    b.click("Guardar datos generales").await?;
    b.assert_text("Datos generales guardados").await?;
    // Gloria resides in Mexico: the notary needs her constancia de situación fiscal.
    b.upload(
        "Constancia de situación fiscal de Gloria Hernández García",
        &pdf,
    )
    .await?;
    b.click("Subir Constancia de situación fiscal de Gloria Hernández García")
        .await?;
    b.assert_text("Documento guardado").await?;
    b.select("Tipo de documento", "Escritura firmada").await?;
    b.upload("Archivo", &pdf).await?;
    b.click("Subir").await?;
    b.fill("Número de la notaría", "15").await?;
    b.fill("Número de la escritura", "4.821").await?;
    b.fill_date("Fecha de firma", &day).await?;
    b.click("Registrar firma de la escritura").await?;
    b.assert_text("Escritura firmada").await?;
    b.select("Tipo de documento", "Boleta de inscripción")
        .await?;
    b.upload("Archivo", &pdf).await?;
    b.click("Subir").await?;
    b.fill("Folio del registro", "N-2026-000412").await?;
    b.fill(
        "Oficina del registro (entidad y distrito)",
        "Registro Público de la Propiedad de Oaxaca, Distrito de Juchitán",
    )
    .await?;
    b.fill_date("Fecha de inscripción", &day).await?;
    b.click("Registrar inscripción").await?;
    b.assert_text("Inscrita en el registro").await?;
    // The hours are folded away below the case; the lawyer opens them.
    b.click("Horas pro bono").await?;
    b.fill("Horas", "6,5").await?;
    b.fill(
        "Qué hiciste",
        "Estatutos, trámite de denominación y firma ante notario.",
    )
    .await?;
    b.click("Registrar horas").await?;
    b.assert_text("Horas registradas").await?;
    b.audit("case-filed").await
}
