//! What a person does on a page, found the way a person finds it: fields by their label's
//! text, buttons and links by what they say. Nothing here knows an id or a CSS class of
//! Puente's pages; a step that cannot find its target lists what the page offers instead.

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use fantoccini::elements::{Element, ElementRef};
use serde_json::{Value, json};

use crate::driver::Driver;
use crate::error::{Context, Error, Result};

/// The key of an element reference in WebDriver's JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Finds the control of the label whose text is `arguments[0]` (exactly, else containing it)
/// through the label's `for`: `{control, label, htmlFor, count, candidates}`, `control` null
/// unless exactly one label matched.
const FIND_CONTROL: &str = r#"
const wanted = arguments[0];
const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
const labels = Array.from(document.querySelectorAll("label"));
const texts = labels.map((l) => norm(l.innerText || l.textContent));
let hits = labels.filter((_, i) => texts[i] === wanted);
if (hits.length === 0) hits = labels.filter((_, i) => texts[i].includes(wanted));
const result = { control: null, label: null, htmlFor: null, count: hits.length, candidates: texts };
if (hits.length === 1) {
  result.label = norm(hits[0].innerText || hits[0].textContent);
  result.htmlFor = hits[0].htmlFor || null;
  result.control = hits[0].control;
}
return result;
"#;

/// Finds the button, submit input or link that says `arguments[0]` (exactly, else containing
/// it), visible ones first: `{element, loads, candidates}`. When clicking it will load a page,
/// the current page is marked so that the new one can be told apart.
const FIND_CLICKABLE: &str = r#"
const wanted = arguments[0];
const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
const all = Array.from(document.querySelectorAll(
  "button, input[type=submit], input[type=button], a[href], summary"));
const said = (e) => norm(e.tagName === "INPUT" ? e.value : (e.innerText || e.textContent));
const visible = (e) => e.getClientRects().length > 0;
const items = all.map((e) => ({ e, text: said(e), visible: visible(e) }));
const pick = (match) =>
  items.find((i) => i.visible && match(i.text)) || items.find((i) => match(i.text));
const hit = pick((t) => t === wanted) || pick((t) => t.includes(wanted));
// Whether clicking it loads a page: a form's submit button, or a link elsewhere than a spot
// of this page (and not a download).
const loads = (e) => {
  if (e.tagName !== "A") return e.type === "submit" && e.form !== null;
  if (e.hasAttribute("download")) return false;
  const url = new URL(e.href, location.href);
  const here = url.origin === location.origin && url.pathname === location.pathname
    && url.search === location.search;
  return !(here && url.hash !== "");
};
if (hit && loads(hit.e)) window.__puenteLeft = false;
return {
  element: hit ? hit.e : null,
  loads: hit ? loads(hit.e) : false,
  candidates: items.map((i) => `${i.e.tagName.toLowerCase()} "${i.text}"`),
};
"#;

/// Whether the page that was marked before a click is gone and the new one loaded.
const NEW_PAGE_LOADED: &str =
    r#"return window.__puenteLeft === undefined && document.readyState === "complete";"#;

/// How long a page may take to load after a click.
const LOAD_TIMEOUT: Duration = Duration::from_secs(10);

/// The text of the elements that `arguments[0]`'s `aria-describedby` names.
const DESCRIPTION: &str = r#"
const ids = (arguments[0].getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
return ids
  .map((id) => document.getElementById(id))
  .filter(Boolean)
  .map((e) => (e.innerText || e.textContent).replace(/\s+/g, " ").trim())
  .join(" ");
"#;

impl Driver {
    /// Opens `path` (`/login`) on the server.
    pub async fn goto(&self, path: &str) -> Result<()> {
        self.client
            .goto(&format!("{}{path}", self.base_url))
            .await
            .context(format!("open {path}"))
    }

    /// Scrolls the element with id `id` to the top of the viewport (for a screenshot of a part
    /// of a long page).
    pub async fn scroll_to(&self, id: &str) -> Result<()> {
        let found = self
            .client
            .execute(
                "const e = document.getElementById(arguments[0]); if (e) { e.scrollIntoView(); } return !!e;",
                vec![serde_json::Value::String(id.to_owned())],
            )
            .await?;
        if found == serde_json::Value::Bool(true) {
            Ok(())
        } else {
            Err(Error::new(format!(
                "no element #{id} on {}",
                self.current_path().await?
            )))
        }
    }

    /// The path of the page shown (`/login`), without query.
    pub async fn current_path(&self) -> Result<String> {
        Ok(self.client.current_url().await?.path().to_owned())
    }

    /// The text of the page's body as rendered (hidden text left out).
    pub async fn text(&self) -> Result<String> {
        let body = self.client.find(Locator::Css("body")).await?;
        Ok(body.text().await?)
    }

    /// Fails unless the page shows `expected`.
    pub async fn assert_text(&self, expected: &str) -> Result<()> {
        let text = self.text().await?;
        if text.contains(expected) {
            Ok(())
        } else {
            Err(Error::new(format!(
                "{} does not show {expected:?}; it shows:\n{text}",
                self.current_path().await?
            )))
        }
    }

    /// Fails unless the page shown is `expected` (a path such as `/login`).
    pub async fn assert_path(&self, expected: &str) -> Result<()> {
        let path = self.current_path().await?;
        if path == expected {
            Ok(())
        } else {
            Err(Error::new(format!(
                "expected to be on {expected}, but the browser shows {path}:\n{}",
                self.text().await?
            )))
        }
    }

    /// What the page says about the field labelled `label`, as a screen reader reads it with
    /// the field: the text of the elements its `aria-describedby` names (empty if none).
    pub async fn field_message(&self, label: &str) -> Result<String> {
        let control = self.control(label).await?;
        let text = self
            .client
            .execute(
                DESCRIPTION,
                vec![serde_json::to_value(&control).map_err(|e| Error::new(e.to_string()))?],
            )
            .await?;
        Ok(text.as_str().unwrap_or_default().to_owned())
    }

    /// Types `value` into the field labelled `label` (its previous content cleared).
    pub async fn fill(&self, label: &str, value: &str) -> Result<()> {
        let control = self.control(label).await?;
        control.clear().await.context(format!("clear {label:?}"))?;
        control
            .send_keys(value)
            .await
            .context(format!("type into {label:?}"))
    }

    /// Types the date `iso` (`2026-11-20`) into the date field labelled `label` the way a person
    /// does: in the order the browser's date field shows (month first in the browser's English
    /// interface, day first in others), checking that the field holds that date.
    pub async fn fill_date(&self, label: &str, iso: &str) -> Result<()> {
        let control = self.control(label).await?;
        let parts: Vec<&str> = iso.split('-').collect();
        let [year, month, day] = parts[..] else {
            return Err(Error::new(format!("{iso:?} is not a date")));
        };
        for order in [[month, day, year], [day, month, year]] {
            control.click().await.context(format!("focus {label:?}"))?;
            control.send_keys(&order.concat()).await?;
            let value = self
                .client
                .execute("return arguments[0].value;", vec![json!(control)])
                .await?;
            if value.as_str() == Some(iso) {
                return Ok(());
            }
        }
        Err(Error::new(format!(
            "the date field {label:?} did not take {iso}"
        )))
    }

    /// Chooses the option that says `option` in the list labelled `label`.
    pub async fn select(&self, label: &str, option: &str) -> Result<()> {
        let control = self.control(label).await?;
        let options = control.find_all(Locator::Css("option")).await?;
        let mut texts = Vec::new();
        for candidate in &options {
            texts.push(candidate.text().await?.trim().to_owned());
        }
        let index = texts
            .iter()
            .position(|text| text == option)
            .or_else(|| texts.iter().position(|text| text.contains(option)))
            .ok_or_else(|| {
                Error::new(format!(
                    "{label:?} has no option {option:?}; it has: {}",
                    texts.join(" | ")
                ))
            })?;
        control
            .select_by_index(index)
            .await
            .context(format!("choose {option:?} in {label:?}"))
    }

    /// Ticks the checkbox (or chooses the radio button) labelled `label`, if not already.
    pub async fn check(&self, label: &str) -> Result<()> {
        let control = self.control(label).await?;
        if !control.is_selected().await? {
            control.click().await.context(format!("tick {label:?}"))?;
        }
        Ok(())
    }

    /// Chooses the file at `path` in the file field labelled `label`.
    pub async fn upload(&self, label: &str, path: &Path) -> Result<()> {
        let path = path
            .canonicalize()
            .context(format!("the file to upload, {}", path.display()))?;
        let control = self.control(label).await?;
        control
            .send_keys(&path.to_string_lossy())
            .await
            .context(format!("choose {} in {label:?}", path.display()))
    }

    /// Clicks the button or link that says `text` (exactly, else containing it).
    pub async fn click(&self, text: &str) -> Result<()> {
        let found = self
            .client
            .execute(FIND_CLICKABLE, vec![json!(text)])
            .await?;
        let Some(element) = self.element(&found["element"]) else {
            return Err(Error::new(format!(
                "{} has no button or link saying {text:?}; it has: {}",
                self.current_path().await?,
                listed(&found["candidates"])
            )));
        };
        element.click().await.context(format!("click {text:?}"))?;
        if found["loads"].as_bool() == Some(true) {
            self.wait_for_new_page(text).await?;
        }
        Ok(())
    }

    /// Waits until the page marked by `FIND_CLICKABLE` has been replaced and the new one has
    /// loaded: WebDriver's click may return before a form's answer arrives.
    async fn wait_for_new_page(&self, clicked: &str) -> Result<()> {
        let deadline = Instant::now() + LOAD_TIMEOUT;
        loop {
            // While the page changes, a script may fail: that is "not yet".
            if let Ok(Value::Bool(true)) = self.client.execute(NEW_PAGE_LOADED, vec![]).await {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(Error::new(format!(
                    "clicking {clicked:?} on {} did not load a page within {}s",
                    self.current_path().await?,
                    LOAD_TIMEOUT.as_secs()
                )));
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// The control of the label whose text is, or else contains, `label`.
    async fn control(&self, label: &str) -> Result<Element> {
        let found = self
            .client
            .execute(FIND_CONTROL, vec![json!(label)])
            .await?;
        let path = self.current_path().await?;
        match found["count"].as_u64() {
            Some(1) => {}
            Some(0) => {
                return Err(Error::new(format!(
                    "{path} has no label saying {label:?}; its labels: {}",
                    listed(&found["candidates"])
                )));
            }
            _ => {
                return Err(Error::new(format!(
                    "{path} has several labels containing {label:?}: {}",
                    listed(&found["candidates"])
                )));
            }
        }
        self.element(&found["control"]).ok_or_else(|| {
            Error::new(format!(
                "on {path} the label {:?} points to a control that does not exist (for={})",
                found["label"].as_str().unwrap_or(label),
                found["htmlFor"]
            ))
        })
    }

    /// An element returned by a script (a WebDriver element reference), if any.
    fn element(&self, value: &Value) -> Option<Element> {
        let id = value.get(ELEMENT_KEY).and_then(Value::as_str)?.to_owned();
        Some(Element::from_element_id(
            self.client.clone(),
            ElementRef::from(id),
        ))
    }
}

/// A script's list of strings, for an error message.
fn listed(value: &Value) -> String {
    let items: Vec<&str> = value
        .as_array()
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(" | ")
    }
}
