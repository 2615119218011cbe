//! Documents over HTTP: uploads round-trip byte for byte, are stored only as ciphertext, are
//! refused cleanly when they should be (leaving no row and no object), and carry the case from
//! claim to `closed`.

use crate::common::files::*;
use crate::common::*;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

#[tokio::test]
async fn files_round_trip_byte_for_byte_up_to_the_limit_and_are_stored_encrypted() {
    let limit = 300 * 1024;
    let app = TestApp::spawn_with(&[("PUENTE_DOCUMENT_LIMIT_BYTES", &limit.to_string())]).await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    for size in [9, 10, 64 * 1024, 64 * 1024 + 1, limit] {
        let bytes = pdf(size);
        let (status, stored) = app
            .upload(
                &program.shelter.token,
                &case,
                "proof_of_address",
                None,
                "comprobante.pdf",
                bytes.clone(),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{size}: {stored}");
        assert_eq!(stored["size"], size);
        assert_eq!(stored["sha256"], hex(&bytes));
        assert_eq!(stored["content_type"], "application/pdf");
        let (status, headers, back) = app
            .download(&program.shelter.token, stored["id"].as_str().unwrap())
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(back, bytes, "size {size}");
        assert_eq!(headers["etag"], format!("\"{}\"", hex(&bytes)));
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert!(
            headers["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment; filename=\"comprobante.pdf\"")
        );
    }
    // Five uploads of one kind are five versions of one series.
    let (_, listed) = app
        .get(
            &format!("/api/v1/cases/{case}/documents"),
            &program.shelter.token,
        )
        .await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    assert_eq!(listed["items"][0]["version"], 5);
    assert_eq!(listed["items"][0]["previous"].as_array().unwrap().len(), 4);
    // Whoever reads the store directly sees only ciphertext.
    let stored = objects(&app).await;
    assert_eq!(stored.len(), 5);
    for (location, raw) in stored {
        assert!(location.starts_with("cases/"), "{location}");
        assert!(
            !raw.windows(MARKER.len()).any(|w| w == MARKER),
            "{location} holds plaintext"
        );
        assert!(!raw.starts_with(b"%PDF"));
    }
    // One byte over the limit: 413, and nothing left behind.
    let (status, problem) = app
        .upload(
            &program.shelter.token,
            &case,
            "proof_of_address",
            None,
            "grande.pdf",
            pdf(limit + 1),
        )
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("payload_too_large"))
    );
    assert_eq!(rows(&app).await, 5);
    assert_eq!(objects(&app).await.len(), 5);
}

/// An upload that must be refused, and how.
struct Bad {
    what: &'static str,
    token: String,
    kind: &'static str,
    associate: Option<&'static str>,
    name: &'static str,
    bytes: Vec<u8>,
    status: u16,
    code: &'static str,
}

impl Bad {
    #[allow(clippy::too_many_arguments)] // one row of the table
    fn new(
        what: &'static str,
        token: &str,
        kind: &'static str,
        associate: Option<&'static str>,
        name: &'static str,
        bytes: Vec<u8>,
        status: u16,
        code: &'static str,
    ) -> Bad {
        Bad {
            what,
            token: token.to_owned(),
            kind,
            associate,
            name,
            bytes,
            status,
            code,
        }
    }
}

#[tokio::test]
async fn bad_uploads_are_refused_and_leave_no_row_and_no_object() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let shelter = program.shelter.token.clone();
    let html = b"<!DOCTYPE html><html><script>alert(1)</script>%PDF-1.7</html>".to_vec();
    let exe = [b"MZ\x90\x00\x03\x00\x00\x00".to_vec(), vec![0; 200]].concat();
    let other_shelter = program.other_shelter.token.clone();
    let lawyer = program.lawyer.token.clone();
    let cases = vec![
        Bad::new(
            "wrong kind",
            &shelter,
            "pasaporte",
            None,
            "a.pdf",
            pdf(100),
            422,
            "invalid_input",
        ),
        Bad::new(
            "executable disguised as PDF",
            &shelter,
            "proof_of_address",
            None,
            "comprobante.pdf",
            exe,
            415,
            "unsupported_document_type",
        ),
        Bad::new(
            "HTML disguised as PDF",
            &shelter,
            "proof_of_address",
            None,
            "comprobante.pdf",
            html,
            415,
            "unsupported_document_type",
        ),
        Bad::new(
            "empty file",
            &shelter,
            "proof_of_address",
            None,
            "vacio.pdf",
            Vec::new(),
            415,
            "unsupported_document_type",
        ),
        Bad::new(
            "path traversal",
            &shelter,
            "proof_of_address",
            None,
            "../../etc/passwd.pdf",
            pdf(100),
            422,
            "invalid_input",
        ),
        Bad::new(
            "founder ID without the associate",
            &shelter,
            "founder_id",
            None,
            "ine.pdf",
            pdf(100),
            422,
            "invalid_input",
        ),
        Bad::new(
            "founder ID of an associate who does not exist",
            &shelter,
            "founder_id",
            Some("7"),
            "ine.pdf",
            pdf(100),
            422,
            "invalid_input",
        ),
        Bad::new(
            "a shelter uploading a signed deed",
            &shelter,
            "signed_deed",
            None,
            "escritura.pdf",
            pdf(100),
            403,
            "forbidden",
        ),
        Bad::new(
            "another shelter",
            &other_shelter,
            "proof_of_address",
            None,
            "a.pdf",
            pdf(100),
            404,
            "not_found",
        ),
        Bad::new(
            "a lawyer who has not claimed it",
            &lawyer,
            "other",
            None,
            "a.pdf",
            pdf(100),
            403,
            "forbidden",
        ),
    ];
    for bad in cases {
        let (got, problem) = app
            .upload(
                &bad.token,
                &case,
                bad.kind,
                bad.associate,
                bad.name,
                bad.bytes,
            )
            .await;
        assert_eq!(
            (got.as_u16(), problem["code"].as_str()),
            (bad.status, Some(bad.code)),
            "{}: {problem}",
            bad.what
        );
    }
    // A form without the file, and one cut off in the middle.
    let form = Form::new().text("kind", "proof_of_address");
    let response = app
        .client
        .post(app.url(&format!("/api/v1/cases/{case}/documents")))
        .bearer_auth(&shelter)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = format!(
        "--XYZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nproof_of_address\r\n--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7\n{}",
        "x".repeat(70_000)
    );
    let response = app
        .client
        .post(app.url(&format!("/api/v1/cases/{case}/documents")))
        .bearer_auth(&shelter)
        .header("Content-Type", "multipart/form-data; boundary=XYZ")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response = app
        .client
        .post(app.url(&format!("/api/v1/cases/{case}/documents")))
        .bearer_auth(&shelter)
        .json(&json!({"kind": "other"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(rows(&app).await, 0);
    assert_eq!(objects(&app).await.len(), 0);
}

#[tokio::test]
async fn a_case_travels_from_claim_to_closed_with_real_documents_at_each_step() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let lawyer = program.lawyer.token.clone();
    let shelter = program.shelter.token.clone();
    let step = |token: String, event: &'static str, data: Value| {
        let app = &app;
        let case = case.clone();
        async move { app.fire(&token, &case, event, data).await }
    };
    assert_eq!(
        step(lawyer.clone(), "claim", attestation()).await.0,
        StatusCode::OK
    );

    // Requesting the name needs each founder's ID and the proof of address.
    let (status, refused) = step(lawyer.clone(), "request_name", json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused["missing"],
        json!(["document:founder_id", "document:proof_of_address"])
    );
    assert_eq!(
        app.upload(
            &shelter,
            &case,
            "founder_id",
            Some("0"),
            "ine-gloria.pdf",
            pdf(2000)
        )
        .await
        .0,
        StatusCode::CREATED
    );
    assert_eq!(
        app.upload(
            &shelter,
            &case,
            "proof_of_address",
            None,
            "recibo-luz.pdf",
            pdf(3000)
        )
        .await
        .0,
        StatusCode::CREATED
    );
    let (_, refused) = step(lawyer.clone(), "request_name", json!({})).await;
    assert_eq!(
        refused["missing"],
        json!(["document:founder_id"]),
        "one associate still lacks an ID"
    );
    assert_eq!(
        app.upload(
            &shelter,
            &case,
            "founder_id",
            Some("1"),
            "pasaporte-jb.pdf",
            pdf(2500)
        )
        .await
        .0,
        StatusCode::CREATED
    );
    assert_eq!(
        step(lawyer.clone(), "request_name", json!({})).await.0,
        StatusCode::OK
    );

    let today = time::OffsetDateTime::now_utc()
        .to_offset(time::UtcOffset::from_hms(-6, 0, 0).unwrap())
        .date()
        .to_string();
    let authorization = json!({
        "authorized_name": "Casa del Migrante Paso Libre",
        "authorized_on": today,
        "cud": "a2026 0701-1234567890",
    });
    let (_, refused) = step(
        lawyer.clone(),
        "name_authorized",
        json!({"authorized_name": "Casa del Migrante Paso Libre", "authorized_on": today}),
    )
    .await;
    assert_eq!(
        refused["missing"],
        json!(["document:name_authorization", "field:cud"])
    );
    assert_eq!(
        app.upload(
            &lawyer,
            &case,
            "name_authorization",
            None,
            "autorizacion-se.pdf",
            pdf(4000)
        )
        .await
        .0,
        StatusCode::CREATED
    );
    let (status, authorized) = step(lawyer.clone(), "name_authorized", authorization).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(authorized["name_authorization"]["authorized_on"], today);
    assert_eq!(
        authorized["name_authorization"]["cud"], "A202607011234567890",
        "kept as one code, in capitals"
    );

    assert_eq!(
        step(lawyer.clone(), "share_draft", json!({})).await.1["missing"],
        json!(["document:bylaws_draft"])
    );
    // The draft the shelter reviews is generated from the case's facts.
    let (status, draft) = app
        .generate(
            &lawyer,
            &case,
            json!({"template": "bylaws", "format": "docx"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{draft}");
    assert_eq!(
        (draft["kind"].as_str(), draft["version"].as_i64()),
        (Some("bylaws_draft"), Some(1))
    );
    assert_eq!(
        step(lawyer.clone(), "share_draft", json!({})).await.0,
        StatusCode::OK
    );
    // Every associate approves the draft: the shelter names each one, and one left out is named.
    let (status, refused) = step(
        shelter.clone(),
        "approve_draft",
        json!({"approved_by": [0, 4]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(
        refused["missing"],
        json!(["approval:associate:1", "approval:unknown:4"])
    );
    let (status, refused) = step(
        shelter.clone(),
        "approve_draft",
        json!({"approved_by": "all"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(error_fields(&refused), ["data.approved_by"]);
    let (status, approved) = step(
        shelter.clone(),
        "approve_draft",
        json!({"approved_by": [1, 0]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{approved}");
    let (_, history) = app
        .get(&format!("/api/v1/cases/{case}/history"), &lawyer)
        .await;
    let approval = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["event"] == "approve_draft")
        .expect("the approval is in the history");
    assert_eq!(approval["data"]["approved_by"], json!([0, 1]), "{approval}");
    // The generales the deed gives: the lawyer completes or corrects what the shelter wrote;
    // the signing names each one still blank.
    let version = app.case(&case, &lawyer).await.1["version"].as_i64();
    let without_occupation = json!({"particulars": {
        "birth_date": "1990-01-15", "birth_place": "Jacmel, Haití", "civil_status": "married",
        "address": "Calle Mina 45, Centro, Juárez, Chihuahua", "treatment": "male",
        "id_kind": "passport", "id_number": "HT1234567",
        "immigration_status": "humanitarian_visitor", "immigration_number": "VRH2026001122",
    }});
    let (status, _) = app
        .update_particulars(&shelter, &case, 1, version, without_occupation.clone())
        .await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "the shelter's intake is no longer open"
    );
    let (status, problem) = app
        .update_particulars(
            &lawyer,
            &case,
            1,
            version,
            json!({"particulars": {"birth_date": "15/01/1990"}, "rfc": "SAT970701NN3"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let fields = error_fields(&problem);
    assert_eq!(fields, ["particulars.birth_date", "rfc"], "{problem}");
    let (status, _) = app
        .update_particulars(&lawyer, &case, 7, version, without_occupation.clone())
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, updated) = app
        .update_particulars(&lawyer, &case, 1, version, without_occupation.clone())
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(
        updated["intake"]["associates"][1]["particulars"]["civil_status"],
        "married"
    );
    let (_, refused) = step(
        lawyer.clone(),
        "record_signing",
        json!({"notary_number": "27", "deed_number": "1", "signed_on": today}),
    )
    .await;
    assert!(
        refused["missing"]
            .as_array()
            .unwrap()
            .contains(&json!("particulars:associates[1].particulars.occupation")),
        "{refused}"
    );
    let version = updated["version"].as_i64();
    let mut complete = without_occupation;
    complete["particulars"]["occupation"] = json!("enfermero");
    let (status, _) = app
        .update_particulars(&lawyer, &case, 1, version, complete)
        .await;
    assert_eq!(status, StatusCode::OK);

    // Nothing after the signing can be recorded before it.
    let (status, _) = app
        .record_milestone(&lawyer, &case, "aviso_de_uso", json!({"on": today}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);

    let signing = json!({
        "notary_number": "27", "deed_number": "14,502", "volume": "CCCXII", "signed_on": today,
    });
    assert_eq!(
        step(lawyer.clone(), "record_signing", signing.clone())
            .await
            .1["missing"],
        json!([
            "document:signed_deed",
            "document:founder_tax_certificate",
            "notary:chosen"
        ])
    );
    // The notary: the assigned lawyer records it, whole; the shelter may not.
    let version = app.case(&case, &lawyer).await.1["version"].as_i64();
    let (status, _) = app.choose_notary(&shelter, &case, version, notary()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut wrong = notary();
    wrong["state"] = json!("Chihuahua");
    wrong["fees"] = json!("gratis");
    wrong["name"] = json!("  ");
    let (status, problem) = app.choose_notary(&lawyer, &case, version, wrong).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(error_fields(&problem), ["name", "state", "fees"]);
    let mut elsewhere = notary();
    elsewhere["number"] = json!("31");
    let (status, chosen) = app.choose_notary(&lawyer, &case, version, elsewhere).await;
    assert_eq!(status, StatusCode::OK, "{chosen}");
    assert_eq!(chosen["notary"]["fees"], "pro_bono");
    assert_eq!(
        step(lawyer.clone(), "record_signing", signing.clone())
            .await
            .1["missing"],
        json!([
            "document:signed_deed",
            "document:founder_tax_certificate",
            "notary:number"
        ]),
        "the deed's notary is the one chosen"
    );
    let letter = app
        .preview(&lawyer, &case, "template=notary_letter")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        letter.contains("Lic. Rosa Elena Márquez Soto")
            && letter.contains(
                "Notaría Pública número 31 del Distrito Judicial Bravos del Estado de Chihuahua"
            ),
        "the letter is addressed to the chosen notary: {letter}"
    );
    app.notary_chosen(&lawyer, &case).await;
    assert_eq!(
        step(lawyer.clone(), "record_signing", signing.clone())
            .await
            .1["missing"],
        json!(["document:signed_deed", "document:founder_tax_certificate"])
    );
    // Only the associate resident in Mexico (Gloria, a Mexican) needs a constancia de
    // situación fiscal; Jean-Baptiste's does not stand in for hers.
    for (associate, name) in [("1", "csf-jb.pdf"), ("0", "csf-gloria.pdf")] {
        let (status, stored) = app
            .upload(
                &shelter,
                &case,
                "founder_tax_certificate",
                Some(associate),
                name,
                pdf(1800),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{stored}");
        if associate == "1" {
            assert_eq!(
                step(lawyer.clone(), "record_signing", signing.clone())
                    .await
                    .1["missing"],
                json!(["document:signed_deed", "document:founder_tax_certificate"])
            );
        }
    }
    assert_eq!(
        app.upload(
            &lawyer,
            &case,
            "signed_deed",
            None,
            "testimonio.pdf",
            pdf(6000)
        )
        .await
        .0,
        StatusCode::CREATED
    );
    let (status, signed) = step(lawyer.clone(), "record_signing", signing).await;
    assert_eq!(status, StatusCode::OK, "{signed}");
    assert_eq!(signed["deed"]["volume"], "CCCXII");
    assert_eq!(signed["deed"]["signed_on"], today);

    // After the signing: the notary's aviso de uso and the association's RFC, recorded by the
    // lawyer; the shelter may not, nor can anyone date them before the signing or give a
    // natural person's RFC.
    let yesterday = (time::Date::parse(
        &today,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .unwrap()
        - time::Duration::days(1))
    .to_string();
    let (status, _) = app
        .record_milestone(&shelter, &case, "aviso_de_uso", json!({"on": today}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .record_milestone(&lawyer, &case, "aviso_de_uso_tardio", json!({"on": today}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, problem) = app
        .record_milestone(
            &lawyer,
            &case,
            "rfc",
            json!({"on": yesterday, "reference": "HEGG560427MV0"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let fields = error_fields(&problem);
    assert_eq!(fields, ["on", "reference"], "{problem}");
    let (status, recorded) = app
        .record_milestone(
            &lawyer,
            &case,
            "aviso_de_uso",
            json!({"on": today, "reference": "SE-09-039 folio 2026-118"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{recorded}");
    assert_eq!(
        recorded["milestones"]["aviso_de_uso"],
        json!({"on": today, "reference": "SE-09-039 folio 2026-118"})
    );
    assert_eq!(
        app.history_events(&case, &lawyer)
            .await
            .last()
            .map(String::as_str),
        Some("milestone_recorded")
    );

    assert_eq!(
        step(
            lawyer.clone(),
            "record_filing",
            json!({"folio": "N-2026-004512"})
        )
        .await
        .1["missing"],
        json!([
            "document:registry_receipt",
            "field:registry_office",
            "field:inscribed_on"
        ])
    );
    assert_eq!(
        app.upload(
            &lawyer,
            &case,
            "registry_receipt",
            None,
            "boleta.pdf",
            pdf(1500)
        )
        .await
        .0,
        StatusCode::CREATED
    );
    let (status, filed) = step(
        lawyer.clone(),
        "record_filing",
        json!({
            "folio": "N-2026-004512",
            "registry_office": "Registro Público de la Propiedad, Distrito Bravos, Chihuahua",
            "inscribed_on": today,
        }),
    )
    .await;
    assert_eq!(
        (status, filed["status"].as_str(), filed["folio"].as_str()),
        (StatusCode::OK, Some("filed"), Some("N-2026-004512"))
    );
    assert_eq!(
        filed["filing"],
        json!({
            "folio": "N-2026-004512",
            "registry_office": "Registro Público de la Propiedad, Distrito Bravos, Chihuahua",
            "inscribed_on": today,
        })
    );
    let (status, closed) = step(lawyer.clone(), "close", json!({"rfc": "SAT970701NN3"})).await;
    assert_eq!(
        (status, closed["status"].as_str()),
        (StatusCode::OK, Some("closed"))
    );

    // Every upload and the generated draft are in the history, and the chain holds.
    let (_, history) = app
        .get(
            &format!("/api/v1/cases/{case}/history"),
            &program.manager.token,
        )
        .await;
    let count = |event: &str| {
        history["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["event"] == event)
            .count()
    };
    assert_eq!(
        (count("document_uploaded"), count("document_generated")),
        (8, 1)
    );
    let (_, audit) = app
        .get("/api/v1/audit/verify", &program.manager.token)
        .await;
    assert_eq!(audit["ok"], true);
    // A lawyer of another firm cannot fetch the file; the shelter can.
    let (_, listed) = app
        .get(&format!("/api/v1/cases/{case}/documents"), &shelter)
        .await;
    let deed = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "signed_deed")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.download(&program.outsider.token, &deed).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.download(&shelter, &deed).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_deleted_document_is_kept_out_of_lists_downloads_and_requirements_and_recorded() {
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    assert_eq!(
        app.fire(&program.lawyer.token, &case, "claim", attestation())
            .await
            .0,
        StatusCode::OK
    );
    let shelter = program.shelter.token.clone();
    let (_, proof) = app
        .upload(
            &shelter,
            &case,
            "proof_of_address",
            None,
            "recibo.pdf",
            pdf(900),
        )
        .await;
    let (status, _) = app
        .upload(
            &program.lawyer.token,
            &case,
            "other",
            None,
            "nota.pdf",
            pdf(900),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let proof = proof["id"].as_str().unwrap().to_owned();

    // A stranger sees nothing; a lawyer who does not hold the case may not delete.
    let delete = |token: String, id: String| {
        let app = &app;
        async move {
            app.client
                .delete(app.url(&format!("/api/v1/documents/{id}")))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        delete(program.other_shelter.token.clone(), proof.clone()).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        delete(program.colleague.token.clone(), proof.clone()).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        delete(shelter.clone(), proof.clone()).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        delete(shelter.clone(), proof.clone()).await,
        StatusCode::NOT_FOUND,
        "already deleted"
    );

    let (_, listed) = app
        .get(&format!("/api/v1/cases/{case}/documents"), &shelter)
        .await;
    let kinds: Vec<&str> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["other"]);
    assert_eq!(
        app.download(&shelter, &proof).await.0,
        StatusCode::NOT_FOUND
    );
    let (_, refused) = app
        .fire(&program.lawyer.token, &case, "request_name", json!({}))
        .await;
    assert!(
        refused["missing"]
            .as_array()
            .unwrap()
            .contains(&json!("document:proof_of_address"))
    );
    let (_, history) = app
        .get(
            &format!("/api/v1/cases/{case}/history"),
            &program.manager.token,
        )
        .await;
    let deleted = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"] == "document_deleted")
        .unwrap();
    assert_eq!(deleted["data"]["document_id"], proof.as_str());
    // The row and the object stay for the retention period.
    assert_eq!(rows(&app).await, 2);
    assert_eq!(objects(&app).await.len(), 2);
}

#[tokio::test]
async fn when_the_store_is_unreachable_uploads_answer_503_and_leave_nothing() {
    let app = TestApp::spawn_with(&[
        ("PUENTE_STORAGE", "s3"),
        ("PUENTE_S3_ENDPOINT", "http://127.0.0.1:9"),
        ("PUENTE_S3_ALLOW_HTTP", "true"),
        ("PUENTE_S3_BUCKET", "nowhere"),
        ("PUENTE_S3_ACCESS_KEY_ID", "nadie"),
        ("PUENTE_S3_SECRET_ACCESS_KEY", "nada"),
    ])
    .await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let (status, problem) = app
        .upload(
            &program.shelter.token,
            &case,
            "proof_of_address",
            None,
            "recibo.pdf",
            pdf(900),
        )
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, Some("store_unavailable"))
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("no se guardó nada")
    );
    assert_eq!(rows(&app).await, 0);
    let (status, ready) = app.call(reqwest::Method::GET, "/readyz", None, None).await;
    assert_eq!(
        (status, ready["code"].as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, Some("not_ready"))
    );
    // It says which: the store, not the database.
    assert_eq!(error_fields(&ready), ["storage"]);
    assert!(
        !app.history_events(&case, &program.manager.token)
            .await
            .contains(&"document_uploaded".to_owned())
    );
}

/// A 200 MB file, streamed from a generator (never held whole by the test either), comes back
/// with the same hash.
#[tokio::test]
async fn a_two_hundred_megabyte_file_round_trips_with_a_raised_limit() {
    const SIZE: usize = 200 * 1024 * 1024;
    let app = TestApp::spawn_with(&[("PUENTE_DOCUMENT_LIMIT_BYTES", "262144000")]).await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let file = Patterned {
        mebibytes: SIZE / (1024 * 1024),
    };
    let expected = file.sha256();
    let stream = file.stream(|_| {});
    let part = Part::stream_with_length(reqwest::Body::wrap_stream(stream), SIZE as u64)
        .file_name("grande.pdf");
    let form = Form::new().text("kind", "other").part("file", part);
    let response = app
        .client
        .post(app.url(&format!("/api/v1/cases/{case}/documents")))
        .bearer_auth(&program.manager.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let stored: Value = response.json().await.unwrap();
    assert_eq!(stored["size"], SIZE);
    assert_eq!(stored["sha256"], expected);

    let response = app
        .client
        .get(app.url(&format!(
            "/api/v1/documents/{}/content",
            stored["id"].as_str().unwrap()
        )))
        .bearer_auth(&program.manager.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(received_sha256(response).await, (SIZE, expected));
}

/// The database refuses the row after the object was written: the upload fails, and neither a
/// row nor an object remains (nothing for `storage gc` to find either).
#[tokio::test]
async fn when_the_row_cannot_be_committed_the_object_is_removed() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::spawn().await;
    let program = Program::new(&app).await;
    let case = open_case(&app, &program).await;
    let refuse = if app.database_url.starts_with("sqlite:") {
        vec![
            "CREATE TRIGGER refuse_documents BEFORE INSERT ON documents BEGIN SELECT RAISE(ABORT, 'injected fault'); END;",
        ]
    } else {
        vec![
            "CREATE FUNCTION refuse_documents() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$ LANGUAGE plpgsql;",
            "CREATE TRIGGER refuse_documents BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION refuse_documents();",
        ]
    };
    for statement in refuse {
        app.state.db.execute_unprepared(statement).await.unwrap();
    }
    let (status, problem) = app
        .upload(
            &program.shelter.token,
            &case,
            "proof_of_address",
            None,
            "recibo.pdf",
            pdf(200_000),
        )
        .await;
    assert!(status.is_server_error(), "{status} {problem}");
    assert_eq!(problem["code"], "internal");
    assert!(
        !problem.to_string().contains("injected"),
        "no database detail reaches the client"
    );
    assert_eq!(rows(&app).await, 0);
    assert_eq!(
        objects(&app).await.len(),
        0,
        "the object was removed with the failed row"
    );
    assert!(
        !app.history_events(&case, &program.manager.token)
            .await
            .contains(&"document_uploaded".to_owned())
    );
    let collected = puente_api::service::maintenance::gc(&app.state, time::Duration::seconds(-60))
        .await
        .unwrap();
    assert_eq!(collected.removed, 0);
}
