//! The CLI tests: the real `recur` binary on fixture files, one module per area; `common`
//! holds the helpers they share.

mod analyses;
mod charts;
mod clustering;
mod common;
mod consistency;
mod coverage;
mod generate;
mod import_firehydrant;
mod import_formats;
mod import_hardening;
mod import_invalid;
mod import_jira;
mod import_limits;
mod import_pagerduty;
mod import_postmortems;
mod import_rootly;
mod import_servicenow;
mod import_tools;
mod import_walk;
mod links;
mod output_hardening;
mod quarterly;
mod report;
mod scope;
mod semantic;
mod store;
mod store_safety;
mod tables;
mod tool_links;
mod usage;
