//! Renders Puente's legal documents from the templates in `templates/documents/` to DOCX, PDF
//! and HTML.
//!
//! It knows nothing of the workflow, HTTP, databases or storage: it takes the facts a document
//! needs and returns bytes. The renderers are not written yet; this crate reserves their place in
//! the workspace so that dependencies keep pointing one way (`api` → `docgen`).
