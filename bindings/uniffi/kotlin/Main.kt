// Runs the scenario files given as arguments (after `--sessions`: session scenario files), then
// the error paths. Prints `ok`/`FAIL` per scenario as the Rust runner does, a line per part, and
// ends with `N passed, M failed`.
package utskrivning.check

import java.io.File
import kotlin.system.exitProcess

fun main(args: Array<String>) {
    val split = args.indexOf("--sessions").let { if (it < 0) args.size else it }
    val (corpusPassed, corpusFailed) = runFiles(args.take(split), ::runScenario)
    println("corpus: $corpusPassed passed, $corpusFailed failed")
    val (sessionsPassed, sessionsFailed) = runFiles(args.drop(split + 1), ::runSessionScenario)
    println("sessions: $sessionsPassed passed, $sessionsFailed failed")

    var pathsPassed = 0
    var pathsFailed = 0
    for ((name, test) in errorPaths + plannerErrorPaths) {
        try {
            test()
            pathsPassed++
            println("ok   error path: $name")
        } catch (e: Throwable) {
            pathsFailed++
            println("FAIL error path: $name")
            println("     ${e.javaClass.simpleName}: ${e.message}")
        }
    }
    println("error paths: $pathsPassed passed, $pathsFailed failed")

    val failed = corpusFailed + sessionsFailed + pathsFailed
    println("${corpusPassed + sessionsPassed + pathsPassed} passed, $failed failed")
    exitProcess(if (failed == 0) 0 else 1)
}

/** Runs each file, printing `ok`/`FAIL` lines as the Rust runner does: (passed, failed). */
private fun runFiles(files: List<String>, run: (String) -> Report): Pair<Int, Int> {
    var passed = 0
    var failed = 0
    for (file in files) {
        val report = try {
            run(File(file).readText())
        } catch (e: Exception) {
            Report(file, listOf("${e.javaClass.simpleName}: ${e.message}"))
        }
        if (report.passed) {
            passed++
            println("ok   $file  ${report.name}")
        } else {
            failed++
            println("FAIL $file  ${report.name}")
            report.failures.forEach { println("     $it") }
        }
    }
    return passed to failed
}
