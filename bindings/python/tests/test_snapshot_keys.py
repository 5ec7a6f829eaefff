"""Keyed snapshots (spec: Tamper evidence): the chain under the embedding system's key, given
as `bytes` or `str`; a version 1 snapshot under a key; the key never in an error. And the GIL:
restore, replay and a big snapshot let other Python threads run."""

from __future__ import annotations

import json
import pickle
import sys
import threading
import time
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest

from utskrivning import Case, InvalidInput, UtskrivningError

KEY = b"the record system's secret \x00\xff"
TAMPERED = {"field": "journal", "problem": "tampered"}
UNSIGNED = {"field": "version", "problem": "unsigned"}


def invalid(call: Callable[[], Any]) -> Dict[str, Any]:
    with pytest.raises(InvalidInput) as e:
        call()
    return e.value.details


def version_1(snapshot: str) -> Dict[str, Any]:
    """The snapshot as version 1 wrote it: no chain."""
    old: Dict[str, Any] = json.loads(snapshot)
    old["version"] = 1
    del old["chain"]
    return old


def test_a_keyed_snapshot_restores_under_its_key_only(planning: Case) -> None:
    signed = planning.snapshot(key=KEY)
    assert json.loads(signed)["version"] == 2
    assert signed != planning.snapshot() and KEY.decode("latin-1") not in signed
    for form in (signed, json.loads(signed)):
        restored = Case.restore(form, key=KEY)
        assert restored.snapshot(key=KEY) == signed and restored.state == planning.state
        assert invalid(lambda: Case.restore(form, key=b"another key")) == TAMPERED
        assert invalid(lambda: Case.restore(form)) == TAMPERED
        assert invalid(lambda: Case.restore(form, None)) == TAMPERED
    # And an unkeyed one does not restore under a key.
    assert invalid(lambda: Case.restore(planning.snapshot(), key=KEY)) == TAMPERED


def test_a_str_key_is_its_utf_8() -> None:
    case = Case.admit(at="2026-03-02T08:00:00Z", case_id="c-k", routine="individual_check_in",
                      municipal_care_at_admission=False)
    key = "nyckel för Region Örebro län"
    signed = case.snapshot(key)
    assert signed == case.snapshot(key=key.encode("utf-8"))
    assert Case.restore(signed, key.encode("utf-8")).snapshot(key) == signed
    assert invalid(lambda: Case.restore(signed, key.encode("latin-1"))) == TAMPERED
    assert case.snapshot(b"") != case.snapshot()  # an empty key is a key: HMAC, not SHA-256


def test_a_version_1_snapshot_restores_without_a_key_and_under_one_only_as_an_upgrade(planning: Case) -> None:
    old = version_1(planning.snapshot())
    assert Case.restore(old).state == planning.state
    assert Case.restore(json.dumps(old)).snapshot() == planning.snapshot()  # version 2 from now on
    assert Case.restore(old, upgrade_unsigned=True).snapshot() == planning.snapshot()
    for form in (old, json.dumps(old)):
        assert invalid(lambda: Case.restore(form, key=KEY)) == UNSIGNED
        assert invalid(lambda: Case.restore(form, key=KEY, upgrade_unsigned=False)) == UNSIGNED
        upgraded = Case.restore(form, key=KEY, upgrade_unsigned=True)
        assert upgraded.snapshot(key=KEY) == planning.snapshot(key=KEY)
        assert Case.restore(upgraded.snapshot(key=KEY), key=KEY).state == planning.state


def test_bad_keys_and_flags_name_the_field_and_never_the_key(planning: Case) -> None:
    signed = planning.snapshot(key=KEY)
    for key in (5, bytearray(KEY), ["k"], "\ud800"):
        assert invalid(lambda: Case.restore(signed, key=key)) == {"field": "key", "problem": "wrong_type"}  # type: ignore[arg-type]
        assert invalid(lambda: planning.snapshot(key=key)) == {"field": "key", "problem": "wrong_type"}  # type: ignore[arg-type]
    for flag in (1, "yes", b""):
        assert invalid(lambda: Case.restore(signed, key=KEY, upgrade_unsigned=flag)) == {  # type: ignore[arg-type]
            "field": "upgrade_unsigned", "problem": "wrong_type"}
    with pytest.raises(TypeError):
        Case.restore(signed, KEY, True)  # type: ignore[call-arg]
    secret = "hemlig-nyckel-4711"
    refusals: List[Callable[[], Any]] = [lambda: Case.restore(planning.snapshot(key="other"), key=secret),
                lambda: Case.restore(version_1(planning.snapshot()), key=secret),
                lambda: Case.restore("{", key=secret)]
    for refusal in refusals:
        with pytest.raises(UtskrivningError) as e:
            refusal()
        error = e.value
        seen = [str(error), repr(error), error.message_sv, json.dumps(error.details), str(error.args),
                str(pickle.loads(pickle.dumps(error)).__dict__), str(error.__traceback__ and error.__cause__)]
        assert not any(secret in s or "4711" in s for s in seen)


def test_pickle_and_copy_stay_unkeyed(planning: Case) -> None:
    again = pickle.loads(pickle.dumps(planning))
    assert again.snapshot() == planning.snapshot() and again.snapshot(KEY) == planning.snapshot(KEY)


# The GIL: a thread that counts makes progress while the binding works in Rust.

EVENTS = 60_000


@pytest.fixture(scope="module")
def big() -> Iterator[Tuple[Case, str]]:
    """A case with a journal of 60 000 events, and its snapshot."""
    case = Case.admit(at="2026-03-02T08:00:00Z", case_id="c-big", routine="professional_check_in",
                      municipal_care_at_admission=False)
    question = {"type": "raise_question", "at": "2026-03-02T09:00:00Z", "actor": "patient", "text": "Och sen?",
                "concerns_inpatient": True}
    case.apply_many([question] * (EVENTS - 1))
    yield case, case.snapshot()


def another_thread_ran_during(call: Callable[[], Any]) -> bool:
    """Whether another thread ran Python code while `call()` ran. With a switch interval of a
    second the main thread keeps the GIL until it gives it up itself, so a thread woken just
    before the call can run inside it only if the binding lets the GIL go there: a binding that
    holds it never passes, whatever the machine's load. Three tries, so that a busy scheduler
    that wakes the thread late cannot fail one that lets it go. (No timing is compared.)"""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1.0)
    try:
        for _ in range(3):
            go = threading.Event()
            state = {"in_call": False, "seen_in_call": False}

            def watcher() -> None:
                go.wait()
                state["seen_in_call"] = state["in_call"]

            thread = threading.Thread(target=watcher, daemon=True)
            thread.start()
            time.sleep(0.01)  # the watcher waits for `go`, without the GIL
            state["in_call"] = True
            go.set()
            call()
            state["in_call"] = False
            thread.join()
            if state["seen_in_call"]:
                return True
        return False
    finally:
        sys.setswitchinterval(old)


def test_another_thread_runs_during_a_long_restore(big: Tuple[Case, str]) -> None:
    case, snapshot = big
    restored: Dict[str, Case] = {}
    assert another_thread_ran_during(lambda: restored.setdefault("case", Case.restore(snapshot)))
    assert f"events={EVENTS})" in repr(restored["case"])


def test_another_thread_runs_during_a_long_replay_and_a_big_snapshot(big: Tuple[Case, str]) -> None:
    case, snapshot = big
    journal = json.dumps(json.loads(snapshot)["journal"])
    assert another_thread_ran_during(lambda: Case.replay(journal)), "replay"
    written: Dict[str, str] = {}
    assert another_thread_ran_during(lambda: written.setdefault("snapshot", case.snapshot())), "snapshot"
    assert written["snapshot"] == snapshot


def test_a_binding_that_holds_the_gil_is_caught() -> None:
    """The check itself: a call that keeps the GIL (pure Python that never blocks) fails it."""
    def busy() -> None:
        deadline = time.perf_counter() + 0.05
        while time.perf_counter() < deadline:
            pass

    assert not another_thread_ran_during(busy)


def test_the_case_stays_usable_by_other_threads_during_its_big_snapshot(big: Tuple[Case, str]) -> None:
    """A big snapshot is written from a copy: no borrow of the case is held without the GIL,
    so another thread may change the case meanwhile (it would find it borrowed otherwise)."""
    _, snapshot = big
    case = Case.restore(snapshot)
    written: Dict[str, str] = {}
    writer = threading.Thread(target=lambda: written.setdefault("snapshot", case.snapshot()))
    writer.start()
    time.sleep(0.3)
    case.apply({"type": "raise_question", "at": "2026-03-02T10:00:00Z", "actor": "patient", "text": "Och nu?",
                "concerns_inpatient": True})
    writer.join()
    assert f"events={EVENTS + 1})" in repr(case)
    assert written["snapshot"] == snapshot or written["snapshot"] == case.snapshot()
