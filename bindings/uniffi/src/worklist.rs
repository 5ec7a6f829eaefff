//! Worklists (spec: Worklists) over the cases the app passes. Each case is a mutex: the call
//! refuses a case given twice before it locks any (locking one mutex twice would deadlock), then
//! locks the cases in one order, by address, whatever order they were given in, so two calls
//! over the same cases from two threads cannot each hold what the other waits for. The core then
//! checks, before it reads any case: a `case_id` given twice (two objects of one id), then
//! `patient` and `relative`.

use std::sync::{Arc, MutexGuard};

use utskrivning::{self as engine, Error, Problem};

use crate::case::{Case, timestamp};
use crate::error::{Result, guard};
use crate::types::WorklistItem;
use crate::vocab::Role;

/// The worklist of `role` at `at` (RFC 3339) over `cases`, sorted as the spec says; `unit`
/// narrows a care contact's list to the cases whose assigned unit is exactly `unit`. A malformed
/// `at` or a case given twice is `InvalidInput` (`{"field":"cases","problem":"duplicate"}`),
/// then `patient` and `relative` are `NotPermitted`, all before any case is read. Every case
/// that gives an item logs the read in its own access log (action `worklist`).
#[uniffi::export(default(unit = None))]
pub fn worklist(role: Role, at: String, cases: Vec<Arc<Case>>, unit: Option<String>) -> Result<Vec<WorklistItem>> {
    guard(|| {
        let at = timestamp(&at)?;
        let mut held = lock_in_address_order(&cases)?;
        // Back to the caller's order: the core's sort decides the answer's order anyway, but
        // the cases are handed on as given.
        held.sort_by_key(|(place, _)| *place);
        let mut refs: Vec<&mut engine::Case> = held.iter_mut().map(|(_, g)| &mut **g).collect();
        let items = engine::worklist(role.into(), at, &mut refs, unit.as_deref())?;
        Ok(items.into_iter().map(WorklistItem::from).collect())
    })
}

/// Each case locked once, by address, with its place in `cases`; a case given twice (the same
/// object) is refused before any is locked.
pub(crate) fn lock_in_address_order(cases: &[Arc<Case>]) -> Result<Vec<(usize, MutexGuard<'_, engine::Case>)>> {
    let mut by_address: Vec<(usize, &Arc<Case>)> = cases.iter().enumerate().collect();
    by_address.sort_by_key(|(_, case)| Arc::as_ptr(case) as usize);
    if by_address.windows(2).any(|pair| matches!(pair, [(_, a), (_, b)] if Arc::ptr_eq(a, b))) {
        return Err(Error::invalid("cases", Problem::Duplicate).into());
    }
    by_address.into_iter().map(|(place, case)| Ok((place, case.lock()?))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{Routine, WorkKind};

    const AT: &str = "2026-03-02T08:00:00Z";

    fn admitted(id: &str) -> Arc<Case> {
        let case = Case::admit(AT.into(), id.into(), Routine::ProfessionalCheckIn, false, None, None, None)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let notice =
            r#"{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact"]}"#;
        case.apply(notice.into()).unwrap_or_else(|e| panic!("{e:?}"));
        case
    }

    fn details(e: &crate::UtskrivningError) -> String {
        match e {
            crate::UtskrivningError::InvalidInput { details, .. }
            | crate::UtskrivningError::NotPermitted { details, .. } => details.clone(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn items_are_the_cores() {
        let (a, b) = (admitted("c-2"), admitted("c-1"));
        let items = worklist(Role::CareContact, "2026-03-02T10:00:00Z".into(), vec![a.clone(), b.clone()], None)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let core = {
            let (mut ga, mut gb) =
                (a.lock().unwrap_or_else(|e| panic!("{e:?}")), b.lock().unwrap_or_else(|e| panic!("{e:?}")));
            let at = timestamp("2026-03-02T10:00:00Z").unwrap_or_else(|e| panic!("{e:?}"));
            // The core logs the reads too; the items are what is compared.
            engine::worklist(engine::Role::CareContact, at, &mut [&mut *ga, &mut *gb], None)
                .unwrap_or_else(|e| panic!("{e:?}"))
        };
        assert_eq!(items, core.into_iter().map(WorklistItem::from).collect::<Vec<_>>());
        let kinds: Vec<_> = items.iter().map(|i| (i.case_id.as_str(), i.kind, i.reference.as_deref())).collect();
        assert_eq!(
            kinds,
            [("c-1", WorkKind::AcknowledgeMessage, Some("m1")), ("c-2", WorkKind::AcknowledgeMessage, Some("m1"))]
        );
        let logged = a.access_log().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(logged.last().map(|e| e.action), Some(crate::vocab::AccessAction::Worklist));
    }

    #[test]
    fn the_same_case_twice_is_refused_before_locking() {
        let a = admitted("c-1");
        let before = a.snapshot(None).unwrap_or_else(|e| panic!("{e:?}"));
        // The same object twice would deadlock on its mutex if it were locked twice.
        let e = worklist(Role::CareContact, AT.into(), vec![a.clone(), admitted("c-2"), a.clone()], None)
            .err()
            .unwrap_or_else(|| panic!("accepted"));
        assert_eq!(e.code(), "invalid_input");
        assert_eq!(details(&e), r#"{"field":"cases","problem":"duplicate"}"#);
        // Before not_permitted, as the spec orders the checks.
        let e = worklist(Role::Patient, AT.into(), vec![a.clone(), a.clone()], None).err();
        assert_eq!(e.map(|e| e.code()), Some("invalid_input"));
        assert_eq!(a.snapshot(None).unwrap_or_else(|e| panic!("{e:?}")), before);
    }

    #[test]
    fn two_objects_of_one_case_id_are_the_cores_duplicate() {
        let (a, b) = (admitted("c-1"), admitted("c-1"));
        let e = worklist(Role::CareContact, AT.into(), vec![a, b], None).err().unwrap_or_else(|| panic!("accepted"));
        assert_eq!(details(&e), r#"{"field":"cases","problem":"duplicate"}"#);
    }

    #[test]
    fn refusals_touch_no_case() {
        let a = admitted("c-1");
        let before = a.snapshot(None).unwrap_or_else(|e| panic!("{e:?}"));
        for role in [Role::Patient, Role::Relative] {
            let e = worklist(role, AT.into(), vec![a.clone()], None).err().unwrap_or_else(|| panic!("accepted"));
            assert_eq!(e.code(), "not_permitted");
        }
        let e = worklist(Role::CareContact, "Anna Svensson".into(), vec![a.clone()], None)
            .err()
            .unwrap_or_else(|| panic!("accepted"));
        assert_eq!(e.code(), "invalid_input");
        assert!(!details(&e).contains("Anna"));
        assert_eq!(a.snapshot(None).unwrap_or_else(|e| panic!("{e:?}")), before);
    }

    #[test]
    fn opposite_orders_from_two_threads_do_not_deadlock() {
        let cases: Vec<Arc<Case>> = (1..=4).map(|n| admitted(&format!("c-{n}"))).collect();
        let reversed: Vec<Arc<Case>> = cases.iter().rev().cloned().collect();
        let threads: Vec<_> = [cases, reversed]
            .into_iter()
            .map(|list| {
                std::thread::spawn(move || {
                    for _ in 0..200 {
                        let items = worklist(Role::CareContact, "2026-03-02T10:00:00Z".into(), list.clone(), None);
                        assert_eq!(items.map(|i| i.len()).ok(), Some(4));
                    }
                })
            })
            .collect();
        for t in threads {
            assert!(t.join().is_ok());
        }
    }
}
