// `MainKt DIR FILE... --sessions FILE...`: drives the scenario files into DIR (judged later by
// the Rust comparer) and writes DIR/policies.json, then runs the session scenarios and the
// error paths. Prints a summary line per part and ends with `N passed, M failed`.
package utskrivning.check

import java.io.File
import kotlin.system.exitProcess

fun main(args: Array<String>) {
    val dir = File(args.firstOrNull() ?: "target/conformance/kotlin")
    val rest = args.drop(1)
    val split = rest.indexOf("--sessions").let { if (it < 0) rest.size else it }
    dir.mkdirs()
    var written = 0
    var unwritten = 0
    for (file in rest.take(split) + listOf("policies")) {
        try {
            if (file == "policies") writePolicies(dir) else drive(File(file), dir)
            written++
        } catch (e: Exception) {
            unwritten++
            println("FAIL driver: $file")
            println("     ${e.javaClass.simpleName}: ${e.message}")
        }
    }
    println("driver: $written written, $unwritten failed")
    val (sessionsPassed, sessionsFailed) = runFiles(rest.drop(split + 1), ::runSessionScenario)
    println("sessions: $sessionsPassed passed, $sessionsFailed failed")

    var pathsPassed = 0
    var pathsFailed = 0
    for ((name, test) in errorPaths + plannerErrorPaths + messagePaths + worklistPaths + keyedSnapshotPaths + strictInputPaths + indicatorPaths) {
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

    val failed = unwritten + sessionsFailed + pathsFailed
    println("${sessionsPassed + pathsPassed} passed, $failed failed")
    exitProcess(if (failed == 0) 0 else 1)
}

class Report(val name: String, val failures: List<String>) {
    val passed: Boolean get() = failures.isEmpty()
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
