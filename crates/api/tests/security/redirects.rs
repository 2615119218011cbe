//! Open redirect: `/login?next=/%09/evil.example` (a tab, which browsers drop from `Location`)
//! sent a signed-in person to another site. Every form of `next` an attacker can write into a
//! link now leads to a page of Puente, through a real sign-in and while already signed in, as a
//! browser resolves the `Location` it gets; a malformed one never answers 500.

use puente_api::service::repo::orgs::OrgKind;
use reqwest::{StatusCode, Url};

use crate::common::browser::Browser;
use crate::common::*;

/// What an attacker puts after `next=` in a link, as written in the address (so `%09` is a tab
/// once the query is read).
const ATTACKS: &[&str] = &[
    "//evil.example",
    "///evil.example",
    "/%5Cevil.example",
    "%5C%5Cevil.example",
    "/%255Cevil.example",
    "/%252F%252Fevil.example",
    "/%25252F%25252Fevil.example",
    "%2F%2Fevil.example",
    "/%09/evil.example",
    "/%0D%0A/evil.example",
    "/%250D%250A/evil.example",
    "/%0d%0aLocation:%20https://evil.example",
    "/%00//evil.example",
    "%20//evil.example",
    "https://evil.example",
    "https:evil.example",
    "javascript:alert(document.cookie)",
    "%6Aavascript:alert(1)",
    "data:text/html,%3Cscript%3Ealert(1)%3C/script%3E",
    "/%EF%BC%8F%EF%BC%8Fevil.example",
    "/%E2%88%95%E2%88%95evil.example",
    "/%E2%80%A8/evil.example",
    "%ZZ",
    "/%ZZ",
    "/%25ZZ%2F%2Fevil.example",
    "/%FF",
    "",
];

/// Where a browser on this page of Puente goes for `location`: it must be Puente.
fn stays_on_puente(app: &TestApp, location: &str) -> Url {
    let base = Url::parse(&app.url("/")).unwrap();
    // `Url::join` parses as browsers do (WHATWG): tabs and line breaks dropped, `\` read as `/`.
    let target = base.join(location).unwrap();
    assert_eq!(
        (target.scheme(), target.host_str(), target.port()),
        (base.scheme(), base.host_str(), base.port()),
        "{location:?} leaves Puente"
    );
    target
}

#[tokio::test]
async fn every_form_of_next_stays_on_puente_through_a_real_sign_in() {
    let app = TestApp::spawn().await;
    let shelter = app.org(OrgKind::Shelter, "Albergue", true).await;
    let person = app.person_with_password(shelter, "shelter").await;

    for attack in ATTACKS {
        let mut browser = Browser::new(&app, false);
        let login = format!("/login?next={attack}");
        let page = browser.sign_in_at(&login, &person.email, PASSWORD).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "{attack}: {}",
            page.html
        );
        let location = page.location.unwrap();
        assert_eq!(location, "/", "{attack}");
        // Followed, it is Puente's home page, signed in.
        let target = stays_on_puente(&app, &location);
        let home = browser.get(target.path()).await;
        assert_eq!(home.status, StatusCode::OK, "{attack}");

        // Already signed in, the sign-in page sends the person on at once: home as well.
        let page = browser.get(&login).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{attack}");
        assert_eq!(page.location.as_deref(), Some("/"), "{attack}");

        // A forged form posting `next` directly is no different.
        let page = browser
            .post("/lang", &[("lang", "es"), ("back", &decoded(attack))])
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{attack}");
        assert_eq!(page.location.as_deref(), Some("/"), "{attack}");
    }
}

#[tokio::test]
async fn a_page_of_puente_is_where_the_sign_in_leads_back() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let person = app
        .person_with_password(program.shelter.org, "shelter")
        .await;
    let case = open_case(&app, &program).await;

    // Signed out, a case's page sends to the sign-in with the way back.
    let mut browser = Browser::new(&app, false);
    let page = browser.get(&format!("/cases/{case}?tab=documents")).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let login = page.location.unwrap();
    assert!(login.starts_with("/login?next="), "{login}");
    let page = browser.sign_in_at(&login, &person.email, PASSWORD).await;
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/cases/{case}?tab=documents").as_str())
    );
    stays_on_puente(&app, page.location.as_deref().unwrap());
}

/// An attack as the query reader hands it over (once percent-decoded).
fn decoded(attack: &str) -> String {
    form_urlencoded::parse(format!("x={attack}").as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}
