//! «Mi cuenta» at `/me`, where every e-mail's footer leads: it renders for each role, saves the
//! name and the language (the pages follow at once, the e-mails from then on), turns a notice
//! off and on with one click, keeps a lawyer's states and capacity, and lets a shelter invite a
//! colleague who then chooses a password by the e-mailed link.

use puente_api::entity::outbox;
use puente_api::service::mail::Notice;
use puente_api::service::repo::orgs::OrgKind;
use reqwest::StatusCode;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::Value;

use crate::common::browser::Browser;
use crate::common::*;

async fn queued(app: &TestApp, notice: Notice) -> Vec<Value> {
    outbox::Entity::find()
        .order_by_asc(outbox::Column::CreatedAt)
        .order_by_asc(outbox::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.kind == notice)
        .map(|row| row.payload)
        .collect()
}

#[tokio::test]
async fn my_account_renders_for_each_role_and_saves_name_language_and_notices() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    for (person, shows, hides) in [
        (
            &program.shelter,
            "Invitar a otra persona del albergue",
            "Estados que te interesan",
        ),
        (
            &program.lawyer,
            "Estados que te interesan",
            "Invitar a otra persona",
        ),
        (
            &program.manager,
            "Solicitudes nuevas por revisar",
            "Estados que te interesan",
        ),
    ] {
        let page = Browser::signed_in(&app, person).get("/me").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.html);
        assert!(page.html.contains("<h1>Mi cuenta</h1>"));
        assert!(page.html.contains(&person.email));
        assert!(page.html.contains(shows), "{}: {shows}", person.email);
        assert!(!page.html.contains(hides), "{}: {hides}", person.email);
        assert!(page.html.contains("href=\"/security\""));
    }

    let mut lawyer = Browser::signed_in(&app, &program.lawyer);
    lawyer.get("/me").await;
    let refused = lawyer
        .post(
            "/me",
            &[
                ("name", "Laura Díaz"),
                ("locale", "en"),
                ("case_capacity", "99"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .html
            .contains("id=\"f-profile-case-capacity-error\"")
    );
    let saved = lawyer
        .post(
            "/me",
            &[
                ("name", "Laura Díaz"),
                ("locale", "en"),
                ("preferred_states", "MX-CHH"),
                ("preferred_states", "MX-SON"),
                ("case_capacity", "5"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.html);
    assert!(
        saved.set_cookies.iter().any(|c| c.contains("lang=en")),
        "the pages follow the language at once: {:?}",
        saved.set_cookies
    );
    let page = lawyer.get(saved.location.as_deref().unwrap()).await;
    assert!(
        page.html.contains("Your details were saved."),
        "{}",
        page.html
    );
    let (_, me) = app.me(&program.lawyer.token).await;
    assert_eq!(me["name"], "Laura Díaz");
    assert_eq!(me["locale"], "en");
    assert_eq!(
        me["preferred_states"],
        serde_json::json!(["MX-CHH", "MX-SON"])
    );
    assert_eq!(me["case_capacity"], 5);

    // One click turns a notice off, another on again; an essential one has no switch.
    assert!(!page.html.contains("/me/notices/case_assigned/"));
    let off = lawyer.post("/me/notices/comment/off", &[]).await;
    assert_eq!(off.status, StatusCode::SEE_OTHER);
    let (_, me) = app.me(&program.lawyer.token).await;
    assert_eq!(me["muted_notifications"], serde_json::json!(["comment"]));
    let page = lawyer.get("/me").await;
    assert!(page.html.contains("/me/notices/comment/on"));
    lawyer.post("/me/notices/comment/on", &[]).await;
    let (_, me) = app.me(&program.lawyer.token).await;
    assert_eq!(me["muted_notifications"], serde_json::json!([]));
    let unknown = lawyer.post("/me/notices/comment/maybe", &[]).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let essential = lawyer.post("/me/notices/case_assigned/off", &[]).await;
    assert_eq!(essential.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_shelter_invites_a_colleague_who_chooses_a_password_by_the_link() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let mut shelter = Browser::signed_in(&app, &program.shelter);
    shelter.get("/me").await;
    let refused = shelter
        .post(
            "/me/invitations",
            &[("name", "Marta Ruiz"), ("email", "no es un correo")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.html.contains("id=\"f-invite-email-error\""));
    assert!(refused.html.contains("value=\"Marta Ruiz\""));
    let sent = shelter
        .submit(
            "/me/invitations",
            &[("name", "Marta Ruiz"), ("email", "marta@pasolibre.org.mx")],
        )
        .await;
    assert!(sent.html.contains("Invitación enviada"), "{}", sent.html);
    let invitations = queued(&app, Notice::Invitation).await;
    assert_eq!(invitations.len(), 1);
    assert_eq!(
        invitations[0]["organization"],
        "Casa del Migrante Paso Libre"
    );
    let link = invitations[0]["path"].as_str().unwrap().to_owned();

    // An address that already has an account: the same answer, and the account is left as it
    // is.
    let again = shelter
        .submit(
            "/me/invitations",
            &[("name", "Otra"), ("email", &program.lawyer.email)],
        )
        .await;
    assert!(again.html.contains("Invitación enviada"));
    assert_eq!(queued(&app, Notice::Invitation).await.len(), 1);
    assert!(queued(&app, Notice::RegistrationAttempt).await.is_empty());

    // The colleague chooses a password by the link and sees the shelter's cases.
    let mut marta = Browser::new(&app, false);
    let form = marta.get(&link).await;
    assert!(form.html.contains("Elige tu contraseña"));
    let saved = marta.choose_password(&link, "un puente para marta").await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.html);
    let session = app
        .login("marta@pasolibre.org.mx", "un puente para marta")
        .await;
    let token = session["access_token"].as_str().unwrap();
    let (_, me) = app.me(token).await;
    assert_eq!(me["role"], "shelter");
    assert_eq!(me["organization"]["name"], "Casa del Migrante Paso Libre");
    assert_eq!(me["email_confirmed"], true);

    // Only a verified shelter's staff invite: an unverified one could take an address first.
    let unverified = app.org(OrgKind::Shelter, "Albergue Nuevo", false).await;
    let newcomer = app.person(unverified, "shelter", false).await;
    let mut browser = Browser::signed_in(&app, &newcomer);
    let page = browser.get("/me").await;
    assert!(
        page.html
            .contains("cuando la coordinación del programa verifique")
    );
    assert!(!page.html.contains("action=\"/me/invitations\""));
    let refused = browser
        .post(
            "/me/invitations",
            &[("name", "X"), ("email", "x@ejemplo.mx")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(queued(&app, Notice::Invitation).await.len(), 1);

    // Only a shelter's staff invite.
    let page = Browser::signed_in(&app, &program.lawyer)
        .post(
            "/me/invitations",
            &[("name", "X"), ("email", "x@ejemplo.mx")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}
