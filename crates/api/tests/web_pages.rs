//! The web pages over HTTP, as a browser without JavaScript uses them: a shelter registers,
//! fills in its request step by step (with mistakes shown beside their fields), submits it; a
//! manager verifies the shelter and accepts; a lawyer finds it on the board and claims it with
//! the attestation. Every page answers in both languages with the security headers.

use crate::common::browser::Browser;
use crate::common::*;
use reqwest::StatusCode;

/// The id in a `/cases/{id}/…` path.
fn case_id_of(path: &str) -> String {
    path.trim_start_matches("/cases/")
        .split(['/', '?'])
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_request_goes_from_registration_to_a_claimed_case_through_the_pages() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;

    // A shelter registers itself; a mistake is shown beside its field and nothing is created.
    let mut shelter = Browser::new(&app, false);
    let page = shelter.get("/register").await;
    assert_eq!(page.status, StatusCode::OK);
    let fields = [
        ("shelter", "Albergue Hermanos en el Camino"),
        ("state", "MX-OAX"),
        ("municipality", "Ixtepec"),
        ("name", "Alejandro Solalinde"),
        ("email", "hermanos@camino.org.mx"),
    ];
    let mut short = fields.to_vec();
    short.push(("password", "corta"));
    let page = shelter.post("/register", &short).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.html.contains("id=\"f-user-password-error\""),
        "{}",
        page.html
    );
    assert!(page.html.contains("href=\"#f-user-password\""));
    assert!(
        page.html.contains("value=\"Ixtepec\""),
        "typed values are kept"
    );
    let (_, orgs) = app
        .get("/api/v1/organizations?kind=shelter", &program.manager.token)
        .await;
    assert!(!orgs.to_string().contains("Hermanos en el Camino"));
    let mut good = fields.to_vec();
    good.push(("password", "una-contraseña-larga"));
    let page = shelter.submit("/register", &good).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.html.contains("Revisa tu correo"), "{}", page.html);
    // It signs in; the home page asks it to confirm its address.
    let page = shelter
        .submit(
            "/login",
            &[
                ("email", "hermanos@camino.org.mx"),
                ("password", "una-contraseña-larga"),
                ("next", "/"),
            ],
        )
        .await;
    assert!(page.html.contains("Confirma tu correo"), "{}", page.html);
    assert!(
        page.html.contains("hermanos@camino.org.mx"),
        "{}",
        page.html
    );

    // The request, step by step.
    let page = shelter.post("/cases/new", &[]).await;
    let intake = page.location.unwrap();
    assert!(intake.ends_with("/intake/names"), "{intake}");
    let case = case_id_of(&intake);
    let base = format!("/cases/{case}/intake");
    shelter.get(&intake).await;
    let page = shelter
        .submit(
            &format!("{base}/names"),
            &[
                ("name", "Hermanos en el Camino"),
                ("name", ""),
                ("name", "Casa Hermanos"),
            ],
        )
        .await;
    assert!(
        page.html.contains("<h1>Objeto social</h1>"),
        "{}",
        page.html
    );
    shelter
        .submit(
            &format!("{base}/purpose"),
            &[
                (
                    "purpose",
                    "Dar albergue, comida y orientación legal a personas migrantes.",
                ),
                ("donataria_autorizada", "yes"),
            ],
        )
        .await;
    shelter
        .submit(
            &format!("{base}/domicile"),
            &[
                ("state", "MX-OAX"),
                ("municipality", "Ixtepec"),
                ("address", "Calle Ferrocarril 1, Centro"),
            ],
        )
        .await;
    // A wrong CURP is refused beside its field, what was typed is kept, nothing is saved.
    let page = shelter
        .post(
            &format!("{base}/associates"),
            &[
                ("full_name", "Gloria Hernández García"),
                ("nationality", "MX"),
                ("curp", "HEGG560427MVZRRL05"),
                ("board_role", "president"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.html.contains("id=\"f-curp-error\""), "{}", page.html);
    assert!(page.html.contains("value=\"Gloria Hernández García\""));
    for (name, nationality, curp, role) in [
        (
            "Gloria Hernández García",
            "MX",
            "HEGG560427MVZRRL04",
            "president",
        ),
        ("Jean-Baptiste Noël", "HT", "", "secretary"),
        ("Persona de más", "GT", "", "member"),
    ] {
        let page = shelter
            .submit(
                &format!("{base}/associates"),
                &[
                    ("full_name", name),
                    ("nationality", nationality),
                    ("curp", curp),
                    ("email", "asociado@camino.org.mx"),
                    ("board_role", role),
                ],
            )
            .await;
        assert!(page.html.contains(name), "{}", page.html);
    }
    // Removing one.
    let page = shelter
        .submit(&format!("{base}/associates"), &[("remove", "2")])
        .await;
    assert!(!page.html.contains("Persona de más"));
    shelter.get(&format!("{base}/governance")).await;
    shelter
        .submit(
            &format!("{base}/governance"),
            &[("governance", "board"), ("legal_representative", "0")],
        )
        .await;
    shelter
        .submit(
            &format!("{base}/contact"),
            &[
                ("contact_name", "Alejandro Solalinde"),
                ("contact_phone", "+52 971 123 4567"),
                ("contact_email", "hermanos@camino.org.mx"),
            ],
        )
        .await;
    let page = shelter
        .submit(
            &format!("{base}/consent"),
            &[("privacy_consent", "yes"), ("associates_consent", "yes")],
        )
        .await;
    // The last step shows the whole request, each part with its way back, and what still
    // keeps it from being sent.
    assert!(
        page.html.contains("<h1>Revisa y envía</h1>"),
        "{}",
        page.html
    );
    for shown in [
        "Gloria Hernández García",
        "Haití",
        "Representante legal",
        "Oaxaca",
        &format!("href=\"{base}/contact\""),
        "Confirma tu correo",
    ] {
        assert!(page.html.contains(shown), "{shown}: {}", page.html);
    }
    assert!(!page.html.contains("/events/submit"), "{}", page.html);
    // Saved as it went: the API holds the whole intake.
    let (_, body) = app.case(&case, &program.manager.token).await;
    assert_eq!(body["intake"]["associates"].as_array().unwrap().len(), 2);
    assert_eq!(body["intake"]["domicile"]["municipality"], "Ixtepec");
    assert_eq!(body["intake"]["privacy_consent"], true);
    assert_eq!(body["intake"]["associates_consent"], true);
    // Until its address is confirmed, the shelter cannot send the request; the page says why.
    shelter.get(&format!("/cases/{case}")).await;
    let page = shelter
        .post(&format!("/cases/{case}/events/submit"), &[])
        .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.html
    );
    assert!(
        page.html.contains("Confirma tu correo con el enlace"),
        "{}",
        page.html
    );
    // It opens the link e-mailed to it, once.
    let link = app.confirmation_link("hermanos@camino.org.mx").await;
    let page = shelter.get(&link).await;
    assert_eq!(page.location.as_deref(), Some("/?done=email_confirmed"));
    let page = shelter.get("/?done=email_confirmed").await;
    assert!(
        page.html.contains("Tu correo quedó confirmado"),
        "{}",
        page.html
    );
    assert!(!page.html.contains("Enviar otro enlace"), "{}", page.html);
    let page = shelter.get(&link).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(
        page.html.contains("Este enlace ya no sirve"),
        "{}",
        page.html
    );
    shelter.get(&format!("/cases/{case}")).await;
    // A form without its token does nothing.
    let token = std::mem::replace(&mut shelter.csrf, "bm90LWEtdG9rZW4".into());
    let page = shelter
        .post(&format!("/cases/{case}/events/submit"), &[])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    shelter.csrf = "bm90LWEtdG9rZW4".into();
    let page = shelter
        .post(&format!("/cases/{case}/comments"), &[("body", "hola")])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let (_, body) = app.case(&case, &program.manager.token).await;
    assert_eq!(body["status"], "draft");
    let (_, comments) = app
        .get(
            &format!("/api/v1/cases/{case}/comments"),
            &program.manager.token,
        )
        .await;
    assert_eq!(comments["items"].as_array().unwrap().len(), 0);
    shelter.csrf = token;
    let page = shelter
        .submit(&format!("/cases/{case}/events/submit"), &[])
        .await;
    assert!(page.html.contains("Listo: el caso avanzó"), "{}", page.html);
    assert!(page.html.contains("está revisando tu solicitud"));

    // The manager: the shelter is not verified, so accepting names what is missing.
    let mut manager = Browser::signed_in(&app, &program.manager);
    let page = manager.get("/").await;
    assert!(page.html.contains("Hermanos en el Camino"), "{}", page.html);
    let page = manager.get(&format!("/cases/{case}")).await;
    assert!(
        page.html
            .contains("La coordinación aún no verifica al albergue"),
        "{}",
        page.html
    );
    let page = manager.get("/shelters").await;
    let org = {
        let at = page.html.find("Albergue Hermanos en el Camino").unwrap();
        let rest = &page.html[at..];
        let start = rest.find("/shelters/").unwrap() + "/shelters/".len();
        rest[start..].split('/').next().unwrap().to_owned()
    };
    let page = manager
        .submit(&format!("/shelters/{org}/verify"), &[])
        .await;
    assert!(page.html.contains("Albergue verificado"));
    manager.get(&format!("/cases/{case}")).await;
    let page = manager
        .submit(&format!("/cases/{case}/events/accept"), &[])
        .await;
    assert!(page.html.contains("Abierta a voluntarios"), "{}", page.html);

    // The lawyer: the board shows the request without personal data; claiming needs the
    // attestation.
    let mut lawyer = Browser::signed_in(&app, &program.lawyer);
    let page = lawyer.get("/board?state=MX-OAX&waiting=0").await;
    assert!(page.html.contains("Hermanos en el Camino"), "{}", page.html);
    assert!(!page.html.contains("Gloria"));
    let page = lawyer.get("/board?state=MX-CHH").await;
    assert!(!page.html.contains("Hermanos en el Camino"));
    let page = lawyer.get(&format!("/cases/{case}")).await;
    assert!(!page.html.contains("HEGG560427MVZRRL04"));
    let page = lawyer
        .post(
            &format!("/cases/{case}/events/claim"),
            &[
                ("attestation", "yes"),
                ("conflict_check.reference", "CC-2026-88"),
            ],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.html
    );
    assert!(page.html.contains("error-summary"));
    let (_, body) = app.case(&case, &program.manager.token).await;
    assert_eq!(body["status"], "open", "a refused claim changes nothing");
    let page = lawyer
        .submit(
            &format!("/cases/{case}/events/claim"),
            &[
                ("attestation", "yes"),
                ("conflict_check.no_conflict", "yes"),
                ("conflict_check.reference", "CC-2026-88"),
            ],
        )
        .await;
    assert!(
        page.html.contains("Gloria Hernández García"),
        "{}",
        page.html
    );
    assert!(page.html.contains("Asignada a abogado"));
    let page = lawyer.get("/").await;
    assert!(page.html.contains("Hermanos en el Camino"));
}

#[tokio::test]
async fn every_page_answers_in_both_languages() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let pages: Vec<(&Person, String)> = vec![
        (&program.shelter, "/".into()),
        (&program.shelter, format!("/cases/{case}")),
        (&program.shelter, "/password".into()),
        (&program.lawyer, "/".into()),
        (&program.lawyer, "/board".into()),
        (&program.lawyer, format!("/cases/{case}")),
        (&program.admin, "/".into()),
        (&program.admin, "/cases".into()),
        (&program.admin, "/shelters".into()),
        (&program.admin, "/dashboard".into()),
        (&program.admin, "/workflow".into()),
        (&program.admin, "/admin".into()),
        (&program.admin, format!("/cases/{case}")),
    ];
    for lang in ["es", "en"] {
        for (person, path) in &pages {
            let mut visitor = Browser::signed_in(&app, person);
            visitor.cookies.insert("puente_lang".into(), lang.into());
            let page = visitor.get(path).await;
            assert_eq!(
                page.status,
                StatusCode::OK,
                "{path} ({lang}): {}",
                page.html
            );
            assert!(
                page.html.contains(&format!("<html lang=\"{lang}\">")),
                "{path}"
            );
        }
        let mut visitor = Browser::new(&app, false);
        visitor.cookies.insert("puente_lang".into(), lang.into());
        for path in ["/login", "/register"] {
            let page = visitor.get(path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
        }
    }
    // Signed out, a page leads to the sign-in page and back.
    let page = Browser::new(&app, false)
        .get(&format!("/cases/{case}"))
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.location.unwrap(),
        format!("/login?next=%2Fcases%2F{case}")
    );
    // Pages a role may not open say so (never a 5xx).
    let mut shelter = Browser::signed_in(&app, &program.other_shelter);
    let page = shelter.get(&format!("/cases/{case}")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let page = shelter.get("/dashboard").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = shelter.get("/admin").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn managers_assign_export_and_administer_and_people_change_their_password() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;

    // Assigning needs a lawyer and the attestation; the form offers the active lawyers.
    let mut manager = Browser::signed_in(&app, &program.admin);
    let page = manager.get(&format!("/cases/{case}")).await;
    assert!(page.html.contains("Asignar abogado"), "{}", page.html);
    let lawyer = program.lawyer.id.to_string();
    assert!(page.html.contains(&format!("<option value=\"{lawyer}\"")));
    let page = manager
        .post(
            &format!("/cases/{case}/events/assign"),
            &[
                ("attestation", "yes"),
                ("conflict_check.no_conflict", "yes"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = manager
        .submit(
            &format!("/cases/{case}/events/assign"),
            &[
                ("lawyer_id", &lawyer),
                ("attestation", "yes"),
                ("conflict_check.no_conflict", "yes"),
                ("conflict_check.reference", "CC-77"),
            ],
        )
        .await;
    assert!(page.html.contains("Asignada a abogado"), "{}", page.html);
    let (_, body) = app.case(&case, &program.manager.token).await;
    assert_eq!(body["lawyer"]["id"], lawyer);

    // Comments say who wrote them; an empty one is explained beside its field.
    let page = manager
        .post(&format!("/cases/{case}/comments"), &[("body", "  ")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.html.contains("id=\"f-comment-body-error\""),
        "{}",
        page.html
    );
    let page = manager
        .submit(
            &format!("/cases/{case}/comments"),
            &[("body", "Asignado por la coordinación.")],
        )
        .await;
    assert!(
        page.html.contains("Persona de Prueba · Coordinación"),
        "{}",
        page.html
    );

    // The CSV export streams through the page, in the page's language.
    let response = manager
        .client
        .get(app.url("/reports/cases.csv"))
        .header("cookie", manager.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = response.text().await.unwrap();
    assert!(csv.contains("PUE-"), "{csv}");

    // A report filter that is not a date is explained, not failed on.
    let page = manager.get("/dashboard?from=ayer").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.html.contains("error-summary"), "{}", page.html);
    let page = manager.get("/cases?status=inventado&alert=nada").await;
    assert!(page.status.is_client_error(), "{}", page.status);

    // Administration: an organization and a person added, a refused form explained, an
    // account turned off.
    manager.get("/admin").await;
    let page = manager
        .submit(
            "/admin/organizations",
            &[
                ("kind", "law_firm"),
                ("name", "Bufete del Norte, S.C."),
                ("state", "MX-NLE"),
            ],
        )
        .await;
    assert!(page.html.contains("Organización agregada"), "{}", page.html);
    let (_, orgs) = app
        .get(
            "/api/v1/organizations?kind=law_firm",
            &program.manager.token,
        )
        .await;
    let firm = orgs["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Bufete del Norte, S.C.")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = manager
        .post(
            "/admin/users",
            &[
                ("name", "Rosa Treviño"),
                ("email", "no-es-un-correo"),
                ("password", "una-contraseña-larga"),
                ("role", "lawyer"),
                ("organization_id", &firm),
                ("locale", "es"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.html.contains("id=\"f-user-email-error\""),
        "{}",
        page.html
    );
    assert!(page.html.contains("value=\"Rosa Treviño\""));
    let page = manager
        .submit(
            "/admin/users",
            &[
                ("name", "Rosa Treviño"),
                ("email", "rosa@bufete-norte.mx"),
                ("password", "una-contraseña-larga"),
                ("role", "lawyer"),
                ("organization_id", &firm),
                ("locale", "es"),
            ],
        )
        .await;
    assert!(page.html.contains("Persona agregada"), "{}", page.html);
    app.login("rosa@bufete-norte.mx", "una-contraseña-larga")
        .await;
    let (_, users) = app.get("/api/v1/users", &program.manager.token).await;
    let rosa = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "rosa@bufete-norte.mx")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = manager
        .submit(
            &format!("/admin/users/{rosa}/active"),
            &[("active", "false")],
        )
        .await;
    assert!(page.html.contains("Cuenta actualizada"));
    let (status, _) = app
        .call(
            reqwest::Method::POST,
            "/api/v1/auth/login",
            None,
            Some(serde_json::json!({"email": "rosa@bufete-norte.mx", "password": "una-contraseña-larga"})),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a deactivated account cannot sign in"
    );
    // A lawyer may not administer.
    let mut lawyer = Browser::signed_in(&app, &program.lawyer);
    lawyer.get("/").await;
    let page = lawyer
        .post(
            "/admin/organizations",
            &[("kind", "law_firm"), ("name", "Otro")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);

    // The password change: a wrong current password and a mismatch are explained beside
    // their fields; a good change signs the person in again with the new one.
    let person = app
        .person_with_password(program.shelter.org, "shelter")
        .await;
    let mut shelter = Browser::signed_in(&app, &person);
    shelter.get("/password").await;
    let page = shelter
        .post(
            "/password",
            &[
                ("current_password", "no-es-la-actual"),
                ("new_password", "otra-contraseña-larga"),
                ("confirm_password", "otra-contraseña-larga"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.html.contains("id=\"f-current-password-error\""),
        "{}",
        page.html
    );
    let page = shelter
        .post(
            "/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "otra-contraseña-larga"),
                ("confirm_password", "otra-contraseña-distinta"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.html.contains("id=\"f-confirm-password-error\""));
    let page = shelter
        .submit(
            "/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "otra-contraseña-larga"),
                ("confirm_password", "otra-contraseña-larga"),
            ],
        )
        .await;
    assert!(page.html.contains("Tu contraseña cambió"), "{}", page.html);
    app.login(&person.email, "otra-contraseña-larga").await;
}

/// The dashboard shows the caseload report's figures: how many cases there are, by stage and by
/// state of Mexico, within the filters asked for; its exports download the same CSV files as
/// the API, for managers only.
#[tokio::test]
async fn the_dashboard_shows_the_caseload_in_figures() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    open_case(&app, &program).await;
    open_case(&app, &program).await;

    let mut manager = Browser::signed_in(&app, &program.admin);
    let page = manager.get("/dashboard").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.html.contains("<dt>Casos</dt><dd>2</dd>"),
        "{}",
        page.html
    );
    assert!(
        page.html
            .contains("<tr><th scope=\"row\">Abierta a voluntarios</th><td>2</td></tr>"),
        "{}",
        page.html
    );
    assert!(
        page.html
            .contains("<tr><th scope=\"row\">Chihuahua</th><td>2</td></tr>"),
        "{}",
        page.html
    );
    // Another state: none of them.
    let page = manager.get("/dashboard?state=MX-NLE").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.html.contains("<dt>Casos</dt><dd>0</dd>"),
        "{}",
        page.html
    );
    assert!(!page.html.contains(">Chihuahua</th>"), "{}", page.html);
    // A firm that is not one is explained, as a date that is not one.
    let page = manager.get("/dashboard?firm=ninguna").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.html.contains("error-summary"), "{}", page.html);

    let response = manager
        .client
        .get(app.url("/reports/hours.csv?state=MX-CHH"))
        .header("cookie", manager.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"puente-"),
        "{disposition}"
    );
    let csv = response.bytes().await.unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF\""),
        "a byte-order mark, then the titles"
    );

    // A shelter may not see the dashboard nor export.
    let shelter = Browser::signed_in(&app, &program.shelter);
    let response = shelter
        .client
        .get(app.url("/reports/cases.csv"))
        .header("cookie", shelter.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

/// The screening queue pages: 230 requests, the four overdue ones first, then the rest as they
/// came; the manager reaches the last through the "next" links, each request once, and the page
/// says how many there are. The API pages the same list with `total`.
#[tokio::test]
async fn the_screening_queue_shows_the_oldest_first_and_reaches_the_last_through_its_links() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let start = app.state.now() - time::Duration::days(10);
    let mut submitted = Vec::new();
    for n in 0..230 {
        // The first four were sent ten days ago (screening overdue), the others today.
        let at = if n < 4 {
            start + time::Duration::minutes(n)
        } else {
            app.state.now()
        };
        app.state.clock.set(at);
        let (status, case) = app
            .post(
                "/api/v1/cases",
                &program.shelter.token,
                serde_json::json!({"intake": intake()}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{case}");
        let id = case["id"].as_str().unwrap().to_owned();
        let (status, body) = app
            .fire(&program.shelter.token, &id, "submit", serde_json::json!({}))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        submitted.push(case["reference"].as_str().unwrap().to_owned());
    }
    app.state.clock.set(start + time::Duration::days(10));

    let mut manager = Browser::signed_in(&app, &program.manager);
    let mut path = "/".to_owned();
    let mut seen: Vec<String> = Vec::new();
    for pages in 1.. {
        assert!(pages <= 5, "the queue did not end: {path}");
        let page = manager.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.html);
        assert!(page.html.contains("230 casos en total"), "{}", page.html);
        seen.extend(
            page.html
                .match_indices("class=\"reference\">")
                .map(|(at, found)| {
                    page.html[at + found.len()..]
                        .chars()
                        .take_while(|c| *c != ' ' && *c != '<')
                        .collect::<String>()
                }),
        );
        match page.html.split_once("rel=\"next\"") {
            Some((before, _)) => {
                let href = before.rsplit("href=\"").next().unwrap();
                path = href.split('"').next().unwrap().replace("&amp;", "&");
            }
            None => break,
        }
    }
    assert_eq!(seen.len(), 230);
    assert_eq!(seen, submitted, "oldest first, each once");

    // The API: the same order with `order=waiting`, and how many in all.
    let (status, body) = app
        .get(
            "/api/v1/cases?status=submitted&order=waiting&limit=3",
            &program.manager.token,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["total"], 230);
    let references: Vec<&str> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["reference"].as_str().unwrap())
        .collect();
    assert_eq!(references, submitted[..3]);
    let (status, body) = app
        .get("/api/v1/cases?order=sideways", &program.manager.token)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["field"], "order", "{body}");
}

/// The shelters to verify page by name, 50 at a time, and each tab says how many it holds; the
/// API pages organizations and people the same way, with `total`.
#[tokio::test]
async fn shelters_and_people_page_and_say_how_many_there_are() {
    use puente_api::service::repo::orgs::OrgKind;
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    for n in 0..75 {
        app.org(OrgKind::Shelter, &format!("Albergue {n:03}"), false)
            .await;
    }
    let (_, verified) = app
        .get(
            "/api/v1/organizations?kind=shelter&verified=true&limit=1",
            &program.manager.token,
        )
        .await;
    let verified = verified["total"].as_u64().unwrap();

    let mut manager = Browser::signed_in(&app, &program.manager);
    let mut path = "/shelters".to_owned();
    let mut names = Vec::new();
    loop {
        let page = manager.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.html);
        assert!(page.html.contains("Por verificar (75)"), "{}", page.html);
        assert!(
            page.html.contains(&format!("Verificados ({verified})")),
            "{}",
            page.html
        );
        names.extend(
            page.html
                .match_indices("\">Albergue ")
                .map(|(at, _)| page.html[at + 2..at + 14].to_owned()),
        );
        match page.html.split_once("rel=\"next\"") {
            Some((before, _)) => {
                let href = before.rsplit("href=\"").next().unwrap();
                path = href.split('"').next().unwrap().replace("&amp;", "&");
            }
            None => break,
        }
    }
    let expected: Vec<String> = (0..75).map(|n| format!("Albergue {n:03}")).collect();
    assert_eq!(names, expected);
    // A forged or stale cursor starts the list again.
    for path in [
        "/shelters?show=verified&cursor=forged",
        "/?cursor=forged",
        "/admin?cursor=x",
    ] {
        let page = manager.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        let to = page.location.unwrap();
        assert!(!to.contains("cursor"), "{path} → {to}");
    }

    // The API: organizations and people by pages, with how many in all.
    let (status, first) = app
        .get(
            "/api/v1/organizations?kind=shelter&verified=false&limit=40",
            &program.manager.token,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["total"], 75);
    assert_eq!(first["items"].as_array().unwrap().len(), 40);
    let cursor = first["next_cursor"].as_str().unwrap();
    let (_, rest) = app
        .get(
            &format!("/api/v1/organizations?kind=shelter&verified=false&limit=40&cursor={cursor}"),
            &program.manager.token,
        )
        .await;
    assert_eq!(rest["items"].as_array().unwrap().len(), 35);
    assert_eq!(rest["items"][0]["name"], "Albergue 040");
    assert!(rest["next_cursor"].is_null(), "{rest}");
    let (status, people) = app
        .get("/api/v1/users?limit=2", &program.manager.token)
        .await;
    assert_eq!(status, StatusCode::OK, "{people}");
    assert_eq!(people["items"].as_array().unwrap().len(), 2);
    assert!(people["total"].as_u64().unwrap() >= 7, "{people}");
    assert!(people["next_cursor"].is_string(), "{people}");
    let (status, _) = app
        .get("/api/v1/users?cursor=forged", &program.manager.token)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

/// A list costs the same few statements whatever its length: the screening queue with three
/// requests and with fifty, through the API and as the manager's home page.
#[tokio::test]
async fn a_list_is_served_with_a_bounded_number_of_queries() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let queries = Arc::new(AtomicUsize::new(0));
    let app = TestApp::spawn_counting_queries(queries.clone()).await;
    let program = Program::new(&app).await;
    let mut manager = Browser::signed_in(&app, &program.manager);
    let mut costs = Vec::new();
    for wanted in [3, 50] {
        while count_submitted(&app, &program).await < wanted {
            let (_, case) = app
                .post(
                    "/api/v1/cases",
                    &program.shelter.token,
                    serde_json::json!({"intake": intake()}),
                )
                .await;
            let id = case["id"].as_str().unwrap().to_owned();
            app.fire(&program.shelter.token, &id, "submit", serde_json::json!({}))
                .await;
        }
        let before = queries.load(Ordering::SeqCst);
        let (status, body) = app
            .get(
                "/api/v1/cases?status=submitted&order=waiting&limit=50",
                &program.manager.token,
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["items"].as_array().unwrap().len(), wanted);
        let api = queries.load(Ordering::SeqCst) - before;
        let before = queries.load(Ordering::SeqCst);
        let page = manager.get("/").await;
        assert_eq!(page.status, StatusCode::OK);
        let html = queries.load(Ordering::SeqCst) - before;
        costs.push((api, html));
    }
    eprintln!("statements per list request (API, page), 3 and 50 cases: {costs:?}");
    assert_eq!(
        costs[0], costs[1],
        "three cases and fifty cost the same: {costs:?}"
    );
    assert!(costs[1].0 <= 8 && costs[1].1 <= 8, "{costs:?}");
}

async fn count_submitted(app: &TestApp, program: &Program) -> usize {
    let (_, body) = app
        .get(
            "/api/v1/cases?status=submitted&limit=1",
            &program.manager.token,
        )
        .await;
    usize::try_from(body["total"].as_u64().unwrap()).unwrap()
}
