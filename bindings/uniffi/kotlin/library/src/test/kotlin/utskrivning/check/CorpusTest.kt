// The corpus and the error paths as JUnit 5 tests, one dynamic test per scenario file, session
// file and error path. Each part also prints the lines the Rust runner prints (`ok   FILE  NAME`,
// `FAIL ...`) and a summary (`driver: N written, M failed`, `sessions: ...`, `error paths: ...`):
// the xtask reads those, compares the sessions' outcomes with Rust's and lets the Rust comparer
// (`scenarios --driven`) judge the driver's lines. Run from the repository root (surefire's
// working directory), so the files are named as the Rust runner names them.
package utskrivning.check

import java.io.File
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory

/** The corpus's JSON files under `dir`, sorted as the xtask sorts them. */
private fun corpus(dir: String): List<String> =
    (File(dir).listFiles() ?: emptyArray()).map { it.path }.filter { it.endsWith(".json") }.sorted()

/** Counts a part's outcomes and prints its summary line once the part has run. */
internal class Tally(private val part: String, private val passedWord: String = "passed") {
    private var passed = 0
    private var failed = 0

    /** Runs one test: counts it, and rethrows its failure so JUnit reports it too. */
    fun run(block: () -> Unit) {
        try {
            block()
            passed++
        } catch (e: Throwable) {
            failed++
            throw e
        }
    }

    fun print() = println("$part: $passed $passedWord, $failed failed")
}

/**
 * The corpus driver: each scenario file applied step by step into the conformance folder
 * (system property `utskrivning.conformance`), and `policies.json`. It judges nothing itself.
 */
class DriverTest {
    @TestFactory
    fun driver(): List<DynamicTest> {
        val dir = File(System.getProperty("utskrivning.conformance") ?: "target/conformance/kotlin")
        // A fresh folder: a scenario the driver skipped shows as missing, not as an old pass.
        dir.deleteRecursively()
        dir.mkdirs()
        return (corpus("tests/scenarios") + "policies").map { file ->
            DynamicTest.dynamicTest(file) {
                tally.run {
                    try {
                        if (file == "policies") writePolicies(dir) else drive(File(file), dir)
                    } catch (e: Exception) {
                        println("FAIL driver: $file")
                        println("     ${e.javaClass.simpleName}: ${e.message}")
                        throw e
                    }
                }
            }
        }
    }

    companion object {
        private val tally = Tally("driver", "written")

        @JvmStatic
        @AfterAll
        fun summary() = tally.print()
    }
}

/** The session scenarios (tests/sessions) through the Kotlin `Planner`. */
class SessionsTest {
    @TestFactory
    fun sessions(): List<DynamicTest> = corpus("tests/sessions").map { file ->
        DynamicTest.dynamicTest(file) {
            tally.run {
                val report = try {
                    runSessionScenario(File(file).readText())
                } catch (e: Exception) {
                    Report(file, listOf("${e.javaClass.simpleName}: ${e.message}"))
                }
                if (report.passed) {
                    println("ok   $file  ${report.name}")
                } else {
                    println("FAIL $file  ${report.name}")
                    report.failures.forEach { println("     $it") }
                    throw AssertionError(report.failures.joinToString("; "))
                }
            }
        }
    }

    companion object {
        private val tally = Tally("sessions")

        @JvmStatic
        @AfterAll
        fun summary() = tally.print()
    }
}

/** The bindings' own behaviour beyond the corpus: every list of error paths. */
class ErrorPathsTest {
    @TestFactory
    fun errorPaths(): List<DynamicTest> =
        (errorPaths + plannerErrorPaths + messagePaths + worklistPaths + keyedSnapshotPaths + strictInputPaths + indicatorPaths)
            .map { (name, test) ->
                DynamicTest.dynamicTest(name) {
                    tally.run {
                        try {
                            test()
                            println("ok   error path: $name")
                        } catch (e: Throwable) {
                            println("FAIL error path: $name")
                            println("     ${e.javaClass.simpleName}: ${e.message}")
                            throw e
                        }
                    }
                }
            }

    companion object {
        private val tally = Tally("error paths")

        @JvmStatic
        @AfterAll
        fun summary() = tally.print()
    }
}

class Report(val name: String, val failures: List<String>) {
    val passed: Boolean get() = failures.isEmpty()
}
