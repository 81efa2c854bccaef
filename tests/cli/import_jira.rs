//! Jira's web-UI CSV exported in Spanish, German, French and Portuguese
//! (`tests/fixtures/tools/jira-localised/`): localised headers, month names and priorities,
//! repeated columns read in order, blank rows skipped, follow-ups found by `Parent` or link.

use crate::common::*;
use serde_json::json;

#[test]
fn jira_csv_in_four_languages_reads_localised_headers_months_and_follow_ups() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let s = import(&store, &[&fixture("tools/jira-localised")]);
    assert_reconciles(&s);
    assert_eq!(s["incidents"]["read"], 8, "blank rows are no records");
    assert_eq!(
        s["incidents"]["rejected"], 1,
        "PAG-15's Creada is 32/ene/24"
    );
    assert_eq!(s["actions"]["imported"], 3);
    let incidents = table(&store, "incidents");

    let pag = row(&incidents, "id", "PAG-10");
    assert_eq!(pag["severity"], "SEV1", "Más alta");
    assert_eq!(
        pag["services"],
        json!(["pagos-api", "checkout"]),
        "custom field ×2"
    );
    assert_eq!(
        pag["components"],
        json!(["gateway", "tls"]),
        "Componente/s ×2"
    );
    assert_eq!(pag["root_cause"], "Certificado TLS caducado en la pasarela");
    assert_eq!(
        pag["started_at"], "2024-01-12T10:05:00Z",
        "12/ene/24 10:05 AM"
    );
    assert_eq!(
        pag["resolved_at"], "2024-01-12T14:40:00Z",
        "12/ene/24 2:40 PM"
    );
    assert_eq!(
        pag["links"],
        json!([
            "problem:PROB-1",
            "related:OPS-77",
            "caused-by:CHG-7",
            "child:PAG-14"
        ]),
        "the link to its follow-up PAG-11 is no link"
    );
    let dup = row(&incidents, "id", "PAG-12");
    assert_eq!(dup["severity"], "SEV2");
    assert_eq!(dup["links"], json!(["duplicate:PAG-10"]));
    assert_eq!(
        row(&incidents, "id", "PAG-14")["links"],
        json!(["parent:PAG-10"])
    );

    let such = row(&incidents, "id", "SUCH-1");
    assert_eq!(
        such["started_at"], "2024-01-12T21:50:00Z",
        "12.Jan.24 21:50"
    );
    assert_eq!(such["mitigated_at"], "2024-01-12T23:30:00Z");
    assert_eq!(such["resolved_at"], "2024-01-13T01:10:00Z");
    assert_eq!(
        such["links"],
        json!(["causes:SUCH-2"]),
        "Ausgehender Vorgangslink"
    );
    assert_eq!(
        row(&incidents, "id", "SUCH-2")["started_at"],
        "2024-03-03T09:15:00Z",
        "Mär"
    );

    let cnx = row(&incidents, "id", "CNX-1");
    assert_eq!(cnx["started_at"], "2024-02-12T09:00:00Z", "12/févr./24");
    assert_eq!(cnx["services"], json!(["connexion"]));
    assert_eq!(
        cnx["links"],
        json!(["problem:CNX-PB-1"]),
        "Lien de ticket sortant"
    );
    let mail = row(&incidents, "id", "MAIL-5");
    assert_eq!(
        mail["started_at"], "2025-10-01T16:51:00Z",
        "1/out/25 4:51 PM"
    );
    assert_eq!(mail["severity"], "SEV4", "Baixa");
    assert_eq!(
        mail["links"],
        json!(["duplicate:MAIL-4"]),
        "Link de item de saída"
    );

    let followups = table(&store, "followups");
    let by_link = row(
        &followups,
        "title",
        "Alertar antes de que caduquen los certificados",
    );
    assert_eq!(by_link["incident_id"], "PAG-10", "a Tarea linked to PAG-10");
    assert_eq!(by_link["status"], "done");
    assert_eq!(by_link["due_at"], "2024-01-31T00:00:00Z");
    let by_parent = row(&followups, "title", "Rotar el certificado a mano");
    assert_eq!(
        by_parent["incident_id"], "PAG-10",
        "Principal given as the issue id"
    );
    assert_eq!(by_parent["status"], "wontfix", "Resolución: No se hará");
    let review = row(&followups, "title", "Nachbesprechung Suchausfall");
    assert_eq!(review["incident_id"], "SUCH-1");
    assert_eq!(review["status"], "open", "no Lösung");
}

#[test]
fn jira_csv_rejection_names_file_line_field_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = fixture("tools/jira-localised/jira-es.csv");
    let out = recur(&store).arg("import").arg(&file).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let rejected: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("rejected:"))
        .collect();
    assert_eq!(rejected.len(), 1, "{stderr}");
    for part in [
        "jira-es.csv",
        "line 11 (record 6)",
        "PAG-15",
        "started_at",
        "32/ene/24",
    ] {
        assert!(rejected[0].contains(part), "{part} in {}", rejected[0]);
    }
}
