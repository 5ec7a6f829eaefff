// One `apply` through the Kotlin binding, on the events of the Rust benchmark `apply/*`
// (benches/benches/engine.rs): a case with a care request sent (benches/src/fixtures.rs,
// `care_request_ready` and the stream's first event), acknowledged by municipal care (accepted)
// or closed by the care contact (refused: wrong_state). The binding's apply takes JSON text, so
// its one form is the core's `accepted_from_json` plus the crossing (JNA, the typed effects
// read back, the exception of a refusal).
//
// An accepted event changes the case, so each call needs a case of its own, as criterion's
// iter_batched_ref gives Rust: JMH's single-shot mode times a batch of BATCH applies, each on a
// fresh case replayed in the iteration's setup (untimed). A refusal changes nothing, so it is
// timed the usual way, on one case, and so is a call that crosses without JSON (`careType`),
// which shows what the crossing itself costs.
package utskrivning.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import utskrivning.Accepted;
import utskrivning.Case;
import utskrivning.UtskrivningException;

@Fork(1)
public class ApplyBenchmark {
    /** Applies per timed batch (accepted): the score is per batch, so per apply it is score / BATCH. */
    public static final int BATCH = 2_000;

    /** fixtures::care_request_ready() and the stream's first event, as one journal. */
    static final String SENT = "["
        + "{\"at\":\"2026-05-04T08:00:00Z\",\"actor\":\"inpatient\",\"type\":\"admit\",\"case_id\":\"bench-cr\","
        + "\"routine\":\"individual_check_in\",\"municipal_care_at_admission\":false},"
        + "{\"at\":\"2026-05-04T09:00:00Z\",\"actor\":\"inpatient\",\"type\":\"send_admission_notice\","
        + "\"to\":[\"care_contact\",\"social_services\"]},"
        + "{\"at\":\"2026-05-04T10:00:00Z\",\"actor\":\"care_contact\",\"type\":\"assign_care_contact\",\"unit\":\"Vårdcentralen Norr\"},"
        + "{\"at\":\"2026-05-04T10:30:00Z\",\"actor\":\"patient\",\"type\":\"give_consent\",\"purpose\":\"care_request\","
        + "\"written_information_given\":true},"
        + "{\"at\":\"2026-05-04T11:00:00Z\",\"actor\":\"care_contact\",\"type\":\"send_care_request\",\"question\":\"Behov av hemsjukvård?\"}"
        + "]";

    /** The Rust benchmark's `ack_json`, byte for byte (the workspace's serde_json keeps key order). */
    static final String ACK = "{\"at\":\"2026-05-04T11:10:00Z\",\"actor\":\"municipal_care\",\"type\":\"acknowledge_care_request\"}";

    static final String CLOSE = "{\"at\":\"2026-05-04T11:10:00Z\",\"actor\":\"care_contact\",\"type\":\"close_care_request\"}";

    /** BATCH fresh cases with the request sent, made before each timed batch. */
    @State(Scope.Thread)
    public static class Fresh {
        Case[] cases = new Case[BATCH];
        int next;

        @Setup(Level.Iteration)
        public void replay() throws UtskrivningException {
            for (int i = 0; i < BATCH; i++) cases[i] = Case.Companion.replay(SENT);
            next = 0;
        }

        @TearDown(Level.Iteration)
        public void close() {
            for (Case c : cases) c.close();
        }
    }

    /** One case with the request sent, for the refusal (which leaves it as it was). */
    @State(Scope.Thread)
    public static class Sent {
        Case c;

        @Setup(Level.Trial)
        public void replay() throws UtskrivningException {
            c = Case.Companion.replay(SENT);
        }

        @TearDown(Level.Trial)
        public void close() {
            c.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 10, batchSize = BATCH)
    @Measurement(iterations = 15, batchSize = BATCH)
    public Accepted acceptedFromJson(Fresh fresh) throws UtskrivningException {
        return fresh.cases[fresh.next++].apply(ACK);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 5, time = 1)
    @Measurement(iterations = 10, time = 1)
    public Object refusedWrongState(Sent sent) {
        try {
            return sent.c.apply(CLOSE);
        } catch (UtskrivningException.WrongState e) {
            return e;
        } catch (UtskrivningException e) {
            throw new IllegalStateException("expected wrong_state", e);
        }
    }

    /** The crossing alone: a call that reads one enum off the case (no JSON either way). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 5, time = 1)
    @Measurement(iterations = 10, time = 1)
    public Object crossingCareType(Sent sent) throws UtskrivningException {
        return sent.c.careType();
    }

    /**
     * A bare JNA call into the library (uniffi's contract version: no handle, no status
     * structure, no buffer), against which `crossingCareType` shows what uniffi's call
     * machinery adds.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 5, time = 1)
    @Measurement(iterations = 10, time = 1)
    public int crossingBare() {
        return utskrivning.IntegrityCheckingUniffiLib.INSTANCE.ffi_utskrivning_uniffi_uniffi_contract_version();
    }

    /** The journal of `SENT` after its `admit`, and the acknowledgement: five accepted events. */
    static final List<String> FIVE = List.of(
        "{\"at\":\"2026-05-04T09:00:00Z\",\"actor\":\"inpatient\",\"type\":\"send_admission_notice\",\"to\":[\"care_contact\",\"social_services\"]}",
        "{\"at\":\"2026-05-04T10:00:00Z\",\"actor\":\"care_contact\",\"type\":\"assign_care_contact\",\"unit\":\"Vårdcentralen Norr\"}",
        "{\"at\":\"2026-05-04T10:30:00Z\",\"actor\":\"patient\",\"type\":\"give_consent\",\"purpose\":\"care_request\",\"written_information_given\":true}",
        "{\"at\":\"2026-05-04T11:00:00Z\",\"actor\":\"care_contact\",\"type\":\"send_care_request\",\"question\":\"Behov av hemsjukvård?\"}",
        ACK);
    static final String ADMITTED = SENT.substring(0, SENT.indexOf("},{") + 1) + "]";

    /** BATCH fresh admitted cases, for the five events one by one or in one `applyMany`. */
    @State(Scope.Thread)
    public static class Admitted {
        Case[] cases = new Case[BATCH];
        int next;

        @Setup(Level.Iteration)
        public void replay() throws UtskrivningException {
            for (int i = 0; i < BATCH; i++) cases[i] = Case.Companion.replay(ADMITTED);
            next = 0;
        }

        @TearDown(Level.Iteration)
        public void close() {
            for (Case c : cases) c.close();
        }
    }

    /** Five accepted events, five crossings (score / BATCH / 5 per event). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 10, batchSize = BATCH)
    @Measurement(iterations = 15, batchSize = BATCH)
    public Object fiveByApply(Admitted fresh) throws UtskrivningException {
        Case c = fresh.cases[fresh.next++];
        Object last = null;
        for (String event : FIVE) last = c.apply(event);
        return last;
    }

    /** The same five events in one crossing. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 10, batchSize = BATCH)
    @Measurement(iterations = 15, batchSize = BATCH)
    public Object fiveByApplyMany(Admitted fresh) throws UtskrivningException {
        return fresh.cases[fresh.next++].applyMany(FIVE);
    }
}
