//! The engine: observations in, decisions out.

use crate::decision::Decision;
use crate::message::Locale;
use crate::rules::{Rules, RulesError};
use crate::trace::{BadObservation, Observation, parse_observation};
use serde::Serialize;
use std::sync::Arc;

/// A summary of the engine's state, for status screens and bug reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// The interruption is up.
    pub interrupting: bool,
}

/// The decision engine. One per phone (or per app, in bank mode).
#[derive(Debug)]
pub struct Engine {
    rules: Arc<Rules>,
    locale: Locale,
}

impl Engine {
    /// An engine with the embedded default rules.
    pub fn new(locale: Locale) -> Engine {
        Engine::with_rules(locale, Rules::default_rules())
    }

    /// An engine with the given rules.
    pub fn with_rules(locale: Locale, rules: Arc<Rules>) -> Engine {
        Engine { rules, locale }
    }

    /// Loads an override rules file; on error the rules in force stay.
    pub fn load_rules(&mut self, json: &str) -> Result<(), RulesError> {
        self.rules = Arc::new(Rules::from_override(json)?);
        Ok(())
    }

    /// The rules in force.
    pub fn rules(&self) -> &Arc<Rules> {
        &self.rules
    }

    /// The locale of the messages.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// Parses and observes one trace line.
    pub fn observe_line(&mut self, line: &str) -> Result<Option<Decision>, BadObservation> {
        let observation = parse_observation(line)?;
        Ok(self.observe(&observation))
    }

    /// Observes one observation; `Some` when what the phone shows must change.
    pub fn observe(&mut self, _observation: &Observation) -> Option<Decision> {
        None
    }

    /// The engine's state.
    pub fn status(&self) -> Status {
        Status { interrupting: false }
    }
}
