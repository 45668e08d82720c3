// Sums vitest JSON reports into one closing line: "N passed, N failed, N skipped".
// Usage: node scripts/sum-test-reports.mjs LABEL=REPORT.json:EXIT_CODE ...
// A run that exited non-zero, or whose report is missing, counts at least one
// failure, so a crash before any test ran still shows in the line. Each run's
// own counts are printed first.
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

for (const argument of process.argv.slice(2)) {
  const match = /^([^=]+)=(.+):(\d+)$/.exec(argument);
  if (!match) {
    console.error(`sum-test-reports: invalid argument "${argument}": expected LABEL=REPORT.json:EXIT_CODE`);
    process.exit(2);
  }
  const [, label, file, exitCode] = match;
  const run = readCounts(file);
  const crashed = Number(exitCode) !== 0 || !fs.existsSync(file);
  const runFailed = crashed && run.failed === 0 ? 1 : run.failed;

  console.log(`${label}: ${run.passed} passed, ${runFailed} failed, ${run.skipped} skipped (exit code ${exitCode})`);
  passed += run.passed;
  failed += runFailed;
  skipped += run.skipped;
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);

function readCounts(file) {
  if (!fs.existsSync(file)) {
    return { passed: 0, failed: 0, skipped: 0 };
  }

  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  // A test file that failed to load has no failed test, so count it as one failure.
  const brokenFiles = (report.testResults ?? []).filter(
    (result) => result.status === 'failed' && !(result.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;

  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}
