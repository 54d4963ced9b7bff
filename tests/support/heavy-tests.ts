/**
 * CI runs the whole suite on Node 20 (the machines) and on Node 24 (what the image ships). The chaos
 * scenarios' short versions and the payload fuzzer take minutes, so `.ci/run` runs them once per
 * database, on Node 24, and sets FIREBREAK_SKIP_HEAVY_TESTS=1 for the Node 20 passes; `npm test` and
 * any other run always include them.
 */
export const heavyTestsRunHere = process.env.FIREBREAK_SKIP_HEAVY_TESTS !== '1';
