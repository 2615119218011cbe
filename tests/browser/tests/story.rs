//! Puente's story in a browser, told once on a phone and once on a desktop: the built `puente`
//! binary with a seeded program, used through headless Chromium the way people use it, every
//! page checked with axe-core and photographed (`tests/browser/screenshots/`).
//!
//! Each step is a function on [`Story`]; later chapters (a shelter registering, its intake, the
//! lawyer's claim, the manager's screening…) are appended to [`story`] as more functions.

use puente_browser_tests::{Account, Driver, Result, Server, Size};

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
    Ok(())
}

/// The people of the story.
#[derive(Debug, Clone, Copy)]
enum Who {
    /// The program's manager (an admin), seeded.
    Manager,
    /// The law firm's lawyer, seeded.
    #[allow(dead_code)] // Her chapters come next.
    Lawyer,
}

/// What the steps share: the server, the browser, and the people's accounts.
struct Story {
    server: Server,
    browser: Driver,
}

impl Story {
    fn account(&self, who: Who) -> &Account {
        match who {
            Who::Manager => &self.server.manager,
            Who::Lawyer => &self.server.lawyer,
        }
    }
}

/// Starts a server and a browser at `size`, tells the story, and stops both (also on failure:
/// dropping them kills their processes, even when a step panics).
async fn tell(size: Size) -> Result<()> {
    let server = Server::start().await?;
    let browser = Driver::start(size, server.url()).await?;
    let mut s = Story { server, browser };
    let outcome = story(&mut s).await;
    if outcome.is_err() {
        eprintln!(
            "the {} story failed; the server's last log lines:\n{}",
            size.name(),
            s.server.log_tail(30)
        );
    }
    let Story { server, browser } = s;
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
    b.assert_text("Todavía no hay casos.").await?;
    b.audit("home").await
}

/// The language switch turns the page into English and back into Spanish, staying on it.
async fn the_pages_speak_english_on_request(s: &mut Story) -> Result<()> {
    let b = &mut s.browser;
    let path = b.current_path().await?;
    b.click("English").await?;
    b.assert_path(&path).await?;
    b.assert_text("There are no cases yet.").await?;
    b.assert_text("Sign out").await?;
    b.audit("home-english").await?;
    b.click("Español").await?;
    b.assert_path(&path).await?;
    b.assert_text("Todavía no hay casos.").await
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
