//! One poisoning policy for the objects Python holds (`Case`, `Planner`): a change runs inside
//! `catch_unwind`, and a panic poisons every object the change was holding (a planner
//! operation holds the planner and the cases it changes). A poisoned object answers
//! `internal` (`poisoned`) from then on, instead of being trusted half changed.

use std::panic::{AssertUnwindSafe, catch_unwind};

use utskrivning::embed::Internal;

use crate::errors::{Failure, Outcome};

pub struct Guarded<T> {
    inner: T,
    poisoned: bool,
}

/// The right to poison one object, taken with [`Guarded::open`] and spent by [`changing`].
pub struct Mark<'a>(&'a mut bool);

impl<T> Guarded<T> {
    pub fn new(inner: T) -> Self {
        Guarded { inner, poisoned: false }
    }

    /// The object to read; a panic while reading changes nothing, so it does not poison.
    pub fn get(&self) -> Outcome<&T> {
        if self.poisoned { Err(Failure::Internal(Internal::Poisoned)) } else { Ok(&self.inner) }
    }

    /// The object to change, with its mark: pass the mark to [`changing`].
    pub fn open(&mut self) -> Outcome<(&mut T, Mark<'_>)> {
        if self.poisoned {
            return Err(Failure::Internal(Internal::Poisoned));
        }
        Ok((&mut self.inner, Mark(&mut self.poisoned)))
    }

    /// Runs a change of this object alone.
    pub fn change<R>(&mut self, f: impl FnOnce(&mut T) -> Outcome<R>) -> Outcome<R> {
        let (inner, mark) = self.open()?;
        changing([mark], || f(inner))
    }
}

/// Runs a change of the objects whose marks are given: a panic poisons them all and comes out
/// as `internal` (`panic`).
pub fn changing<'a, R>(marks: impl IntoIterator<Item = Mark<'a>>, f: impl FnOnce() -> Outcome<R>) -> Outcome<R> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        for Mark(poisoned) in marks {
            *poisoned = true;
        }
        Err(Failure::Internal(Internal::Panic))
    })
}
