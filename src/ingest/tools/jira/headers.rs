//! Jira's CSV headers in the languages of its web UI, as the English names the importer reads
//! (lower case): `Resumen` and `Zusammenfassung` are `summary`, `Campo personalizado (X)` and
//! `Benutzerdefiniertes Feld (X)` are `custom field (x)` (Jira keeps the English field name X),
//! `Enlace de incidencia de salida (X)` is `outward issue link (x)`.

use unicode_normalization::UnicodeNormalization;

/// Lower case without accents (`Résumé` → `resume`, `Vorgangsschlüssel` → `vorgangsschlussel`),
/// so that one spelling matches exports with and without diacritics.
pub fn fold(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .replace('ß', "ss")
}

/// English names (lower case) by their translations (folded), per language: English,
/// Spanish, German, French, Portuguese.
const NAMES: &[(&str, &[&str])] = &[
    (
        "summary",
        &["resumen", "zusammenfassung", "resume", "resumo"],
    ),
    (
        "issue key",
        &[
            "work item key",
            "clave de incidencia",
            "clave de la incidencia",
            "vorgangsschlussel",
            "cle de ticket",
            "cle du ticket",
            "cle de la demande",
            "chave do item",
            "chave da item",
            "chave da issue",
            "chave do ticket",
        ],
    ),
    (
        "issue id",
        &[
            "work item id",
            "id de incidencia",
            "id. de incidencia",
            "id de la incidencia",
            "vorgangs-id",
            "vorgangs id",
            "id de ticket",
            "id du ticket",
            "id de la demande",
            "id do item",
            "id da item",
            "id da issue",
        ],
    ),
    (
        "issue type",
        &[
            "work item type",
            "tipo de incidencia",
            "vorgangstyp",
            "type de ticket",
            "type du ticket",
            "type de demande",
            "tipo de item",
            "tipo do item",
            "tipo de issue",
        ],
    ),
    ("status", &["estado", "etat", "statut", "situacao"]),
    (
        "priority",
        &["prioridad", "prioritat", "priorite", "prioridade"],
    ),
    ("resolution", &["resolucion", "losung", "resolucao"]),
    (
        "created",
        &[
            "creada", "creado", "erstellt", "creation", "cree", "creee", "criado", "criada",
        ],
    ),
    (
        "resolved",
        &[
            "resuelta",
            "resuelto",
            "erledigt",
            "gelost",
            "resolue",
            "resolu",
            "resolvido",
            "resolvida",
        ],
    ),
    (
        "component/s",
        &[
            "componente/s",
            "componentes",
            "komponente/n",
            "komponenten",
            "composant/s",
            "composants",
        ],
    ),
    (
        "labels",
        &[
            "etiquetas",
            "stichworter",
            "etiketten",
            "etiquettes",
            "rotulos",
            "categorias",
        ],
    ),
    (
        "parent",
        &[
            "principal",
            "padre",
            "ubergeordnet",
            "ubergeordneter vorgang",
            "pai",
            "item pai",
        ],
    ),
    (
        "parent id",
        &[
            "id principal",
            "id del padre",
            "ubergeordnete id",
            "id du parent",
            "id pai",
        ],
    ),
    (
        "assignee",
        &[
            "responsable",
            "persona asignada",
            "bearbeiter",
            "zugewiesene person",
            "attribue a",
            "responsavel",
        ],
    ),
    (
        "due date",
        &[
            "fecha de vencimiento",
            "fecha limite",
            "falligkeitsdatum",
            "date d'echeance",
            "echeance",
            "data limite",
            "data de vencimento",
            "data de entrega",
        ],
    ),
    (
        "project name",
        &[
            "nombre del proyecto",
            "projektname",
            "nom du projet",
            "nome do projeto",
        ],
    ),
];

/// The words that start a custom field's header, per language.
const CUSTOM_FIELD: &[&str] = &[
    "custom field",
    "campo personalizado",
    "benutzerdefiniertes feld",
    "champ personnalise",
    "campo personalizzato",
];

/// Words that make a header an issue link, and those that say its direction.
const LINK: &[&str] = &["link", "enlace", "vinculo", "verknupfung", "lien"];
const OUTWARD: &[&str] = &[
    "outward",
    "salida",
    "saliente",
    "ausgehend",
    "sortant",
    "saida",
];
const INWARD: &[&str] = &["inward", "entrada", "entrante", "eingehend", "entrant"];

/// The English name (lower case) of a header written in any of the languages; a header not
/// known is returned lower-cased as it is.
pub fn canonical(header: &str) -> String {
    let folded = fold(header);
    if let Some((prefix, inner)) = bracketed(header) {
        let prefix = fold(prefix);
        if CUSTOM_FIELD.contains(&prefix.as_str()) {
            return format!("custom field ({inner})");
        }
        if LINK.iter().any(|w| prefix.contains(w)) {
            if OUTWARD.iter().any(|w| prefix.contains(w)) {
                return format!("outward issue link ({inner})");
            }
            if INWARD.iter().any(|w| prefix.contains(w)) {
                return format!("inward issue link ({inner})");
            }
        }
    }
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&folded.as_str()))
        .map_or_else(
            || header.trim().to_lowercase(),
            |(name, _)| name.to_string(),
        )
}

/// `Prefix (Inner)`: the prefix and the inner name lower-cased (`Root cause` → `root cause`).
fn bracketed(header: &str) -> Option<(&str, String)> {
    let h = header.trim();
    let open = h.find('(')?;
    let inner = h[open + 1..].strip_suffix(')')?;
    Some((h[..open].trim(), inner.trim().to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_each_language_read_as_the_english_names() {
        for (header, want) in [
            ("Clave de incidencia", "issue key"),
            ("Vorgangsschlüssel", "issue key"),
            ("Clé de ticket", "issue key"),
            ("Chave do item", "issue key"),
            ("Résumé", "summary"),
            ("Stichwörter", "labels"),
            ("Komponente/n", "component/s"),
            (
                "Campo personalizado (Root cause)",
                "custom field (root cause)",
            ),
            (
                "Benutzerdefiniertes Feld (Severity)",
                "custom field (severity)",
            ),
            (
                "Champ personnalisé (Affected services)",
                "custom field (affected services)",
            ),
            (
                "Enlace de incidencia de salida (Duplicate)",
                "outward issue link (duplicate)",
            ),
            (
                "Eingehender Vorgangslink (Causes)",
                "inward issue link (causes)",
            ),
            (
                "Lien de ticket sortant (Relates)",
                "outward issue link (relates)",
            ),
            (
                "Link de item de saída (Problem/Incident)",
                "outward issue link (problem/incident)",
            ),
            ("Issue Key", "issue key"),
            ("Watchers", "watchers"),
        ] {
            assert_eq!(canonical(header), want, "{header}");
        }
    }
}
