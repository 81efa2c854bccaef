//! The domain: incidents, follow-up actions, catalog entities, and the small value types they use.
//! Everything here is plain data; parsing of raw input lives in `ingest` and `catalog`.

mod action;
mod catalog;
mod incident;
mod link;
pub mod names;
mod severity;
pub mod time;
mod zone;

pub use action::{Action, ActionStatus, Scope};
pub use catalog::{CatalogEntity, EntityKind, OwnerSource};
pub use incident::{Incident, SourceRef};
pub use link::{Link, LinkKind, is_web_url};
pub use names::{Aliases, canonical_name};
pub use severity::Severity;
pub use time::Timestamp;
pub use zone::Zone;
