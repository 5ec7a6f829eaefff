// The binding from Java: admit a case, apply an event, and show a refusal with its code.
// The Kotlin API is plain Java here: a constructor that Kotlin gives default arguments takes
// every argument (null for a default), and `Case` is AutoCloseable.
package utskrivning.example;

import utskrivning.Accepted;
import utskrivning.Case;
import utskrivning.Effect;
import utskrivning.Routine;
import utskrivning.UtskrivningException;

public final class Example {
    private Example() {}

    public static void main(String[] args) throws UtskrivningException {
        try (Case c = Case.Companion.admit("2026-03-02T08:00:00Z", "c-1", Routine.PROFESSIONAL_CHECK_IN, false, null, null, null)) {
            Accepted accepted = c.apply(
                "{\"at\":\"2026-03-02T09:00:00Z\",\"actor\":\"inpatient\",\"type\":\"send_admission_notice\","
                    + "\"to\":[\"care_contact\",\"social_services\"]}");
            for (Effect effect : accepted.getEffects()) {
                System.out.println("effect: " + effect);
            }
            String before = c.state();
            try {
                // Municipal care may not mark the patient ready for discharge: refused, and
                // the case is left as it was.
                c.apply("{\"at\":\"2026-03-02T10:00:00Z\",\"actor\":\"municipal_care\",\"type\":\"mark_ready_for_discharge\"}");
                throw new IllegalStateException("the refusal did not happen");
            } catch (UtskrivningException.NotPermitted e) {
                // Every variant carries `details` (JSON naming fields and roles, never a
                // person's text) and the messages in Swedish and English.
                System.out.println("refused: " + code(e) + " " + e.getDetails());
                System.out.println("  " + e.getMessageEn());
                if (!c.state().equals(before)) throw new IllegalStateException("a refusal changed the case");
                System.out.println("example: " + accepted.getEffects().size() + " effects, refused " + code(e));
            }
        }
    }

    /** The spec's code, from the variant's name: `NotPermitted` is `not_permitted`. */
    static String code(UtskrivningException e) {
        return e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
