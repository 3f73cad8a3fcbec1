// Mocha's spec output, closed by the plain "N passed, N failed" line that CI reads.
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
    runner.on('pending', () => skipped++);
    runner.once('end', () => {
      const label = process.env.SUITE_LABEL ? `${process.env.SUITE_LABEL}: ` : '';
      const skippedText = skipped ? `, ${skipped} skipped` : '';
      console.log(`${label}${passed} passed, ${failed} failed${skippedText}`);
    });
  }
}

module.exports = CountingReporter;
