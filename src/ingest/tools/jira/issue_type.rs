//! Jira's issue types and priorities by their names in the languages of its web UI: which
//! types are follow-ups (tasks, sub-tasks, post-incident reviews), which are problem records,
//! and the severity a priority stands for.

use super::headers::fold;

/// Tasks and sub-tasks in English, Spanish, German, French, Portuguese and Chinese (folded).
const TASKS: &[&str] = &[
    "task",
    "sub-task",
    "subtask",
    "tarea",
    "subtarea",
    "sub-tarea",
    "aufgabe",
    "unteraufgabe",
    "tache",
    "sous-tache",
    "tarefa",
    "subtarefa",
    "sub-tarefa",
    "任务",
    "子任务",
];

/// Words of a post-incident review's type name.
const REVIEWS: &[&str] = &[
    "post-incident",
    "post incident",
    "posterior al incidente",
    "pos-incidente",
    "nach dem vorfall",
    "postmortem",
    "post-mortem",
];

/// True for issue types that are follow-ups when they belong to an incident.
pub fn is_follow_up(issue_type: &str) -> bool {
    let t = fold(issue_type);
    TASKS.contains(&t.as_str()) || REVIEWS.iter().any(|w| t.contains(w))
}

/// True for a problem record (JSM's Problem).
pub fn is_problem(issue_type: &str) -> bool {
    matches!(
        fold(issue_type).as_str(),
        "problem" | "problema" | "probleme"
    )
}

/// A priority as a level recur's severity reads: Jira's five default priorities in each
/// language (`Más alta`, `Höchste`, `La plus haute` are critical); other names as they are.
pub fn severity(priority: String) -> String {
    let level = match fold(&priority).as_str() {
        "highest" | "blocker" | "mas alta" | "muy alta" | "hochste" | "sehr hoch"
        | "la plus haute" | "tres haute" | "mais alta" | "muito alta" | "altissima" => "critical",
        "alta" | "hoch" | "haute" | "elevee" | "elevada" => "high",
        "media" | "mittel" | "moyenne" => "medium",
        "baja" | "niedrig" | "basse" | "faible" | "baixa" => "low",
        "mas baja" | "muy baja" | "niedrigste" | "sehr niedrig" | "la plus basse"
        | "tres basse" | "mais baixa" | "muito baixa" => "info",
        _ => return priority,
    };
    level.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localised_types_and_priorities_are_known() {
        assert!(is_follow_up("Subtarea"));
        assert!(is_follow_up("Unteraufgabe"));
        assert!(is_follow_up("Sous-tâche"));
        assert!(is_follow_up("Post-incident review"));
        assert!(!is_follow_up("Incidente"));
        assert!(is_problem("Problème"));
        assert_eq!(severity("Más alta".into()), "critical");
        assert_eq!(severity("Höchste".into()), "critical");
        assert_eq!(severity("Niedrig".into()), "low");
        assert_eq!(severity("P2".into()), "P2");
    }
}
