// Runs the scenario files given as arguments, then the error paths. Prints `ok`/`FAIL` per
// scenario as the Rust runner does, a line per part, and ends with `N passed, M failed`.
package utskrivning.check

import java.io.File
import kotlin.system.exitProcess

fun main(args: Array<String>) {
    var corpusPassed = 0
    var corpusFailed = 0
    for (file in args) {
        val report = try {
            runScenario(File(file).readText())
        } catch (e: Exception) {
            Report(file, listOf("${e.javaClass.simpleName}: ${e.message}"))
        }
        if (report.passed) {
            corpusPassed++
            println("ok   $file  ${report.name}")
        } else {
            corpusFailed++
            println("FAIL $file  ${report.name}")
            report.failures.forEach { println("     $it") }
        }
    }
    println("corpus: $corpusPassed passed, $corpusFailed failed")

    var pathsPassed = 0
    var pathsFailed = 0
    for ((name, test) in errorPaths) {
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

    val failed = corpusFailed + pathsFailed
    println("${corpusPassed + pathsPassed} passed, $failed failed")
    exitProcess(if (failed == 0) 0 else 1)
}
