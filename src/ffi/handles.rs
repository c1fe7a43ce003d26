//! Engine handles: opaque ids into one process-wide registry, never pointers.
//!
//! Ids start at 1 and only grow, so a closed handle is never reused: using it
//! is a clear error ([`BridgeError::Closed`]), and a value that was never
//! issued is another ([`BridgeError::UnknownHandle`]), never a crash. Each
//! engine sits behind its own mutex, so the accessibility thread and the UI
//! thread can share one handle; the registry lock is held only to look an
//! engine up. A call that holds an engine when another thread closes it
//! finishes normally; the engine is dropped after the last such call.

use super::errors::BridgeError;
use crate::engine::Engine;
use jni::sys::jlong;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, MutexGuard, PoisonError};

/// An engine and the bridge's counts of what it was fed.
#[derive(Debug)]
pub(super) struct TrackedEngine {
    /// The engine.
    pub(super) engine: Engine,
    /// Observations the engine accepted.
    pub(super) observations: u64,
    /// Observations refused as bad.
    pub(super) bad_observations: u64,
}

/// One registered engine.
#[derive(Debug)]
pub(super) struct EngineCell {
    id: jlong,
    state: Mutex<TrackedEngine>,
}

impl EngineCell {
    /// The handle of this engine.
    pub(super) fn id(&self) -> jlong {
        self.id
    }

    /// Locks the engine. A lock poisoned by a panic (already reported to the
    /// caller as an engine failure) is recovered: the engine's state is plain
    /// data that stays memory-safe, and a guard that keeps working protects
    /// the person better than one that fails on every later call.
    pub(super) fn lock(&self) -> MutexGuard<'_, TrackedEngine> {
        self.state.lock().unwrap_or_else(|poisoned| {
            log::warn!("engine {} recovered after a panic", self.id);
            self.state.clear_poison();
            poisoned.into_inner()
        })
    }
}

#[derive(Debug)]
struct Registry {
    next_id: jlong,
    engines: HashMap<jlong, Arc<EngineCell>>,
}

static REGISTRY: LazyLock<Mutex<Registry>> = LazyLock::new(|| {
    Mutex::new(Registry {
        next_id: 1,
        engines: HashMap::new(),
    })
});

/// The registry; its critical sections cannot panic, but a poisoned lock is
/// recovered all the same rather than turned into a second failure.
fn registry() -> MutexGuard<'static, Registry> {
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Registers `engine` and returns its new handle.
pub(super) fn insert(engine: Engine) -> jlong {
    let mut registry = registry();
    let id = registry.next_id;
    registry.next_id += 1;
    let cell = EngineCell {
        id,
        state: Mutex::new(TrackedEngine {
            engine,
            observations: 0,
            bad_observations: 0,
        }),
    };
    registry.engines.insert(id, Arc::new(cell));
    id
}

/// The engine of `handle`.
pub(super) fn get(handle: jlong) -> Result<Arc<EngineCell>, BridgeError> {
    let registry = registry();
    match registry.engines.get(&handle) {
        Some(cell) => Ok(Arc::clone(cell)),
        None if handle > 0 && handle < registry.next_id => Err(BridgeError::Closed),
        None => Err(BridgeError::UnknownHandle),
    }
}

/// Closes `handle`; `true` if it was open. Closing a closed handle does
/// nothing; a handle that was never issued is an error.
pub(super) fn remove(handle: jlong) -> Result<bool, BridgeError> {
    let mut registry = registry();
    if handle <= 0 || handle >= registry.next_id {
        return Err(BridgeError::UnknownHandle);
    }
    Ok(registry.engines.remove(&handle).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Locale;

    #[test]
    fn handles_are_fresh_and_closed_ones_stay_closed() {
        let a = insert(Engine::new(Locale::ZhCn));
        let b = insert(Engine::new(Locale::En));
        assert!(b > a && a > 0);
        assert_eq!(get(a).unwrap().id(), a);
        assert!(remove(a).unwrap());
        assert!(!remove(a).unwrap());
        assert!(matches!(get(a), Err(BridgeError::Closed)));
        assert_eq!(get(b).unwrap().lock().engine.locale(), Locale::En);
        assert!(matches!(get(0), Err(BridgeError::UnknownHandle)));
        assert!(matches!(get(-7), Err(BridgeError::UnknownHandle)));
        assert!(matches!(get(jlong::MAX), Err(BridgeError::UnknownHandle)));
        assert!(matches!(
            remove(jlong::MAX),
            Err(BridgeError::UnknownHandle)
        ));
        remove(b).unwrap();
    }

    #[test]
    fn a_lock_poisoned_by_a_panic_is_recovered() {
        let h = insert(Engine::new(Locale::ZhCn));
        let cell = get(h).unwrap();
        let poisoner = Arc::clone(&cell);
        let joined = std::thread::spawn(move || {
            let mut state = poisoner.lock();
            state.observations += 1;
            panic!("poison on purpose");
        })
        .join();
        assert!(joined.is_err());
        assert_eq!(cell.lock().observations, 1);
        assert!(!cell.state.is_poisoned());
        remove(h).unwrap();
    }

    #[test]
    fn a_call_in_flight_keeps_its_engine_after_close() {
        let h = insert(Engine::new(Locale::ZhCn));
        let cell = get(h).unwrap();
        remove(h).unwrap();
        cell.lock().observations += 1;
        assert_eq!(cell.lock().observations, 1);
    }
}
