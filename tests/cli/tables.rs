//! Terminal tables fit 100 columns when stdout is not a terminal, and wrap at word boundaries:
//! a name such as `observability-pipeline-collector` breaks after a hyphen, never mid-word.

use crate::common::*;

const NAMES: [&str; 4] = [
    "elasticsearch-cluster",
    "observability-pipeline-collector",
    "kafka-event-stream-cluster",
    "service-mesh-control-plane",
];

#[test]
fn tables_and_their_notes_fit_100_columns_and_break_names_only_after_a_hyphen() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[&fixture("tables")]);
    for args in [
        &["why", "T-1"][..],
        &["hotspots", "--min-services", "2"],
        &["clusters", "--explain", "--min-size", "1"],
        &["owners"],
    ] {
        let out = recur(dir.path())
            .args(args)
            .env("COLUMNS", "100")
            .assert()
            .success();
        let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        for line in text.lines() {
            assert!(
                line.chars().count() <= 100,
                "{args:?}: {} columns: {line}",
                line.chars().count()
            );
            for fragment in line.split(['│', '┆']).map(str::trim) {
                for name in NAMES {
                    // A fragment that stops inside a word of the name (a header such as
                    // "service" stops at a hyphen of "service-mesh-…": no cut).
                    let cut = name.starts_with(fragment)
                        && fragment.len() > 3
                        && fragment != name
                        && !name[fragment.len()..].starts_with('-');
                    assert!(
                        !cut || fragment.ends_with('-'),
                        "{args:?}: {name} broken mid-word: {line}\n{text}"
                    );
                }
            }
        }
        assert!(
            NAMES.iter().any(|n| text.contains(n)) || args[0] == "clusters",
            "{text}"
        );
    }
}
